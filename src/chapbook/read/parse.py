"""Parse a lecture: `lecture.md` in, a validated `Lecture` model out.

Reads the file once, splits off the YAML front matter, runs markdown-it-py and
converts its token tree straight into the model (`structure` for sections and
slides, the block modules for the rest); nothing after this package sees Markdown
or tokens. Every error is a ContentError naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from chapbook.errors import ContentError
from chapbook.model.document import Lecture
from chapbook.read import SOURCE_NAME
from chapbook.read.citing import cited_keys
from chapbook.read.context import ReadContext
from chapbook.read.course import Course, course_for
from chapbook.read.frontmatter import parse_front_matter, title_block_meta
from chapbook.read.markdown import make_parser, make_typographer
from chapbook.read.structure import read_structure

MAX_SOURCE_BYTES = 5 * 1024 * 1024
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
# C0/C1 control characters other than tab and newline: XML cannot hold most of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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
    return parse_text(read_source(source), source, folder, folder.resolve().name,
                      course_for(folder))


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


@dataclass(frozen=True)
class Header:
    """The lecture's metadata as found: YAML front matter, or a Pandoc `%` title block."""

    yaml: str | None  # the YAML between the fences
    title_block: tuple[str, ...]  # or the `%` lines: title, authors, date
    first_line: int  # the line the YAML (or title block) starts on
    body: str  # the rest, with blank lines in place of the header, so lines keep numbers


def split_header(text: str, source: Path) -> Header:
    """Front matter at the top (after blank lines and HTML comments, as Pandoc allows), or
    a Pandoc title block (`% Title`, `% Author; Author`, `% Date`)."""
    if not text.strip():
        raise ContentError("the file is empty; start it with front matter:"
                           " `---`, `title: ...`, `---`", source, 1)
    lines = text.split("\n")
    start = _skip_comments(lines)
    if lines[start].strip() == "---":
        for i in range(start + 1, len(lines)):
            if _FENCE.match(lines[i]):
                return Header("\n".join(lines[start + 1:i]), (), start + 2,
                              "\n" * (i + 1) + "\n".join(lines[i + 1:]))
        raise ContentError("front matter is not closed: add a `---` line after it", source,
                           start + 1)
    if lines[start].startswith("%"):
        fields, end = _title_block(lines, start)
        return Header(None, fields, start + 1, "\n" * end + "\n".join(lines[end:]))
    raise ContentError("no front matter: the file must start with a `---` line, then "
                       "`title: ...`, then `---` (or a Pandoc title block, `% Title`)", source,
                       start + 1)


_EQUATION_LABEL = re.compile(r"^(\s*\$\$)\s*\{#([\w:-]+)\}\s*$")
_FENCE_LINE = re.compile(r"^\s*(`{3,}|~{3,})")


def _quarto_equation_labels(body: str) -> str:
    """Quarto labels an equation after its closing `$$` (`$$ {#eq-x}`); markdown-it's maths
    plugin reads a label in parentheses (`$$ (eq-x)`). Code blocks are left alone."""
    lines, fence = body.split("\n"), ""
    for n, line in enumerate(lines):
        if m := _FENCE_LINE.match(line):
            fence = "" if fence and m.group(1)[0] == fence[0] else (fence or m.group(1))
        elif not fence and (m := _EQUATION_LABEL.match(line)):
            lines[n] = f"{m.group(1)} ({m.group(2)})"
    return "\n".join(lines)


def _skip_comments(lines: list[str]) -> int:
    """The first line after leading blank lines and HTML comments."""
    i, inside = 0, False
    while i < len(lines) - 1:
        line = lines[i].strip()
        if inside:
            inside = "-->" not in line
        elif line.startswith("<!--"):
            inside = "-->" not in line[4:]
        elif line:
            return i
        i += 1
    return i


def _title_block(lines: list[str], start: int) -> tuple[tuple[str, ...], int]:
    """Pandoc's title block: up to three `%` lines, each continued by indented lines."""
    fields: list[str] = []
    i = start
    while i < len(lines) and len(fields) < 3 and lines[i].startswith("%"):
        parts = [lines[i][1:].strip()]
        i += 1
        while i < len(lines) and lines[i][:1] in (" ", "\t") and lines[i].strip():
            parts.append(lines[i].strip())
            i += 1
        fields.append(" ".join(parts))
    return tuple(fields), i


def parse_text(text: str, source: Path, root: Path, slug: str,
               course: Course | None = None) -> Lecture:
    """The lecture in `text`; `course` is the course file whose fields are defaults."""
    header = split_header(text, source)
    if header.yaml is not None:
        meta, findings = parse_front_matter(header.yaml, source, header.first_line, Path(root),
                                            course)
    else:
        meta, findings = title_block_meta(header.title_block, source, header.first_line,
                                          course)
    typeset = make_typographer(meta.lang)
    meta = replace(
        meta, title=typeset(meta.title), subtitle=typeset(meta.subtitle),
        sources=tuple(s.retitled(typeset(s.title)) for s in meta.sources),
    )
    body = _quarto_equation_labels(header.body)
    md = make_parser(meta.lang)
    tokens = md.parse(body, {})
    tree = SyntaxTreeNode(tokens)
    ctx = ReadContext(meta, source, Path(root), typeset, md, findings=findings)
    ctx.text.citer.expect([s.key for s in meta.sources], cited_keys(tokens))
    body_line = body.count("\n", 0, len(body) - len(body.lstrip("\n"))) + 1
    lecture = read_structure(tree, ctx, slug, body_line)
    references = ctx.text.citer.references()
    return replace(lecture, references=references, findings=tuple(ctx.findings))
