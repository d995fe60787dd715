"""Raw HTML inside running text: comments dropped, a few harmless tags rendered, the rest
shown as text (a lecture may not reach the booklet's HTML).

Allowed: `kbd`, `sub`, `sup`, `br`, `abbr` (with its `title`), `mark`, `small`, and
the check boxes of task lists. Open tags are closed at the end of the text they
open in, so the HTML stays well formed whatever the author wrote.
"""

from __future__ import annotations

import re

from markupsafe import escape

ALLOWED = {"kbd", "sub", "sup", "br", "abbr", "mark", "small"}
VOID = {"br"}
_TAG = re.compile(r"^<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^>]*?)?)\s*(/?)>$", re.S)
_TITLE = re.compile(r"""\btitle\s*=\s*(?:"([^"]*)"|'([^']*)')""")
CHECKBOX = {True: "\u2611", False: "\u2610"}  # ☑ ☐


class InlineHTML:
    """Sanitises the raw HTML of one inline run; `close()` ends what is still open."""

    def __init__(self) -> None:
        self.open: list[str] = []

    def render(self, raw: str) -> tuple[str, str]:
        """(html, plain text) for one `html_inline` token."""
        raw = raw.strip()
        if raw.startswith("<!--"):
            return "", ""
        if "task-list-item-checkbox" in raw:
            box = CHECKBOX["checked" in raw]
            return f'<span class="task">{box}</span>', box
        m = _TAG.match(raw)
        if not m or m.group(2).lower() not in ALLOWED:
            return str(escape(raw)), raw
        closing, name = m.group(1), m.group(2).lower()
        if name in VOID:
            return "<br>", "\n"
        if closing:
            if name not in self.open:
                return "", ""
            closed = []
            while self.open:
                tag = self.open.pop()
                closed.append(f"</{tag}>")
                if tag == name:
                    break
            return "".join(closed), ""
        self.open.append(name)
        return f"<{name}{_title(name, m.group(3))}>", ""

    def close(self) -> str:
        out = "".join(f"</{tag}>" for tag in reversed(self.open))
        self.open.clear()
        return out


def _title(name: str, attrs: str) -> str:
    if name != "abbr":
        return ""
    m = _TITLE.search(attrs or "")
    if not m:
        return ""
    return f' title="{escape(m.group(1) if m.group(1) is not None else m.group(2))}"'
