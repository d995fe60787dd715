"""Stage 1, reading: `lecture.md` (with its figures and data) in, a validated `Lecture` out.

Nothing after this package sees Markdown, tokens or the author's files as text.
"""

from chapbook.read.parse import parse_lecture, parse_text

__all__ = ["parse_lecture", "parse_text"]
