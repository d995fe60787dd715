"""`bibliography:` files in, `Source`s (CSL-JSON items under their keys) out.

BibTeX/BibLaTeX (`.bib`, read by `chapbook.read.bibtex`), CSL-JSON (`.json`) and
CSL-YAML (`.yaml`, `.yml`, as Pandoc writes it), each inside the lecture folder. A
file that is missing, outside the folder or unreadable, and an entry that is
malformed, is a warning naming the file (and the entry's line where it is known):
the lecture still builds, and a citation of a skipped entry is warned of as unknown.
Entries are normalised to what the citation processor understands (CSL 1.0.1), so
formatting never meets a value it cannot take.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from citeproc import DATES, NAMES, VARIABLES

from chapbook.errors import ContentError, Finding
from chapbook.model.sources import CSL_TYPES, Source, parse_name, split_authors
from chapbook.read.assets import resolve_in_folder
from chapbook.read.bibtex import read_bibtex
from chapbook.read.yamlsafe import Lines, read_yaml

MAX_BIBLIOGRAPHY_BYTES = 20 * 2**20
SUFFIXES = {".bib": "bibtex", ".bibtex": "bibtex", ".json": "json", ".yaml": "yaml",
            ".yml": "yaml"}
NAME_VARIABLES = frozenset(v.replace("_", "-") for v in NAMES)
DATE_VARIABLES = frozenset(v.replace("_", "-") for v in DATES)
TEXT_VARIABLES = frozenset(v.replace("_", "-") for v in VARIABLES) - NAME_VARIABLES \
    - DATE_VARIABLES - {"citation-number", "first-reference-note-number", "locator",
                        "year-suffix", "citation-label"}
NAME_PARTS = ("family", "given", "literal", "suffix", "non-dropping-particle",
              "dropping-particle")
# CSL 1.0.2 types, and names other tools use, as the nearest type of CSL 1.0.1.
NEWER_TYPES = {
    "document": "article", "standard": "report", "software": "book", "collection": "book",
    "event": "speech", "hearing": "bill", "periodical": "article-journal",
    "regulation": "legislation", "classic": "book", "performance": "speech",
    "article-preprint": "article", "journal-article": "article-journal",
}
_RAW_DATE = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_JSON_ID = re.compile(r'"id"\s*:\s*"?([^",}\s]+)')


class Skip(Exception):
    """An entry that cannot be used, and why."""


def read_bibliography(refs: list[str], root: Path, lecture: Path,
                      line: int) -> tuple[tuple[Source, ...], list[Finding]]:
    """Every entry of the files `refs` (paths relative to `root`, named on `line` of the
    lecture), the first of a key defined twice; and the warnings."""
    sources: dict[str, Source] = {}
    findings: list[Finding] = []
    for ref in refs:
        try:
            path = resolve_in_folder(ref, root, lecture, line, "bibliography")
        except ContentError as exc:
            findings.append(Finding(lecture, line, f"{exc.message}; its sources are not used"))
            continue
        kind = SUFFIXES.get(path.suffix.lower())
        if kind is None:
            findings.append(Finding(lecture, line, f"bibliography {ref!r} is not BibTeX (.bib), "
                                    "CSL-JSON (.json) or CSL-YAML (.yaml); it is not used"))
            continue
        if path.stat().st_size > MAX_BIBLIOGRAPHY_BYTES:
            findings.append(Finding(path, None, f"larger than {MAX_BIBLIOGRAPHY_BYTES >> 20} MB;"
                                    " not used"))
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError:
            findings.append(Finding(path, None, "not UTF-8 text; save it as UTF-8 (it is not "
                                    "used)"))
            continue
        warn = _warner(path, findings)
        for source in READERS[kind](text, path, ref, warn):
            if source.key in sources:
                first = sources[source.key]
                warn(source.line, f"key {source.key!r} is already defined in {first.origin}"
                     f"{f':{first.line}' if first.line else ''}; the first is used")
            else:
                sources[source.key] = source
    return tuple(sources.values()), findings


def _warner(path: Path, findings: list[Finding]) -> Callable[[int | None, str], None]:
    return lambda line, message: findings.append(Finding(path, line, message))


def _read_bibtex(text: str, path: Path, ref: str, warn) -> list[Source]:
    items, problems = read_bibtex(text)
    for problem in problems:
        warn(problem.line, problem.message)
    return [source for key, item, line in items
            if (source := _source(key, item, ref, line, warn)) is not None]


def _read_json(text: str, path: Path, ref: str, warn) -> list[Source]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        warn(exc.lineno, f"not valid CSL-JSON: {exc.msg}; its sources are not used")
        return []
    except (ValueError, RecursionError) as exc:
        warn(None, f"not valid CSL-JSON: {exc}; its sources are not used")
        return []
    lines: dict[str, int] = {}
    for m in _JSON_ID.finditer(text):
        lines.setdefault(m.group(1), text.count("\n", 0, m.start()) + 1)
    return _read_items(data, ref, warn, lambda item: lines.get(str(item.get("id"))))


def _read_yaml(text: str, path: Path, ref: str, warn) -> list[Source]:
    try:
        data = read_yaml(text, path, 1, "CSL-YAML")
    except ContentError as exc:
        warn(exc.line, f"{exc.message}; its sources are not used")
        return []
    if isinstance(data, dict) and "references" in data:
        data = data["references"]
    return _read_items(data, ref, warn,
                       lambda item: item.line + 1 if isinstance(item, Lines) else None)


def _read_items(data: Any, ref: str, warn, line_of) -> list[Source]:
    if not isinstance(data, list):
        warn(None, "a CSL file holds a list of references (`- id: ...`); none are used")
        return []
    sources = []
    for raw in data:
        if not isinstance(raw, dict):
            warn(None, f"a reference must be a mapping with `id` and `type`, not {raw!r:.40}")
            continue
        key = str(raw.get("id") or raw.get("citation-key") or "").strip()
        if not key:
            warn(line_of(raw), "a reference without `id` is skipped")
            continue
        try:
            item = csl_item(raw)
        except Skip as exc:
            warn(line_of(raw), f"reference {key!r} skipped: {exc}")
            continue
        source = _source(key, item, ref, line_of(raw), warn)
        if source is not None:
            sources.append(source)
    return sources


def _source(key: str, item: dict[str, Any], ref: str, line: int | None, warn) -> Source | None:
    if not item.get("title") and not any(item.get(n) for n in NAME_VARIABLES):
        warn(line, f"reference {key!r} has neither a title nor an author; skipped")
        return None
    return Source(key, item, origin=ref, line=line)


def csl_item(raw: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON item reduced to what citeproc-py formats: known variables only, names
    as name parts, dates as integer date parts (or literal text), everything else text."""
    kind = str(raw.get("type") or "book").strip()
    kind = NEWER_TYPES.get(kind, kind)
    item: dict[str, Any] = {"type": kind if kind in CSL_TYPES else "book"}
    for variable, value in raw.items():
        variable = {"shortTitle": "title-short",
                    "journalAbbreviation": "container-title-short"}.get(variable, variable)
        if variable in NAME_VARIABLES:
            names = _names(value)
            if names:
                item[variable] = names
        elif variable in DATE_VARIABLES:
            date = _date(value)
            if date:
                item[variable] = date
        elif variable in TEXT_VARIABLES and isinstance(value, str | int | float) \
                and not isinstance(value, bool) and str(value).strip():
            item[variable] = " ".join(str(value).split())
    return item


def _names(value: Any) -> list[dict[str, str]]:
    if isinstance(value, str):
        return [parse_name(n).csl for n in split_authors(value)]
    if not isinstance(value, list):
        raise Skip(f"names must be a list, not {value!r:.40}")
    names = []
    for entry in value:
        if isinstance(entry, str):
            names.append(parse_name(entry).csl)
        elif isinstance(entry, dict):
            name = {p: " ".join(str(entry[p]).split()) for p in NAME_PARTS
                    if isinstance(entry.get(p), str | int) and str(entry[p]).strip()}
            if "literal" in name:
                name = {"literal": name["literal"]}
            elif "given" in name and "family" not in name:  # a single name: `Plato`
                name["family"] = name.pop("given")
            if name:
                names.append(name)
        else:
            raise Skip(f"a name must be text or a mapping, not {entry!r:.40}")
    return names


def _date(value: Any) -> dict[str, Any] | None:
    """`{"date-parts": [[1984, 7]]}`, `{"raw": "1984-07"}`, `1984`, `{"literal": "ca. 1500"}`."""
    if isinstance(value, int | str) and not isinstance(value, bool):
        value = {"raw": str(value)}
    if not isinstance(value, dict):
        raise Skip(f"a date must be a mapping like {{date-parts: [[1984]]}}, not {value!r:.40}")
    if value.get("date-parts") is not None:
        parts = value["date-parts"]
        if not isinstance(parts, list) or not parts:
            raise Skip("`date-parts` must be a list of [year, month, day] lists")
        dates = [_date_parts(p) for p in parts[:2]]
        return {"date-parts": dates, **({"circa": True} if value.get("circa") else {})}
    raw = str(value.get("raw") or "").strip()
    if raw:
        ends = [_RAW_DATE.match(part.strip()) for part in raw.split("/")[:2]]
        if all(ends):
            return {"date-parts": [[int(g) for g in m.groups() if g] for m in ends if m]}
        return {"literal": raw}
    literal = value.get("literal")
    return {"literal": str(literal)} if isinstance(literal, str | int) and literal else None


def _date_parts(parts: Any) -> list[int]:
    if not isinstance(parts, list) or not parts:
        raise Skip("each of `date-parts` must be a list like [1984, 7, 12]")
    try:
        numbers = [int(str(p).strip()) for p in parts[:3]]
    except ValueError:
        raise Skip(f"date parts must be numbers, not {parts!r:.40}") from None
    year, rest = numbers[0], numbers[1:]
    if not -9999 <= year <= 9999:
        raise Skip(f"year {year} is out of range")
    if rest and not 1 <= rest[0] <= 12:
        rest = []  # a season (13-16) or nonsense: the year alone
    if len(rest) > 1 and not 1 <= rest[1] <= 31:
        rest = rest[:1]
    return [year, *rest]


READERS = {"bibtex": _read_bibtex, "json": _read_json, "yaml": _read_yaml}
