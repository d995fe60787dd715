"""Sources: the front matter's `sources`, how they are cited and listed.

Names are parsed the way bibliographies need them (surname first, particles
like "van" kept with the surname, suffixes like "Jr.", institutions in braces
kept whole), and entries are written in Chicago author–date style, in the
lecture's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from chapbook.text.labels import labels_for
from chapbook.text.ordering import sort_key


@dataclass(frozen=True)
class Source:
    """One entry of the front matter's `sources`, cited as `[@key]`.

    Citations and references follow Chicago author-date. The `*_in(lang)` methods speak
    the lecture's language ("and", "no date"); `label`, `year_text` and
    `reference_author` are their English versions.
    """

    key: str
    title: str
    author: str = ""
    year: int | None = None
    publisher: str = ""
    place: str = ""
    container: str = ""
    note: str = ""
    type: str = "book"
    url: str = ""

    @property
    def label(self) -> str:
        """Author-date label used in the text, e.g. `Haslam 1984` (English)."""
        return self.label_in("en")

    @property
    def year_text(self) -> str:
        """The year alone, for `[-@key]` (the author is named in the sentence; English)."""
        return self.year_text_in("en")

    @property
    def reference_author(self) -> str:
        """Authors for the bibliography, the first surname first: `Witte, Els, and Jan Craeybeckx`.

        English; also the bibliography's sort order (see `sort_key`)."""
        return self.reference_author_in("en")

    @property
    def sort_key(self) -> tuple[str, int, str]:
        """Bibliography order: first author's surname (the title when there is none), year."""
        return (sort_key(self.reference_author or self.title), self.year or 0,
                sort_key(self.title))

    def label_in(self, lang: str) -> str:
        """`Ventris und Chadwick 1956`, `Witte et al. 2010`, `Mous n.d.`: the label in `lang`."""
        labels = labels_for(lang)
        names = author_surnames(self.author)
        if not names:
            who = self.title
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} {labels['and']} {names[1]}"
        else:
            who = f"{names[0]} {labels['et_al']}"
        return f"{who} {self.year_text_in(lang)}"

    def year_text_in(self, lang: str) -> str:
        """The year, or the language's "no date" (`n.d.`, `z.d.`, `s.d.`, `o. J.`)."""
        return str(self.year) if self.year is not None else labels_for(lang)["no_date"]

    def reference_author_in(self, lang: str) -> str:
        """`Witte, Els, Jan Craeybeckx, and Alain Meynen`; `und` and no serial comma in German."""
        labels = labels_for(lang)
        names = [parse_name(n) for n in split_authors(self.author)]
        if not names:
            return ""
        written = [names[0].inverted, *(n.natural for n in names[1:])]
        if len(written) == 1:
            return written[0]
        # English puts a comma before "and" after three or more names, and after an inverted
        # first name ("Witte, Els, and Jan Craeybeckx"); other languages never do.
        comma = labels["serial_comma"] if len(written) > 2 or "," in written[0] else ""
        return f"{', '.join(written[:-1])}{comma} {labels['and']} {written[-1]}"

    def reference_html(self, lang: str) -> Markup:
        """The bibliography entry, Chicago author-date, as safe HTML:

        `Surname, Given. Year. <i>Title</i>. Place: Publisher. Note. URL` (books),
        `Surname, Given. Year. “Title.” <i>Container</i>. ...` (articles). An element that
        already ends in `.`, `?` or `!` gets no second period; without an author the title
        comes first.
        """
        author = self.reference_author_in(lang)
        year = self.year_text_in(lang)
        parts = [_period(escape(year), year)]
        if author:
            parts[:0] = [_period(escape(author), author)]
            parts.append(self._title_html())
        else:
            parts.insert(0, self._title_html())
        if self.container:
            parts.append(_period(Markup("<i>%s</i>") % self.container, self.container))
        imprint = ": ".join(p for p in (self.place, self.publisher) if p)
        if imprint:
            parts.append(_period(escape(imprint), imprint))
        if self.note:
            parts.append(_period(escape(self.note), self.note))
        if self.url:
            parts.append(_url_html(self.url))
        return Markup(" ").join(parts)

    def short_reference_html(self, lang: str) -> Markup:
        """A compact entry for a slide: `Surname, Given, <i>Title</i> (Publisher, Year)`;
        articles `Surname, Given, “Title,” <i>Container</i> (Year)`."""
        parts = []
        author = self.reference_author_in(lang)
        if author:
            parts.append(escape(author) + Markup(","))
        if self._is_article and self.container:
            comma = "" if self.title.rstrip()[-1:] in ("?", "!") else ","
            parts.append(Markup("“%s%s”") % (self.title, comma))
            parts.append(Markup("<i>%s</i>") % self.container)
        elif self._is_article:
            parts.append(Markup("“%s”") % self.title)
        else:
            parts.append(Markup("<i>%s</i>") % self.title)
        imprint = ", ".join(p for p in (self.publisher, self.year_text_in(lang)) if p)
        parts.append(escape(f"({imprint})"))
        return Markup(" ").join(parts)

    @property
    def _is_article(self) -> bool:
        return self.type == "article" or bool(self.container)

    def _title_html(self) -> Markup:
        if self._is_article:  # the period goes inside the quotation marks
            return Markup("“%s”") % _with_period(self.title)
        return _period(Markup("<i>%s</i>") % self.title, self.title)


# Where a sentence already ends: no period after these (closing quotes are looked through).
_TERMINAL = frozenset(".?!…‽。？！")
_CLOSING_QUOTES = "\"'”’»›"
_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
_SAFE_URL = re.compile(r"^https?://", re.I)


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_CLOSING_QUOTES)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _with_period(text: str) -> str:
    """`Gordin, Michael D.` stays as it is, `2004` becomes `2004.`, `A colon?` stays."""
    text = text.strip()
    return text if not text or _ends_sentence(text) else f"{text}."


def _period(html: Markup, text: str) -> Markup:
    """`html` followed by a period unless its plain `text` already ends a sentence."""
    return html if _ends_sentence(text) else html + Markup(".")


def _url_html(url: str) -> Markup:
    if _SAFE_URL.match(url):
        return Markup('<a href="%s">%s</a>') % (url, url)
    return escape(url)


def _mask_braces(text: str) -> str:
    """`text` with everything inside `{...}` blanked out, so splitting leaves groups whole."""
    out, depth = [], 0
    for c in text:
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        elif depth:
            c = "\0"
        out.append(c)
    return "".join(out)


def _split_outside_braces(text: str, separator: str) -> list[str]:
    """Split at the regex `separator` where it is not inside braces; strip, drop empties."""
    parts, start = [], 0
    for match in re.finditer(separator, _mask_braces(text)):
        parts.append(text[start:match.start()])
        start = match.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _is_braced(text: str) -> bool:
    """`{World Health Organization}`: the whole text is one brace group."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for i, c in enumerate(text):
        depth += (c == "{") - (c == "}")
        if depth == 0 and i < len(text) - 1:
            return False
    return depth == 0


def _unbrace(text: str) -> str:
    return " ".join(text.replace("{", "").replace("}", "").split())


def _is_suffix(text: str) -> bool:
    return text.strip() in _SUFFIXES


def _surname_only(part: str) -> bool:
    """`Haslam`, `van Zeeland`: a surname alone, as in `Haslam, Jonathan`."""
    words = _split_outside_braces(part, r"\s+")
    return bool(words) and all(w[:1].islower() for w in words[:-1])


@dataclass(frozen=True)
class Name:
    """One author, split into its parts; `literal` names (institutions) are never inverted."""

    surname: str
    given: str = ""
    suffix: str = ""
    literal: bool = False

    @property
    def inverted(self) -> str:
        """`King, Martin Luther, Jr.`: the first name of a bibliography entry."""
        return ", ".join(p for p in (self.surname, self.given, self.suffix) if p)

    @property
    def natural(self) -> str:
        """`Martin Luther King Jr.`: later names of a bibliography entry."""
        return " ".join(p for p in (self.given, self.surname, self.suffix) if p)


def parse_name(name: str) -> Name:
    """`Martin Luther King, Jr.`, `Haslam, Jonathan`, `Paul van Zeeland`, `{World Health
    Organization}` -> a Name. Braces keep words together and are not shown."""
    name = name.strip()
    if _is_braced(name):
        return Name(_unbrace(name), literal=True)
    parts = _split_outside_braces(name, ",")
    if not parts:
        return Name("")
    suffixes = [p for p in parts[1:] if _is_suffix(p)]
    parts = [parts[0], *(p for p in parts[1:] if not _is_suffix(p))]
    if len(parts) > 1:  # "Haslam, Jonathan" is written surname first
        surname, given = parts[0], ", ".join(parts[1:])
    else:
        words = _split_outside_braces(parts[0], r"\s+")
        if len(words) > 1 and _is_suffix(words[-1]):
            suffixes.insert(0, words.pop())
        # Keep lower-case particles with the surname: "Paul van Zeeland" -> "van Zeeland".
        start = len(words) - 1
        while start > 0 and words[start - 1][:1].islower():
            start -= 1
        surname, given = " ".join(words[start:]), " ".join(words[:start])
    return Name(_unbrace(surname), _unbrace(given), _unbrace(", ".join(suffixes)))


def split_authors(author: str) -> list[str]:
    """`A; B`, `A, B and C` -> names; `Haslam, Jonathan` (surname first) -> one name.

    Text in braces is never split (`{Food and Agriculture Organization}`), and a suffix
    after a comma stays with its name (`Martin Luther King, Jr.`).
    """
    masked = _mask_braces(author)
    if ";" in masked:
        return _split_outside_braces(author, ";")
    has_and = re.search(r"\s+and\s+", masked) is not None
    names: list[str] = []
    for part in _split_outside_braces(author, r",|\s+and\s+"):
        if names and _is_suffix(part):
            names[-1] = f"{names[-1]}, {part}"
        else:
            names.append(part)
    if not has_and and len(names) == 2 and _surname_only(names[0]):
        return [f"{names[0]}, {names[1]}"]
    return names


def author_surnames(author: str) -> list[str]:
    """Surnames of an author string like `Els Witte, Jan Craeybeckx and Alain Meynen`."""
    return [parse_name(name).surname for name in split_authors(author)]
