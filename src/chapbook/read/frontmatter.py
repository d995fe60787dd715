"""Front matter: YAML text in, a validated `Meta` out.

YAML is read with `yamlsafe` (no duplicate keys, no aliases, lines kept). Every
problem names its line in the lecture file, counting the opening `---` as line 1.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chapbook.errors import ContentError, Finding
from chapbook.model.document import Meta
from chapbook.model.sources import Source, source_from_fields
from chapbook.paper import paper_for, parse_bleed
from chapbook.read.assets import resolve_in_folder
from chapbook.read.yamlsafe import Lines, read_yaml
from chapbook.text.labels import has_labels, language, languages

if TYPE_CHECKING:
    from chapbook.read.course import Course

_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_ISO_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_KEY = re.compile(r"^[\w][\w:.#$%&\-+?<>~/]*$")
_META_FIELDS = {
    "title", "subtitle", "author", "institution", "date", "lang", "sources", "paper", "bleed",
    "theme", "layouts", "abstract", "keywords", "bibliography", "csl",
}
_SOURCE_FIELDS = {
    "key", "title", "author", "year", "publisher", "place", "container", "note", "type", "url",
}


# Fields other tools write that mean nothing to chapbook: ignored, with one summarised warning.
# Fields that mean the same as ours are mapped (see `parse_front_matter`).
_MAPPED = {"authors": "author", "language": "lang", "description": "abstract"}
TODAY = ("today", "now", "last-modified")
THEME_SUFFIXES = (".pptx", ".potx", ".pptm", ".potm")  # Quarto's dates that mean the build's


def parse_front_matter(text: str, path: Path, first_line: int, root: Path | None = None,
                       course: Course | None = None) -> tuple[Meta, list[Finding]]:
    """Validate the YAML between the `---` fences; `first_line` is its first line in the file.

    Chapbook's own fields are checked strictly; fields of other tools (Pandoc, Quarto,
    MyST, R Markdown, the Carpentries) are mapped where they mean the same and kept
    otherwise, with one warning naming them. `root` is the lecture folder, against
    which a `theme:` path is checked; `course` the course file whose fields are defaults.
    """
    data = load_yaml(text, path, first_line)
    return read_meta(data, path, first_line, root, course)


def load_yaml(text: str, path: Path, first_line: int) -> Lines:
    data = read_yaml(text, path, first_line, "front matter")
    if data is None:
        raise ContentError("front matter is empty; it needs at least `title: ...`", path,
                           first_line - 1)
    if not isinstance(data, Lines):
        raise ContentError("front matter must be `key: value` lines, starting with "
                           "`title: ...`", path, first_line - 1)
    return data


def read_meta(data: Lines, path: Path, first_line: int, root: Path | None = None,
              course: Course | None = None) -> tuple[Meta, list[Finding]]:
    """The model's `Meta` from loaded front matter (or a Pandoc title block as a mapping);
    what it leaves out comes from the course file, when there is one."""
    reader = MetaReader(data, path, first_line)
    for theirs, ours in _MAPPED.items():
        if theirs in data and ours not in data:
            data[ours] = data[theirs]
            data.key_lines[ours] = data.key_lines.get(theirs, data.line)
    sources = read_sources(data.get("sources"), reader.fail, reader.line_of("sources"))
    meta = Meta(
        title=reader.text("title", required=True),
        subtitle=reader.text("subtitle"),
        author=", ".join(authors_text(data.get("author"), reader.failer("author")).split("; ")),
        institution=reader.text("institution"),
        date=reader.date(),
        date_given=reader.date_given(),
        lang=reader.lang(),
        sources=sources,
        bibliography=reader.bibliography(root, {s.key for s in sources}),
        csl=reader.csl(root),
        paper=reader.paper(),
        bleed=reader.bleed(),
        theme=reader.theme(root),
        layouts=reader.layouts(),
        abstract=reader.text("abstract"),
        keywords=reader.keywords(),
        extra=reader.extra(),
    )
    if course is None:
        return meta, reader.findings
    return course.apply(meta, {str(k) for k in data}), [*course.findings, *reader.findings]


def title_block_meta(fields: tuple[str, ...], path: Path, first_line: int,
                     course: Course | None = None) -> tuple[Meta, list[Finding]]:
    """Meta from a Pandoc title block: title, authors (separated by `;`), date."""
    data = Lines({}, {}, 0)
    for n, (key, value) in enumerate(zip(("title", "author", "date"), fields, strict=False)):
        if value:
            data[key] = [a.strip() for a in value.split(";")] if key == "author" else value
            data.key_lines[key] = n
    return read_meta(data, path, first_line, course=course)


class MetaReader:
    """Reads one front matter's fields (or a course file's), failing (or warning) with the
    field's line; `what` names the kind of file in messages."""

    def __init__(self, data: Lines, path: Path, first_line: int, what: str = "front matter"):
        self.data, self.path, self.first_line, self.what = data, path, first_line, what
        self.findings: list[Finding] = []

    def line_of(self, key: str) -> int:
        return self.data.key_lines.get(key, self.data.line)

    def fail(self, message: str, yaml_line: int | None = None) -> ContentError:
        line = self.first_line + yaml_line if yaml_line is not None else self.first_line - 1
        return ContentError(self._named(message), self.path, line)

    def _named(self, message: str) -> str:
        if message.startswith("front matter:"):
            return self.what + message.removeprefix("front matter")
        return message

    def failer(self, key: str):
        return lambda message: self.fail(message, self.line_of(key))

    def warn(self, key: str, message: str) -> None:
        self.findings.append(Finding(self.path, self.first_line + self.line_of(key),
                                     self._named(message)))

    def text(self, key: str, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if required and key in self.data:
                raise self.fail(f"front matter: `{key}` must not be empty", self.line_of(key))
            if required:
                raise self.fail(f"front matter: `{key}` is required, e.g. `{key}: My lecture`")
            return ""
        if isinstance(value, list | dict):
            raise self.fail(f"front matter: `{key}` must be text, not a list or mapping",
                            self.line_of(key))
        value = str(value).strip()
        if required and not value:
            raise self.fail(f"front matter: `{key}` must not be empty", self.line_of(key))
        return value

    def date(self) -> dt.date | None:
        value = self.data.get("date")
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and value.strip().lower() in TODAY:
            from chapbook.output import build_time

            return build_time().date()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                return None
        return None

    def date_given(self) -> str:
        """A date that is not a calendar date (`Spring 2024`) is printed as given, as Pandoc
        does; one that looks like an ISO date but is none (2026-13-45) is also warned of."""
        value = self.data.get("date")
        if value is None or isinstance(value, dt.date) or self.date() is not None:
            return ""
        if isinstance(value, list | dict):
            raise self.fail("front matter: `date` must be a date like 2026-11-27 or text",
                            self.line_of("date"))
        text = str(value).strip()
        if _ISO_LIKE.match(text):
            self.warn("date", f"front matter: date {text!r} is not a calendar date; printed "
                      "as given")
        return text

    def lang(self) -> str:
        lang = self.text("lang") or "en"
        if not _LANG.match(lang):
            self.warn("lang", f"front matter: lang {lang!r} is not a BCP 47 tag like `en` or "
                      "`nl-BE`; English is used")
            return "en"
        if not has_labels(lang):
            self.warn("lang", f"front matter: chapbook has no printed labels (Contents, "
                      f"Figure...) in {lang!r}; English ones are used (there are "
                      f"{', '.join(languages())}; add locales/{language(lang)}.po)")
        return lang

    def paper(self) -> str:
        paper = self.text("paper") or None
        try:
            paper_for(paper)
        except ValueError as exc:
            raise self.fail(f"front matter: {exc}", self.line_of("paper")) from None
        return paper or ""

    def bleed(self) -> float:
        try:
            return parse_bleed(self.data.get("bleed"))
        except ValueError as exc:
            raise self.fail(f"front matter: {exc}", self.line_of("bleed")) from None

    def theme(self, root: Path | None) -> str:
        theme = self.text("theme")
        if theme and not theme.lower().endswith(THEME_SUFFIXES):
            self.warn("theme", f"front matter: theme {theme!r} is not a PowerPoint template "
                      "(.pptx): the bundled theme is used")
            return ""
        if theme and root is not None:
            resolve_in_folder(theme, root, self.path, self.first_line + self.line_of("theme"),
                              "theme")
        return theme

    def bibliography(self, root: Path | None, own: set[str]) -> tuple[Source, ...]:
        """The `bibliography:` files' entries; a key the front matter's `sources:` also
        defines is the front matter's."""
        value = self.data.get("bibliography")
        if value is None or root is None:
            return ()
        refs = value if isinstance(value, list) else [value]
        if not all(isinstance(r, str) for r in refs):
            self.warn("bibliography", "front matter: `bibliography` must be a file name or a "
                      "list of them; it is not used")
            return ()
        from chapbook.read.bibliography import read_bibliography  # BibTeX, CSL JSON: heavy

        line = self.first_line + self.line_of("bibliography")
        entries, findings = read_bibliography(refs, root, self.path, line)
        self.findings.extend(findings)
        for entry in entries:
            if entry.key in own:
                self.findings.append(Finding(
                    self.path, line, f"source {entry.key!r} is defined in `sources:` and in "
                    f"{entry.origin}{f':{entry.line}' if entry.line else ''}; the front "
                    "matter's is used"))
        return tuple(e for e in entries if e.key not in own)

    def csl(self, root: Path | None) -> str:
        """A citation style file (.csl) inside the lecture folder; with any problem, a
        warning, and the bundled style is used."""
        style = self.text("csl")
        if not style or root is None:
            return ""
        line = self.first_line + self.line_of("csl")
        try:
            path = resolve_in_folder(style, root, self.path, line, "citation style")
        except ContentError as exc:
            problem = exc.message
        else:
            from chapbook.read.csl import style_problem

            problem = style_problem(path)
        if problem:
            self.warn("csl", f"front matter: {problem}; the bundled Chicago author-date "
                      "style is used")
            return ""
        return style

    def layouts(self) -> tuple[tuple[str, str], ...]:
        """`layouts:`, a theme layout named for some kinds of slide (`section: Chapter`)."""
        from chapbook.layouts import LAYOUTS

        value = self.data.get("layouts")
        if value is None:
            return ()
        if not isinstance(value, dict):
            raise self.fail("front matter: `layouts` must be `kind: layout name` lines, e.g. "
                            "`section: Chapter`", self.line_of("layouts"))
        lines = getattr(value, "key_lines", {})
        out = []
        for kind, name in value.items():
            line = lines.get(kind, self.line_of("layouts"))
            if str(kind) not in LAYOUTS:
                raise self.fail(f"front matter: layouts: {kind!r} is not a kind of slide"
                                f"{suggest(kind, set(LAYOUTS))}", line)
            if name is None or isinstance(name, list | dict) or not str(name).strip():
                raise self.fail(f"front matter: layouts: `{kind}` must name a layout of the "
                                "theme, e.g. `Title and Content`", line)
            out.append((str(kind), str(name).strip()))
        return tuple(out)

    def keywords(self) -> tuple[str, ...]:
        value = self.data.get("keywords")
        if value is None:
            return ()
        items = value if isinstance(value, list) else str(value).split(",")
        return tuple(str(k).strip() for k in items if str(k).strip())

    def extra(self) -> tuple[tuple[str, str], ...]:
        """Fields chapbook does not use, kept as text (for `{{< meta key >}}`), with one
        warning naming them."""
        unknown = [k for k in self.data if str(k) not in _META_FIELDS and k not in _MAPPED]
        if unknown:
            names = ", ".join(f"{k}{suggest(k, _META_FIELDS, listing=False)}" for k in unknown)
            self.warn(unknown[0], f"front matter: chapbook does not use {names}; kept, ignored")
        return tuple((str(k), _as_text(self.data[k])) for k in unknown)


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_as_text(v)}" for k, v in value.items())
    return "" if value is None else str(value)


def suggest(key: Any, known: set[str], listing: bool = True) -> str:
    """`; did you mean 'author'?` for a near miss, else (with `listing`) the known fields."""
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.8)
    if close and close[0] != key:
        return f" (did you mean {close[0]!r}?)" if not listing else f"; did you mean {close[0]!r}?"
    return f" (known: {', '.join(sorted(known))})" if listing else ""


def authors_text(value: Any, fail) -> str:
    """Names as one string: a list becomes `A; B; C` (split again by `split_authors`).

    Entries may be names, or mappings as Quarto and CSL write them: `name: ...` (itself
    text, or `given`/`family`/`literal`), or `given`/`family` directly.
    """
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return str(value).strip()
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, list):
        names = [_name(entry, fail) for entry in value]
        return "; ".join(n for n in names if n)
    raise fail("front matter: `author` must be a name or a list of names")


def _name(entry: Any, fail) -> str:
    if isinstance(entry, str | int | float):
        return str(entry).strip()
    if isinstance(entry, dict):
        name = entry.get("name", entry)
        if isinstance(name, str | int):
            return str(name).strip()
        if isinstance(name, dict):
            if name.get("literal"):
                return str(name["literal"]).strip()
            parts = [str(name.get(k, "")).strip() for k in ("given", "family")]
            if any(parts):
                return " ".join(p for p in parts if p)
    raise fail("front matter: `author` must be a name, a list of names, or a list of "
               "`- name: ...` entries")


def read_sources(value: Any, fail, line: int) -> tuple[Source, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise fail("front matter: `sources` must be a list of `- key: ...` entries", line)
    sources: list[Source] = []
    keys: set[str] = set()
    for entry in value:
        if not isinstance(entry, Lines):
            raise fail("front matter: each source must be a mapping with `key` and `title`", line)
        here = entry.line
        for k in entry:
            if k not in _SOURCE_FIELDS:
                raise fail(f"source: unknown field {k!r}{suggest(k, _SOURCE_FIELDS)}",
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
        sources.append(source_from_fields(
            key=key, title=title, year=year,
            author=authors_text(entry.get("author"), lambda m, h=here: fail(m, h)), **fields,
        ))
    return tuple(sources)
