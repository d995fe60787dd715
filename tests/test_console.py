"""What `chapbook build` prints: a live display on a terminal only, a summary per output
(path, pages or slides, size, time), warnings grouped, `-q`, and `--json`."""

from __future__ import annotations

import io
import json
import logging
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from lectures import line_of, write_lecture
from pptx import Presentation

from chapbook import console
from chapbook.build import Built
from chapbook.cli import main
from chapbook.console import Display, JsonDisplay, Warned, grouped

SOURCE = """\
---
title: Printing
---

# One

Text with ![](missing.png) a missing image.

More text with ![](gone.png) another.

# Two

Three words here.
"""


def test_the_same_warning_at_several_lines_is_one_line_naming_them_all():
    warnings = [Warned("a.md", 7, "raw HTML: its text"), Warned("a.md", 3, "not found"),
                Warned("a.md", 9, "raw HTML: its text"), Warned("a.md", 7, "raw HTML: its text"),
                Warned("a.md", 12, "raw HTML: its text")]
    assert grouped(warnings) == ["a.md:7: warning: raw HTML: its text (also lines 9, 12)",
                                 "a.md:3: warning: not found"]


def test_a_warning_repeated_by_several_outputs_is_shown_once():
    twice = [Warned("a.md", None, "slide 'X' is too long"), Warned(None, None, "booklet: odd"),
             Warned("a.md", None, "slide 'X' is too long"), Warned(None, None, "booklet: odd")]
    assert grouped(twice) == ["a.md: warning: slide 'X' is too long",
                              "chapbook: warning: booklet: odd"]


def _built(tmp_path: Path) -> list[Built]:
    (tmp_path / "x.pdf").write_bytes(b"%" * 2048)
    (tmp_path / "x.pptx").write_bytes(b"P" * 5000)
    return [Built(tmp_path / "x.pdf", 3.25, "pdf", 16, "page"),
            Built(tmp_path / "x.pptx", 0.5, "pptx", 1, "slide")]


def test_the_summary_names_each_output_with_its_length_size_and_time(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    display = Display(out=out, err=err)
    display.lecture(tmp_path, _built(tmp_path), [Warned("a.md", 2, "odd")], None)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["wrote", str(tmp_path / "x.pdf"), "16", "pages", "2", "KB",
                                "3.2", "s"]
    assert lines[1].split()[2:] == ["1", "slide", "5", "KB", "0.5", "s"]
    assert "1 warning above" in lines[2]
    assert err.getvalue() == "a.md:2: warning: odd\n"
    assert "\x1b" not in out.getvalue() + err.getvalue()


def test_quiet_prints_only_the_error(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    display = Display(quiet=True, out=out, err=err)
    display.lecture(tmp_path, _built(tmp_path), [Warned("a.md", 2, "odd")], None)
    display.lecture(tmp_path, [], [], "a.md:3: broken")
    display.finish(2, [tmp_path])
    assert err.getvalue() == "a.md:3: broken\n"
    assert out.getvalue().startswith("built 1 of 2 lectures")


def test_json_is_one_document_with_outputs_and_warnings(tmp_path):
    display = JsonDisplay()
    display.out = io.StringIO()
    display.lecture(tmp_path, _built(tmp_path), [Warned("a.md", 2, "odd")], None)
    display.finish(1, [])
    document = json.loads(display.out.getvalue())
    assert document["ok"] is True
    (lecture,) = document["lectures"]
    assert [o["format"] for o in lecture["outputs"]] == ["pdf", "pptx"]
    assert lecture["outputs"][0] | {"seconds": 0} == {
        "format": "pdf", "path": str(tmp_path / "x.pdf"), "bytes": 2048, "seconds": 0,
        "count": 16, "unit": "page"}
    assert lecture["warnings"] == [{"path": "a.md", "line": 2, "message": "odd"}]


def test_build_json_reads_back_as_the_deck_it_wrote(tmp_path, capsys, caplog):
    folder = write_lecture(tmp_path, SOURCE)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--format", "pptx", "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # the warnings are in the document
    document = json.loads(captured.out)
    (output,) = document["lectures"][0]["outputs"]
    deck = Presentation(output["path"])
    assert (output["count"], output["unit"]) == (len(deck.slides), "slide")
    assert output["bytes"] == (out / "lecture.pptx").stat().st_size
    lines = sorted(w["line"] for w in document["lectures"][0]["warnings"]
                   if "not found" in w["message"])
    assert lines == [line_of(SOURCE, "missing.png"), line_of(SOURCE, "gone.png")]
    assert all(r.levelno == logging.WARNING for r in caplog.records)  # still logged


def test_build_json_reports_a_failed_lecture(tmp_path, capsys):
    folder = write_lecture(tmp_path, "---\ntitle: [broken\n---\n\n# A\n")
    assert main(["build", str(folder), "--out", str(tmp_path / "o"), "--json"]) == 1
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["ok"] is False
    assert document["lectures"][0]["error"].startswith(f"{folder / 'lecture.md'}:2: ")
    assert captured.err.count("\n") == 1  # the error line, for a person reading the log


def _command(folder: Path, out: Path) -> list[str]:
    code = ("import sys; from chapbook import console; console.DELAY = 0; "
            "from chapbook.cli import main; sys.exit(main(sys.argv[1:]))")
    return [sys.executable, "-c", code, "build", str(folder), "--out", str(out),
            "--format", "pptx"]


@pytest.mark.slow
def test_no_escape_codes_when_not_on_a_terminal(tmp_path):
    folder = write_lecture(tmp_path, SOURCE)
    done = subprocess.run(_command(folder, tmp_path / "out"), capture_output=True, text=True,
                          check=True)
    assert "wrote" in done.stdout and "not found" in done.stderr
    assert "\x1b" not in done.stdout + done.stderr


@pytest.mark.slow
def test_a_terminal_sees_what_is_being_built_then_the_summary(tmp_path):
    folder = write_lecture(tmp_path, SOURCE)
    main_fd, child_fd = pty.openpty()
    env = dict(os.environ, TERM="xterm", COLUMNS="100")
    proc = subprocess.Popen(_command(folder, tmp_path / "out"), stdout=child_fd,
                            stderr=child_fd, stdin=subprocess.DEVNULL, env=env)
    os.close(child_fd)
    seen = b""
    while True:
        ready, _, _ = select.select([main_fd], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=60) == 0
    os.close(main_fd)
    text = seen.decode("utf-8", "replace")
    assert "lecture: rendering pptx" in text  # the live line, while it builds
    assert "\x1b[" in text
    assert "wrote " in text and "slides" in text
    assert text.index("rendering pptx") < text.index("wrote ")


def test_the_live_display_is_only_for_a_terminal(monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert type(console.display_for(False, False)) is Display
    assert type(console.display_for(False, True)) is JsonDisplay
