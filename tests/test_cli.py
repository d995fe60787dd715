"""The `chapbook` command: outputs, formats, one-line errors, exit codes, nothing lost."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

from chapbook.cli import main


@pytest.fixture
def lecture(tmp_path) -> Path:
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "full", folder)
    return folder


@pytest.mark.slow
def test_build_writes_both_outputs_named_after_the_folder(lecture, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(lecture), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["talk.pdf", "talk.pptx"]
    assert "wrote" in capsys.readouterr().out


@pytest.mark.slow
def test_format_limits_what_is_built(lecture, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(lecture), "--out", str(out), "--format", "pptx", "-q"]) == 0
    assert [p.name for p in out.iterdir()] == ["talk.pptx"]


@pytest.mark.slow
def test_a_bad_lecture_gets_one_line_and_leaves_previous_outputs(lecture, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(lecture), "--out", str(out), "-q"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    source = lecture / "lecture.md"
    source.write_text(source.read_text().replace("title: Grenzen", "title: [Grenzen"))
    capsys.readouterr()
    assert main(["build", str(lecture), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"{source}:2: ")
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_missing_lecture_folder(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nowhere"), "--out", str(tmp_path)]) == 1
    assert "nowhere" in capsys.readouterr().err


def test_wrong_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build"])
    assert exc.value.code == 2


@pytest.mark.slow
def test_module_entry_point():
    done = subprocess.run([sys.executable, "-m", "chapbook", "--version"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith("chapbook ")


def test_an_unexpected_failure_is_still_one_line(lecture, tmp_path, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("something no one foresaw\nsecond line")

    monkeypatch.setattr("chapbook.build.render_outputs", broken)
    assert main(["build", str(lecture), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError" in err and "Traceback" not in err


@pytest.mark.slow
def test_check_reports_warnings_and_strict_fails(capsys):
    assert main(["check", str(FIXTURES / "full")]) == 0
    captured = capsys.readouterr()
    assert "warning: slide 'Een lange opsomming' is too long for one slide" in captured.err
    assert "has no `::: slide` block" not in captured.err  # a documented default, no warning
    assert "4 sections" in captured.out
    assert main(["check", str(FIXTURES / "full"), "--strict"]) == 1


def test_theme_check_lists_layouts(capsys, tmp_path):
    from pptx import Presentation

    theme = tmp_path / "plain.pptx"
    Presentation().save(theme)
    assert main(["theme-check", str(theme)]) == 0
    out = capsys.readouterr().out
    assert "4:3" in out and "Title and Content" in out and "usable" in out


@pytest.mark.slow
def test_the_program_ends_at_once_with_all_it_printed_and_its_status(lecture, tmp_path):
    """`run` leaves without tearing the heap down: what it printed must still arrive whole,
    through a pipe, and the exit status be `main`'s."""
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "chapbook", "build", str(lecture), "--out",
                           str(out), "--format", "pptx", "--json"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    (output,) = json.loads(done.stdout)["lectures"][0]["outputs"]
    assert Path(output["path"]).stat().st_size == output["bytes"]
    failed = subprocess.run([sys.executable, "-m", "chapbook", "build", str(tmp_path / "none"),
                             "--out", str(out)], capture_output=True, text=True, check=False)
    assert failed.returncode == 1
    assert failed.stderr.endswith(f"no lecture folder {tmp_path / 'none'}\n")


def test_messages_outside_a_build_are_labelled_by_their_level():
    """Under `chapbook watch --debug`, a worker's debug line is not called a warning."""
    import logging

    from chapbook.cli import _Labelled

    def line(level: int) -> str:
        return _Labelled().format(logging.LogRecord("chapbook", level, __file__, 1,
                                                    "a task took %.2f s", (1.5,), None))

    assert line(logging.WARNING) == "chapbook: warning: a task took 1.50 s"
    assert line(logging.DEBUG) == "chapbook: debug: a task took 1.50 s"
