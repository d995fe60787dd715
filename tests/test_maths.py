"""Maths: the SVG, PNG and Office Math read back and measured, errors for what cannot be drawn."""

from __future__ import annotations

import io
import subprocess

import pdfplumber
import pytest
from conftest import require_program
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.util import Emu, Inches

from chapbook.errors import ContentError
from chapbook.maths import MathError, tex_to_omml, tex_to_png, tex_to_svg
from chapbook.maths.omml import UnsupportedMathML, mathml_to_omml, slide_equation_xml

SVG = "{http://www.w3.org/2000/svg}"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
NS = {"m": M, "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
      "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}

LECTURE_MATHS = [
    r"\frac{a+b}{c-d}",
    r"\sqrt{x^2+y^2}",
    r"\sqrt[3]{8} = 2",
    r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}",
    r"\int_0^\infty e^{-x^2}\,dx = \frac{\sqrt{\pi}}{2}",
    r"\lim_{x\to 0} \frac{\sin x}{x} = 1",
    r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}",
    r"\begin{aligned} f(x) &= x^2 + 2x + 1 \\ &= (x+1)^2 \end{aligned}",
    r"\alpha + \beta = \gamma, \quad \Omega \Delta \lambda",
    r"\hat{x}, \bar{y}, \vec{v}, \dot{q}, \tilde{n}",
    r"\text{if } x > 0 \text{ then } y",
    r"\mathbb{R}^n, \mathbb{N}, \mathcal{L}, \mathbf{v}",
    r"\left\{ x \in \mathbb{R} : x > 0 \right\}",
    r"f(x) = \begin{cases} 1 & x \ge 0 \\ 0 & x < 0 \end{cases}",
    r"\binom{n}{k} = \frac{n!}{k!(n-k)!}",
    r"\mathrm{Var}(X) = \mathbb{E}[X^2] - \mathbb{E}[X]^2",
]


def svg_root(drawing) -> etree._Element:
    return etree.fromstring(drawing.svg.encode())


@pytest.mark.parametrize("tex", LECTURE_MATHS)
def test_svg_is_paths_only_and_sized_in_points(tex):
    drawing = tex_to_svg(tex, True, 10.5)
    root = svg_root(drawing)
    assert root.tag == f"{SVG}svg"
    paths = root.findall(f".//{SVG}path")
    assert paths and all(len(p.get("d", "")) > 20 for p in paths)
    assert not root.findall(f".//{SVG}text"), "text must be drawn as paths: no font needed"
    assert not [el for el in root.iter() if el.get("id")], "ids would clash between formulas"
    assert root.get("width") == f"{drawing.width:.3f}pt"
    assert root.get("height") == f"{drawing.height:.3f}pt"
    assert 0 < drawing.depth < drawing.height
    assert root.get("aria-label") == tex


def test_width_grows_with_content():
    widths = [tex_to_svg(t, False, 10).width for t in ("x", "x+y", "x+y+z", "x+y+z+w")]
    assert widths == sorted(widths) and len(set(widths)) == 4


def test_size_scales_the_drawing():
    small, large = tex_to_svg(r"\frac{a}{b}", False, 10), tex_to_svg(r"\frac{a}{b}", False, 20)
    assert large.width == pytest.approx(2 * small.width, rel=0.02)
    assert large.height == pytest.approx(2 * small.height, rel=0.02)


@pytest.mark.parametrize("tex", [r"\frac{a}{b}", r"\sum_{i=1}^{n} i", r"\int_0^1 f(x)\,dx"])
def test_display_is_larger_than_inline(tex):
    display, inline = tex_to_svg(tex, True, 10), tex_to_svg(tex, False, 10)
    assert display.height > 1.2 * inline.height


def test_baseline_sits_under_letters_and_above_descenders():
    x, y = tex_to_svg("x", False, 10), tex_to_svg("y", False, 10)
    assert x.depth < 1.0  # only the margin below a letter sitting on the baseline
    assert y.depth > x.depth + 1.0  # the tail of the y goes below the baseline
    frac = tex_to_svg(r"\frac{1}{2}", True, 10)
    above, below = frac.height - frac.depth, frac.depth
    assert above > 5 and below > 3  # a fraction straddles the maths axis above the baseline


def test_label_and_nonumber_are_dropped():
    plain = tex_to_svg("x = 1", True, 10)
    assert tex_to_svg(r"x = 1 \label{eq:one} \nonumber", True, 10).width == plain.width


@pytest.mark.parametrize(("tex", "reason"), [
    (r"\foo{x} + 1", r"\foo"),
    (r"\begin{tikzpicture} x \end{tikzpicture}", "tikzpicture"),
    (r"\frac{a", "{ without its }"),
    ("a}", "} without its {"),
    ("x^", "^ or _"),
    (r"\left( x", r"\left"),
    ("a & b", "&"),
    (r"\text{日本}", "U+65E5"),
    ("  ", "empty"),
    ("x" * 5000, "longer"),
])
def test_what_cannot_be_drawn_raises_math_error(tex, reason):
    with pytest.raises(MathError) as error:
        tex_to_svg(tex, False, 10)
    assert reason in str(error.value)
    assert isinstance(error.value, ContentError)  # the CLI prints it as `path:line: ...`
    with pytest.raises(MathError):
        tex_to_omml(tex, False)


def test_png_is_the_svg_at_the_asked_resolution():
    drawing = tex_to_svg(r"\sum_{i=1}^{n} x_i", True, 24)
    image = Image.open(io.BytesIO(tex_to_png(r"\sum_{i=1}^{n} x_i", True, 24, dpi=144)))
    assert image.size[0] == pytest.approx(drawing.width * 2, abs=2)
    assert image.size[1] == pytest.approx(drawing.height * 2, abs=2)
    alpha = image.convert("RGBA").getchannel("A")
    assert alpha.getpixel((0, 0)) == 0  # transparent, for any slide background
    assert alpha.getextrema()[1] == 255  # and the ink is opaque


def omml(tex: str, display: bool = True) -> etree._Element:
    text = tex_to_omml(tex, display)
    assert text is not None
    return etree.fromstring(text.encode())


def texts(el: etree._Element) -> str:
    return "".join(el.itertext())


@pytest.mark.parametrize("tex", LECTURE_MATHS)
def test_omml_is_well_formed_office_math(tex):
    root = omml(tex)
    assert root.tag == f"{{{M}}}oMathPara"
    assert root.find("m:oMath", NS) is not None
    assert all(etree.QName(el).namespace == M for el in root.iter())
    assert not root.findall(".//m:e", NS) or all(
        len(e) or e.getparent().tag.endswith("mr") for e in root.iterfind(".//m:e", NS)
    ), "an empty argument shows as a placeholder box in PowerPoint"


def test_inline_omml_is_an_omath():
    assert omml("x^2", display=False).tag == f"{{{M}}}oMath"


def test_omml_fraction():
    frac = omml(r"\frac{a+b}{c}").find(".//m:f", NS)
    assert texts(frac.find("m:num", NS)) == "a+b"
    assert texts(frac.find("m:den", NS)) == "c"


def test_omml_sum_takes_limits_and_operand():
    root = omml(r"\sum_{i=1}^{n} x_i = S")
    nary = root.find(".//m:nary", NS)
    assert nary.find("m:naryPr/m:chr", NS).get(f"{{{M}}}val") == "∑"
    assert nary.find("m:naryPr/m:limLoc", NS).get(f"{{{M}}}val") == "undOvr"
    assert texts(nary.find("m:sub", NS)) == "i=1"
    assert texts(nary.find("m:sup", NS)) == "n"
    assert texts(nary.find("m:e", NS)) == "xi"  # the operand stops at the relation
    assert texts(root).endswith("=S")


def test_omml_integral_keeps_limits_beside_it():
    nary = omml(r"\int_0^1 f(x)\,dx").find(".//m:nary", NS)
    assert nary.find("m:naryPr/m:limLoc", NS).get(f"{{{M}}}val") == "subSup"
    assert texts(nary.find("m:e", NS)).replace("\u2009", "") == "f(x)dx"


def test_omml_matrix_in_parentheses():
    fence = omml(r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}").find(".//m:d", NS)
    assert fence.find("m:dPr/m:begChr", NS).get(f"{{{M}}}val") == "("
    rows = fence.findall("m:e/m:m/m:mr", NS)
    assert [[texts(cell) for cell in row.findall("m:e", NS)] for row in rows] == [
        ["a", "b"], ["c", "d"]]


def test_omml_aligned_lines_align_at_the_relation():
    arr = omml(r"\begin{aligned} f &= g \\ &= h \end{aligned}").find(".//m:eqArr", NS)
    lines = arr.findall("m:e", NS)
    assert [texts(line) for line in lines] == ["f=g", "=h"]
    assert all(line.find(".//m:rPr/m:aln", NS) is not None for line in lines)


def test_omml_structures():
    assert omml(r"\hat{x}").find(".//m:acc/m:accPr/m:chr", NS).get(f"{{{M}}}val") == "\u0302"
    assert omml(r"\overline{AB}").find(".//m:bar/m:barPr/m:pos", NS).get(f"{{{M}}}val") == "top"
    limit = omml(r"\lim_{x\to 0} f(x)").find(".//m:func", NS)
    assert texts(limit.find("m:fName/m:limLow/m:lim", NS)) == "x→0"
    assert texts(limit.find("m:e", NS)) == "f(x)"
    power = omml(r"(x+1)^2").find(".//m:sSup", NS)
    assert power.find("m:e/m:d", NS) is not None  # the power is on the group, not on ")"
    assert omml(r"\sqrt[3]{8}").find(".//m:rad/m:deg", NS) is not None
    assert omml(r"\binom{n}{k}").find(".//m:f/m:fPr/m:type", NS).get(f"{{{M}}}val") == "noBar"
    text = omml(r"\text{if } x").find(".//m:r", NS)
    assert text.find("m:rPr/m:nor", NS) is not None and texts(text) == "if "
    assert "ℝ" in texts(omml(r"\mathbb{R}"))
    var = omml(r"\mathrm{Var}(X)").find(".//m:r", NS)
    assert texts(var) == "Var" and var.find("m:rPr/m:sty", NS).get(f"{{{M}}}val") == "p"


def test_unsupported_mathml_is_refused():
    with pytest.raises(UnsupportedMathML):
        mathml_to_omml("<math><merror><mtext>x</mtext></merror></math>", True)


def slide_shape() -> etree._Element:
    xml = slide_equation_xml(
        tex_to_omml(r"\frac{a}{b}", True), shape_id=7, name="Equation 1", alt_text="a over b",
        x=100, y=200, cx=3000, cy=4000, image_rid="rId9", size_pt=28)
    return etree.fromstring(xml.encode())


def test_slide_equation_is_omml_with_a_picture_fallback():
    shape = slide_shape()
    choice = shape.find("mc:Choice", NS)
    assert choice.get("Requires") == "a14 m"  # LibreOffice then shows the picture
    math = choice.find("p:sp/p:txBody/a:p/a14:m/m:oMathPara", NS)
    assert math is not None and math.find(".//m:f", NS) is not None
    runs = math.findall(".//m:r", NS)
    assert runs and all(r.find("a:rPr", NS).get("sz") == "2800" for r in runs)
    picture = shape.find("mc:Fallback/p:sp/p:spPr/a:blipFill/a:blip", NS)
    assert picture.get(f"{{{NS['r']}}}embed") == "rId9"
    ids = [(c.get("id"), c.get("descr")) for c in shape.iterfind(".//p:cNvPr", NS)]
    assert ids == [("7", "a over b"), ("7", "a over b")]
    locks = shape.find("mc:Fallback//a:spLocks", NS)
    assert locks.get("noTextEdit") == "1"


@pytest.mark.slow
def test_libreoffice_shows_the_fallback_picture(tmp_path):
    """LibreOffice takes a Choice only if Requires is exactly one name it knows."""
    soffice = require_program("soffice")
    tex = r"\sum_{i=1}^{n} \frac{a_i}{b}"
    drawing = tex_to_svg(tex, True, 32)
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _, rid = slide.part.get_or_add_image_part(io.BytesIO(tex_to_png(tex, True, 32)))
    cx, cy = Emu(round(drawing.width * 12700)), Emu(round(drawing.height * 12700))
    xml = slide_equation_xml(tex_to_omml(tex, True), shape_id=50, name="Equation 1",
                             alt_text=tex, x=Inches(2), y=Inches(2), cx=cx, cy=cy,
                             image_rid=rid, size_pt=32)
    slide.shapes._spTree.append(etree.fromstring(xml.encode()))
    deck = tmp_path / "equation.pptx"
    prs.save(deck)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True, capture_output=True, timeout=180,
    )
    with pdfplumber.open(tmp_path / "equation.pdf") as pdf:
        images = pdf.pages[0].images
    assert len(images) == 1
    image = images[0]
    assert image["x0"] == pytest.approx(2 * 72, abs=1) and image["top"] == pytest.approx(144, abs=1)
    assert image["x1"] - image["x0"] == pytest.approx(drawing.width, abs=1)

