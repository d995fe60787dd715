"""Sources: one model of a reference, a CSL-JSON item under its citation key.

The front matter's own `sources:` entries (chapbook's short format: author, title,
year, publisher...) become CSL items here; `bibliography:` files are read into the
same shape by `chapbook.read.bibliography`. A citation processor formats them
(`chapbook.read.csl`). Names in the short format are parsed the way bibliographies
need them: particles like "van" apart, suffixes like "Jr.", institutions in braces
kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from markupsafe import Markup


@dataclass(frozen=True)
class Source:
    """One reference, whichever file it came from: its citation key and its data as a
    CSL-JSON item (`title`, `author`, `issued`, ...; without `id`).

    `html` is the entry as the citation style formats it for the list of sources (safe
    HTML), filled in once the lecture has been read (`Lecture.references`).
    """

    key: str
    csl: dict[str, Any] = field(hash=False)
    origin: str = ""  # the bibliography file it came from; "" for the front matter
    line: int | None = None  # its line in that file, when known
    html: Markup = field(default_factory=Markup)

    @property
    def title(self) -> str:
        return str(self.csl.get("title") or "")

    @property
    def year(self) -> int | None:
        """The year of `issued`, or None when the source is undated."""
        parts = (self.csl.get("issued") or {}).get("date-parts") or [[]]
        return parts[0][0] if parts[0] else None

    @property
    def authors(self) -> tuple[str, ...]:
        """The authors as written in running text: `Jonathan Haslam`, `Paul van Zeeland`."""
        return tuple(name_text(n) for n in self.csl.get("author") or ())

    @property
    def text(self) -> str:
        """The formatted entry as plain text."""
        return self.html.striptags()

    def retitled(self, title: str) -> Source:
        return replace(self, csl={**self.csl, "title": title})

    def with_html(self, html: Markup) -> Source:
        return replace(self, html=html)


def source_from_fields(key: str, title: str, author: str = "", year: int | None = None,
                       publisher: str = "", place: str = "", container: str = "",
                       note: str = "", type: str = "book", url: str = "") -> Source:
    """A front matter `sources:` entry as a CSL item. `type: article` (or a `container`
    with no other type) is a journal article; other CSL types are kept; others are books."""
    if type == "article" or (type == "book" and container):
        csl_type = "article-journal"
    else:
        csl_type = type if type in CSL_TYPES else "book"
    csl: dict[str, Any] = {"type": csl_type, "title": title}
    names = [parse_name(n).csl for n in split_authors(author)]
    if names:
        csl["author"] = names
    if year is not None:
        csl["issued"] = {"date-parts": [[year]]}
    for name, value in (("publisher", publisher), ("publisher-place", place),
                        ("container-title", container), ("note", note), ("URL", url)):
        if value:
            csl[name] = value
    return Source(key, csl)


def name_text(name: dict[str, str]) -> str:
    """A CSL name as running text: `Martin Luther King Jr.`, `World Health Organization`."""
    if name.get("literal"):
        return name["literal"]
    parts = ("given", "dropping-particle", "non-dropping-particle", "family", "suffix")
    return " ".join(name[p] for p in parts if name.get(p))


# The item types of CSL 1.0.1, which citeproc-py formats.
CSL_TYPES = frozenset({
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "dataset", "entry", "entry-dictionary", "entry-encyclopedia",
    "figure", "graphic", "interview", "legal_case", "legislation", "manuscript", "map",
    "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
    "personal_communication", "post", "post-weblog", "report", "review", "review-book",
    "song", "speech", "thesis", "treaty", "webpage",
})

_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})


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
    """One author, split into its parts; `literal` names (institutions) are never inverted.

    `surname` keeps its particle (`van Zeeland`); `particle` says which words it is."""

    surname: str
    given: str = ""
    suffix: str = ""
    literal: bool = False
    particle: str = ""

    @property
    def csl(self) -> dict[str, str]:
        """The name as CSL-JSON: `{"family": "Zeeland", "non-dropping-particle": "van", ...}`."""
        if self.literal:
            return {"literal": self.surname}
        family = self.surname[len(self.particle):].strip() if self.particle else self.surname
        parts = {"family": family, "given": self.given, "suffix": self.suffix,
                 "non-dropping-particle": self.particle}
        return {k: v for k, v in parts.items() if v}


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
    return Name(_unbrace(surname), _unbrace(given), _unbrace(", ".join(suffixes)),
                particle=_particle(surname))


def _particle(surname: str) -> str:
    """`van der` in `van der Waals`: the lower-case words before the last (unbraced) ones."""
    words = _split_outside_braces(surname, r"\s+")
    lower = 0
    while lower < len(words) - 1 and words[lower][:1].islower():
        lower += 1
    return " ".join(words[:lower])


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
