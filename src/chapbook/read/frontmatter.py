"""Front matter: YAML text in, a validated `Meta` out.

YAML is read with a safe loader that also refuses duplicate keys (plain
`yaml.safe_load` silently keeps the last one). Every problem names its line in
the lecture file, counting the opening `---` as line 1.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Any, ClassVar

import yaml

from chapbook.errors import ContentError
from chapbook.model.document import Meta
from chapbook.model.sources import Source
from chapbook.paper import paper_for, parse_bleed
from chapbook.read.assets import resolve_in_folder

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_KEY = re.compile(r"^[\w][\w:.#$%&\-+?<>~/]*$")
_META_FIELDS = {
    "title", "subtitle", "author", "date", "lang", "sources", "paper", "bleed", "theme",
}
_SOURCE_FIELDS = {
    "key", "title", "author", "year", "publisher", "place", "container", "note", "type", "url",
}


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps key lines, refuses duplicate keys and aliases, and reads
    only `true`/`false` as booleans (so `lang: no` stays Norwegian)."""

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _BadValue("anchors and aliases (*name) are not allowed", event.start_mark.line)
        return super().compose_node(parent, index)


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _BadValue(Exception):
    def __init__(self, message: str, line: int):
        self.message, self.line = message, line


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        message = f"{node.value!r} is not an ISO date of the calendar ({exc})"
        raise _BadValue(message, node.start_mark.line) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        line = key_node.start_mark.line
        if key in seen:
            raise _DuplicateKey(key, line)
        seen[key] = line
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    return _Lines(mapping, {k: v for k, v in seen.items()}, node.start_mark.line)


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int):
        self.key, self.line = key, line


class _Lines(dict):
    """A mapping that remembers the (0-based, YAML-relative) line of each key."""

    def __init__(self, data: dict, key_lines: dict, line: int):
        super().__init__(data)
        self.key_lines = key_lines
        self.line = line


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_front_matter(text: str, path: Path, first_line: int, root: Path | None = None) -> Meta:
    """Validate the YAML between the `---` fences; `first_line` is its first line in the file.

    `root` is the lecture folder, against which a `theme:` path is checked.
    """

    def fail(message: str, yaml_line: int | None = None) -> ContentError:
        line = first_line + yaml_line if yaml_line is not None else first_line - 1
        return ContentError(message, path, line)

    try:
        data = yaml.load(text, Loader=_Loader)
    except _DuplicateKey as dup:
        raise fail(f"front matter: duplicate key {dup.key!r}; keep only one", dup.line) from None
    except _BadValue as bad:
        raise fail(f"front matter: {bad.message}", bad.line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None) or ""
        # An unclosed bracket or quote is noticed lines later; name where it opened.
        if getattr(exc, "context_mark", None) and ("flow" in context or "quoted" in context):
            mark = exc.context_mark
            problem = f"{problem} ({context} that starts here)"
        raise fail(
            f"front matter is not valid YAML: {problem}", mark.line if mark else None
        ) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise fail(f"front matter cannot be read: {exc}") from None
    if data is None:
        raise fail("front matter is empty; it needs at least `title: ...`")
    if not isinstance(data, _Lines):
        raise fail("front matter must be `key: value` lines, starting with `title: ...`")

    def line_of(key: str, mapping: _Lines = data) -> int:
        return mapping.key_lines.get(key, mapping.line)

    for key in data:
        if key not in _META_FIELDS:
            raise fail(f"front matter: unknown field {key!r}{_suggest(key, _META_FIELDS)}",
                       line_of(key))

    def text_field(key: str, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required and key in data:
                raise fail(f"front matter: `{key}` must not be empty", line_of(key))
            if required:
                raise fail(f"front matter: `{key}` is required, e.g. `{key}: My lecture`")
            return ""
        if isinstance(value, list | dict):
            raise fail(f"front matter: `{key}` must be text, not a list or mapping", line_of(key))
        value = str(value).strip()
        if required and not value:
            raise fail(f"front matter: `{key}` must not be empty", line_of(key))
        return value

    title = text_field("title", required=True)
    date = data.get("date")
    if date is not None and not isinstance(date, dt.date):
        try:
            date = dt.date.fromisoformat(str(date))
        except ValueError:
            raise fail(
                f"front matter: date {date!r} is not an ISO date like 2026-11-27", line_of("date")
            ) from None
    if isinstance(date, dt.datetime):
        date = date.date()
    lang = text_field("lang") or "en"
    if not _LANG.match(lang):
        raise fail(f"front matter: lang {lang!r} is not a BCP 47 tag like `en` or `nl-BE`",
                   line_of("lang"))
    paper = text_field("paper") or None
    try:
        paper_for(paper)
    except ValueError as exc:
        raise fail(f"front matter: {exc}", line_of("paper")) from None
    try:
        bleed = parse_bleed(data.get("bleed"))
    except ValueError as exc:
        raise fail(f"front matter: {exc}", line_of("bleed")) from None
    theme = text_field("theme")
    if theme and root is not None:
        resolve_in_folder(theme, root, path, first_line + line_of("theme"), "theme")
    return Meta(
        theme=theme,
        paper=paper or "",
        bleed=bleed,
        title=title,
        subtitle=text_field("subtitle"),
        author=", ".join(
            _author(data.get("author"), lambda m: fail(m, line_of("author"))).split("; ")
        ),
        date=date,
        lang=lang,
        sources=_sources(data.get("sources"), fail, line_of("sources")),
    )


def _suggest(key: Any, known: set[str]) -> str:
    """`; did you mean 'author'?` for a near miss, else the list of known fields."""
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f" (known: {', '.join(sorted(known))})"


def _author(value: Any, fail) -> str:
    """Names as one string: a list becomes `A; B; C` (split again by `split_authors`).

    List entries may be names or Quarto-style mappings with a `name`.
    """
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return str(value).strip()
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, list):
        names = []
        for entry in value:
            if isinstance(entry, dict) and isinstance(entry.get("name"), str | int):
                names.append(str(entry["name"]).strip())
            elif isinstance(entry, str | int | float):
                names.append(str(entry).strip())
            else:
                raise fail("front matter: `author` must be a name, a list of names, or a list "
                           "of `- name: ...` entries")
        return "; ".join(n for n in names if n)
    raise fail("front matter: `author` must be a name or a list of names")


def _sources(value: Any, fail, line: int) -> tuple[Source, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise fail("front matter: `sources` must be a list of `- key: ...` entries", line)
    sources: list[Source] = []
    keys: set[str] = set()
    for entry in value:
        if not isinstance(entry, _Lines):
            raise fail("front matter: each source must be a mapping with `key` and `title`", line)
        here = entry.line
        for k in entry:
            if k not in _SOURCE_FIELDS:
                raise fail(f"source: unknown field {k!r}{_suggest(k, _SOURCE_FIELDS)}",
                           entry.key_lines.get(k, here))
        key = str(entry.get("key") or "").strip()
        if not key:
            raise fail("source: `key` is required, e.g. `key: haslam1984`", here)
        if not _KEY.match(key):
            raise fail(f"source: key {key!r} may hold only letters, digits and :.#$%&-+?<>~/",
                       entry.key_lines.get("key", here))
        if key in keys:
            raise fail(f"source: key {key!r} is used twice", entry.key_lines.get("key", here))
        keys.add(key)
        for k in ("key", "title", "publisher", "place", "container", "note", "type", "url"):
            if isinstance(entry.get(k), list | dict):
                raise fail(f"source {key!r}: `{k}` must be text, not a list or mapping",
                           entry.key_lines.get(k, here))
        title = str(entry.get("title") or "").strip()
        if not title:
            raise fail(f"source {key!r}: `title` is required", here)
        year = entry.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise fail(f"source {key!r}: year must be a number like 1984",
                       entry.key_lines.get("year", here))
        fields = {
            k: str(entry[k]).strip()
            for k in ("publisher", "place", "container", "note", "type", "url")
            if entry.get(k) is not None
        }
        sources.append(Source(
            key=key, title=title, year=year,
            author=_author(entry.get("author"), lambda m, h=here: fail(m, h)), **fields,
        ))
    return tuple(sources)
