"""`chapbook watch`: after each save only the outputs whose inputs changed are rebuilt,
the deck first, each written on its own; an error is reported and outlived; the HTML
slides it writes reload themselves in an open browser, a build's never do."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import lxml.html
import pytest
from conftest import BUNDLED, FIXTURES, SAMPLE, require_program

from chapbook.build import build
from chapbook.settings import Choices
from chapbook.watch import inputs, pause, rebuild, snapshot, watch

SIDECAR = "talk-slides.stamp.js"
FACE = ('\n@font-face { font-family: "Shown"; src: url(fonts/IBMPlexMono-Bold.ttf) }\n'
        "p { font-family: Shown !important }\n")  # a font the booklet has not used


def _talk(tmp_path: Path) -> Path:
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "minimal", folder)
    return folder


def _save(path: Path, text: str, later: int) -> None:
    """Write `path` with a modification time `later` seconds on (a coarse clock)."""
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9 * later))


def test_each_output_watches_only_what_it_reads(tmp_path):
    folder = _talk(tmp_path)
    for name in ("templates/booklet/booklet.css", "templates/deck/theme.pptx",
                 "templates/slides/slides.css", "data/votes.csv", "build/talk.pdf"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x")
    theme = tmp_path / "other.pptx"
    theme.write_text("x")
    listed = inputs(folder, folder / "build", ("pdf", "pptx", "html"), theme)

    def readers(path: Path) -> set[str]:
        return {name for name, paths in listed.items() if path in paths}

    assert readers(folder / "lecture.md") == readers(folder / "data/votes.csv") \
        == {"pdf", "pptx", "html"}
    assert readers(folder / "templates/booklet/booklet.css") == {"pdf"}
    assert readers(BUNDLED / "booklet" / "booklet.css") == {"pdf"}
    assert readers(folder / "templates/deck/theme.pptx") == readers(theme) == {"pptx", "html"}
    assert readers(folder / "templates/slides/slides.css") == {"html"}
    every = [p for paths in listed.values() for p in paths]
    assert not [p for p in every if p.is_relative_to(folder / "build")]  # the outputs
    assert not [p for p in every if p.suffix == ".py"]  # a running process keeps its code
    stamps = snapshot([folder / "data", folder / "lecture.md", folder / "gone.md"])
    assert list(stamps) == [folder / "lecture.md", folder / "gone.md"]  # no folders
    assert stamps[folder / "gone.md"] is None and stamps[folder / "lecture.md"] > 0


def _talk_with_own_css(tmp_path: Path) -> tuple[Path, Path]:
    """The talk with its own copy of the booklet's stylesheet, to edit while watching."""
    folder = _talk(tmp_path)
    css = folder / "templates" / "booklet" / "booklet.css"
    css.parent.mkdir(parents=True)
    shutil.copy(BUNDLED / "booklet" / "booklet.css", css)
    return folder, css


@pytest.mark.slow  # builds a booklet three times
def test_a_stylesheet_rebuilds_the_booklet_alone_and_the_deck_comes_first(tmp_path):
    folder, css = _talk_with_own_css(tmp_path)
    out = tmp_path / "out"
    deck = out / "talk.pptx"
    reports: list[str] = []
    errors: list[Exception] = []
    deck_times: list[int] = []

    def report(line: str) -> None:
        reports.append(line)
        deck_times.append(deck.stat().st_mtime_ns)
        if len(reports) == 2:  # the first build done: restyle the booklet
            _save(css, css.read_text() + "\nh1 { letter-spacing: 0.01em }\n", 1)
        elif len(reports) == 3:  # then change the text
            source = folder / "lecture.md"
            _save(source, source.read_text() + "\nA second paragraph.\n", 2)

    watch(folder, out, ("pdf", "pptx"), Choices(), report, errors.append, interval=0.01,
          rounds=30)
    assert not errors
    assert [line.split(" in ")[0] for line in reports] == [
        "rebuilt talk.pptx", "rebuilt talk.pdf",  # the deck first
        "rebuilt talk.pdf",  # the stylesheet: the booklet alone
        "rebuilt talk.pptx", "rebuilt talk.pdf"]  # the text: both, the deck first
    assert deck_times[2] == deck_times[1] < deck_times[3]  # the deck untouched, then rebuilt
    from pptx import Presentation

    texts = [shape.text_frame.text for slide in Presentation(str(deck)).slides
             for shape in slide.shapes if shape.has_text_frame]
    assert any("A second paragraph." in text for text in texts)


def _pdf_fonts(path: Path) -> set[str]:
    from pypdf import PdfReader

    return {str(font["/BaseFont"]) for page in PdfReader(path).pages
            for font in page["/Resources"].get("/Font", {}).values()
            for font in [font.get_object()]}


@pytest.mark.slow  # builds a booklet four times
def test_a_font_face_added_while_watching_is_in_every_rebuild(tmp_path):
    """A face added by a rebuild (in the watching process, while a worker forked from it
    makes the deck) is in every later booklet, not silently replaced by another font
    (WeasyPrint skips a face whose file it finds: see `test_warm`)."""
    folder, css = _talk_with_own_css(tmp_path)
    source = folder / "lecture.md"
    out = tmp_path / "out"
    reports: list[str] = []
    errors: list[Exception] = []
    fonts: list[set[str]] = []

    def report(line: str) -> None:
        reports.append(line)
        if not line.startswith("rebuilt talk.pdf"):
            return
        fonts.append(_pdf_fonts(out / "talk.pdf"))
        if len(fonts) == 1:  # warm: the face arrives with a change that forks both outputs
            _save(css, css.read_text() + FACE, 1)
        if len(fonts) < 4:
            _save(source, source.read_text() + f"\nParagraph {len(fonts)}.\n", len(fonts))

    watch(folder, out, ("pdf", "pptx"), Choices(), report, errors.append, interval=0.01,
          rounds=30)
    assert not errors and len(fonts) == 4
    shown = [any(name.split("+")[-1].startswith("Shown") for name in found) for found in fonts]
    assert shown == [False, True, True, True]


@pytest.mark.slow  # builds a deck three times
def test_watch_rebuilds_after_a_save_and_outlives_an_error(tmp_path):
    folder = _talk(tmp_path)
    source = folder / "lecture.md"
    good = source.read_text()
    out = tmp_path / "out"
    reports: list[str] = []
    errors: list[str] = []
    saves = iter([good + "\nA second paragraph.\n", "---\ntitle: [\n---\n", good])

    def save() -> None:
        text = next(saves, None)
        if text is not None:
            _save(source, text, len(reports))

    def report(line: str) -> None:
        reports.append(line)
        if len(reports) == 2:
            shutil.copy(out / "talk.pptx", tmp_path / "second.pptx")
        save()

    def failed(exc: Exception) -> None:
        errors.append(str(exc))
        save()

    watch(folder, out, ("pptx",), Choices(), report, failed, interval=0.01, rounds=40)
    assert len(reports) == 3 and all(r.startswith("rebuilt talk.pptx in ") for r in reports)
    assert len(errors) == 1 and errors[0].startswith(f"{source}:2: front matter")
    from pptx import Presentation

    texts = [shape.text_frame.text for slide in Presentation(str(tmp_path / "second.pptx")).slides
             for shape in slide.shapes if shape.has_text_frame]
    assert any("A second paragraph." in text for text in texts)  # the save was built


def _scripts(page: Path) -> list:
    return lxml.html.parse(str(page)).getroot().xpath("//script")


def _policy(page: Path) -> str:
    doc = lxml.html.parse(str(page)).getroot()
    return doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]


def _watched_html(folder: Path, out: Path) -> list[str]:
    """Rebuild the HTML slides once as `chapbook watch` does; the lines it reported."""
    lines: list = []
    rebuild(folder, out, ("html",), Choices(), lines.append, lines.append, workers=1)
    return lines


@pytest.mark.slow  # builds the HTML slides three times
def test_only_watched_slides_reload_themselves(tmp_path):
    folder = _talk(tmp_path)
    built = build(folder, tmp_path / "built", ("html",))[0].path
    assert len(_scripts(built)) == 1 and "'self'" not in _policy(built)
    assert not (built.parent / SIDECAR).exists()

    watched = tmp_path / "watched"
    stamps = []
    for _ in range(2):
        [line] = _watched_html(folder, watched)
        assert line.startswith("rebuilt talk-slides.html in ")  # the sidecar goes unsaid
        page = watched / "talk-slides.html"
        runtime, reloading = _scripts(page)
        assert runtime.text == _scripts(built)[0].text
        assert reloading.get("data-sidecar") == SIDECAR
        stamp = reloading.get("data-stamp")
        assert (watched / SIDECAR).read_text() == f"chapbookStamp({stamp!r});\n"
        assert "'self' file:" in _policy(page)
        stamps.append(stamp)
    assert stamps[0] != stamps[1]  # each rebuild a stamp of its own


def _wait_for_reload(page, seconds: float) -> None:
    """Until the page has reloaded (its `window.before` is gone) and is ready; polled from
    here, as the page's policy refuses the evaluated predicates of `wait_for_function`."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if page.evaluate("window.before") is None:
                page.wait_for_selector("html.ready")
                return
        except Error:  # navigating
            pass
        page.wait_for_timeout(100)
    raise AssertionError(f"the page did not reload within {seconds} s")


@pytest.mark.slow  # drives Chromium
def test_open_slides_reload_on_the_slide_shown(tmp_path):
    chromium = require_program("chromium")
    from playwright.sync_api import sync_playwright

    folder = _talk(tmp_path)
    out = tmp_path / "out"
    _watched_html(folder, out)
    page_path = out / "talk-slides.html"
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else 0)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_path.as_uri() + "#/2")
            page.wait_for_selector("html.ready")
            page.evaluate("window.before = 1")
            page.wait_for_timeout(1500)  # polled: the same stamp, no reload
            assert page.evaluate("window.before") == 1
            _save(folder / "lecture.md", (folder / "lecture.md").read_text()
                  + "\nA second paragraph.\n", 1)
            _watched_html(folder, out)
            _wait_for_reload(page, 10)
            assert page.evaluate("location.hash") == "#/2"
            assert page.locator("#deck > section.slide.current").get_attribute("id") \
                == "slide-2"
            assert "A second paragraph." in page.inner_text("#deck")
        finally:
            browser.close()
    assert not errors, errors


def test_the_pause_ends_when_the_lecture_is_saved(tmp_path):
    """Between looks at every input, a save of lecture.md is seen within about 10 ms;
    with nothing saved the pause lasts the whole interval."""
    source = tmp_path / "lecture.md"
    source.write_text("one\n")
    started = time.monotonic()
    pause(0.3, source)
    assert time.monotonic() - started >= 0.3
    timer = threading.Timer(0.1, lambda: _save(source, "two\n", 5))
    timer.start()
    started = time.monotonic()
    pause(5.0, source)
    timer.join()
    assert time.monotonic() - started < 2.0


def test_the_costliest_output_is_made_here_while_a_worker_commits_the_others():
    """Warm, the booklet is laid out in the watching process itself (a worker forked for
    it starts slower) while the deck, made in a forked worker, is committed meanwhile."""
    from chapbook.watch import _side_by_side

    committed: list[tuple[int, object]] = []

    def booklet() -> int:  # here: done only once the deck has been committed
        deadline = time.monotonic() + 30
        while not committed and time.monotonic() < deadline:
            time.sleep(0.01)
        return os.getpid()

    _side_by_side([os.getpid, booklet], [0.1, 1.4], 1,
                  lambda index, outcome: committed.append((index, outcome.value)))
    (deck, worker), (last, here) = committed
    assert (deck, last) == (0, 1) and here == os.getpid() != worker


def test_an_interrupted_output_here_stops_the_workers():
    from chapbook.watch import _side_by_side

    committed: list[int] = []

    def interrupted() -> None:
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        _side_by_side([lambda: time.sleep(60), interrupted], [0.1, 1.4], 1,
                      lambda index, outcome: committed.append(index))
    assert time.monotonic() - started < 30 and committed == []


@pytest.mark.slow  # builds the sample's booklet and deck four times
def test_rebuilt_outputs_are_those_a_build_writes(tmp_path, monkeypatch):
    """Warm, with the booklet laid out here and the citations served from the last
    rebuild's until one changes, the booklet and deck are a build's to the byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder = tmp_path / SAMPLE.name
    shutil.copytree(SAMPLE, folder)
    source, out = folder / "lecture.md", tmp_path / "out"
    edits = iter([("[@coolsaet2014]", "[see @coolsaet2014, 12]"),  # a citation changed
                  ("\n## Conclusion", "\nA paragraph more.\n\n## Conclusion")])
    booklets: list[str] = []

    def report(line: str) -> None:
        if line.startswith(f"rebuilt {folder.name}.pdf"):
            booklets.append(line)
            edit = next(edits, None)
            if edit is not None:
                text = source.read_text(encoding="utf-8")
                assert edit[0] in text
                _save(source, text.replace(*edit, 1), len(booklets))

    watch(folder, out, ("pdf", "pptx"), Choices(), report, pytest.fail, interval=0.01,
          rounds=300)
    assert len(booklets) == 3
    built = build(folder, tmp_path / "built", ("pdf", "pptx"))
    for made in built:
        assert (out / made.path.name).read_bytes() == made.path.read_bytes(), made.path.name
