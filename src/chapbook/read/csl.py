"""Citations and the list of sources as a CSL style formats them (citeproc-py).

One `CiteProc` per lecture: the style (the bundled Chicago author-date, or the lecture's
`csl:` file), the CSL locale of the lecture's language ("and", "et al.", "n.d.", the
locator terms), and every known source. Parenthetical citations are the style's own;
the author-in-text form (`Haslam (1984)`) and the suppressed author (`(1984)`) are
made as Pandoc makes them: the style renders the citation with a marker in place of the
author, and the marker (with its delimiter) is cut out or replaced.

Each cited item is linked to its entry (`#ref-KEY`): markers placed in the item's
prefix and suffix become the link once the HTML is made safe (`cslhtml`).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from citeproc import (
    LOCALES_PATH,
    PRIMARY_DIALECTS,
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc import Locator as CslLocator
from citeproc.source.json import CiteProcJSON
from lxml import etree
from markupsafe import Markup, escape

from chapbook.model.sources import Source
from chapbook.read import csl_lookups
from chapbook.read.cslhtml import PRIVATE, safe_html, shield
from chapbook.read.locators import LOCATOR_TYPES, Locator, split_locator
from chapbook.templates import bundled_templates

BUNDLED_STYLE = "booklet/csl/chicago-author-date.csl"
MAX_STYLE_BYTES = 2 * 2**20
CSL = "{http://purl.org/net/xbiblio/csl}"
LOCALES = Path(LOCALES_PATH)
OPEN, SEP, CLOSE, AUTHOR = "\ue010", "\ue011", "\ue012", "\ue020"
_LINK = re.compile(f"{OPEN}(\\d+){SEP}")
_MARKED = f"(?:<[^/>][^>]*>)*{AUTHOR}(?:</[^>]+>)*"  # the marker, and tags around it
_AUTHOR_AFTER = re.compile(f"{_MARKED}[\\s,:;]*")
_AUTHOR_BEFORE = re.compile(f"[\\s,:;]*{_MARKED}")


@dataclass(frozen=True)
class Cite:
    """One cited item: its key, Pandoc's prefix, what followed the key, `-@key`."""

    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False


def style_problem(path: Path) -> str | None:
    """Why the file cannot be used as a citation style, or None when it can."""
    if path.stat().st_size > MAX_STYLE_BYTES:
        return f"citation style {path.name!r} is larger than {MAX_STYLE_BYTES >> 20} MB"
    data = path.read_bytes()
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return f"citation style {path.name!r} declares a DOCTYPE or entities; CSL has none"
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return f"citation style {path.name!r} is not valid XML: {exc}"
    if root.tag != f"{CSL}style":
        return f"{path.name!r} is not a CSL style (its root is not <style> of CSL)"
    if root.find(f"{CSL}citation") is None:
        parent = root.find(f"{CSL}info/{CSL}link[@rel='independent-parent']")
        hint = " (it is a dependent style: use the style it names)" if parent is not None else ""
        return f"citation style {path.name!r} has no <citation> element{hint}"
    return None


def locale_for(lang: str) -> str | None:
    """The CSL locale for a BCP 47 tag: `de-AT` itself, `nl-BE` -> `nl-NL`; None if none."""
    parts = lang.split("-")
    exact = f"{parts[0].lower()}-{parts[1].upper()}" if len(parts) > 1 else ""
    if exact and (LOCALES / f"locales-{exact}.xml").is_file():
        return exact
    return PRIMARY_DIALECTS.get(parts[0].lower())


@contextmanager
def _quiet():
    """citeproc-py warns (UserWarning) about what it cannot use; the sources were already
    reduced to what it can, so the rest is noise."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def bundled_style() -> Path:
    return bundled_templates() / BUNDLED_STYLE


class CiteProc:
    """Formats the citations and the list of sources of one lecture."""

    def __init__(self, sources: Iterable[Source], lang: str, style: Path | None = None,
                 listed: Iterable[str] = ()):
        self.sources = {s.key: s for s in sources}
        self.locale = locale_for(lang) or "en-US"
        path = style or bundled_style()
        with _quiet():
            self.style = CitationStylesStyle(str(path), locale=self.locale, validate=False)
        # Title case is for English: only where the lecture (not the style) is English.
        self.style.root.set("default-locale", self.locale)
        csl_lookups.start_anew()  # this style's answers from here on
        self.ids = {key: f"r{n}" for n, key in enumerate(self.sources)}
        self.ids_back = {v: k for k, v in self.ids.items()}
        with _quiet():
            self.db = CiteProcJSON([_item(self.ids[k], s) for k, s in self.sources.items()])
        self.bib = CitationStylesBibliography(self.style, self.db, formatter.html)
        self.terms = _locator_terms(self.style.root)
        self._authors: dict[str, str] = {}
        # A citation is formatted once: the same cites give the same text, unless the
        # style asks where an item was cited before (`position`: ibid, subsequent) or a
        # source is added to the list (numbers). Half the citations of a lecture repeat.
        self._done: dict[tuple, Markup] | None = (
            None if self.style.root.xpath_search(".//cs:*[@position]") else {})
        listed = [k for k in dict.fromkeys(listed) if k in self.sources]
        if listed:  # the list's order first: numbers and year suffixes follow from it
            with _quiet():
                self.bib.register(Citation([CitationItem(self.ids[k]) for k in listed]))
                self.bib.sort()
            if self.style.root.citation.get("disambiguate-add-year-suffix") == "true":
                self._add_year_suffixes([self.sources[self.ids_back[i.key]]
                                         for i in self.bib.items])

    def cite(self, cites: list[Cite]) -> Markup:
        """A parenthetical citation, `(see Haslam 1984, 12; Witte et al. 2009)`."""
        return self._once(("cite", *cites), lambda: self._cite_anew(cites))

    def _cite_anew(self, cites: list[Cite]) -> Markup:
        items = []
        for n, cite in enumerate(cites):
            where = split_locator(cite.locator, self.terms)
            prefix = f"{shield(cite.prefix)} " if cite.prefix else ""
            items.append(self._item(cite.key, where, prefix + f"{OPEN}{n}{SEP}",
                                    CLOSE + shield(where.suffix)))
        suppressed = {cite.key for cite in cites if cite.suppress_author}
        html = self._render(items, suppressed)
        return self._linked(html, [c.key for c in cites])

    def cite_in_text(self, cite: Cite) -> Markup:
        """`Haslam (1984, 12)`: the author in the sentence, the rest as the style has it."""
        return self._once(("in text", cite), lambda: self._cite_in_text_anew(cite))

    def _cite_in_text_anew(self, cite: Cite) -> Markup:
        where = split_locator(cite.locator, self.terms)
        rest = self._render([self._item(cite.key, where, "", shield(where.suffix))],
                            {cite.key})
        html = f"{OPEN}0{SEP}{self._author(cite.key)} {rest}{CLOSE}"
        return self._linked(html, [cite.key])

    def references(self, keys: Iterable[str]) -> tuple[Source, ...]:
        """The sources `keys` as the style formats and orders its list of sources."""
        if self._done is not None:
            self._done.clear()  # the list may be ordered anew
        wanted = {self.ids[k] for k in keys if k in self.sources}
        with _quiet():
            self.bib.register(Citation([CitationItem(i) for i in sorted(wanted)]))
            self.bib.sort()  # anything cited that `listed` did not foresee
            out = []
            for item in self.bib.items:
                if item.key not in wanted:
                    continue
                entry = self.style.render_bibliography([item])
                html = safe_html(str(entry[0])) if entry else Markup("")
                source = self.sources[self.ids_back[item.key]]
                if not source.csl.get("author") and not source.csl.get("editor"):
                    html = Markup(_title_once(str(html), source.title))
                out.append(source.with_html(_tidy(html, self._piq)))
        return tuple(out)

    # -- inside ------------------------------------------------------------------------------

    def _once(self, what: tuple, format_: Callable[[], Markup]) -> Markup:
        """`format_()`, or what it gave for the same `what` with the same sources listed."""
        if self._done is None:
            return format_()
        key = (what, len(self.bib.keys))
        if key not in self._done:
            self._done[key] = format_()
        return self._done[key]

    @property
    def _piq(self) -> bool:
        """Whether the locale puts punctuation inside quotation marks (US English)."""
        return (self.style.root.get_locale_option("punctuation-in-quote") or "").lower() == "true"

    def _add_year_suffixes(self, ordered: list[Source]) -> None:
        """`1984a`, `1984b` for works of the same authors and year, in the list's order
        (citeproc-py does not disambiguate)."""
        groups: dict[tuple, list[Source]] = {}
        for source in ordered:
            if source.year is not None:
                groups.setdefault((_names_key(source), source.year), []).append(source)
        for same in groups.values():
            if len(same) < 2:
                continue
            for letter, source in zip("abcdefghijklmnopqrstuvwxyz", same, strict=False):
                issued = self.db[self.ids[source.key]].get("issued")
                if issued is not None and "year" in issued:
                    issued["year"] = _Year(issued["year"], letter)

    def _item(self, key: str, where: Locator, prefix: str, suffix: str) -> CitationItem:
        extra = {"locator": CslLocator(where.label, shield(where.value))} if where.value else {}
        return CitationItem(self.ids[key], prefix=prefix, suffix=suffix, **extra)

    def _render(self, items: list[CitationItem], suppressed: set[str]) -> str:
        """The style's citation of `items`; the authors of `suppressed` keys left out."""
        with self._marked(suppressed):
            html = self._raw(items)
        return _cut_author(html)

    def _raw(self, items: list[CitationItem]) -> str:
        """citeproc-py's citation of `items`, in the order written unless the style sorts
        them (citeproc-py would put them in the list's order): each item alone, joined
        with the layout's delimiter inside its prefix and suffix."""
        citation = self.style.root.citation
        if len(items) == 1 or citation.sort is not None:
            return self._cite(items)
        layout = citation.layout
        before, after = layout.get("prefix", ""), layout.get("suffix", "")
        parts = [self._cite([item]) for item in items]
        if not all(p.startswith(before) and p.endswith(after) for p in parts):
            return self._cite(items)
        inner = [p[len(before):len(p) - len(after)] for p in parts]
        return before + layout.get("delimiter", "").join(inner) + after

    def _cite(self, items: list[CitationItem]) -> str:
        citation = Citation(items)
        with _quiet():
            self.bib.register(citation)
            return str(self.bib.cite(citation, lambda item: None))

    @contextmanager
    def _marked(self, keys: set[str]):
        """The sources `keys` with a marker for their authors, while inside."""
        saved = {key: self.db[self.ids[key]].get("author") for key in keys}
        for key in keys:
            self.db[self.ids[key]]["author"] = self.db.parse_names([{"literal": AUTHOR}])
        try:
            yield
        finally:
            for key, authors in saved.items():
                reference = self.db[self.ids[key]]
                if authors is None:
                    del reference["author"]
                else:
                    reference["author"] = authors

    def _author(self, key: str) -> str:
        """The author as the style names it in a citation (`Witte et al.`): what differs
        between the citation and the citation with a marker for the author."""
        if key not in self._authors:
            whole = self._raw([CitationItem(self.ids[key])])
            with self._marked({key}):
                marked = self._raw([CitationItem(self.ids[key])])
            before, _, after = marked.partition(AUTHOR)
            if AUTHOR in marked and whole.startswith(before) and whole.endswith(after) \
                    and len(whole) > len(before) + len(after):
                self._authors[key] = whole[len(before):len(whole) - len(after)]
            else:
                self._authors[key] = shield(_fallback_author(self.sources[key]))
        return self._authors[key]

    def _linked(self, html: str, keys: list[str]) -> Markup:
        safe = str(_tidy(safe_html(html), self._piq))

        def link(m: re.Match) -> str:
            n = int(m.group(1))
            return f'<a href="#ref-{escape(keys[n])}">' if n < len(keys) else ""

        safe = _LINK.sub(link, safe).replace(CLOSE, "</a>")
        return Markup(PRIVATE.sub("", safe))


def _item(id_: str, source: Source) -> dict:
    """The source as citeproc-py's JSON: text shielded; the front matter's titles printed
    as written (not re-cased by the style)."""
    item: dict = {"id": id_}
    for variable, value in source.csl.items():
        if isinstance(value, str):
            value = shield(value)
            if not source.origin and variable in ("title", "container-title"):
                value = f'<span class="nocase">{value}</span>'
        elif isinstance(value, list):
            value = [{k: shield(v) for k, v in name.items()} for name in value]
        elif isinstance(value, dict) and "literal" in value:
            value = {**value, "literal": shield(str(value["literal"]))}
        item[variable] = value
    return item


def _locator_terms(root) -> dict[str, str]:
    """Locator terms of the lecture's locale, then of English: `p.` -> `page`, `S.` ->..."""
    terms: dict[str, str] = {}
    for locale in root.locales:
        for term in locale.iter(f"{CSL}term"):
            name = (term.get("name") or "").replace("-", " ")
            if name not in LOCATOR_TYPES:
                continue
            texts = [term.text or ""] + [child.text or "" for child in term]
            for text in texts:
                if text.strip():
                    terms.setdefault(text.strip().lower(), name)
    return terms


class _Year(int):
    """A year that prints with its letter (`1984a`) and sorts as the year."""

    def __new__(cls, year: int, letter: str) -> _Year:
        value = super().__new__(cls, year)
        value.letter = letter
        return value

    def __str__(self) -> str:
        return f"{int(self)}{self.letter}"

    def __abs__(self) -> _Year:  # citeproc-py prints str(abs(year))
        return self


def _names_key(source: Source) -> tuple:
    """Who a citation names: the authors (else editors), else the title."""
    names = source.csl.get("author") or source.csl.get("editor") or []
    return tuple(n.get("literal") or (n.get("non-dropping-particle", ""), n.get("family", ""))
                 for n in names) or (source.title,)


def _cut_author(html: str) -> str:
    """The citation without the authors' markers and the delimiters that go with them:
    `(<marker> 1984)` -> `(1984)`, `(1984, <marker>)` -> `(1984)`."""
    while (m := _AUTHOR_AFTER.search(html)) is not None:
        if m.end() < len(html) and html[m.end()] not in ")]":
            html = html[:m.start()] + html[m.end():]
        else:
            html = _AUTHOR_BEFORE.sub("", html, count=1)
    return html


_TITLE_OPENS = ("<i>", "<b>", "“", "„", "«\u00a0", "« ", "«", "‘")
_TITLE_CLOSES = ("</i>", "</b>", "”", "“", "\u00a0»", " »", "»", "’")


def _title_once(html: str, title: str) -> str:
    """An entry without author begins with its title, which citeproc-py prints a second
    time (it does not suppress a title that stood in for the author): the second goes,
    with its marks and the delimiter before it."""
    text = str(escape(title))
    first = html.find(text) if text else -1
    second = html.find(text, first + len(text)) if 0 <= first <= 12 else -1
    if second < 0:
        return html
    start, end = second, second + len(text)
    start -= next((len(o) for o in _TITLE_OPENS if html[:start].endswith(o)), 0)
    end += next((len(c) for c in _TITLE_CLOSES if html[end:].startswith(c)), 0)
    start = re.search(r"[.,]?\s*$", html[:start]).start()
    rest = html[end:]
    return html[:start] + (rest if rest[:1] in ".," else "." + rest)


def _fallback_author(source: Source) -> str:
    names = source.csl.get("author") or source.csl.get("editor") or []
    if not names:
        return source.title
    first = names[0].get("literal") or names[0].get("family") or ""
    return f"{first} et al." if len(names) > 2 else " & ".join(
        n.get("literal") or n.get("family") or "" for n in names)


_DOUBLED = re.compile(r"(?<!\.)([.?!…])((?:</[ib]>)?[\s\u00a0\u202f]?[”’»“‘«\"]?(?:</[ib]>)?)"
                      r"\.(?!\.)")
_OUTSIDE = re.compile(r"(”)([.,])")


def _tidy(html: Markup, punctuation_in_quote: bool) -> Markup:
    """What CSL asks and citeproc-py does not do: no period after a title ending in one
    (`“Why?”.`), and in US English the period inside the closing quotation mark."""
    text = _DOUBLED.sub(r"\1\2", str(html))
    if punctuation_in_quote:
        text = _OUTSIDE.sub(r"\2\1", text)
    return Markup(text)
