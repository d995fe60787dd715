"""TeX maths for both outputs: vector SVG for the booklet, PNG and Office Math for the deck.

Renderer: ziamath (pure Python: TeX -> MathML with latex2mathml, then laid out with the
OpenType MATH table of the STIX Two Math font it ships, OFL 1.1, every glyph written as a
path, so no renderer needs a font). It was chosen over matplotlib's mathtext, measured on 25
formulas typical of lectures: mathtext has no `matrix`, `pmatrix`, `cases` or `aligned` (4 of
the 25 failed), sets every fraction in text style and `\\mathbb` in italic, and drags in
numpy; ziamath drew all 25 correctly, with display-style limits and fractions, in half
the time (about 25 ms of CPU a formula; bench/maths_time.py). Neither needs LaTeX.

One MathML, two renderings: `tex_to_svg`/`tex_to_png` draw it, `tex_to_omml` converts it to
Office Math (see `omml.py`) for an editable equation in the deck.

Errors: TeX that is malformed (unbalanced braces, `x^`, `\\left` without `\\right`), or that uses
a command, environment or character the renderer cannot draw, raises `MathError` with a
one-line reason. Nothing is drawn half-right: an unknown command would otherwise come out as
its literal name in italics, and an unknown environment would vanish. The caller turns the
error into a `path:line:` warning and shows the TeX as code. `\\label`, `\\nonumber` and
`\\notag` are dropped silently: they only serve cross-references, which chapbook does not
number.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import latex2mathml.commands
import latex2mathml.exceptions as tex_errors
from fontTools.ttLib import TTFont
from lxml import etree

from chapbook.errors import ContentError
from chapbook.maths.omml import NARY, UnsupportedMathML, mathml_to_omml

MAX_TEX_LENGTH = 4000
MARGIN_EM = 0.05  # room around the ink, so antialiased edges are not cut in a PNG
MIN_SCRIPT_SIZE = 0.5  # of the body size: TeX's scriptscript size
DROPPED = re.compile(r"\\label\s*\{[^{}]*\}|\\nonumber\b|\\notag\b")
ENVIRONMENT = re.compile(r"\\(?:begin|end)\s*\{([^{}]*)\}")
ENVIRONMENTS = {name.lstrip("\\") for name in latex2mathml.commands.MATRICES} | {"aligned"}
TOKENS = {"mi", "mn", "mo", "mtext", "ms"}
TEX_ERRORS = {
    tex_errors.MissingSuperScriptOrSubscriptError: "a ^ or _ with nothing after it",
    tex_errors.ExtraLeftOrMissingRightError: "a \\left without its \\right",
    tex_errors.MissingEndError: "a \\begin without its \\end",
    tex_errors.DenominatorNotFoundError: "a fraction without its denominator",
    tex_errors.NumeratorNotFoundError: "a fraction without its numerator",
    tex_errors.DoubleSubscriptsError: "a double subscript (use braces: x_{i_j})",
    tex_errors.DoubleSuperscriptsError: "a double superscript (use braces: x^{2^n})",
    tex_errors.NoAvailableTokensError: "a command without its argument",
    tex_errors.LimitsMustFollowMathOperatorError: "\\limits after something not an operator",
    tex_errors.InvalidAlignmentError: "an unknown column alignment",
    tex_errors.InvalidWidthError: "an unknown width",
    tex_errors.InvalidStyleForGenfracError: "an unknown \\genfrac style",
}


class MathError(ContentError):
    """TeX that cannot be typeset as written; the caller shows it as code instead."""


@dataclass(frozen=True)
class MathSVG:
    """A formula drawn as an SVG whose text is all paths, measured in points.

    Place it inline with `vertical-align: -{depth}pt` so its baseline sits on the text's.
    """

    svg: str  # an <svg> element with width and height in pt
    width: float  # pt
    height: float  # pt, ink plus a small margin
    depth: float  # pt below the baseline (the descent); height - depth is above it


def tex_to_mathml(tex: str, display: bool) -> str:
    """The checked MathML for `tex`; `MathError` if it cannot be typeset faithfully."""
    return _mathml(tex, display)


@lru_cache(maxsize=512)
def tex_to_svg(tex: str, display: bool, size_pt: float, color: str = "#000000") -> MathSVG:
    """`tex` at a body size of `size_pt`; display style (large operators, limits) if `display`."""
    mathml = etree.fromstring(_mathml(tex, display).encode())
    mathml.set("mathcolor", color)
    margin = size_pt * MARGIN_EM
    try:
        with _ziamath_settings(size_pt):
            drawing = _ziamath().Math(etree.tostring(mathml, encoding="unicode"),
                                      size=size_pt, margin=margin)
            svg = drawing.svgxml()
    except (ValueError, KeyError, IndexError, AttributeError, TypeError, RecursionError) as e:
        raise MathError(f"the formula cannot be drawn ({type(e).__name__})") from e
    width = float(svg.attrib["width"])
    height = float(svg.attrib["height"])
    depth = -drawing.node.bbox.ymin + margin
    svg.attrib.update(width=f"{width:.3f}pt", height=f"{height:.3f}pt", role="img")
    svg.attrib["aria-label"] = tex.strip()
    text = ET.tostring(svg, encoding="unicode")
    return MathSVG(svg=text, width=width, height=height, depth=depth)


def tex_to_png(tex: str, display: bool, size_pt: float, dpi: int = 300) -> bytes:
    """The same drawing as `tex_to_svg`, as a transparent PNG (the deck's picture of it)."""
    import cairosvg  # 1 s to import (cairo through cffi): only for lectures with maths

    drawing = tex_to_svg(tex, display, size_pt)
    return cairosvg.svg2png(bytestring=drawing.svg.encode(), dpi=dpi)


def tex_to_omml(tex: str, display: bool) -> str | None:
    """Office Math for `tex`: `m:oMathPara` if `display`, else `m:oMath`, in the `m:` namespace.

    `MathError` for TeX that cannot be typeset at all (as `tex_to_svg`); None when the TeX is
    fine but holds something Office Math cannot express here: use the picture alone.
    """
    try:
        return mathml_to_omml(_mathml(tex, display), display)
    except UnsupportedMathML:
        return None


@cache
def _ziamath():
    """ziamath, imported on first use: a lecture without maths does not load it."""
    with warnings.catch_warnings():
        # ziamath 0.13 finds its font with importlib.resources.path, deprecated in 3.11-3.12.
        warnings.simplefilter("ignore", DeprecationWarning)
        import ziamath
        import ziamath.tex
    return ziamath


@cache
def _drawn_elements() -> frozenset[str]:
    """What ziamath lays out: its registry, and what it renames or flattens on the way in."""
    from ziamath.nodes.mnode import _node_classes

    _ziamath()
    return frozenset((set(_node_classes) - {"merror"})
                     | {"math", "mtr", "mtd", "none", "ms", "mstyle", "mprescripts"})


@cache
def _math_font_characters() -> frozenset[int]:
    """The characters STIX Two Math, as ziamath ships it, has glyphs for."""
    font_file = resources.files("ziamath.fonts").joinpath("STIXTwoMath-Regular.ttf")
    with resources.as_file(font_file) as path, TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@contextlib.contextmanager
def _ziamath_settings(size_pt: float) -> Iterator[None]:
    """Paths drawn in place (ziamath's SVG 2 mode reuses glyphs by `id`, which would clash
    between the formulas of one HTML page), and scripts allowed down to half the body size,
    as in TeX (ziamath's floor is a fraction of its 24 px default, not of the formula's size).
    """
    ziamath = _ziamath()
    config = ziamath.config
    before = config.svg2, config.minsizefraction
    basesize = ziamath.zmath.loadedfonts["default"].basesize
    config.svg2, config.minsizefraction = False, MIN_SCRIPT_SIZE * size_pt / basesize
    try:
        yield
    finally:
        config.svg2, config.minsizefraction = before


@lru_cache(maxsize=1024)
def _mathml(tex: str, display: bool) -> str:
    source = DROPPED.sub("", tex).strip()
    if not source:
        raise MathError("the formula is empty")
    if len(source) > MAX_TEX_LENGTH:
        raise MathError(f"the formula is longer than {MAX_TEX_LENGTH} characters")
    _check_braces(source)
    for name in ENVIRONMENT.findall(source):
        if name.strip() not in ENVIRONMENTS:
            raise MathError(f"the environment {{{name}}} is not supported")
    try:
        mathml = _ziamath().tex.tex2mml(source, inline=not display)
    except tuple(TEX_ERRORS) as e:
        raise MathError(f"malformed TeX: {TEX_ERRORS[type(e)]}") from e
    except (AssertionError, ValueError, KeyError, IndexError, TypeError, RecursionError) as e:
        raise MathError(f"malformed TeX ({type(e).__name__})") from e
    try:
        root = etree.fromstring(mathml.encode())
    except etree.XMLSyntaxError as e:
        reason = "an & outside a matrix or aligned environment" if "&" in source else str(e)
        raise MathError(f"malformed TeX: {reason}") from e
    _check_drawable(root)
    _set_spacing(root)
    return etree.tostring(root, encoding="unicode")


def _check_braces(source: str) -> None:
    depth = 0
    for brace in re.sub(r"\\.", "", source):
        if brace == "{":
            depth += 1
        elif brace == "}":
            depth -= 1
            if depth < 0:
                raise MathError("malformed TeX: a } without its {")
    if depth:
        raise MathError("malformed TeX: a { without its }")


def _check_drawable(root: etree._Element) -> None:
    characters = _math_font_characters()
    for el in root.iter():
        tag = etree.QName(el).localname
        if tag not in _drawn_elements():
            raise MathError(f"<{tag}> cannot be drawn")
        if tag not in TOKENS or not el.text:
            continue
        if el.text.startswith("\\"):
            raise MathError(f"{el.text} is not a supported command")
        for char in el.text:
            if ord(char) not in characters and not _invisible(char):
                raise MathError(f"the maths font has no {char!r} (U+{ord(char):04X})")


def _set_spacing(root: etree._Element) -> None:
    """TeX's layout where latex2mathml leaves ziamath to guess: matrix and `cases` columns
    about a quad apart, `n!` and `\\nabla x` without operator space, integrals not stretched."""
    for el in root.iter():
        tag = etree.QName(el).localname
        if tag == "mtable" and "columnspacing" not in el.attrib:
            el.set("columnspacing", "0.8em")
        elif tag == "mo" and (el.text or "").strip() in ("!", "\u2207"):
            el.set("lspace", "0")
            el.set("rspace", "0")
        elif tag == "mo" and (el.text or "").strip() in NARY:
            el.set("stretchy", "false")  # one size inline, one in display: never the row's


def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cf", "Zs")
