"""Parse a lecture: `lecture.md` in, a validated `Lecture` model out.

Reads the file once, splits off the YAML front matter, runs markdown-it-py and
converts its token tree straight into the model; nothing after this module sees
Markdown or tokens. Every error is a ContentError naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode
from markupsafe import Markup, escape

from chapbook.charts.axis import value_axis
from chapbook.errors import ContentError
from chapbook.limits import MAX_TABLE_ROWS
from chapbook.model.document import (
    Block,
    Callout,
    Cell,
    Chart,
    ChartPoint,
    Code,
    Figure,
    Heading,
    Lecture,
    ListBlock,
    ListItem,
    Meta,
    Paragraph,
    Quote,
    Rule,
    Section,
    Slide,
    Table,
)
from chapbook.read.assets import check_image, resolve_in_folder
from chapbook.read.data import (
    as_date,
    as_number,
    date_problem,
    decimal_year,
    number_problem,
    read_csv,
)
from chapbook.read.frontmatter import parse_front_matter
from chapbook.read.inline import InlineText, node_line
from chapbook.read.markdown import make_parser, make_typographer, parse_div_attrs
from chapbook.text.labels import format_date

SOURCE_NAME = "lecture.md"
MAX_SOURCE_BYTES = 5 * 1024 * 1024
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
# C0/C1 control characters other than tab and newline: XML cannot hold most of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CAPTION = re.compile(r"^(?:Table)?:\s+(.*)$", re.S)
SLIDE_LAYOUTS = ("content", "two-content", "title-only", "section", "quote", "picture",
                 "table", "chart")


def parse_lecture(folder: Path) -> Lecture:
    """Read `folder/lecture.md`; the folder's name is the lecture's slug."""
    folder = Path(folder)
    source = folder / SOURCE_NAME
    if not folder.is_dir():
        raise ContentError(f"no lecture folder {folder}", folder)
    if not source.is_file():
        raise ContentError(f"{SOURCE_NAME} not found in {folder}", source)
    if not source.resolve().is_relative_to(folder.resolve()):
        raise ContentError(f"points outside the lecture folder (to {source.resolve()}); "
                           "keep the lecture's text inside its folder", source)
    return parse_text(read_source(source), source, folder, folder.resolve().name)


def read_source(path: Path) -> str:
    """The file as text: UTF-8 (a BOM is allowed), line ends normalised, controls dropped."""
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise ContentError(f"larger than {MAX_SOURCE_BYTES // 2**20} MB; split the lecture", path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ContentError("not UTF-8 text; save the file as UTF-8", path, line) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def split_front_matter(text: str, source: Path) -> tuple[str, str]:
    """(yaml, body) where body keeps blank lines in place of the front matter."""
    if not text.strip():
        raise ContentError("the file is empty; start it with front matter:"
                           " `---`, `title: ...`, `---`", source, 1)
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise ContentError("no front matter: the file must start with a `---` line, then "
                           "`title: ...`, then `---`", source, 1)
    for i in range(1, len(lines)):
        if _FENCE.match(lines[i]):
            yaml_text = "\n".join(lines[1:i])
            body = "\n" * (i + 1) + "\n".join(lines[i + 1:])
            return yaml_text, body
    raise ContentError("front matter is not closed: add a `---` line after it", source, 1)


def parse_text(text: str, source: Path, root: Path, slug: str) -> Lecture:
    yaml_text, body = split_front_matter(text, source)
    meta = parse_front_matter(yaml_text, source, first_line=2, root=Path(root))
    typeset = make_typographer(meta.lang)
    meta = replace(
        meta, title=typeset(meta.title), subtitle=typeset(meta.subtitle),
        sources=tuple(replace(s, title=typeset(s.title)) for s in meta.sources),
    )
    md = make_parser(meta.lang)
    env: dict = {}
    tree = SyntaxTreeNode(md.parse(body, env))
    builder = _Builder(meta, source, Path(root), slug, typeset)
    builder.body_line = body.count("\n", 0, len(body) - len(body.lstrip("\n"))) + 1
    return builder.build(tree)


@dataclass
class _Builder:
    meta: Meta
    source: Path
    root: Path
    slug: str
    typeset: Callable[[str], str]
    text: InlineText = field(init=False)
    figure_count: int = 0
    table_count: int = 0
    callout_count: int = 0
    body_line: int = 1
    _sections_made: int = 0

    # -- document structure ------------------------------------------------------

    def __post_init__(self) -> None:
        self.text = InlineText(self.meta, self.source)

    def build(self, tree: SyntaxTreeNode) -> Lecture:
        body = [n for n in tree.children if n.type not in ("front_matter", "footnote_block")]
        for n in tree.children:
            if n.type == "footnote_block":
                self.text.collect_footnotes(n)

        intro: list[Block] = []
        intro_slides: list[Slide] = []
        intro_notes: list[Block] = []
        sections: list[Section] = []
        current: dict | None = None
        for node in body:
            if node.type == "heading" and node.tag in ("h1", "h2"):
                if node.tag == "h1":
                    raise self.error(node, "`#` headings are not used: the title comes from the "
                                     "front matter; start sections with `##`")
                if current:
                    sections.append(self._section(current))
                html, text = self.inline(node.children[0], terms=False)
                current = {"node": node, "html": html, "title": text, "blocks": [],
                           "slides": [], "notes": [], "subs": 0}
                continue
            blocks, slides, notes = (
                (current["blocks"], current["slides"], current["notes"]) if current
                else (intro, intro_slides, intro_notes)
            )
            if node.type == "div":
                attrs = parse_div_attrs(node.nester_tokens.opening.info)
                if "slide" in attrs.classes:
                    default_title = current["title"] if current else self.meta.title
                    slides.append(self._slide(node, attrs, default_title))
                    continue
                if "notes" in attrs.classes:
                    self._attach_notes(node, slides, notes)
                    continue
            if node.type == "heading":
                number = len(sections) + 1
                if current:
                    current["subs"] += 1
                ident = f"s{number}-{current['subs']}" if current else f"intro-{len(blocks)}"
                html, text = self.inline(node.children[0], terms=False)
                blocks.append(Heading(int(node.tag[1]), html, text, ident, self.line(node)))
                continue
            blocks.extend(self.blocks([node], numbered=True, terms=True))
        if current:
            sections.append(self._section(current))
        if not sections:
            last = self.line(body[-1]) if body else self.body_line
            raise ContentError("no sections: add at least one `## Section title`", self.source,
                               last)
        lecture = Lecture(
            meta=self.meta,
            slug=self.slug,
            root=self.root,
            source=self.source,
            intro=_with_captions(intro),
            intro_slides=tuple(intro_slides),
            intro_notes=tuple(intro_notes),
            sections=tuple(sections),
            key_terms=self.text.key_terms(),
            cited=tuple(dict.fromkeys(self.text.cited)),
        )
        self._check_anchors(lecture)
        return lecture

    def _check_anchors(self, lecture: Lecture) -> None:
        """A `[text](#id)` link must land somewhere in the booklet."""
        known = {"intro", "index", "sources"} | {f"ref-{s.key}" for s in self.meta.sources}
        for section in lecture.sections:
            known.add(section.id)
            known.update(h.id for h in section.subheadings)
        known.update(getattr(b, "id", "") for b in lecture.all_blocks())
        known.update(a for t in lecture.key_terms for a in t.anchors)
        for target, line in self.text.anchors:
            if target not in known:
                sections = ", ".join(f"#{s.id}" for s in lecture.sections[:3])
                raise ContentError(f"link to #{target} goes nowhere: link to a section "
                                   f"({sections}, ...), a figure (#fig-1) or a table (#tab-1)",
                                   self.source, line)

    def _section(self, data: dict) -> Section:
        number = self._sections_made = self._sections_made + 1
        return Section(
            number=number,
            id=f"s{number}",
            title_html=data["html"],
            title=data["title"],
            blocks=_with_captions(data["blocks"]),
            slides=tuple(data["slides"]),
            notes=tuple(data["notes"]),
            line=self.line(data["node"]),
        )

    def _slide(self, node: SyntaxTreeNode, attrs, default_title: str) -> Slide:
        self._check_closed(node)
        for child in node.children:
            if child.type == "div":
                raise self.error(child, "a `:::` block inside a slide block; close the slide "
                                 "block first (notes go after it)")
        layout = attrs.attrs.get("layout", "").strip()
        if layout and layout not in SLIDE_LAYOUTS:
            raise self.error(node, f"unknown slide layout {layout!r}: use "
                             f"{', '.join(SLIDE_LAYOUTS)}")
        blocks = self.blocks(node.children, numbered=False, terms=False)
        return Slide(
            blocks=_with_captions(list(blocks)),
            notes=(),
            title=self.typeset(attrs.attrs.get("title", "").strip()) or default_title,
            layout=attrs.attrs.get("layout", "").strip(),
            line=self.line(node),
        )

    def _attach_notes(self, node: SyntaxTreeNode, slides: list[Slide], notes: list) -> None:
        self._check_closed(node)
        blocks = self.blocks(node.children, numbered=False, terms=False)
        if slides and not slides[-1].notes:
            last = slides[-1]
            slides[-1] = Slide(last.blocks, blocks, last.title, last.layout, last.line)
        elif slides:
            raise self.error(node, "two `::: notes` blocks for one slide; merge them")
        else:
            notes.extend(blocks)

    # -- blocks --------------------------------------------------------------------

    def blocks(self, nodes, *, numbered: bool, terms: bool) -> tuple[Block, ...]:
        out: list[Block] = []
        for node in nodes:
            block = self.block(node, numbered=numbered, terms=terms)
            if block is not None:
                out.append(block)
        return tuple(out)

    def block(self, node: SyntaxTreeNode, *, numbered: bool, terms: bool) -> Block | None:
        t = node.type
        line = self.line(node)
        if t == "paragraph":
            inline = node.children[0]
            image = _lone_image(inline)
            if image is not None:
                return self.figure(image, line, numbered)
            html, text = self.inline(inline, terms=terms)
            return Paragraph(html, text, line)
        if t in ("bullet_list", "ordered_list"):
            items = tuple(
                ListItem(self.blocks(item.children, numbered=numbered, terms=terms))
                for item in node.children
            )
            start = int(node.attrs.get("start", 1)) if t == "ordered_list" else 1
            return ListBlock(t == "ordered_list", start, items, line)
        if t == "blockquote":
            return Quote(self.blocks(node.children, numbered=numbered, terms=terms), line)
        if t in ("fence", "code_block"):
            return Code(node.content.rstrip("\n"), (node.info or "").split(" ")[0], line)
        if t == "hr":
            return Rule(line)
        if t == "table":
            return self.table(node, numbered, terms)
        if t == "heading":
            html, text = self.inline(node.children[0], terms=False)
            return Heading(int(node.tag[1]), html, text, f"h-{line}", line)
        if t == "div":
            return self.div(node, numbered, terms)
        if t == "html_block":  # unreachable with html off; kept as text for safety
            return Paragraph(Markup(escape(node.content)), node.content, line)
        raise self.error(node, f"unsupported Markdown construct ({t})")

    def div(self, node: SyntaxTreeNode, numbered: bool, terms: bool) -> Block:
        self._check_closed(node)
        attrs = parse_div_attrs(node.nester_tokens.opening.info)
        if "callout" in attrs.classes:
            self.callout_count += 1
            ident = attrs.id or f"callout-{self.callout_count}"
            title = self.typeset(attrs.attrs.get("title", "").strip())
            blocks = self.blocks(node.children, numbered=numbered, terms=terms)
            return Callout(title, _with_captions(list(blocks)), ident, self.line(node))
        if "chart" in attrs.classes:
            return self.chart(node, attrs, numbered)
        if attrs.classes and attrs.classes[0] in ("slide", "notes"):
            raise self.error(node, f"`::: {attrs.classes[0]}` belongs at the top level of a "
                             "section, not inside another block")
        name = attrs.classes[0] if attrs.classes else node.nester_tokens.opening.info
        raise self.error(node, f"unknown block `::: {name}`; use slide, notes, "
                         '{.callout title="..."} or {.chart src="data/..."}')

    def chart(self, node: SyntaxTreeNode, attrs, numbered: bool) -> Chart:
        line = self.line(node)
        ref = attrs.attrs.get("src", "").strip()
        if not ref:
            raise self.error(node, 'a chart needs its data: {.chart src="data/file.csv"}')
        path = resolve_in_folder(ref, self.root, self.source, line, "chart data")
        table = read_csv(path, ref)
        columns = table.header
        label_name = attrs.attrs.get("label", columns[0])
        value_name = attrs.attrs.get("value", columns[1] if len(columns) > 1 else "")
        for name in (label_name, value_name):
            if name not in columns:
                raise self.error(node, f"chart: {ref} has no column {name!r} "
                                 f"(columns: {', '.join(columns)})")
        points, chart_type = self._chart_points(table, path, label_name, value_name,
                                                attrs.attrs.get("type", ""), attrs, node)
        caption_html, caption_text = Markup(""), ""
        for child in node.children:
            if child.type == "paragraph":
                h, t = self.inline(child.children[0], terms=False)
                caption_html = Markup(f"{caption_html} {h}".strip())
                caption_text = f"{caption_text} {t}".strip()
        number = None
        if numbered:
            self.figure_count += 1
            number = self.figure_count
        return Chart(
            chart_type=chart_type, src=ref, label_name=label_name, value_name=value_name,
            points=points, axis=value_axis([p.value for p in points], chart_type == "timeline"),
            caption_html=caption_html,
            caption_text=caption_text, alt=self.typeset(attrs.attrs.get("alt", "").strip()),
            number=number, id=f"fig-{number}" if number else f"chart-{line}", line=line,
            title=self.typeset(attrs.attrs.get("title", "").strip()),
        )

    def _chart_points(self, table, path: Path, label_name: str, value_name: str,
                      chart_type: str, attrs, node) -> tuple[tuple[ChartPoint, ...], str]:
        if chart_type not in ("", "timeline", "bar"):
            raise self.error(node, f"chart type {chart_type!r}: use timeline or bar")
        li, vi = table.column(label_name), table.column(value_name)
        first = table.rows[0][vi] if table.rows else ""
        chart_type = chart_type or ("timeline" if as_date(first) else "bar")
        highlight = {h.strip() for h in attrs.attrs.get("highlight", "").split(",") if h.strip()}
        points = []
        for number, row in zip(table.lines, table.rows, strict=True):
            cell = row[vi]
            if chart_type == "timeline":
                date = as_date(cell)
                if date is None:
                    raise ContentError(f"{cell!r} in column {value_name!r} is not a date "
                                       "like 1935-07-12", path, number)
                if problem := date_problem(date):
                    raise ContentError(f"{cell!r} in column {value_name!r} {problem}", path,
                                       number)
                value, display = decimal_year(date), format_date(date, self.meta.lang)
            else:
                value = as_number(cell)
                if value is None:
                    raise ContentError(f"{cell!r} in column {value_name!r} is not a number",
                                       path, number)
                if problem := number_problem(value):
                    raise ContentError(f"{cell[:20]!r}… in column {value_name!r} {problem}",
                                       path, number)
                display = cell
            points.append(ChartPoint(row[li], value, display, row[li] in highlight))
        if not points:
            raise ContentError("no data rows to chart", path, 2)
        unknown = highlight - {p.label for p in points}
        if unknown:
            raise self.error(node, f"chart: highlight {sorted(unknown)[0]!r} is not a "
                             f"{label_name} in {path.name}")
        return tuple(points), chart_type

    def figure(self, image: SyntaxTreeNode, line: int, numbered: bool) -> Figure:
        ref = image.attrs.get("src", "")
        path = resolve_in_folder(str(ref), self.root, self.source, line, "image")
        info = check_image(path, str(ref), self.source, line)
        alt = "".join(_plain(c) for c in image.children).strip()
        title = self.typeset(str(image.attrs.get("title") or ""))
        number = None
        if numbered:
            self.figure_count += 1
            number = self.figure_count
        return Figure(
            src=str(ref), url=path.as_uri(), alt=alt,
            caption_html=Markup(escape(title)), caption_text=title,
            number=number, width=info.width, height=info.height,
            id=f"fig-{number}" if number else f"img-{line}", line=line,
        )

    def table(self, node: SyntaxTreeNode, numbered: bool, terms: bool) -> Table:
        header: tuple[Cell, ...] = ()
        rows: list[tuple[Cell, ...]] = []
        for part in node.children:
            for tr in part.children:
                cells = tuple(self.cell(c, terms) for c in tr.children)
                if part.type == "thead":
                    header = cells
                else:
                    rows.append(cells)
        if len(rows) > MAX_TABLE_ROWS:
            raise self.error(node, f"table of {len(rows)} rows: more than {MAX_TABLE_ROWS}; "
                             "keep long data in data/ and show a summary")
        number = None
        if numbered:
            self.table_count += 1
            number = self.table_count
        return Table(header, tuple(rows), Markup(""), "", number,
                     f"tab-{number}" if number else f"table-{self.line(node)}", self.line(node))

    def cell(self, node: SyntaxTreeNode, terms: bool) -> Cell:
        style = str(node.attrs.get("style", ""))
        align = style.removeprefix("text-align:").strip() if style else ""
        if not node.children:
            return Cell(Markup(""), "", align)
        html, text = self.inline(node.children[0], terms=terms)
        return Cell(html, text, align)

    # -- inline --------------------------------------------------------------------

    def inline(self, node: SyntaxTreeNode, *, terms: bool) -> tuple[Markup, str]:
        return self.text.render(node, terms=terms)

    # -- helpers -------------------------------------------------------------------

    def line(self, node: SyntaxTreeNode | None) -> int:
        return node_line(node)

    def error(self, node: SyntaxTreeNode, message: str) -> ContentError:
        return ContentError(message, self.source, self.line(node))

    def _check_closed(self, node: SyntaxTreeNode) -> None:
        if not node.nester_tokens.opening.meta.get("closed", True):
            raise self.error(node, "this `:::` block is never closed; add a `:::` line after it")


def _lone_image(inline: SyntaxTreeNode) -> SyntaxTreeNode | None:
    """The image, if it is the only thing in the paragraph."""
    kids = [c for c in inline.children
            if c.type not in ("softbreak", "hardbreak")
            and not (c.type == "text" and not c.content.strip())]
    return kids[0] if len(kids) == 1 and kids[0].type == "image" else None


def _plain(node: SyntaxTreeNode) -> str:
    if node.type == "text" or node.type == "code_inline":
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain(c) for c in node.children)


def _with_captions(blocks: list[Block]) -> tuple[Block, ...]:
    """Attach a `Table: ...` (or `: ...`) paragraph next to a table to it as its caption."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        caption = _caption_of(block)
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if caption and isinstance(nxt, Table) and not nxt.caption_text:
            out.append(_captioned(nxt, *caption))
            i += 2
            continue
        if caption and out and isinstance(out[-1], Table) and not out[-1].caption_text:
            out[-1] = _captioned(out[-1], *caption)
            i += 1
            continue
        out.append(block)
        i += 1
    return tuple(out)


def _caption_of(block: Block) -> tuple[Markup, str] | None:
    if not isinstance(block, Paragraph):
        return None
    m = _CAPTION.match(block.text)
    if not m:
        return None
    html = re.sub(r"^(?:Table)?:\s+", "", str(block.html), count=1)
    return Markup(html), m.group(1).strip()


def _captioned(table: Table, html: Markup, text: str) -> Table:
    return replace(table, caption_html=html, caption_text=text)
