"""The order readers expect in an index or a bibliography."""

from __future__ import annotations

import re
import unicodedata


def sort_key(text: str) -> str:
    """Natural alphabetical order that ignores case and accents (É files under E) and
    sorts numbers by value ("term 2" before "term 10")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _DIGITS.sub(_pad_number, plain)


_DIGITS = re.compile(r"\d+")


def _pad_number(match: re.Match) -> str:
    """A digit run as its length (three digits) then its digits, leading zeros dropped:
    shorter numbers sort first, equal lengths sort digit by digit."""
    digits = "".join(str(unicodedata.digit(c)) for c in match.group()).lstrip("0") or "0"
    return f"{len(digits):03d}{digits}"
