"""Nothing of a slide's text is lost on the way to the deck, the handout and the HTML
slides: inline maths is shown as its Unicode approximation (the booklet draws it), an
inline picture as its alt text."""

from __future__ import annotations

import lxml.html
import pytest
from lectures import make_image, write_lecture
from pdftools import page_texts
from pptx import Presentation

from chapbook.build import build
from chapbook.maths.unicode import tex_to_text, tex_to_unicode

pytestmark = pytest.mark.slow  # builds whole lectures or runs external programs

INLINE = """\
    ---
    title: Inline maths
    lang: en
    ---

    ## Energy

    ::: slide
    - Energy $E = mc^2$ and $\\alpha \\leq \\beta_1$
    - A ratio $\\frac{a+b}{2} \\neq \\sqrt{x}$ with a ![key icon](figures/key.png) inline
    :::
    """
SHOWN = ("E = mc²", "α ≤ β₁", "(a + b)/2 ≠ √x", "key icon")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("inline")
    folder = write_lecture(tmp, INLINE)
    make_image(folder / "figures" / "key.png", (12, 12))
    return {b.path.suffix: b.path for b in build(folder, tmp / "out", ("pptx", "handout",
                                                                           "html"))}


def _deck_text(path) -> str:
    return "\n".join(shape.text_frame.text for slide in Presentation(path).slides
                     for shape in slide.shapes if shape.has_text_frame)


def test_inline_maths_and_pictures_reach_the_deck(outputs):
    text = _deck_text(outputs[".pptx"])
    for shown in SHOWN:
        assert shown in text
    runs = [r for slide in Presentation(outputs[".pptx"]).slides for shape in slide.shapes
            if shape.has_text_frame for p in shape.text_frame.paragraphs for r in p.runs]
    assert any(r.text == "E" and r.font.italic for r in runs)  # a variable
    assert any(r.text.startswith(" = ") and not r.font.italic for r in runs)


def test_inline_maths_and_pictures_reach_the_handout(outputs):
    text = " ".join(" ".join(page_texts(outputs[".pdf"])).split())
    for shown in SHOWN:
        assert shown.replace(" ", "") in text.replace(" ", "")


def test_inline_maths_and_pictures_reach_the_html_slides(outputs):
    doc = lxml.html.document_fromstring(outputs[".html"].read_text(encoding="utf-8"))
    text = " ".join(" ".join(s.text_content() for s in doc.xpath("//section")).split())
    for shown in SHOWN:
        assert shown in text


@pytest.mark.parametrize(("tex", "text"), [
    ("x^2 + y_i", "x² + yᵢ"),
    ("\\alpha \\times \\Gamma \\cdot 3 \\geq \\pm\\infty", "α × Γ · 3 ≥ ±∞"),
    ("\\sum_{i=1}^n i", "∑ᵢ₌₁ⁿi"),
    ("\\int_0^1 f(x)\\,dx", "∫₀¹f(x) dx"),
    ("\\frac{1}{2}", "1/2"),
    ("e^{i\\pi} + 1 = 0", "e^(iπ) + 1 = 0"),
    ("-x^{-1}", "−x⁻¹"),
    ("\\sin x", "sin x"),
    ("\\mathbb{R}", "ℝ"),
    ("\\text{if } x > 0", "if x > 0"),
    ("\\sqrt[3]{8}", "∛8"),
    ("R(S,A)", "R(S, A)"),
    ("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}", "a b; c d"),
])
def test_tex_as_unicode(tex, text):
    assert tex_to_text(tex) == text


def test_variables_are_italic_and_the_rest_upright():
    assert tex_to_unicode("E = mc^2") == [("E", True), (" = ", False), ("mc", True),
                                          ("²", False)]


TWO_VISUALS = """\
    ---
    title: Two visuals
    lang: en
    ---

    ## Pictures

    ::: slide
    - A point about both pictures

    ![A red square](figures/red.png "The red one")

    ![A green square](figures/green.png "The green one")

    ::: {.chart src="data/years.csv" alt="Years of recognition"}
    When they recognised.
    :::
    :::
    """


@pytest.fixture(scope="module")
def two_visuals(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("visuals")
    folder = write_lecture(tmp, TWO_VISUALS)
    make_image(folder / "figures" / "red.png", (40, 30))
    from PIL import Image

    Image.new("RGB", (30, 40), (20, 160, 40)).save(folder / "figures" / "green.png")
    (folder / "data").mkdir()
    (folder / "data" / "years.csv").write_text("country,year\nFrance,1924\nBelgium,1935\n",
                                               encoding="utf-8")
    return {b.path.suffix: b.path for b in build(folder, tmp / "out", ("pptx", "handout",
                                                                           "html"))}


def test_every_visual_of_a_slide_block_reaches_the_deck(two_visuals):
    prs = Presentation(two_visuals[".pptx"])
    alts = [shape._element.xpath(".//p:cNvPr/@descr")[0] for slide in prs.slides
            for shape in slide.shapes if shape.shape_type == 13]  # pictures
    assert "A red square" in alts and "A green square" in alts
    charts = [shape for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1
    titles = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
    assert "Pictures" in titles and any(t.startswith("Pictures (cont.") for t in titles)
    assert "A point about both pictures" in _deck_text(two_visuals[".pptx"])


def test_every_visual_of_a_slide_block_reaches_the_html_slides(two_visuals):
    doc = lxml.html.document_fromstring(two_visuals[".html"].read_text(encoding="utf-8"))
    alts = doc.xpath("//section//img/@alt")
    assert "A red square" in alts and "A green square" in alts
    assert doc.xpath('//section//*[@aria-label="Years of recognition"] | '
                     '//section//svg[.//*[contains(text(), "Belgium")]]')


def test_every_visual_of_a_slide_block_reaches_the_handout(two_visuals):
    from pypdf import PdfReader

    reader = PdfReader(two_visuals[".pdf"])
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 2  # the red and the green square
    text = " ".join(" ".join(page_texts(two_visuals[".pdf"])).split())
    assert "Belgium" in text and "Pictures (cont." in text
