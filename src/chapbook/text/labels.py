"""Words the outputs print themselves (Contents, Figure, ...) and dates, in the lecture's
language, through Babel.

The English words are here; other languages' are gettext catalogues,
`locales/<language>.po`, one entry per label (`msgctxt` its name, `msgid` the English,
`msgstr` the translation), read as they are by Babel: no compiled `.mo` files to keep in
step, and a translator edits the `.po` with any gettext tool. A language without a
catalogue gets the English words (the front matter warns of it, `has_labels`); a label
missing from a catalogue, the English one. Dates are Babel's long format for the
language; a bare `en` is written as British English does (27 November 2026), `en-US`
as American English does.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_date
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent / "locales"
ENGLISH: dict[str, str] = {
    "abstract": "Abstract",
    "section": "Section",
    "equation": "Equation",
    "note": "Note",
    "tip": "Tip",
    "warning": "Warning",
    "important": "Important",
    "caution": "Caution",
    "challenge": "Challenge",
    "solution": "Solution",
    "objectives": "Objectives",
    "questions": "Questions",
    "keypoints": "Key points",
    "prerequisites": "Prerequisites",
    "discussion": "Discussion",
    "checklist": "Checklist",
    "instructor": "Instructor note",
    "hint": "Hint",
    "exercise": "Exercise",
    "example": "Example",
    "seealso": "See also",
    "danger": "Danger",
    "error": "Error",
    "attention": "Attention",
    "speaker_notes": "Speaker notes",
    "slide": "Slide",
    "lecturer_edition": "Lecturer’s edition",
    "kicker": "Lecture notes",
    "contents": "Contents",
    "introduction": "Introduction",
    "index": "Index of key terms",
    "sources": "Sources",
    "figure": "Figure",
    "table": "Table",
    "key_terms": "Key terms",
    "further_reading": "Further reading",
    "cont": "cont.",
    "notes": "Notes",
    "overview": "Overview",
    "colophon": "Set in Linux Libertine and Linux Biolinum. Made with chapbook.",
    # After a label, before what it labels: "Figure 1: ...", in French "Figure 1 : ..."
    # (a narrow no-break space, as the French text gets).
    "colon": ": ",
}


def language(lang: str) -> str:
    """The language of a BCP 47 tag: `nl-BE` -> `nl`."""
    return lang.replace("_", "-").split("-")[0].lower()


def languages() -> tuple[str, ...]:
    """The languages with labels: English and every catalogue."""
    return ("en", *sorted(p.stem for p in LOCALES.glob("*.po")))


def has_labels(lang: str) -> bool:
    return language(lang) in languages()


def labels_for(lang: str) -> dict[str, str]:
    """Labels for a BCP 47 tag, falling back to English (a copy: callers may keep it)."""
    return dict(_labels(language(lang)))


@cache
def _labels(lang: str) -> dict[str, str]:
    path = LOCALES / f"{lang}.po"
    if lang == "en" or not path.is_file():
        return ENGLISH
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    labels = dict(ENGLISH)
    for key, english in ENGLISH.items():
        message = catalog.get(english, context=key)
        if message is not None and message.string and not message.fuzzy:
            labels[key] = message.string
    return labels


def format_date(date: dt.date, lang: str) -> str:
    """`27 November 2026`, `1er juillet 2026`, `1. Juli 2026`: Babel's long date in the
    lecture's language (English where Babel knows no such locale)."""
    tag = "en-GB" if lang.lower() == "en" else lang
    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en_GB")
    text = babel_date(date, "long", locale=locale)
    if locale.language == "fr" and date.day == 1:  # le premier du mois: « 1er juillet »
        text = re.sub(r"^1(?=\s)", "1er", text)
    return text
