"""HTML slides in the browser: Chromium driven as a presenter would.

Every slide of the deck (the same count and titles as the .pptx built from the same
lecture) reached by keyboard, notes hidden from the audience and shown in the presenter
view, print one slide a page, nothing outside its box, no request leaving the file, no
console error. Needs Debian's `chromium` (launched directly: nothing is downloaded) and
the `playwright` package.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import lxml.html
import pytest
from conftest import require_program
from PIL import Image
from pypdf import PdfReader
from slidedecks import CODE_LINES, Deck, squash

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SLIDES = "#deck > section.slide"


@pytest.fixture(scope="module")
def decks(slide_decks):
    return slide_decks


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
