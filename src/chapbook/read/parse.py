"""Parse a lecture: `lecture.md` in, a validated `Lecture` model out.

Reads the file once, splits off the YAML front matter, runs markdown-it-py and
converts its token tree straight into the model (`structure` for sections and
slides, the block modules for the rest); nothing after this package sees Markdown
or tokens. Every error is a ContentError naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from chapbook.errors import ContentError
from chapbook.model.document import Lecture
from chapbook.read.context import ReadContext
from chapbook.read.frontmatter import parse_front_matter
from chapbook.read.markdown import make_parser, make_typographer
from chapbook.read.structure import read_structure

SOURCE_NAME = "lecture.md"
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
    tree = SyntaxTreeNode(make_parser(meta.lang).parse(body, {}))
    ctx = ReadContext(meta, source, Path(root), typeset)
    body_line = body.count("\n", 0, len(body) - len(body.lstrip("\n"))) + 1
    return read_structure(tree, ctx, slug, body_line)
