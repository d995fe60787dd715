"""Hostile lectures, templates and environments: the sandbox holds, nothing is lost, nothing hangs.

One test (at least) per class of failure found by feeding malicious input to
`chapbook build`: template escapes, partial commits, symlinks leading out,
unbounded memory, hangs, leftovers, internal errors and unclear messages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest
from conftest import BUNDLED, FIXTURES, SAMPLE
from lectures import write_lecture
from markupsafe import Markup
from pptx import Presentation
from pptx.util import Pt

from chapbook.build import build
from chapbook.cli import main
from chapbook.errors import ContentError, TemplateError
from chapbook.limits import time_limit
from chapbook.read.parse import parse_lecture
from chapbook.templates import REFUSED_TYPES, is_plain, make_environment, render


def _own_template(folder: Path, kind: str, name: str, text: str) -> Path:
    own = folder / "templates" / kind
    own.mkdir(parents=True, exist_ok=True)
    (own / name).write_text(text, encoding="utf-8")
    return own / name


def _with_body_line(kind: str, line: str) -> str:
    bundled = (BUNDLED / kind / f"{'booklet' if kind == 'booklet' else 'deck'}.html.j2")
    return bundled.read_text(encoding="utf-8").replace("<body>", f"<body>\n{line}", 1)


def _build_fails(folder: Path, out: Path, capsys, *formats: str) -> str:
    args = ["build", str(folder), "--out", str(out)]
    for fmt in formats:
        args += ["--format", fmt]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# --- 1. the template sandbox -----------------------------------------------------------

SIDE_EFFECTS = [
    ("read", "{{ lecture.root.joinpath('secret.txt').read_text() }}"),
    ("read-source", "{{ lecture.source.read_text() }}"),
    ("write", "{{ lecture.root.joinpath('x.pth').write_text('import os') }}"),
    ("unlink", "{{ lecture.source.unlink() }}"),
    ("open", "{{ lecture.source.open().read() }}"),
    ("listing", "{{ lecture.root.iterdir() | list }}"),
    ("parent", "{{ lecture.root.parent }}"),
    ("globals", "{{ cycler.__init__.__globals__.os.popen('id').read() }}"),
    ("class", "{{ lecture.__class__.__mro__ }}"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("case", "expression"), SIDE_EFFECTS, ids=[c[0] for c in SIDE_EFFECTS])
def test_a_lecture_template_reaches_no_file(talk, tmp_path, capsys, case, expression):
    (talk / "secret.txt").write_text("SECRET-CONTENT")
    _own_template(talk, "booklet", "booklet.html.j2", _with_body_line("booklet", expression))
    err = _build_fails(talk, tmp_path / "out", capsys, "pdf")
    assert "booklet.html.j2:" in err and ("not allowed" in err or "unsafe" in err), err
    assert (talk / "lecture.md").is_file() and not (talk / "x.pth").exists()
    assert not (tmp_path / "out" / "talk.pdf").exists()


def test_the_deck_template_reaches_no_file_either(talk, tmp_path, capsys):
    _own_template(talk, "deck", "deck.html.j2",
                  _with_body_line("deck", "{{ lecture.root.joinpath('y').write_text('') }}"))
    err = _build_fails(talk, tmp_path / "out", capsys, "pptx")
    assert "deck.html.j2:" in err and not (talk / "y").exists()


@pytest.mark.parametrize(("value", "expression"), [
    (Path("/etc/hostname"), "{{ x.read_text() }}"),
    (Path("/etc/hostname"), "{{ x.open() }}"),
    (Path("/tmp"), "{{ x.joinpath('z').touch() }}"),
    (io.StringIO("text"), "{{ x.read() }}"),
    (io.BytesIO(b"text"), "{{ x.write('') }}"),
    (os, "{{ x.system('true') }}"),
    (os, "{{ x.environ }}"),
    (shutil, "{{ x.rmtree('/tmp/none') }}"),
    (subprocess, "{{ x.run(['true']) }}"),
    (dt.date, "{{ x.today() }}"),
    (str, "{{ x.maketrans('a', 'b') }}"),
], ids=["path-read", "path-open", "path-touch", "text-file", "binary-file", "os-system",
        "os-environ", "shutil", "subprocess", "class", "str-class"])
def test_the_policy_refuses_paths_files_modules_and_classes(tmp_path, value, expression):
    (tmp_path / "t.j2").write_text(expression)
    env = make_environment([tmp_path])
    with pytest.raises(TemplateError, match=r"not allowed|unsafe"):
        render(env, "t.j2", x=value)


def _template_contexts(monkeypatch) -> list[dict]:
    """The context of every template render of a full build of the sample lecture."""
    import chapbook.templates as templates

    seen: list[dict] = []
    real = templates.render

    def spy(env, name, **context):
        seen.append(context)
        return real(env, name, **context)

    for module in ("chapbook.booklet.layout", "chapbook.plan.render", "chapbook.handout",
                   "chapbook.slides.render"):
        monkeypatch.setattr(f"{module}.render", spy)
    lecture = parse_lecture(SAMPLE)
    from chapbook.booklet import render_booklet_html
    from chapbook.deck.look import theme_look
    from chapbook.formats import Job
    from chapbook.handout import handout_html
    from chapbook.plan.render import render_plan_html
    from chapbook.settings import resolve
    from chapbook.slides.render import render_slides_html

    render_booklet_html(lecture)
    render_plan_html(lecture)
    job = Job(lecture, resolve(lecture))
    handout_html(job.deck_plan, lecture.root)
    render_slides_html(job.deck_plan, theme_look(job.settings.theme), lecture.root)
    return seen


@pytest.mark.slow
def test_templates_see_plain_data_only(monkeypatch):
    """Walk everything a template can reach through the sandbox: each value is plain data
    (text, numbers, dates, containers, frozen records) or a callable that is a method of
    plain data or one of our pure functions; no path, file, module or class is reachable."""
    env = make_environment([BUNDLED / "booklet"])
    contexts = _template_contexts(monkeypatch)
    assert len(contexts) == 5  # booklet, slide plan (twice: the deck's split), handout, slides
    pending = [value for context in contexts for value in context.values()]
    seen: set[int] = set()
    checked = 0
    while pending:
        value = pending.pop()
        if id(value) in seen or isinstance(value, jinja2.runtime.Undefined):
            continue
        seen.add(id(value))
        checked += 1
        assert not isinstance(value, REFUSED_TYPES), value
        if callable(value):
            owner = getattr(value, "__self__", None)
            pure = getattr(value, "__module__", "") or ""
            assert (owner is not None and is_plain(owner)) or pure.startswith("chapbook."), value
            continue
        assert is_plain(value), f"{type(value).__name__} reachable from a template"
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list | tuple):
            pending.extend(value)
        if isinstance(value, str | int | float | Markup | dt.date):
            continue
        for name in dir(value):
            if name.startswith("_"):
                continue
            got = env.getattr(value, name)
            if not isinstance(got, jinja2.runtime.Undefined):
                pending.append(got)
    assert checked > 200  # the walk really went through the model


def test_an_answer_kept_for_one_type_is_not_given_to_another(tmp_path):
    """The sandbox keeps its answers by the types involved: the same name read first where
    it is allowed, then on a path, a file, a class, a mutable dict, is refused there."""
    (tmp_path / "t.j2").write_text("{{ x.name }}|{{ x.read }}|{{ x.update }}|{{ x.mro }}")

    @dataclasses.dataclass(frozen=True)
    class Plain:
        name: str = "n"
        read: str = "r"
        update: str = "u"
        mro: str = "m"

    env = make_environment([tmp_path])
    assert render(env, "t.j2", x=Plain()) == "n|r|u|m"
    refused = [("name", Path("/etc/hostname")), ("read", io.StringIO("text")),
               ("update", {}), ("mro", Plain)]
    for name, value in refused:
        (tmp_path / "u.j2").write_text(f"{{{{ x.{name}() }}}}")
        with pytest.raises(TemplateError, match=r"not allowed|unsafe|undefined"):
            render(env, "u.j2", x=value)
    assert render(env, "t.j2", x=Plain()) == "n|r|u|m"


def test_a_lecture_template_cannot_run_code(tmp_path, capsys):
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "minimal", folder)
    _own_template(folder, "booklet", "booklet.html.j2", _with_body_line(
        "booklet", '<p>{{ cycler.__init__.__globals__.os.popen("id").read() }}</p>'))
    err = _build_fails(folder, tmp_path / "out", capsys, "pdf")
    assert "booklet.html.j2:" in err and "not allowed" in err
    assert not (tmp_path / "out" / "talk.pdf").exists()


# --- 5. memory and output without bound ------------------------------------------------

GREEDY = [
    ("multiply", "{{ 'x' * 2000000000 }}"),
    ("double", "{% set ns = namespace(s='ab') %}{% for i in range(60) %}"
               "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}"),
    ("concat", "{% set ns = namespace(s='ab') %}{% for i in range(60) %}"
               "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s | length }}"),
    ("power", "{{ 7 ** 99999999 }}"),
    ("padding", "{{ 'x' | center(3000000000) }}"),
    ("nested-loops", "{% for i in range(100000) %}{% for j in range(100000) %}"
                     "0123456789{% endfor %}{% endfor %}"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("case", "expression"), GREEDY, ids=[g[0] for g in GREEDY])
def test_a_template_cannot_take_unbounded_memory(talk, tmp_path, capsys, case, expression):
    _own_template(talk, "booklet", "booklet.html.j2", _with_body_line("booklet", expression))
    err = _build_fails(talk, tmp_path / "out", capsys, "pdf")
    assert "booklet.html.j2" in err
    assert any(w in err for w in ("too large", "not allowed", "memory", "million characters"))


@pytest.mark.slow
def test_an_absurd_page_size_is_stopped(tmp_path, capsys):
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "minimal", folder)
    css = (BUNDLED / "booklet" / "booklet.css").read_text(encoding="utf-8")
    _own_template(folder, "booklet", "booklet.css",
                  css + "\n@page { size: 100000mm 100000mm; }\n")
    assert "mm across" in _build_fails(folder, tmp_path / "out", capsys, "pdf")


# --- 2. all or nothing -----------------------------------------------------------------

@pytest.mark.slow
def test_a_target_in_the_way_leaves_every_output_alone(talk, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(talk), "--out", str(out), "-q"]) == 0
    before = (out / "talk.pdf").read_bytes()
    (out / "talk.pptx").unlink()
    (out / "talk.pptx").mkdir()  # the second target is a folder
    (talk / "lecture.md").write_text((talk / "lecture.md").read_text() + "\nMore text.\n")
    err = _build_fails(talk, out, capsys)
    assert "talk.pptx" in err and "folder" in err
    assert (out / "talk.pdf").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["talk.pdf", "talk.pptx"]


@pytest.mark.slow
def test_a_failed_rename_puts_back_what_was_replaced(talk, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(talk, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (talk / "lecture.md").write_text((talk / "lecture.md").read_text() + "\nMore text.\n")
    real, calls = os.replace, []

    def second_fails(src, dst):
        calls.append(dst)
        if len([c for c in calls if not str(Path(c).name).startswith(".")]) == 2:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr("chapbook.output.os.replace", second_fails)
    with pytest.raises(OSError):
        build(talk, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# --- 3. symlinks leading out -----------------------------------------------------------

def _outside(tmp_path: Path, name: str, data: bytes | str) -> Path:
    target = tmp_path / "elsewhere" / name
    target.parent.mkdir(exist_ok=True)
    if isinstance(data, str):
        target.write_text(data)
    else:
        target.write_bytes(data)
    return target


def test_lecture_md_may_not_point_outside(talk, tmp_path, capsys):
    real = _outside(tmp_path, "lecture.md", (talk / "lecture.md").read_text())
    (talk / "lecture.md").unlink()
    (talk / "lecture.md").symlink_to(real)
    err = _build_fails(talk, tmp_path / "out", capsys)
    assert err.startswith(f"{talk / 'lecture.md'}: ") and "points outside" in err


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "name"), [("booklet", "booklet.html.j2"),
                                            ("booklet", "booklet.css"),
                                            ("booklet", "blocks.html.j2"),
                                            ("deck", "deck.html.j2"),
                                            ("deck", "handout.css")])
def test_a_template_may_not_point_outside(talk, tmp_path, capsys, kind, name):
    real = _outside(tmp_path, name, (BUNDLED / kind / name).read_text())
    own = talk / "templates" / kind
    own.mkdir(parents=True)
    (own / name).symlink_to(real)
    err = _build_fails(talk, tmp_path / "out", capsys, "pdf" if kind == "booklet" else "handout")
    assert "points outside" in err and name in err


def test_the_template_folder_may_not_point_outside(talk, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere" / "booklet"
    shutil.copytree(BUNDLED / "booklet", elsewhere)
    (talk / "templates").mkdir()
    (talk / "templates" / "booklet").symlink_to(elsewhere)
    err = _build_fails(talk, tmp_path / "out", capsys, "pdf")
    assert "points outside the lecture folder" in err


def test_the_lecture_theme_may_not_point_outside(talk, tmp_path, capsys):
    real = _outside(tmp_path, "theme.pptx", (BUNDLED / "deck" / "theme.pptx").read_bytes())
    (talk / "templates" / "deck").mkdir(parents=True)
    (talk / "templates" / "deck" / "theme.pptx").symlink_to(real)
    err = _build_fails(talk, tmp_path / "out", capsys, "pptx")
    assert "theme.pptx: points outside the lecture folder" in err


# --- 6. hangs -----------------------------------------------------------------------------

def _tiny_placeholders(path: Path) -> Path:
    prs = Presentation(str(BUNDLED / "deck" / "theme.pptx"))
    for layout in prs.slide_layouts:
        for placeholder in layout.placeholders:
            placeholder.width = Pt(1)
    prs.save(str(path))
    return path


@pytest.mark.slow
def test_a_theme_with_one_point_placeholders_is_an_error_naming_the_layout(talk, tmp_path,
                                                                           capsys, monkeypatch):
    theme = _tiny_placeholders(tmp_path / "tiny.pptx")
    monkeypatch.setenv("CHAPBOOK_TIME_LIMIT", "60")  # before the fix, this hung until here
    assert main(["build", str(talk), "--out", str(tmp_path / "out"), "--format", "pptx",
                 "--theme", str(theme)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{theme}: theme layout '") and "too small for one line" in err, err


@pytest.mark.slow
def test_a_very_long_word_gets_break_opportunities(tmp_path, monkeypatch):
    """Without them WeasyPrint hyphenates the whole word again for every line (quadratic);
    with them layout stays linear, and the word is all there."""
    word = "".join("abcdefghij"[(i * 7) % 10] for i in range(6000))
    folder = write_lecture(tmp_path, f"---\ntitle: T\n---\n\n## S\n\nBefore {word} after.\n")
    from chapbook.booklet import render_booklet_html

    html = render_booklet_html(parse_lecture(folder))
    assert html.count("<wbr>") >= 6000 // 30 - 1
    monkeypatch.setenv("CHAPBOOK_TIME_LIMIT", "90")  # a guard, not a measurement
    (pdf,) = [b.path for b in build(folder, tmp_path / "out", ("pdf",))]
    from pdftools import page_texts

    text = "".join(page_texts(pdf))
    # Page furniture interrupts the word across pages; every one of its letters is there.
    assert sum(text.count(c) for c in "abcdefghij") >= len(word)
    assert word[:1000] in "".join(text.split()).replace("\u2010", "")


@pytest.mark.slow
def test_the_time_limit_names_the_stage_and_its_usual_causes(talk, tmp_path, monkeypatch, capsys):
    import chapbook.booklet.layout

    real = chapbook.booklet.layout._layout

    def slow(*args, **kwargs):
        with time_limit("laying out the booklet"):
            time.sleep(5)
        return real(*args, **kwargs)

    monkeypatch.setattr("chapbook.booklet.layout._layout", slow)
    monkeypatch.setenv("CHAPBOOK_TIME_LIMIT", "1")
    err = _build_fails(talk, tmp_path / "out", capsys, "pdf")
    assert "laying out the booklet took longer than 1 s" in err
    assert "very long word" in err and "CSS" in err


# --- 7. leftovers ----------------------------------------------------------------------

def _start_build(folder: Path, out: Path, tmp: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(tmp)}
    return subprocess.Popen([sys.executable, "-m", "chapbook", "build", str(folder), "--out",
                             str(out), *extra], env=env, stderr=subprocess.PIPE, text=True)


def _wait_for_temporary(out: Path, tmp: Path, seconds: float = 60) -> None:
    """Until the build has temporary files (WeasyPrint's font folder) in flight."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if any(tmp.glob("chapbook-*/weasyprint-*")):
            return
        time.sleep(0.05)
    pytest.fail("the build never started laying out")


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_terminated_build_leaves_nothing_behind(talk, tmp_path, signum):
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    tmp.mkdir()
    process = _start_build(talk, out, tmp, "--format", "all")
    _wait_for_temporary(out, tmp)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    assert "interrupted" in err
    assert not out.exists() or list(out.iterdir()) == []
    assert list(tmp.iterdir()) == []


@pytest.mark.slow
def test_what_a_killed_build_left_is_removed_by_the_next(talk, tmp_path):
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    tmp.mkdir()
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = [out / f".talk.pdf.{dead}.abcd1234.tmp", out / f".talk.pptx.{dead}.x1y2z3w4.tmp",
             out / f".talk.pdf.{dead}.q1w2e3r4.old"]
    for path in stale:
        path.write_bytes(b"half a file")
    (tmp / f"chapbook-{dead}-abcd" / "weasyprint-xyz").mkdir(parents=True)
    process = _start_build(talk, out, tmp)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["talk.pdf", "talk.pptx"]
    assert list(tmp.iterdir()) == []


@pytest.mark.slow
def test_a_killed_build_s_folders_go_with_the_next_build(talk, tmp_path):
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    tmp.mkdir()
    process = _start_build(talk, out, tmp, "--format", "pdf")
    _wait_for_temporary(out, tmp)
    process.kill()
    process.communicate(timeout=60)
    assert list(tmp.glob("chapbook-*"))  # SIGKILL cannot be cleaned up after...
    process = _start_build(talk, out, tmp, "--format", "pptx")
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert list(tmp.iterdir()) == []  # ...until the next build


# --- 8. internal errors become path:line ------------------------------------------------

CHART = ('::: {{.chart src="data/d.csv" type="{kind}"}}\nCaption.\n:::\n')


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "cell", "words"), [
    ("bar", "1" * 400, "too large"),
    ("bar", "-" + "9" * 20, "too large"),
    ("timeline", "9999-12-31", "outside the years"),
    ("timeline", "0001-01-01", ""),
])
def test_chart_data_out_of_range_names_the_row(tmp_path, kind, cell, words):
    folder = write_lecture(tmp_path, "---\ntitle: T\n---\n\n## S\n\n"
                           + CHART.format(kind=kind))
    (folder / "data").mkdir()
    (folder / "data" / "d.csv").write_text(f"name,value\na,{cell}\nb,"
                                           f"{'2' if kind == 'bar' else '1935-07-12'}\n")
    if not words:
        build(folder, tmp_path / "out", ("pdf", "pptx"))  # the first year is fine
        return
    with pytest.raises(ContentError, match=words) as info:
        parse_lecture(folder)
    assert info.value.path.name == "d.csv" and info.value.line == 2


@pytest.mark.parametrize("epoch", ["99999999999999999", "-5", "12x", "253402300800"])
def test_a_bad_source_date_epoch_is_one_line(talk, tmp_path, capsys, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    err = _build_fails(talk, tmp_path / "out", capsys, "pptx")
    assert "SOURCE_DATE_EPOCH" in err and "unexpected" not in err


# --- 9. images that are not quite images -------------------------------------------------

def _undecodable_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 40, 30, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", b"\x78\x9c" + b"\xff" * 200) + chunk(b"IEND", b""))


def test_a_png_with_valid_checksums_but_broken_pixels_is_refused(talk, tmp_path, capsys):
    (talk / "figures" / "kaart.png").write_bytes(_undecodable_png())
    err = _build_fails(talk, tmp_path / "out", capsys)
    assert "figures/kaart.png" in err and "damaged" in err
    assert err.startswith(f"{talk / 'lecture.md'}:")


# --- 10. unclear errors --------------------------------------------------------------------

@pytest.mark.slow
def test_a_refused_url_in_the_lecture_css_names_the_css(talk, tmp_path, capsys):
    css = (BUNDLED / "booklet" / "booklet.css").read_text()
    own = _own_template(talk, "booklet", "booklet.css",
                        css + "\n\nbody {\n  background: url(../../../../../etc/hostname);\n}\n")
    err = _build_fails(talk, tmp_path / "out", capsys, "pdf")
    line = css.count("\n") + 4
    assert err.startswith(f"{own}:{line}: refused url(../../../../../etc/hostname)"), err


@pytest.mark.slow
def test_a_network_url_in_the_handout_css_names_the_css(talk, tmp_path, capsys):
    css = (BUNDLED / "deck" / "handout.css").read_text()
    own = _own_template(talk, "deck", "handout.css",
                        '@import "https://example.org/x.css";\n' + css)
    err = _build_fails(talk, tmp_path / "out", capsys, "handout")
    assert err.startswith(f"{own}:1: refused url(https://example.org/x.css)")


@pytest.mark.slow
def test_library_noise_never_reaches_the_terminal(talk, tmp_path):
    css = (BUNDLED / "booklet" / "booklet.css").read_text()
    _own_template(talk, "booklet", "booklet.css", css + "\np { letter-spacing: 1e30pt; }\n")
    result = subprocess.run([sys.executable, "-m", "chapbook", "build", str(talk), "--out",
                             str(tmp_path / "out"), "--format", "pdf"],
                            capture_output=True, text=True, timeout=300)
    assert "CRITICAL" not in result.stderr and "GLib" not in result.stderr, result.stderr
    assert result.stderr.count("\n") <= 1


@pytest.mark.slow
def test_building_dot_names_the_outputs_after_the_folder(talk, tmp_path, monkeypatch):
    monkeypatch.chdir(talk)
    built = build(Path("."), tmp_path / "out", ("pptx",))
    assert [b.path.name for b in built] == ["talk.pptx"]


def test_errors_carry_no_traceback_for_unexpected_library_failures(talk, tmp_path, capsys,
                                                                    monkeypatch):
    """The last guard: a bug still prints one line."""
    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr("chapbook.read.parse_lecture", broken)
    err = _build_fails(talk, tmp_path / "out", capsys, "pdf")
    assert "unexpected KeyError" in err
