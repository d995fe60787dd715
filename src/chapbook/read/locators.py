"""Pandoc's locators: `p. 12`, `pp. 3–5, emphasis added`, `chap. 4`, `{IV, 2}`.

What follows a key in a citation is a locator when it starts with a locator term of the
lecture's language or of English (`p.`, `S.`, `chap.`, `§`...) or with a number (a
page); the locator runs while numbers and ranges follow, and the rest is the suffix,
as Pandoc splits it. Braces hold a locator of any form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The locator types of CSL 1.0.1, as citeproc-py names them.
LOCATOR_TYPES = ("book", "chapter", "column", "figure", "folio", "issue", "line", "note",
                 "opus", "page", "paragraph", "part", "section", "sub verbo", "verse", "volume")
_NUMBER = r"(?:[A-Za-z]?\d+[A-Za-z]?|[ivxlcdm]+|[IVXLCDM]+)(?![\w])"
_VALUE = re.compile(rf"\{{(?P<braced>[^{{}}]*)\}}|(?P<plain>{_NUMBER}"
                    rf"(?:\s*(?:[-–—&]|,(?=\s*{_NUMBER}))\s*{_NUMBER})*)")


@dataclass(frozen=True)
class Locator:
    label: str  # a CSL locator type; "" when there is none
    value: str
    suffix: str  # what follows, as written (`, emphasis added`)


def split_locator(text: str, terms: dict[str, str]) -> Locator:
    """`text` (what follows the key and its comma) as label, locator and suffix; `terms`
    maps lower-case locator terms (`p.`, `pp.`, `chapter`) to their CSL type."""
    text = text.strip()
    if not text:
        return Locator("", "", "")
    label, rest = "", text
    for term in sorted(terms, key=len, reverse=True):
        if text.lower().startswith(term) and (term[-1] in ".§¶" or not text[len(term):len(
                term) + 1].isalpha()):
            label, rest = terms[term], text[len(term):].lstrip()
            break
    m = _VALUE.match(rest)
    if not m:
        return Locator("", "", f", {text}")
    value = m.group("braced") if m.group("braced") is not None else m.group("plain")
    suffix = rest[m.end():]
    if suffix and not suffix[0].isspace() and suffix[0] not in ",;.:)":
        return Locator("", "", f", {text}")  # `12th century` is no page
    return Locator(label or "page", value.strip(), suffix.rstrip())
