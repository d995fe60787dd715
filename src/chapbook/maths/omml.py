"""MathML (as latex2mathml writes it) -> Office Math (OMML), and the slide XML that holds it.

Why our own converter: the PyPI `mathml2omml` (0.0.2, 2019) writes malformed XML for every
accent (`\\hat`, `\\vec`, `\\bar`: a `groupChr` closed by the wrong tag), wraps every argument in
`m:box`, and prints stray text to stdout; its fork `mathml2omml-as` mends the accents but not the
rest. Microsoft's MML2OMML.XSL may not be used. latex2mathml writes a small, regular subset of
MathML, so a direct mapping is short and can be checked construct by construct.

What it maps: runs (`mi mn mo mtext ms mspace`), fractions and binomials (`m:f`), roots
(`m:rad`), scripts (`m:sSub m:sSup m:sSubSup`), large operators with their limits and operand
(`m:nary`), `\\lim`-like limits (`m:limLow`), accents (`m:acc`), over/underlines (`m:bar`),
braces (`m:groupChr`), `\\left...\\middle...\\right` and matrix fences (`m:d`), matrices,
`cases` and `aligned` (`m:m`, aligned columns right/left), boxes and cancels (`m:borderBox`).
Anything else raises `UnsupportedMathML`, and the caller keeps the picture alone.

Where it goes in a slide: see `slide_equation_xml`.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from lxml import etree

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A14_NS = "http://schemas.microsoft.com/office/drawing/2010/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# n-ary operators that take limits and an operand (m:nary).
NARY = set("∑∏∐∫∬∭∮∯∰⋀⋁⋂⋃⨀⨁⨂⨄⨆")
# Words set as limit operators (\lim, \max, ...): limits go under them in display maths.
LIMIT_WORDS = {"lim", "liminf", "limsup", "max", "min", "sup", "inf", "argmax", "argmin",
               "det", "gcd", "Pr"}
# What ends the operand of a sum or integral: relations, additive operators, punctuation.
OPERAND_STOPS = set("=≠<>≤≥≈≡∼≃≅∝→⇒⇔↔←⟹⟺∈∉⊂⊆⊃⊇+−-±∓,;:")
# The spacing accents latex2mathml writes, and the combining marks OMML wants.
ACCENTS = {
    "\u005e": "\u0302", "\u0302": "\u0302", "\u02c6": "\u0302",  # hat
    "\u007e": "\u0303", "\u0303": "\u0303", "\u02dc": "\u0303",  # tilde
    "\u00af": "\u0305", "\u0304": "\u0305", "\u0305": "\u0305",  # bar
    "\u02d9": "\u0307", "\u0307": "\u0307",  # dot
    "\u00a8": "\u0308", "\u0308": "\u0308",  # ddot
    "\u02c7": "\u030c", "\u030c": "\u030c",  # check
    "\u02d8": "\u0306", "\u0306": "\u0306",  # breve
    "\u00b4": "\u0301", "\u0301": "\u0301",  # acute
    "\u0060": "\u0300", "\u0300": "\u0300",  # grave
    "\u02da": "\u030a", "\u030a": "\u030a",  # ring
    "\u2192": "\u20d7", "\u20d7": "\u20d7",  # vec, overrightarrow
    "\u2190": "\u20d6", "\u20d6": "\u20d6",  # overleftarrow
}
PAIRS = {")": "(", "]": "[", "}": "{", "\u27e9": "\u27e8"}
LINES = {"\u2015", "\u203e", "_", "\u0332", "\u2014"}
BRACES = {"\u23de": "top", "\u23df": "bot", "\u23b4": "top", "\u23b5": "bot"}
STYLES = {  # mathvariant -> (m:scr, m:sty)
    "normal": (None, "p"), "bold": (None, "b"), "italic": (None, "i"),
    "bold-italic": (None, "bi"), "double-struck": ("double-struck", "p"),
    "script": ("script", "p"), "bold-script": ("script", "b"), "fraktur": ("fraktur", "p"),
    "bold-fraktur": ("fraktur", "b"), "sans-serif": ("sans-serif", "p"),
    "bold-sans-serif": ("sans-serif", "b"), "monospace": ("monospace", "p"),
}


class UnsupportedMathML(ValueError):
    """A MathML construct this converter has no OMML for."""


def mathml_to_omml(mathml: str, display: bool) -> str:
    """`m:oMathPara` (display) or `m:oMath` (inline) for a latex2mathml `<math>` element."""
    root = etree.fromstring(mathml.encode())
    omath = _m("oMath", *_row(list(root), display))
    if display:
        para = _m("oMathPara", _m("oMathParaPr", _val("jc", "centerGroup")), omath)
        return etree.tostring(para, encoding="unicode")
    return etree.tostring(omath, encoding="unicode")


# -- building OMML -----------------------------------------------------------------------------

def _m(tag: str, *children: etree._Element) -> etree._Element:
    el = etree.Element(f"{{{M_NS}}}{tag}", nsmap={"m": M_NS})
    el.extend(children)
    return el


def _val(tag: str, value: str) -> etree._Element:
    el = _m(tag)
    el.set(f"{{{M_NS}}}val", value)
    return el


def _arg(tag: str, items: list[etree._Element]) -> etree._Element:
    """An argument slot (`m:e`, `m:num`, `m:sub`, ...) holding a row of items."""
    return _m(tag, *items)


def _run(text: str, sty: str | None = None, scr: str | None = None,
         normal: bool = False) -> etree._Element:
    props = []
    if normal:
        props.append(_m("nor"))
    else:
        if scr:
            props.append(_val("scr", scr))
        if sty:
            props.append(_val("sty", sty))
    t = _m("t")
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")
    run = _m("r", _m("rPr", *props)) if props else _m("r")
    run.append(t)
    return run


# -- reading MathML ----------------------------------------------------------------------------

def _tag(el: etree._Element) -> str:
    return etree.QName(el).localname


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


def _is_mo(el: etree._Element, chars: set[str] | None = None) -> bool:
    return _tag(el) == "mo" and (chars is None or _text(el).strip() in chars)


def _core(el: etree._Element) -> etree._Element:
    """The operator an mrow/mstyle of one child stands for (latex2mathml nests freely)."""
    while _tag(el) in ("mrow", "mstyle") and len(el) == 1:
        el = el[0]
    return el


def _nary_parts(el: etree._Element) -> tuple[str, etree._Element | None, etree._Element | None,
                                             str] | None:
    """(operator, lower, upper, limit location) when `el` is a large operator with limits."""
    tag = _tag(el)
    if tag == "mo" and _text(el).strip() in NARY:
        return _text(el).strip(), None, None, "undOvr"
    if tag in ("msub", "msup", "msubsup", "munder", "mover", "munderover") and len(el) >= 2:
        base = _core(el[0])
        if not _is_mo(base, NARY):
            return None
        loc = "subSup" if tag.startswith("ms") else "undOvr"
        lower = el[1] if tag in ("msub", "msubsup", "munder", "munderover") else None
        upper = {"msup": 1, "mover": 1, "msubsup": 2, "munderover": 2}.get(tag)
        return _text(base).strip(), lower, el[upper] if upper else None, loc
    return None


def _row(items: list[etree._Element], display: bool) -> list[etree._Element]:
    """Convert a sequence of MathML siblings, giving each sum, integral or limit its operand."""
    items = _group_brackets(items)
    out: list[etree._Element] = []
    i = 0
    while i < len(items):
        end = i + 1
        while end < len(items) and not _stops_operand(items[end]):
            end += 1
        has_operand = end > i + 1
        parts = _nary_parts(items[i])
        if parts is not None and has_operand:
            out.append(_nary(parts, _row(items[i + 1:end], display), display))
            i = end
        elif _is_limit(items[i]) and has_operand:
            name = _scripts(items[i], display)
            out.append(_m("func", _arg("fName", name), _arg("e", _row(items[i + 1:end], display))))
            i = end
        else:
            out.extend(_convert(items[i], display))
            i += 1
    return _merge_words(out)


def _group_brackets(items: list[etree._Element]) -> list[etree._Element]:
    """`(x+1)^2`: latex2mathml puts the power on the `)` alone; give it the whole group.

    The bracketed items become one `\\left( ... \\right)` row, the base of the script, so
    that Office Math sets the power on the group, as TeX does.
    """
    out: list[etree._Element] = []
    for el in items:
        tag = _tag(el)
        closer = _text(_core(el[0])).strip() if tag in ("msup", "msub", "msubsup") else ""
        if closer in PAIRS and _is_mo(_core(el[0])):
            opener = PAIRS[closer]
            start = next((k for k in range(len(out) - 1, -1, -1)
                          if _is_mo(out[k], {opener}) and out[k].get("stretchy") != "true"),
                         None)
            if start is not None:
                closing = _core(el[0])
                el.remove(el[0])
                group = etree.Element("mrow")
                group.extend(out[start:])
                group.append(closing)
                for part, form in ((group[0], "prefix"), (closing, "postfix")):
                    part.attrib.update({"form": form, "fence": "true", "stretchy": "true"})
                el.insert(0, group)
                del out[start:]
        out.append(el)
    return out


def _is_limit(el: etree._Element) -> bool:
    """`\\lim_{x \\to 0}`, `\\max_i`: a word with a limit under it."""
    return _tag(el) in ("msub", "munder") and len(el) == 2 and _text(_core(el[0])) in LIMIT_WORDS


def _merge_words(items: list[etree._Element]) -> list[etree._Element]:
    """Adjacent letters with the same style as one run (`Var`, not `V`,`a`,`r`), as Word does."""
    out: list[etree._Element] = []
    for item in items:
        previous = out[-1] if out else None
        if (previous is not None and _tag(item) == "r" == _tag(previous)
                and _run_text(item).isalpha() and _run_text(previous).isalpha()
                and _props(item) == _props(previous)):
            previous[-1].text += _run_text(item)
            continue
        out.append(item)
    return out


def _run_text(run: etree._Element) -> str:
    return run[-1].text or ""


def _props(run: etree._Element) -> bytes:
    return etree.tostring(run[0]) if len(run) > 1 else b""


def _stops_operand(el: etree._Element) -> bool:
    el = _core(el)
    return _is_mo(el, OPERAND_STOPS) or _nary_parts(el) is not None


def _nary(parts, operand: list[etree._Element], display: bool) -> etree._Element:
    char, lower, upper, loc = parts
    props = [_val("chr", char), _val("limLoc", loc if display else "subSup")]
    if lower is None:
        props.append(_val("subHide", "1"))
    if upper is None:
        props.append(_val("supHide", "1"))
    return _m("nary", _m("naryPr", *props),
              _arg("sub", _convert(lower, display) if lower is not None else []),
              _arg("sup", _convert(upper, display) if upper is not None else []),
              _arg("e", operand))


def _convert(el: etree._Element, display: bool) -> list[etree._Element]:
    """One MathML element as a list of OMML items."""
    tag = _tag(el)
    handler = _HANDLERS.get(tag)
    if handler is None:
        raise UnsupportedMathML(f"<{tag}> has no Office Math equivalent here")
    return handler(el, display)


def _token(el: etree._Element, display: bool) -> list[etree._Element]:
    text = _text(el)
    if not text:
        return []
    tag = _tag(el)
    if tag in ("mtext", "ms"):
        return [_run(text.replace("\u00a0", " "), normal=True)]
    variant = el.get("mathvariant")
    scr, sty = STYLES.get(variant, (None, None)) if variant else (None, None)
    if tag == "mi" and not variant and len(text) > 1:
        sty = "p"  # sin, log, Var: upright words
    if tag == "mo" and len(text) > 1 and text.isalpha():
        sty = "p"
    return [_run(text, sty=sty, scr=scr)]


def _space(el: etree._Element, display: bool) -> list[etree._Element]:
    width = el.get("width", "")
    if not width.endswith("em"):
        return []
    try:
        ems = float(width[:-2])
    except ValueError:
        return []
    if ems <= 0:
        return []
    text = "\u2003" * int(ems) + ("\u2009" if 0.1 < ems % 1 < 0.2 else
                                  "\u205f" if 0.2 <= ems % 1 < 0.25 else
                                  "\u2004" if ems % 1 >= 0.25 else "")
    return [_run(text, sty="p")] if text else []


def _mrow(el: etree._Element, display: bool) -> list[etree._Element]:
    children = list(el)
    fenced = _fence(children, display)
    if fenced is not None:
        return [fenced]
    return _row(children, display)


def _fence(children: list[etree._Element], display: bool) -> etree._Element | None:
    """`\\left( ... \\right)`, or a matrix between brackets, as an `m:d`."""
    if len(children) < 2 or not _is_mo(children[0]):
        return None
    first, last = children[0], children[-1]
    stretchy_open = first.get("form") == "prefix" and first.get("stretchy") == "true"
    bracketed_table = any(_tag(c) == "mtable" for c in children[1:])
    if not (stretchy_open or bracketed_table):
        return None
    closes = _is_mo(last) and (last.get("form") == "postfix" or not stretchy_open)
    inner = children[1:-1] if closes else children[1:]
    if not closes and not stretchy_open:
        return None
    begin, end = _text(first).strip(), _text(last).strip() if closes else ""
    groups: list[list[etree._Element]] = [[]]
    separator = None
    for child in inner:
        if _is_mo(child) and child.get("fence") == "true" and child.get("stretchy") == "true":
            separator = _text(child).strip()
            groups.append([])
        else:
            groups[-1].append(child)
    props = [_val("begChr", begin)]
    if separator is not None:
        props.append(_val("sepChr", separator))
    props.append(_val("endChr", end))
    return _m("d", _m("dPr", *props), *(_arg("e", _row(g, display)) for g in groups))


def _frac(el: etree._Element, display: bool) -> list[etree._Element]:
    num, den = _two(el)
    props = [_m("fPr", _val("type", "noBar"))] if el.get("linethickness") in ("0", "0pt") else []
    return [_m("f", *props, _arg("num", _convert(num, display)),
               _arg("den", _convert(den, display)))]


def _sqrt(el: etree._Element, display: bool) -> list[etree._Element]:
    return [_m("rad", _m("radPr", _val("degHide", "1")), _m("deg"),
               _arg("e", _row(list(el), display)))]


def _root(el: etree._Element, display: bool) -> list[etree._Element]:
    base, degree = _two(el)
    return [_m("rad", _arg("deg", _convert(degree, display)),
               _arg("e", _convert(base, display)))]


def _scripts(el: etree._Element, display: bool) -> list[etree._Element]:
    if _is_limit(el) and display:
        return [_m("limLow", _arg("e", _convert(el[0], display)),
                   _arg("lim", _convert(el[1], display)))]
    if _tag(el) == "munder":
        return _under_over(el, display)
    return _plain_scripts(el, display)


def _plain_scripts(el: etree._Element, display: bool) -> list[etree._Element]:
    tag = _tag(el)
    if len(el) != (3 if tag == "msubsup" else 2):
        raise UnsupportedMathML(f"<{tag}> with {len(el)} children")
    base = _arg("e", _convert(el[0], display))
    if tag == "msub":
        return [_m("sSub", base, _arg("sub", _convert(el[1], display)))]
    if tag == "msup":
        return [_m("sSup", base, _arg("sup", _convert(el[1], display)))]
    return [_m("sSubSup", base, _arg("sub", _convert(el[1], display)),
               _arg("sup", _convert(el[2], display)))]


def _under_over(el: etree._Element, display: bool) -> list[etree._Element]:
    tag = _tag(el)
    if tag == "munderover" or _nary_parts(el) is not None:
        return _limits(el, display)  # a sum with no operand after it keeps its limits
    base, mark = _two(el)
    mark_text = _text(_core(mark)).strip()
    position = "top" if tag == "mover" else "bot"
    if _tag(_core(mark)) == "mo" and mark_text in LINES:
        return [_m("bar", _m("barPr", _val("pos", position)), _arg("e", _convert(base, display)))]
    if _tag(_core(mark)) == "mo" and mark_text in BRACES:
        props = _m("groupChrPr", _val("chr", mark_text), _val("pos", position),
                   _val("vertJc", "bot" if position == "top" else "top"))
        return [_m("groupChr", props, _arg("e", _convert(base, display)))]
    if tag == "mover" and _tag(_core(mark)) == "mo" and mark_text in ACCENTS:
        return [_m("acc", _m("accPr", _val("chr", ACCENTS[mark_text])),
                   _arg("e", _convert(base, display)))]
    return _limits(el, display)


def _limits(el: etree._Element, display: bool) -> list[etree._Element]:
    """Anything set over or under a base: `m:limUpp` / `m:limLow` (a sum with no operand too)."""
    tag = _tag(el)
    if tag == "munderover":
        base, under, over = _three(el)
        lower = _m("limLow", _arg("e", _convert(base, display)),
                   _arg("lim", _convert(under, display)))
        return [_m("limUpp", _arg("e", [lower]), _arg("lim", _convert(over, display)))]
    base, mark = _two(el)
    kind = "limUpp" if tag == "mover" else "limLow"
    return [_m(kind, _arg("e", _convert(base, display)), _arg("lim", _convert(mark, display)))]


def _table(el: etree._Element, display: bool) -> list[etree._Element]:
    rows = [r for r in el if _tag(r) == "mtr"]
    if not rows:
        raise UnsupportedMathML("<mtable> without rows")
    if _is_aligned(rows):
        return [_m("eqArr", *(_aligned_row(r, display) for r in rows))]
    columns = max(len([c for c in r if _tag(c) == "mtd"]) for r in rows)
    aligns = []
    for index in range(columns):
        found = {c.get("columnalign") for r in rows for c in list(r)[index:index + 1]}
        aligns.append(found.pop() if len(found) == 1 and None not in found else "center")
    column_props = [
        _m("mc", _m("mcPr", _val("count", "1"), _val("mcJc", align))) for align in aligns
    ]
    out_rows = []
    for r in rows:
        cells = [c for c in r if _tag(c) == "mtd"]
        cells += [etree.Element("mtd")] * (columns - len(cells))
        out_rows.append(_m("mr", *(_arg("e", _row(list(c), display)) for c in cells)))
    return [_m("m", _m("mPr", _m("mcs", *column_props)), *out_rows)]


def _is_aligned(rows: list[etree._Element]) -> bool:
    """`aligned`/`align*`: cells alternate right and left, split at the `&` before a relation."""
    aligns = [c.get("columnalign") for c in rows[0] if _tag(c) == "mtd"]
    return len(aligns) >= 2 and aligns[:2] == ["right", "left"]


def _aligned_row(row: etree._Element, display: bool) -> etree._Element:
    """One line of an equation array; the first run after each `&` is an alignment point."""
    items: list[etree._Element] = []
    for index, cell in enumerate(c for c in row if _tag(c) == "mtd"):
        converted = _row(list(cell), display)
        if index % 2 == 1 and converted and _tag(converted[0]) == "r":
            run = converted[0]
            if _tag(run[0]) != "rPr":
                run.insert(0, _m("rPr"))
            run[0].append(_m("aln"))
        items.extend(converted)
    return _arg("e", items)


def _enclose(el: etree._Element, display: bool) -> list[etree._Element]:
    notation = set((el.get("notation") or "box").split())
    content = _arg("e", _row(list(el), display))
    if notation & {"updiagonalstrike", "downdiagonalstrike", "horizontalstrike"}:
        props = [_val(f"hide{side}", "1") for side in ("Top", "Bot", "Left", "Right")]
        if "updiagonalstrike" in notation:
            props.append(_val("strikeBLTR", "1"))
        if "downdiagonalstrike" in notation:
            props.append(_val("strikeTLBR", "1"))
        if "horizontalstrike" in notation:
            props.append(_val("strikeH", "1"))
        return [_m("borderBox", _m("borderBoxPr", *props), content)]
    if notation & {"box", "roundedbox"}:
        return [_m("borderBox", content)]
    raise UnsupportedMathML(f"<menclose notation={' '.join(sorted(notation))}>")


def _transparent(el: etree._Element, display: bool) -> list[etree._Element]:
    return _row(list(el), display)


def _phantom(el: etree._Element, display: bool) -> list[etree._Element]:
    return [_m("phant", _m("phantPr", _val("show", "0")), _arg("e", _row(list(el), display)))]


def _two(el: etree._Element) -> tuple[etree._Element, etree._Element]:
    if len(el) != 2:
        raise UnsupportedMathML(f"<{_tag(el)}> with {len(el)} children")
    return el[0], el[1]


def _three(el: etree._Element) -> tuple[etree._Element, etree._Element, etree._Element]:
    if len(el) != 3:
        raise UnsupportedMathML(f"<{_tag(el)}> with {len(el)} children")
    return el[0], el[1], el[2]


_HANDLERS = {
    "mi": _token, "mn": _token, "mo": _token, "mtext": _token, "ms": _token,
    "mspace": _space, "mrow": _mrow, "mstyle": _transparent, "mpadded": _transparent,
    "semantics": _transparent, "mphantom": _phantom, "mfrac": _frac, "msqrt": _sqrt,
    "mroot": _root, "msub": _scripts, "msup": _scripts, "msubsup": _scripts,
    "munder": _under_over, "mover": _under_over, "munderover": _under_over,
    "mtable": _table, "menclose": _enclose,
}


# -- in a slide --------------------------------------------------------------------------------

def slide_equation_xml(omml: str, *, shape_id: int, name: str, alt_text: str,
                       x: int, y: int, cx: int, cy: int, image_rid: str, size_pt: float,
                       requires: str = "a14 m") -> str:
    """A slide shape showing an equation: editable OMML, with a picture for other readers.

    This is what PowerPoint itself writes for a text box holding an equation: an
    `mc:AlternateContent` whose `mc:Choice Requires="a14"` holds the text box with `a14:m`,
    and whose `mc:Fallback` holds the same box filled with a picture of the equation
    (`image_rid`, a relationship from the slide part to a PNG) and locked against editing.
    Append the returned element to the slide's `p:spTree`. Positions and sizes are EMU; the
    box should be the picture's size, since LibreOffice stretches its rendering to the box.

    `requires="a14 m"` (the default) makes LibreOffice show the Fallback picture: it honours
    only a Choice whose Requires is exactly one name it knows. PowerPoint should take the
    Choice, as it knows both namespaces (not tried here); if it did not, it too would show the
    picture, so either way the slide is right. `requires="a14"`, PowerPoint's own value, makes
    LibreOffice (7.4) take the Choice as well: it draws the OMML with its Math module, in
    another font and stretched to the box, or nothing at all when that module is missing.
    """
    math = etree.fromstring(omml.encode())
    size = str(round(size_pt * 100))
    for run in math.iter(f"{{{M_NS}}}r"):
        props = etree.Element(f"{{{A_NS}}}rPr", nsmap={"a": A_NS}, lang="en-GB", sz=size)
        props.append(etree.Element(f"{{{A_NS}}}latin", typeface="Cambria Math"))
        run.insert(1 if len(run) and _tag(run[0]) == "rPr" else 0, props)
    math_xml = etree.tostring(math, encoding="unicode")
    ids = f'<p:cNvPr id="{shape_id}" name={quoteattr(name)} descr={quoteattr(alt_text)}/>'
    xfrm = (f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>')
    locks = ('<a:spLocks noRot="1" noChangeAspect="1" noMove="1" noResize="1" noEditPoints="1"'
             ' noAdjustHandles="1" noChangeArrowheads="1" noChangeShapeType="1"'
             ' noTextEdit="1"/>')
    body = '<a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0"/><a:lstStyle/>'
    return (
        f'<mc:AlternateContent xmlns:mc="{MC_NS}" xmlns:a="{A_NS}" xmlns:p="{P_NS}"'
        f' xmlns:r="{R_NS}" xmlns:a14="{A14_NS}" xmlns:m="{M_NS}">'
        f'<mc:Choice Requires={quoteattr(requires)}>'
        f'<p:sp><p:nvSpPr>{ids}<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{xfrm}<a:noFill/></p:spPr>'
        f'<p:txBody>{body}<a:p><a14:m>{math_xml}</a14:m>'
        f'<a:endParaRPr lang="en-GB" sz="{size}"/></a:p></p:txBody></p:sp>'
        '</mc:Choice><mc:Fallback>'
        f'<p:sp><p:nvSpPr>{ids}<p:cNvSpPr txBox="1">{locks}</p:cNvSpPr><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{xfrm}<a:blipFill><a:blip r:embed={quoteattr(image_rid)}/>'
        '<a:stretch><a:fillRect/></a:stretch></a:blipFill></p:spPr>'
        f'<p:txBody>{body}<a:p><a:r><a:rPr lang="en-GB"><a:noFill/></a:rPr>'
        '<a:t> </a:t></a:r></a:p></p:txBody></p:sp>'
        '</mc:Fallback></mc:AlternateContent>'
    )
