"""Spaces that must not break, by the lecture's language: inside numbers (1 200), and in
French before ? ! : ; » and after «, where typography wants a narrow no-break space.
The same for body text (`inline`) and for titles, captions and attributes (`typeset`).
And where a line may break inside a word no language has (`LONG_WORD`)."""

from __future__ import annotations

import re

LONG_WORD = 60  # characters: longer than "Donaudampfschifffahrtsgesellschaftskapitän"
WORD_PIECE = 30  # a longer word may break after every piece this long (`inline`)

_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}\b)")
_FRENCH_BEFORE = re.compile(r"[ \u00a0](?=[?!:;»])")
_FRENCH_AFTER = re.compile(r"(?<=«)[ \u00a0]")


def no_break_spaces(text: str, lang: str) -> str:
    text = _THOUSANDS.sub("\u202f", text)
    if lang.replace("_", "-").split("-")[0].lower() == "fr":
        text = _FRENCH_AFTER.sub("\u202f", _FRENCH_BEFORE.sub("\u202f", text))
    return text
