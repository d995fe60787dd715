"""Bad input through the command: one line naming the file, exit 1, previous outputs untouched.

Each case breaks a copy of a good lecture that was built once already; the
build must fail with a one-line message, leave both outputs byte-identical and
leave no temporary files behind.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import FIXTURES
from PIL import Image
from pptx import Presentation

from chapbook.cli import main
from chapbook.errors import RenderError
from chapbook.limits import time_limit

pytestmark = pytest.mark.slow  # builds each broken copy of a lecture

SOURCE = "lecture.md"


def _edit(old: str, new: str):
    def apply(folder: Path) -> None:
        path = folder / SOURCE
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def _write(data: bytes):
    def apply(folder: Path) -> None:
        (folder / SOURCE).write_bytes(data)
    return apply


def _image(name: str, make):
    def apply(folder: Path) -> None:
        make(folder / "figures" / name)
        _edit("figures/kaart.png", f"figures/{name}")(folder)
    return apply


def _not_an_image(path: Path) -> None:
    path.write_text("this is text, not a picture")


def _pixel_bomb(path: Path) -> None:
    Image.new("1", (10_000, 10_000)).save(path)


def _external_svg(path: Path) -> None:
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink='
                    '"http://www.w3.org/1999/xlink" width="10" height="10">'
                    '<image xlink:href="file:///etc/hostname"/></svg>')


def _symlink_out(folder: Path) -> None:
    (folder / "figures" / "out.png").symlink_to("/etc/hostname")
    _edit("figures/kaart.png", "figures/out.png")(folder)


def _user_template(name: str, text: str):
    def apply(folder: Path) -> None:
        own = folder / "templates" / "booklet"
        own.mkdir(parents=True)
        (own / name).write_text(text)
    return apply


def _huge_table(folder: Path) -> None:
    rows = "".join(f"| {i} | x |\n" for i in range(10_000))
    _edit("## Zonder dia", f"## Zonder dia\n\n| n | v |\n|---|---|\n{rows}\n")(folder)


# (id, how to break the lecture, line expected in the message or None, words expected)
CASES = [
    ("broken-yaml", _edit("title: Grenzen", "title: [Grenzen"), 2, "YAML"),
    ("duplicate-key", _edit("lang: nl", "lang: nl\nlang: en"), 9, "duplicate"),
    ("missing-title", _edit("title: Grenzen en handel in Europa\n", ""), 1, "title"),
    ("title-is-a-list", _edit("title: Grenzen en handel in Europa", "title: [a, b]"), 2, "text"),
    ("empty-file", _write(b""), 1, "empty"),
    ("not-utf8", _write(b"---\ntitle: Caf\xe9\n---\n\n## A\n"), 2, "UTF-8"),
    ("no-front-matter", _write(b"## A section\n\nText.\n"), 1, "front matter"),
    ("not-an-image", _image("fake.png", _not_an_image), 35, "not an image"),
    ("pixel-bomb", _image("bomb.png", _pixel_bomb), 35, "pixels"),
    ("svg-reaching-out", _image("out.svg", _external_svg), 35, "refers to"),
    ("dot-dot", _edit("figures/kaart.png", "../../kaart.png"), 35, "leaves the lecture folder"),
    ("absolute", _edit("figures/kaart.png", "/etc/hostname"), 35, "absolute"),
    ("percent-encoded", _edit("figures/kaart.png", "%2e%2e/%2e%2e/etc/hostname"), 35,
     "leaves the lecture folder"),
    ("symlink-out", _symlink_out, 35, "leaves the lecture folder"),
    ("huge-table", _huge_table, 78, "rows"),
    ("broken-template", _user_template("booklet.html.j2", "<p>{{ lecture.meta.title }</p>"),
     1, "template"),
    ("template-unknown-name", _user_template("booklet.html.j2", "\n\n{{ nothing.here }}"),
     3, "template"),
]


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """A lecture built once; its outputs are what every failed build must leave alone."""
    base = tmp_path_factory.mktemp("good")
    folder = base / "talk"
    shutil.copytree(FIXTURES / "full", folder)
    out = base / "out"
    assert main(["build", str(folder), "--out", str(out), "-q"]) == 0
    return folder, {p.name: p.read_bytes() for p in out.iterdir()}


def _run_broken(good, tmp_path, capsys, argv_extra=()):
    folder_good, before = good
    folder = tmp_path / "talk"
    shutil.copytree(folder_good, folder, symlinks=True)
    out = tmp_path / "out"
    out.mkdir()
    for name, data in before.items():
        (out / name).write_bytes(data)
    capsys.readouterr()
    return folder, out, before


@pytest.mark.parametrize(("breaker", "line", "words"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_input_fails_cleanly(good, tmp_path, capsys, breaker, line, words):
    folder, out, before = _run_broken(good, tmp_path, capsys)
    breaker(folder)
    code = main(["build", str(folder), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert words.lower() in err.lower()
    if "template" in words:
        assert "booklet.html.j2" in err and f":{line}:" in err
    else:
        assert err.startswith(f"{folder / SOURCE}:{line}: "), err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize(("breaker", "line", "words"), [
    (_edit("[@smith2001, p. 12]", "[@nobody2020]"), 28, "citation @nobody2020 names no source"),
    (_edit("::: notes", "::: speaker"), 42, "`::: {.speaker}` has no meaning"),
    (_edit("figures/kaart.png", "figures/none.png"), 35, "not found"),
    (_edit("figures/kaart.png", "https://example.org/map.png"), 35, "never downloads"),
], ids=["unknown-citation", "unknown-block", "missing-image", "remote-url"])
def test_what_other_tools_accept_builds_with_a_warning(good, tmp_path, capsys, caplog,
                                                      breaker, line, words):
    """Be liberal: it builds, as Pandoc would, and says where it approximated."""
    folder, out, _ = _run_broken(good, tmp_path, capsys)
    breaker(folder)
    assert main(["build", str(folder), "--out", str(out)]) == 0
    assert f"{folder / SOURCE}:{line}: " in caplog.text and words in caplog.text
    assert main(["check", str(folder), "--strict"]) == 1


def test_theme_that_is_not_a_pptx(good, tmp_path, capsys):
    folder, out, before = _run_broken(good, tmp_path, capsys)
    theme = tmp_path / "theme.pptx"
    theme.write_text("not a zip")
    assert main(["build", str(folder), "--out", str(out), "--theme", str(theme)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{theme}: ") and err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_theme_without_usable_layouts(good, tmp_path, capsys):
    folder, out, before = _run_broken(good, tmp_path, capsys)
    prs = Presentation()
    for layout in prs.slide_layouts:  # house names serve; layouts without titles cannot
        layout.name = f"Custom {layout.name}"
        for ph in list(layout.placeholders):
            if ph.placeholder_format.type in (1, 3):  # title, centred title
                ph._element.getparent().remove(ph._element)
    theme = tmp_path / "odd.pptx"
    prs.save(theme)
    assert main(["build", str(folder), "--out", str(out), "--theme", str(theme)]) == 1
    err = capsys.readouterr().err
    assert "no layout with a title placeholder" in err and err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_runaway_css_is_stopped(good, tmp_path, capsys, monkeypatch):
    folder, out, before = _run_broken(good, tmp_path, capsys)
    css = (Path(__file__).parents[1] / "templates" / "booklet" / "booklet.css").read_text()
    own = folder / "templates" / "booklet"
    own.mkdir(parents=True)
    huge = "\np, li, td { font-size: 150pt; line-height: 160pt; }\n"
    (own / "booklet.css").write_text(css + huge)
    monkeypatch.setattr("chapbook.booklet.layout.MAX_PAGES", 40)
    assert main(["build", str(folder), "--out", str(out), "--format", "pdf"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "more than 40" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_time_limit_stops_a_slow_step(monkeypatch):
    monkeypatch.setenv("CHAPBOOK_TIME_LIMIT", "1")
    started = time.perf_counter()
    with pytest.raises(RenderError, match="longer than 1 s"), time_limit("sleeping"):
        time.sleep(5)
    assert time.perf_counter() - started < 4


def test_no_temporary_files_are_left(good, tmp_path, capsys):
    folder, out, before = _run_broken(good, tmp_path, capsys)
    _edit("figures/kaart.png", "figures/none.png")(folder)
    main(["build", str(folder), "--out", str(out)])
    assert sorted(p.name for p in out.iterdir()) == sorted(before)
