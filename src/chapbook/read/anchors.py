"""Identifiers links may use for a heading: its `{#id}`, and the automatic ones Pandoc and
GitHub make from its text, so `[see](#equations)` reaches `## Equations` as it does
there. Each is used once in a lecture; a second heading of the same text gets `-1`."""

from __future__ import annotations

import re
import unicodedata


def pandoc_slug(text: str) -> str:
    """Pandoc's `auto_identifiers`: lower case, punctuation but `_-.` removed, spaces to
    hyphens, everything before the first letter dropped."""
    kept = "".join(c for c in text.lower() if c.isalnum() or c in "_-. \n\t")
    slug = re.sub(r"\s+", "-", kept.strip())
    slug = re.sub(r"^[^\w]+|^[\d_]+", "", slug)
    while slug and not slug[0].isalpha():
        slug = slug[1:]
    return slug or "section"


def github_slug(text: str) -> str:
    """GitHub's: lower case, punctuation but `-_` removed, each space a hyphen."""
    kept = "".join(c for c in text.lower()
                   if c.isalnum() or c in "-_ " or unicodedata.category(c) == "Mn")
    return kept.replace(" ", "-")


def heading_anchors(node, text: str, ctx) -> tuple[str, ...]:
    explicit = str(node.attrs.get("id") or "") if node is not None else ""
    names = [explicit] if explicit else []
    names += [pandoc_slug(text), github_slug(text)]
    return tuple(ctx.claim_anchor(n) for n in dict.fromkeys(n for n in names if n))
