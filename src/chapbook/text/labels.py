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
    "thanks": "Thank you",
    "closing_questions": "Questions and discussion",
    "colophon": "Set in Linux Libertine and Linux Biolinum. Made with chapbook.",
    # After a label, before what it labels: "Figure 1: ...", in French "Figure 1 : ..."
    # (a narrow no-break space, as the French text gets).
    "colon": ": ",
    # The HTML slides' own words (templates/slides/slides.js: its controls, help, presenter
    # view and what it tells screen readers), without the `ui_` in the page's data-ui.
    # `{n}`, `{total}` and `{title}` are filled in by the script.
    "ui_slide_of": "Slide {n} of {total}",
    "ui_slide_n": "Slide {n}",
    "ui_go_to": "Go to {n}",
    "ui_controls": "Slide controls",
    "ui_next_slide": "Next slide",
    "ui_previous_slide": "Previous slide",
    "ui_first_slide": "First slide",
    "ui_last_slide": "Last slide",
    "ui_go_to_number": "Go to slide by number",
    "ui_overview": "Overview of all slides",
    "ui_all_slides": "All slides",
    "ui_presenter_view": "Presenter view, with notes and timer",
    "ui_fullscreen": "Fullscreen",
    "ui_print_notes": "Print with speaker notes (on/off)",
    "ui_printing_with_notes": "Printing with speaker notes",
    "ui_printing_without_notes": "Printing without speaker notes",
    "ui_this_help": "This help",
    "ui_shortcuts": "Keyboard shortcuts",
    "ui_help_text": "Click or tap the right two thirds of a slide for the next, the left third "
                    "for the previous; swipe on a touch screen. Print (Ctrl+P) gives one "
                    "slide a page.",
    "ui_close": "Close",
    # Keys as their keycaps read ("number": type the slide's number).
    "ui_key_space": "Space",
    "ui_key_page_down": "PgDn",
    "ui_key_page_up": "PgUp",
    "ui_key_backspace": "Backspace",
    "ui_key_home": "Home",
    "ui_key_end": "End",
    "ui_key_enter": "Enter",
    "ui_key_escape": "Esc",
    "ui_key_number": "number",
    "ui_presenter_title": "Presenter: {title}",
    "ui_elapsed_time": "Elapsed time",
    "ui_pause_or_resume": "Pause or resume the timer",
    "ui_pause": "Pause",
    "ui_resume": "Resume",
    "ui_restart_timer": "Restart the timer",
    "ui_restart": "Restart",
    "ui_open_audience": "Open the audience window",
    "ui_audience_window": "Audience window",
    "ui_next": "Next",
    "ui_end_of_slides": "End of the slides",
    "ui_no_notes": "No notes for this slide.",
    "ui_popup_blocked": "The browser blocked the new window: allow pop-ups for this file.",
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
