"""HTML slides: built with `--format html`, read back, then driven in Chromium as a presenter
would.

The page must show the deck's slides (the same count and titles, in order, as the .pptx
built from the same lecture), at the deck's text sizes, without anything spilling out of
its box; it must load nothing from outside itself and log no error. The browser tests need
Debian's `chromium` (launched directly: nothing is downloaded) and the `playwright` package.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

import lxml.html
import pytest
from conftest import FIXTURES, SAMPLE, require_program
from lectures import make_image, write_lecture
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from chapbook.build import build
from chapbook.cli import main
from chapbook.deck import theme_look
from chapbook.errors import RenderError
from chapbook.formats import Job
from chapbook.read.parse import parse_lecture
from chapbook.settings import Choices, resolve
from chapbook.slides.assets import picture_uri
from chapbook.slides.theme import theme_properties
from chapbook.templates import bundled_templates

THEME = bundled_templates() / "deck" / "theme.pptx"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SLIDES = "#deck > section.slide"
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">'
       '<circle cx="60" cy="40" r="30" fill="#3D5A80"/></svg>')
PICTURES = """\
    ---
    title: Pictures and a chart
    lang: en
    ---

    Opening words.

    ## Maps

    ::: slide
    - A point beside a picture

    ![A red rectangle on white](figures/red.png "A red rectangle")
    :::

    ![A blue circle](figures/circle.svg "A blue circle")
    """
CODE_LINES = ["def greet(names):", "    for name in names:", "", "        print(f'hello {name}')",
              "    return  len(names)   # two spaces kept"]
CODE = """\
    ---
    title: Code on a slide
    lang: en
    ---

    Opening words.

    ## A function

    ::: slide
    ```python
    {code}
    ```
    :::
    """.replace("{code}", "\n    ".join(CODE_LINES))


class Deck:
    """A lecture built as HTML slides and as a deck, with the split plan both came from."""

    def __init__(self, folder: Path, out: Path, theme: Path | None = None):
        built = {b.path.suffix: b.path
                 for b in build(folder, out, ("html", "pptx"), theme=theme)}
        self.path, self.url = built[".html"], built[".html"].as_uri()
        self.html = self.path.read_text(encoding="utf-8")
        self.source = folder
        lecture = parse_lecture(folder)
        self.plan = Job(lecture, resolve(lecture, Choices(theme=theme))).deck_plan
        self.deck_titles = [squash(s.shapes.title.text) if s.shapes.title is not None else ""
                            for s in Presentation(built[".pptx"]).slides]

    def notes(self, number: int) -> str:
        return " ".join(self.plan.slides[number - 1].notes)

    def private_notes(self, number: int) -> str:
        """The notes of a slide unless the slide shows them too (a callout's notes do, a
        table's are its title)."""
        slide = self.plan.slides[number - 1]
        shown = " ".join([slide.title, *(p.text for c in slide.content
                                         for p in getattr(c, "paras", ()))])
        return "" if self.notes(number)[:60] in shown else self.notes(number)


def squash(text: str) -> str:
    """Whitespace collapsed, ligatures (the embedded fonts set "fi" as one glyph) undone."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Deck]:
    lectures = tmp_path_factory.mktemp("lectures")
    pictures = write_lecture(lectures, PICTURES, "pictures")
    make_image(pictures / "figures" / "red.png", (300, 200))
    (pictures / "figures" / "circle.svg").write_text(SVG, encoding="utf-8")
    code = write_lecture(lectures, CODE, "code")
    out = tmp_path_factory.mktemp("slides")
    folders = {"sample": SAMPLE, "longdeck": FIXTURES / "longdeck", "pictures": pictures,
               "code": code}
    made = {name: Deck(folder, out / name) for name, folder in folders.items()}
    themes = tmp_path_factory.mktemp("themes")
    _foreign_templates().main(["--out", str(themes), "--no-soffice"])
    made["band"] = Deck(FIXTURES / "longdeck", out / "band", themes / "band.pptx")
    return made


def _foreign_templates():
    """tools/make_test_templates.py as a module (registered first, as dataclasses need)."""
    if "make_test_templates" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "make_test_templates", Path(__file__).resolve().parents[1] / "tools"
            / "make_test_templates.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_test_templates"] = module
        spec.loader.exec_module(module)
    return sys.modules["make_test_templates"]


# --- the file itself ------------------------------------------------------------------


def test_one_self_contained_file(decks):
    doc = lxml.html.document_fromstring(decks["pictures"].html)
    assert not doc.xpath("//link | //script[@src] | //iframe | //object | //embed | //base")
    sources = doc.xpath("//@src")
    assert {s.split(";")[0] for s in sources} == {"data:image/png", "data:image/svg+xml"}
    for deck in decks.values():
        assert not re.search(r"(?:src|href)=\"(?!data:|#|https?://|mailto:)", deck.html)
        assert "file:" not in deck.html
    [csp] = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1]
    [script] = doc.xpath("//script")
    digest = base64.b64encode(hashlib.sha256(script.text.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp  # exactly this script may run, nothing else


def test_fonts_embedded_renamed_and_subset(decks):
    html = decks["sample"].html
    faces = re.findall(r'@font-face \{ font-family: "([^"]+)"; font-weight: (\d+); '
                       r"font-style: (\w+);[^}]*src: url\(data:font/woff;base64,([^)]+)\)", html)
    assert {(f, w, s) for f, w, s, _ in faces} >= {("chapbook Sans", "400", "normal"),
                                                   ("chapbook Sans", "700", "normal")}
    # The OFL reserves "Carlito" to the unmodified font: a subset goes by another name.
    assert not any("carlito" in f.casefold() for f, *_ in faces)
    assert all(len(data) < 60_000 for *_, data in faces)  # subsets, not 600 KB fonts
    assert '--body-font: "Calibri", "chapbook Sans", sans-serif' in html
    mono = '@font-face { font-family: "chapbook Mono"'
    assert mono in decks["code"].html and mono not in html  # only where code is shown


def test_text_sizes_are_the_decks(decks):
    for deck in decks.values():
        doc = lxml.html.document_fromstring(deck.html)
        sections = doc.xpath("//main/section")
        assert len(sections) == len(deck.plan.slides)
        for section, slide in zip(sections, deck.plan.slides, strict=True):
            if slide.fit.size and slide.layout not in ("title", "section"):
                assert f"--size: {slide.fit.size:.1f}pt;" in section.get("style")


@pytest.mark.parametrize("src", ["../outside.png", "figures/../../outside.png", "/etc/hostname",
                                 "figures/missing.png", "figures/link.png", ""])
def test_pictures_from_outside_the_lecture_are_refused(tmp_path, src):
    folder = tmp_path / "lecture"
    make_image(folder / "figures" / "red.png")
    make_image(tmp_path / "outside.png")
    (folder / "figures" / "link.png").symlink_to(tmp_path / "outside.png")
    assert picture_uri("figures/red.png", folder).startswith("data:image/png;base64,")
    with pytest.raises(RenderError):
        picture_uri(src, folder)


def test_large_pictures_are_scaled_down_and_bmp_becomes_png(tmp_path):
    make_image(tmp_path / "big.png", (5000, 1000))
    make_image(tmp_path / "old.bmp", (60, 40))
    big = picture_uri("big.png", tmp_path)
    image = Image.open(io.BytesIO(base64.b64decode(big.split(",", 1)[1])))
    assert image.size == (2560, 512)
    assert picture_uri("old.bmp", tmp_path).startswith("data:image/png;base64,")


def test_a_lecture_may_restyle_its_slides_but_never_script_them(tmp_path, capsys):
    folder = write_lecture(tmp_path, CODE, "own")
    own = folder / "templates" / "slides"
    own.mkdir(parents=True)
    (own / "slides.css").write_text(".slide { outline: 7px dotted lime; }\n")
    (own / "slides.js").write_text("document.title = 'owned';\n")
    (own / "slides.html.j2").write_text("<script>document.title = 'owned'</script>\n")
    html = build(folder, tmp_path / "out", ("html",))[0].path.read_text()
    assert "7px dotted lime" in html and "owned" not in html
    assert (bundled_templates() / "slides" / "slides.js").read_text() in html
    (own / "slides.css").write_text(".slide {\n  background: url(https://example.org/x.png);\n}\n")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--format", "html"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{own / 'slides.css'}:2: ") and err.count("\n") == 1


@pytest.mark.parametrize("macro", [
    "<script>alert(1)</script>",
    '<p onclick="alert(1)">x</p>',
    '<img src="https://example.org/x.png" alt="">',
    '<p style="background: url(//example.org/x.png)">x</p>',
    '<meta http-equiv="refresh" content="0; url=https://example.org/">',
    '<a href="javascript:alert(1)">x</a>',
])
def test_slide_macros_of_a_lecture_may_not_script_or_load(tmp_path, capsys, macro):
    folder = write_lecture(tmp_path, CODE, "own")
    own = folder / "templates" / "deck"
    own.mkdir(parents=True)
    shown = (bundled_templates() / "deck" / "shown.html.j2").read_text()
    (own / "shown.html.j2").write_text(shown.replace(
        '{% macro notes(s) -%}\n', "{% macro notes(s) -%}\n" + macro + "\n"))
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--format", "html"]) == 1
    err = capsys.readouterr().err
    assert "a template wrote" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_the_same_lecture_gives_the_same_page(decks, tmp_path):
    again = build(decks["code"].source, tmp_path, ("html",))[0].path
    assert again.read_bytes() == decks["code"].path.read_bytes()


# --- the theme --------------------------------------------------------------------------


def _retheme(source: Path, target: Path, edits: dict[str, str]) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("ppt/theme/"):
                text = data.decode("utf-8")
                for old, new in edits.items():
                    text, count = re.subn(old, new, text)
                    assert count, old
                data = text.encode("utf-8")
            dst.writestr(info, data)
    return target


def test_the_theme_gives_colours_fonts_and_boxes(tmp_path):
    look = theme_look(THEME)
    assert (look.width, look.height) == (960, 540)
    assert look.colours["accent1"] == "#9B2C2C" and look.colours["dk1"] == "#1F2933"
    assert look.frames["title"].background == "#9B2C2C"  # the title slide is deep red
    assert look.frames["content"].background == "#FFFFFF"
    assert look.frames["content"].title_size == 36 and look.frames["title"].title_size == 40
    assert len(look.frames["two-content"].bodies) == 2
    theme = _retheme(THEME, tmp_path / "corporate.pptx", {
        r'<a:accent1><a:srgbClr val="9B2C2C"/>': '<a:accent1><a:srgbClr val="2F6F6A"/>',
        r'<a:dk1><a:srgbClr val="1F2933"/>': '<a:dk1><a:sysClr val="windowText" '
                                             'lastClr="000000"/>',
        r'(<a:majorFont><a:latin typeface=")Calibri': r"\1Times New Roman",
        r'(<a:minorFont><a:latin typeface=")Calibri': r"\1Arial",
    })
    style = theme_properties(theme_look(theme))
    assert style["--accent1"] == "#2F6F6A" and style["--dk1"] == "#000000"
    assert style["--title-font"] == '"Times New Roman", "chapbook Serif", serif'
    assert style["--body-font"] == '"Arial", "chapbook Grotesque", sans-serif'


# --- in the browser ---------------------------------------------------------------------


class Watch:
    """Every request, console error and page error in a browser context."""

    def __init__(self, context, allowed_file: Path):
        self.allowed = allowed_file.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        context.on("request", lambda r: self.requests.append(r.url))
        context.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        context.on("weberror", lambda e: self.errors.append(str(e.error)))

    def assert_clean(self) -> None:
        outside = [u for u in self.requests
                   if not u.startswith("data:") and re.split(r"[?#]", u)[0] != self.allowed]
        assert not outside, outside
        assert not self.errors, self.errors


@pytest.fixture(scope="module")
def browser():
    chromium = require_program("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def open_deck(browser):
    """open_deck(deck, suffix="", **context options) -> (page, watch); closed afterwards."""
    contexts = []

    def opener(deck: Deck, suffix: str = "", **options):
        options.setdefault("viewport", {"width": 1280, "height": 720})
        options.setdefault("reduced_motion", "reduce")
        context = browser.new_context(**options)
        contexts.append(context)
        watch = Watch(context, deck.path)
        page = context.new_page()
        page.goto(deck.url + suffix)
        page.wait_for_selector("html.ready")
        return page, watch

    yield opener
    for context in contexts:
        context.close()


SHOWN = """() => [...document.querySelectorAll('#deck > section.slide')].filter(s => {
    const cs = getComputedStyle(s), r = s.getBoundingClientRect();
    return cs.display !== 'none' && cs.visibility === 'visible' && +cs.opacity > 0
        && r.width > 0 && r.height > 0;
}).map(s => ({
    number: [...s.parentNode.children].indexOf(s) + 1,
    title: s.querySelector(':scope > .title').textContent.replace(/\\s+/g, ' ').trim(),
    label: s.getAttribute('aria-label'),
    hidden: s.getAttribute('aria-hidden'),
    inert: s.inert,
    corner: getComputedStyle(s, '::after').content,
}))"""


def shown(page) -> list[dict]:
    return page.evaluate(SHOWN)


@pytest.mark.parametrize("name", ["sample", "longdeck", "band"])
def test_every_slide_of_the_deck_is_reached_by_keyboard(open_deck, decks, name):
    deck = decks[name]
    page, watch = open_deck(deck)
    total = page.locator(SLIDES).count()
    assert total == len(deck.deck_titles) == len(deck.plan.slides)
    for number, title in enumerate(deck.deck_titles, start=1):
        [slide] = shown(page)
        assert (slide["number"], slide["title"]) == (number, title)
        assert slide["label"] == f"{number} / {total}: {title}"
        assert slide["hidden"] is None and not slide["inert"]
        assert slide["corner"] == ("none" if number == 1 else f'"{number}"')
        assert page.evaluate("location.hash") == f"#/{number}"
        assert page.inner_text(".live") == f"Slide {number} of {total}: {title}"
        page.keyboard.press("ArrowRight")
    assert shown(page)[0]["number"] == total  # no further than the last
    assert page.evaluate("""() => [...document.querySelectorAll('#deck > section.slide')]
        .filter(s => !s.classList.contains('current'))
        .every(s => s.getAttribute('aria-hidden') === 'true' && s.inert)""")
    for key, number in [("Home", 1), ("End", total), ("ArrowLeft", total - 1),
                        ("PageUp", total - 2), ("Backspace", total - 3), ("ArrowUp", total - 4),
                        ("PageDown", total - 3), ("Space", total - 2), ("ArrowDown", total - 1),
                        ("Home", 1), ("Enter", 2)]:
        page.keyboard.press(key)
        assert [s["number"] for s in shown(page)] == [number], key
    for keys, number in [("7", 7), ("12", 12), ("99", total)]:
        for key in keys:
            page.keyboard.press(key)
        page.keyboard.press("Enter")
        assert [s["number"] for s in shown(page)] == [number]
    watch.assert_clean()


def test_clicks_deep_links_overview_help_and_fullscreen(open_deck, decks):
    deck = decks["sample"]
    page, watch = open_deck(deck, "#/5")
    page.mouse.click(1000, 400)
    assert shown(page)[0]["number"] == 6
    page.mouse.click(150, 400)
    page.mouse.click(150, 400)
    assert shown(page)[0]["number"] == 4
    page.reload()
    page.wait_for_selector("html.ready")
    assert shown(page)[0]["number"] == 4
    page.keyboard.press("o")
    thumbs = page.locator(".overview button")
    assert thumbs.count() == len(deck.plan.slides)
    assert thumbs.nth(3).get_attribute("aria-current") == "true"
    thumbs.nth(10).click()
    assert not page.locator(".overview").is_visible()
    assert shown(page)[0]["number"] == 11
    page.keyboard.press("Escape")
    assert page.locator(".overview").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator(".overview").is_visible()
    page.keyboard.press("?")
    assert page.locator("dialog.help").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("dialog.help").is_visible()
    page.keyboard.press("f")  # fullscreen may be refused headless; it must not error
    watch.assert_clean()


def test_notes_are_hidden_from_the_audience_and_shown_to_the_presenter(open_deck, decks):
    deck = decks["sample"]
    page, watch = open_deck(deck, "#/3")
    notes = [n for i in range(1, len(deck.plan.slides) + 1) if (n := deck.private_notes(i))]
    assert len(notes) >= 10 and page.locator("aside.notes").count() >= 10
    assert page.evaluate("[...document.querySelectorAll('aside.notes')]"
                         ".every(a => !a.checkVisibility())")
    assert not [n for n in notes if n[:60] in page.inner_text("body")]
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    presenter = popup.value
    presenter.wait_for_selector("html.ready")
    assert "presenter" in presenter.url
    assert squash(presenter.inner_text(".pv-notes")) == deck.notes(3)
    assert presenter.inner_text(".pv-count") == f"Slide 3 / {len(deck.plan.slides)}"
    assert presenter.locator(".pv-next .slide .title").inner_text() == deck.deck_titles[3]
    page.keyboard.press("ArrowRight")  # the audience leads, the presenter follows
    presenter.wait_for_function("document.querySelector('.pv-count').textContent"
                                ".startsWith('Slide 4 /')")
    assert squash(presenter.inner_text(".pv-notes")) == deck.notes(4)
    presenter.keyboard.press("End")  # and the other way round
    page.wait_for_function(f"location.hash === '#/{len(deck.plan.slides)}'")
    assert presenter.locator(".pv-next .end").is_visible()
    assert not [n for n in notes if n[:60] in page.inner_text("body")]
    watch.assert_clean()


def test_print_gives_every_slide_a_page_of_its_own(open_deck, decks, tmp_path):
    deck = decks["sample"]
    page, watch = open_deck(deck, "#/6")
    pdf = tmp_path / "slides.pdf"
    page.pdf(path=pdf, prefer_css_page_size=True, print_background=True)
    reader = PdfReader(pdf)
    assert len(reader.pages) == len(deck.plan.slides)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in reader.pages} == {(960, 540)}  # the deck's 13.33 x 7.5 in
    for number, p in enumerate(reader.pages, start=1):
        text = squash(p.extract_text())
        assert squash(deck.deck_titles[number - 1])[:25] in text
        notes = deck.private_notes(number)
        assert not notes or notes[:40] not in text
    page.keyboard.press("n")  # print with notes
    page.pdf(path=pdf, prefer_css_page_size=True, print_background=True)
    reader = PdfReader(pdf)
    assert len(reader.pages) == len(deck.plan.slides)
    assert round(float(reader.pages[0].mediabox.height)) == 840  # the slide and its notes
    assert deck.notes(3)[:40] in squash(reader.pages[2].extract_text())
    watch.assert_clean()


def test_accessible_structure(open_deck, decks):
    deck = decks["pictures"]
    page, watch = open_deck(deck)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("main#deck").count() == 1
    assert page.locator(f"main {SLIDES.split()[-1]}").count() == page.locator(SLIDES).count()
    roles = page.evaluate("""() => [...document.querySelectorAll('#deck > section.slide')]
        .map(s => [s.getAttribute('role'), s.getAttribute('aria-roledescription')])""")
    assert set(map(tuple, roles)) == {("group", "Slide")}
    alts = page.evaluate("[...document.images].map(i => [i.alt, i.src.split(';')[0]])")
    assert sorted(alts) == [["A blue circle", "data:image/svg+xml"],
                            ["A red rectangle on white", "data:image/png"]]
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert page.locator(".live[aria-live=polite]").count() == 1
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    watch.assert_clean()


OVERFLOW = """() => [...document.querySelectorAll('#deck > section.slide')].map((s, i) => {
    const out = [];
    for (const part of s.querySelectorAll(':scope > .title, :scope > .body')) {
        const box = part.getBoundingClientRect();
        const outside = r => r.width > 0 && (r.bottom > box.bottom + 1 || r.right > box.right + 1
                                             || r.top < box.top - 1 || r.left < box.left - 1);
        const walk = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            if (!n.textContent.trim() || n.parentElement.closest('.chart-data, caption')) continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            if ([...range.getClientRects()].some(outside)) out.push(n.textContent.slice(0, 40));
        }
        for (const e of part.querySelectorAll('img, svg, table:not(.chart-data table)'))
            if (outside(e.getBoundingClientRect())) out.push(e.tagName);
    }
    return [i + 1, out];
}).filter(([, out]) => out.length)"""


@pytest.mark.parametrize("name", ["sample", "longdeck", "pictures", "code", "band"])
def test_nothing_leaves_its_box(open_deck, decks, name):
    page, watch = open_deck(decks[name])
    assert page.evaluate(OVERFLOW) == []
    watch.assert_clean()


def test_a_code_block_keeps_its_lines(open_deck, decks):
    deck = decks["code"]
    lines = lxml.html.document_fromstring(deck.html).xpath("//p[contains(@class, 'code')]")
    assert ["".join(p.itertext()) for p in lines] == CODE_LINES
    page, watch = open_deck(deck, "#/2")
    boxes = page.evaluate("""() => [...document.querySelectorAll('.current p.code')]
        .map(p => [p.innerText, p.getBoundingClientRect().top,
                   p.getBoundingClientRect().height, getComputedStyle(p).whiteSpace])""")
    assert [b[0].rstrip("\n") for b in boxes] == CODE_LINES  # every space kept
    tops = [b[1] for b in boxes]
    assert tops == sorted(tops) and len(set(tops)) == len(CODE_LINES)  # a line each
    assert all(b[2] > 10 and b[3] == "pre-wrap" for b in boxes)  # the empty line too
    watch.assert_clean()


def test_the_chart_is_the_decks_column_chart(open_deck, decks):
    deck = decks["sample"]
    number = next(i for i, s in enumerate(deck.plan.slides, 1) if s.layout == "chart")
    [data] = deck.plan.slides[number - 1].content
    page, watch = open_deck(deck, f"#/{number}")
    chart = page.locator(".current figure.chart")
    assert chart.locator("svg[role=img][aria-label]").count() == 1
    assert chart.locator("rect.bar").count() == len(data.labels)
    assert chart.locator("rect.bar.highlight").count() == sum(data.highlights)
    ticks = [float(t) for t in chart.locator("text.tick").all_text_contents()]
    assert ticks == list(data.axis.ticks)  # the deck's own gridlines
    rows = chart.locator(".chart-data tbody tr")
    assert rows.count() == len(data.labels)  # the numbers, for screen readers
    assert "Belgium" in page.locator(".current").aria_snapshot()
    label = page.evaluate("document.querySelector('.current text.label')"
                          ".getBoundingClientRect().width")
    assert label >= 14 * 4 / 3 * 0.95  # upright labels of 14 pt: width on screen is height
    watch.assert_clean()


@pytest.mark.parametrize("width, height", [(1000, 800), (1600, 700), (640, 360)])
def test_the_slide_keeps_its_shape_in_any_window(open_deck, decks, width, height):
    page, watch = open_deck(decks["sample"], viewport={"width": width, "height": height})
    box = page.locator(".current").bounding_box()
    scale = min(width / 1280, height / 720)
    assert box["width"] == pytest.approx(1280 * scale, abs=1)
    assert box["height"] == pytest.approx(720 * scale, abs=1)
    assert box["x"] == pytest.approx((width - box["width"]) / 2, abs=1)
    assert box["y"] == pytest.approx((height - box["height"]) / 2, abs=1)
    watch.assert_clean()


def test_theme_colours_reach_the_screen(open_deck, decks):
    page, watch = open_deck(decks["sample"])
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    assert image.getpixel((640, 60)) == (0x9B, 0x2C, 0x2C)  # the title slide: accent 1
    page.keyboard.press("ArrowRight")
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    assert image.getpixel((640, 30)) == (255, 255, 255)  # a content slide: light 1
    watch.assert_clean()


def test_a_foreign_theme_brings_its_boxes_shapes_and_colours(open_deck, decks):
    """band.pptx: Arial, navy and orange, a footer band with a rule on it and a round logo
    on the master, the slide number in white on the band."""
    deck = decks["band"]
    page, watch = open_deck(deck, "#/3")
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    assert image.getpixel((640, 700)) == (0x1B, 0x2A, 0x41)  # the footer band
    assert image.getpixel((1201, 66)) == (0xD9, 0x66, 0x1F)  # the logo
    number = page.evaluate("""() => { const s = document.querySelector('.current');
        return [getComputedStyle(s, '::after').color, getComputedStyle(s, '::after').top]; }""")
    assert number[0] == "rgb(255, 255, 255)"  # readable on the band, as the theme means
    title = page.evaluate("getComputedStyle(document.querySelector('.current .title'))"
                          ".fontFamily")
    assert title.startswith('Arial, "chapbook Grotesque"')
    watch.assert_clean()
