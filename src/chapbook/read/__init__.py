"""Stage 1, reading: `lecture.md` (with its figures and data) in, a validated `Lecture` out.

Nothing after this package sees Markdown, tokens or the author's files as text.

The parser (Markdown, citations, blocks) is imported when first asked for: a command
reading only a course file's defaults does not load it, and a build lets the process
that parses load it (`build.read_lecture`).
"""

from __future__ import annotations

__all__ = ["parse_lecture", "parse_text"]

SOURCE_NAME = "lecture.md"  # a lecture's text, in its folder


def __getattr__(name: str):
    if name in __all__:
        from chapbook.read import parse

        return getattr(parse, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
