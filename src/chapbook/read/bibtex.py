"""BibTeX and BibLaTeX in, CSL-JSON items out (the one model of a reference).

bibtexparser 2 splits the file into entries (it tells which blocks it could not
read, with their lines), resolves `@string` macros and splits names into first,
von, last and jr parts; pylatexenc turns LaTeX (`{\\'e}`, `--`, `\\&`) into text.
What is left is the mapping of entry types and fields onto CSL's, after Pandoc's.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock
from pylatexenc.latex2text import LatexNodes2Text

# bibtexparser logs what it could not parse; its failed blocks say the same, with lines.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

TYPES = {
    "article": "article-journal", "book": "book", "mvbook": "book", "booklet": "pamphlet",
    "inbook": "chapter", "incollection": "chapter", "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "proceedings": "book", "collection": "book", "periodical": "article-journal",
    "manual": "report", "techreport": "report", "report": "report",
    "mastersthesis": "thesis", "phdthesis": "thesis", "thesis": "thesis",
    "unpublished": "manuscript", "misc": "article", "online": "webpage", "www": "webpage",
    "electronic": "webpage", "patent": "patent", "dataset": "dataset", "software": "book",
}
TEXT_FIELDS = {
    "title": "title", "shorttitle": "title-short", "journal": "container-title",
    "journaltitle": "container-title", "booktitle": "container-title",
    "publisher": "publisher", "address": "publisher-place", "location": "publisher-place",
    "edition": "edition", "volume": "volume", "pages": "page", "series": "collection-title",
    "note": "note", "chapter": "chapter-number", "isbn": "ISBN", "issn": "ISSN",
    "type": "genre", "language": "language", "langid": "language",
}
VERBATIM_FIELDS = {"url": "URL", "doi": "DOI"}  # never LaTeX-decoded: `&` and `_` mean themselves
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator"}
PUBLISHER_STAND_INS = ("institution", "school", "organization")  # when there is no publisher
GENRES = {"phdthesis": "PhD diss.", "mastersthesis": "Master’s thesis"}
LANGUAGES = {
    "english": "en-US", "american": "en-US", "british": "en-GB", "dutch": "nl-NL",
    "french": "fr-FR", "german": "de-DE", "ngerman": "de-DE", "spanish": "es-ES",
    "italian": "it-IT", "portuguese": "pt-PT", "russian": "ru-RU",
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_PLAIN_TEX = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("~", "\u00a0"),
              ("{", ""), ("}", ""))
_TO_TEXT = LatexNodes2Text()


@dataclass(frozen=True)
class Problem:
    line: int | None
    message: str


def read_bibtex(text: str) -> tuple[list[tuple[str, dict[str, Any], int]], list[Problem]]:
    """(key, CSL item, line) for every entry read, and what was skipped and why."""
    library = bibtexparser.parse_string(
        text, append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()])
    problems = [_problem(block) for block in library.failed_blocks]
    items = []
    for entry in library.entries:
        line = entry.start_line + 1
        if not entry.key.strip():
            problems.append(Problem(line, "an entry without a key is skipped"))
            continue
        try:
            items.append((entry.key, entry_to_csl(entry), line))
        except (ValueError, TypeError, AttributeError, IndexError) as exc:
            problems.append(Problem(line, f"entry {entry.key!r} skipped: {exc}"))
    return items, problems


def _problem(block: Any) -> Problem:
    line = block.start_line + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        return Problem(line, f"key {block.key!r} is used twice; the first entry is kept")
    if isinstance(block, ParsingFailedBlock):
        error = getattr(block, "error", None)
        reason = " ".join(str(getattr(error, "abort_reason", "") or error or "").split())
        detail = f" ({reason})" if reason else ""
        return Problem(line, f"an entry cannot be read and is skipped{detail}")
    return Problem(line, "a block cannot be read and is skipped")


def entry_to_csl(entry: Entry) -> dict[str, Any]:
    kind = entry.entry_type.lower()
    fields = {f.key.lower(): f.value for f in entry.fields}
    csl: dict[str, Any] = {"type": TYPES.get(kind, "book")}
    for name, value in fields.items():
        if name in NAME_FIELDS:
            names = [n for n in (_name(p) for p in value if hasattr(p, "last")) if n]
            if names:
                csl[NAME_FIELDS[name]] = names
        elif name in VERBATIM_FIELDS and isinstance(value, str):
            csl[VERBATIM_FIELDS[name]] = value.strip()
        elif name in TEXT_FIELDS and isinstance(value, str) and value.strip():
            csl[TEXT_FIELDS[name]] = latex_text(value)
    if kind == "article" and "number" in fields:
        csl["issue"] = latex_text(str(fields["number"]))
    elif "number" in fields:
        csl["number"] = latex_text(str(fields["number"]))
    if "publisher" not in csl:
        stand_in = next((fields[f] for f in PUBLISHER_STAND_INS if fields.get(f)), None)
        if isinstance(stand_in, str):
            csl["publisher"] = latex_text(stand_in)
    if kind in GENRES and "genre" not in csl:
        csl["genre"] = GENRES[kind]
    if "language" in csl:
        csl["language"] = LANGUAGES.get(csl["language"].lower(), csl["language"])
    issued = _issued(fields)
    if issued:
        csl["issued"] = issued
    if not csl.get("title"):
        raise ValueError("it has no title")
    return csl


def latex_text(value: str) -> str:
    """`The {Soviet} Union, 1933--39 \\& {\\'E}tudes` -> `The Soviet Union, 1933–39 & Études`.

    Text with no command and no maths needs only its braces and dashes seen to; the rest
    goes through pylatexenc (about a millisecond a field, so only where needed)."""
    if "\\" in value or "$" in value:
        value = _latex_to_text(value)
    else:
        for tex, text in _PLAIN_TEX:
            value = value.replace(tex, text)
    return " ".join(value.split())


@lru_cache(maxsize=4096)
def _latex_to_text(value: str) -> str:
    return _TO_TEXT.latex_to_text(value)


def _name(parts: Any) -> dict[str, str] | None:
    """bibtexparser's name parts as a CSL name; one braced group alone is an institution."""
    first, von, last, jr = ([latex_text(p) for p in seq if p]
                            for seq in (parts.first, parts.von, parts.last, parts.jr))
    if not (first or von or last) or (last == ["others"] and not first and not von):
        return None  # `and others`: CSL has no name for it
    raw_last = list(parts.last)
    if not first and not von and not jr and len(raw_last) == 1 and raw_last[0].startswith("{"):
        return {"literal": last[0]}
    name = {"family": " ".join(last), "given": " ".join(first),
            "non-dropping-particle": " ".join(von), "suffix": " ".join(jr)}
    return {k: v for k, v in name.items() if v}


def _issued(fields: dict[str, Any]) -> dict[str, Any] | None:
    """BibLaTeX's `date` (ISO 8601), else `year` and `month`; text that is no date is kept."""
    date = str(fields.get("date") or "").strip()
    m = _DATE.match(date)
    if m:
        year, month, day = (int(g) if g else 0 for g in m.groups())
        return {"date-parts": [_valid(year, month, day)]}
    year = latex_text(str(fields.get("year") or ""))
    if not year:
        return None
    digits = re.match(r"^(\d{4})(?!\d)|^(\d{1,3})$", year)  # `1984`, `1984a`, `476`
    if not digits:
        return {"literal": year}  # `forthcoming`, `19xx`
    month = _month(str(fields.get("month") or "")) or 0
    return {"date-parts": [_valid(int(digits.group(1) or digits.group(2)), month, 0)]}


def _valid(year: int, month: int, day: int) -> list[int]:
    """The parts that make a date: no day without a month, nothing out of range."""
    if not 1 <= month <= 12:
        return [year]
    return [year, month, day] if 1 <= day <= 31 else [year, month]


def _month(value: str) -> int | None:
    value = value.strip().lower()
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    return MONTHS.index(value[:3]) + 1 if value[:3] in MONTHS else None
