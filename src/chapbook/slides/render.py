"""The split deck plan -> one self-contained HTML presentation (slides.html.j2).

The slides are the deck's slides as shown (`Job.deck_plan`), drawn by the macros the
handout uses (`templates/deck/shown.html.j2`) in the boxes the theme gives each kind
of slide (`place`). Pictures and fonts are inlined, the runtime's stylesheet and
script are written into the page, and a Content-Security-Policy tells the browser
to load nothing else and to run no script but that one. A lecture's own
`templates/slides/slides.css` replaces the bundled one, and its `templates/deck/`
macros are used as for the handout; the page template and the script are always
chapbook's, and the page is checked before it is written: a lecture may style its
slides, never make them run code or load anything.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from chapbook.blocks.callout import label_of
from chapbook.charts.columns import PX_PER_PT, column_chart_svg, data_table
from chapbook.charts.shape import chart_shape
from chapbook.charts.svg import plan_chart_svg
from chapbook.deck.look import ThemeLook
from chapbook.errors import RenderError
from chapbook.limits import stage
from chapbook.maths.html import equation_html
from chapbook.plan.schema import ChartData, DeckPlan, Picture, TableData, TextBody
from chapbook.slides.assets import font_faces, picture_uri
from chapbook.slides.place import CAPTION_LINES, CAPTION_PT, Placement, place
from chapbook.slides.theme import CODE_FONT, font_families, theme_css
from chapbook.templates import (
    bundled_templates,
    find_file,
    make_environment,
    render,
    template_dirs,
)
from chapbook.text.labels import has_labels, labels_for

TEMPLATE = "slides.html.j2"
STYLESHEET = "slides.css"
SCRIPT = "slides.js"
RELOAD_SCRIPT = "reload.js"  # `chapbook watch` only
LOADING_ATTRIBUTES = ("src", "srcset", "poster", "data", "action", "formaction", "background")
_REMOTE_URL = re.compile(r"url\(\s*+(?!['\"]?data:)['\"]?([^)'\"]*)", re.IGNORECASE)
# Labels the script shares with the page: "Slide 3: Title", the notes' headings.
RUNTIME_LABELS = ("colon", "notes", "speaker_notes")
CSP = ("default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; "
       "script-src {script}; base-uri 'none'; form-action 'none'")


@dataclass(frozen=True)
class Reload:
    """Under `chapbook watch`: the page reloads itself when `sidecar` (a file beside it,
    `sidecar_script`) names a stamp other than `stamp`."""

    sidecar: str
    stamp: str

    @property
    def js(self) -> str:
        return _script(RELOAD_SCRIPT)


def sidecar_name(page: str) -> str:
    """`talk-slides.html` -> `talk-slides.stamp.js`."""
    return page.removesuffix(".html") + ".stamp.js"


def sidecar_script(stamp: str) -> str:
    """The sidecar's text: the newest build's stamp, for a watched page to compare."""
    return f"chapbookStamp({stamp!r});\n"


def render_slides_html(plan: DeckPlan, look: ThemeLook, root: Path, *,
                       embed_fonts: bool = True, reload: Reload | None = None) -> str:
    """The split plan as one HTML page; pictures are files under the lecture folder `root`.
    With `reload` (`chapbook watch`) the page also carries the script that reloads it, and
    its policy lets it load the sidecar from beside the page."""
    root = Path(root)
    css, js = runtime(root)
    places = [place(slide, look) for slide in plan.slides]
    pictures: dict[str, str] = {}

    def picture_src(src: str) -> str:
        if src not in pictures:
            pictures[src] = picture_uri(src, root)
        return pictures[src]

    labels = labels_for(plan.lang)
    with stage("writing the HTML slides"):
        fonts = font_faces(_faces(plan, look), _shown_text(plan)) if embed_fonts else ""
        # The page (its script and policy) is always chapbook's; the slide macros
        # (shown.html.j2) may be the lecture's, as for the handout.
        env = make_environment([bundled_templates() / "slides", *template_dirs("deck", root)])
        # data-ui as written ("écran", not "\u00e9cran"); tojson still escapes <>&'.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        page = render(env, TEMPLATE, plan=plan, places=places, labels=labels,
                      ui=runtime_words(labels, plan.lang),
                      theme=Markup(theme_css(look)), css=Markup(css), js=Markup(js),
                      fonts=Markup(fonts), csp=CSP.format(script=script_sources(js, reload)),
                      reload=reload and {"sidecar": reload.sidecar, "stamp": reload.stamp,
                                         "js": Markup(reload.js)},
                      picture_src=picture_src, chart_svg=_chart_drawer(plan, places, look),
                      equation=equation_html,
                      callout_label=lambda kind: label_of(kind, labels))
        check_page(page, js, reload.js if reload else None)
        return page


def runtime_words(labels: dict[str, str], lang: str) -> dict[str, str]:
    """The script's words (its `ui_` labels, unprefixed, and the labels it shares with the
    page) for the page's data-ui: the script is the same for every lecture, so its words
    are data. `lang` is the words' language, English where the lecture's has no labels."""
    words = {key.removeprefix("ui_"): text for key, text in labels.items()
             if key.startswith("ui_")}
    words.update({key: labels[key] for key in RUNTIME_LABELS})
    words["lang"] = lang if has_labels(lang) else "en"
    return words


def check_page(page: str, js: str, reload_js: str | None = None) -> None:
    """Refuse a page that could run or load anything but chapbook's own script (and, under
    `chapbook watch`, its reloading one) and what it carries inside (a lecture's slide
    macros are templates, and templates write HTML)."""
    import lxml.html

    doc = lxml.html.document_fromstring(page)
    scripts = doc.xpath("//script")
    problems = [f"<{el.tag}>" for el in doc.xpath(
        "//iframe | //frame | //object | //embed | //link | //base | //form | //portal"
        " | //meta[@http-equiv][not(@http-equiv='Content-Security-Policy')]")]
    ours = [js] if reload_js is None else [js, reload_js]
    if [s.text for s in scripts] != ours or any(s.get("src") is not None for s in scripts):
        problems.append("a <script> of its own")
    for el in doc.iter():
        if isinstance(el.tag, str):
            problems += [p for name, value in el.attrib.items()
                         if (p := _attribute_problem(name.lower(), value))]
    for text in doc.xpath("//style/text() | //@style"):
        problems += [f"url({m.group(1)[:40]})" for m in _REMOTE_URL.finditer(text)]
    if problems:
        raise RenderError("HTML slides: a template wrote " + ", ".join(sorted(set(problems)))
                          + "; the slides may run no script but chapbook's and load nothing "
                          "from outside the file")


def runtime(root: Path | None = None) -> tuple[str, str]:
    """(slides.css, slides.js): the lecture's stylesheet if it has one, the bundled script."""
    path = find_file(template_dirs("slides", root), STYLESHEET)
    css = check_stylesheet(path.read_text(encoding="utf-8"), path)
    return css, _script(SCRIPT)


def _script(name: str) -> str:
    """A bundled script of the slides' (always chapbook's, never a lecture's)."""
    js = (bundled_templates() / "slides" / name).read_text(encoding="utf-8")
    if re.search(r"</script", js, re.IGNORECASE):
        raise RenderError(f"{name} may not contain '</script'")
    return js


def script_hash(js: str) -> str:
    """The CSP source that lets exactly this script run."""
    digest = hashlib.sha256(js.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def script_sources(js: str, reload: Reload | None = None) -> str:
    """The policy's script-src: the runtime; under `chapbook watch` also the reloading
    script and the sidecar it loads from beside the page ('self' when served, file: when
    opened as a file)."""
    if reload is None:
        return f"'{script_hash(js)}'"
    return f"'{script_hash(js)}' '{script_hash(reload.js)}' 'self' file:"


def check_stylesheet(css: str, path: Path) -> str:
    """A stylesheet written into the page may not end its `<style>`, import or load
    anything (`url()` only of `data:`); the error names the file and line."""
    import tinycss2

    for match in re.finditer(r"</style", css, re.IGNORECASE):
        raise RenderError("a stylesheet may not contain '</style'", path,
                          css.count("\n", 0, match.start()) + 1)
    for token, line in _loads(tinycss2.parse_stylesheet(css, skip_comments=True)):
        if not token.strip().lower().startswith("data:"):
            raise RenderError(f"refused url({token}): the HTML slides load nothing from "
                              "outside the file (use a data: URL)", path, line)
    return css


def _attribute_problem(name: str, value: str) -> str | None:
    if name.startswith("on"):
        return f"an {name} attribute"
    if name in LOADING_ATTRIBUTES and not value.startswith("data:"):
        return f"{name}={value[:40]!r}"
    if name in ("href", "xlink:href") and not re.match(r"(#|https?://|mailto:)", value, re.I):
        return f"{name}={value[:40]!r}"
    return None


def _loads(nodes):
    """(url, line) for every url() and @import in parsed CSS, at any depth."""
    for node in nodes or ():
        kind = getattr(node, "type", "")
        if kind == "url":
            yield node.value, node.source_line
        elif kind == "function" and node.lower_name == "url":
            yield "".join(getattr(a, "value", "") for a in node.arguments), node.source_line
        elif kind == "at-rule" and node.lower_at_keyword == "import":
            yield "@import", node.source_line
        for attr in ("prelude", "content", "arguments"):
            children = getattr(node, attr, None)
            if isinstance(children, list):
                yield from _loads(children)


def _chart_drawer(plan: DeckPlan, places: list[Placement], look: ThemeLook):
    """`chart_svg(data)` for the shared macros: each chart drawn for the box it fills, in
    the shape the deck gives it (`charts.shape`): columns sized to the box; horizontal
    bars, lines and points as the handout draws them, scaled to fit."""
    body_font = font_families(look)[1]
    boxes = {id(item): p.visual for slide, p in zip(plan.slides, places, strict=True)
             for item in slide.content if isinstance(item, ChartData) and p.visual}

    def chart_svg(data: ChartData) -> Markup:
        if chart_shape(data.chart_type, len(data.labels), bool(data.xs)) != "columns":
            return plan_chart_svg(data) + data_table(data)  # bars, lines, points: as printed
        box = boxes.get(id(data), look.free)
        caption = (CAPTION_PT * 1.25 * CAPTION_LINES + 6) if data.caption else 0
        return column_chart_svg(data, box.width * PX_PER_PT,
                                max(box.height - caption, 60) * PX_PER_PT,
                                body_font) + data_table(data)

    return chart_svg


def _faces(plan: DeckPlan, look: ThemeLook) -> dict[str, set[tuple[int, str]]]:
    """Which faces of which measuring fonts the slides set text in."""
    title, body = font_families(look)
    runs = [r for s in plan.slides for c in s.content if isinstance(c, TextBody)
            for p in c.paras for r in p.runs]
    italic = any(r.italic for r in runs) or any(
        getattr(c, "caption", "") for s in plan.slides for c in s.content
        if isinstance(c, (Picture, ChartData)))
    faces: dict[str, set[tuple[int, str]]] = {title: {(700, "normal")}}
    faces.setdefault(body, set()).update({(400, "normal"), (700, "normal")})
    if italic:
        faces[body].update({(400, "italic"), (700, "italic")})
    code = [r for s in plan.slides for c in s.content if isinstance(c, TextBody)
            for p in c.paras for r in p.runs if r.code or p.style == "code"]
    if code:
        faces.setdefault(CODE_FONT, set()).update(
            {(400, "normal")} | ({(700, "normal")} if any(r.bold for r in code) else set()))
    return faces


def _shown_text(plan: DeckPlan) -> str:
    """Every character the slides show, for cutting the fonts down."""
    parts = []
    for slide in plan.slides:
        parts += [slide.title, slide.subtitle]
        for item in slide.content:
            if isinstance(item, TextBody):
                parts += [p.text for p in item.paras]
            elif isinstance(item, TableData):
                parts += [*item.header, *(c for row in item.rows for c in row), item.caption]
            elif isinstance(item, ChartData):
                parts += [*item.labels, *item.displays, item.caption]
            elif isinstance(item, Picture):
                parts.append(item.caption)
    return "".join(parts)
