"""Quarto shortcodes in running text: `{{< kbd Ctrl-C >}}` as keys, `{{< meta title >}}`
from the front matter, `{{< pagebreak >}}` (a block of its own when alone on a line);
any other is removed, with a warning."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import escape

KNOWN_META = ("title", "subtitle", "author", "date", "lang", "abstract")


def shortcode(meta_info: dict, meta, line: int,
              warn: Callable[[int, str], None]) -> tuple[str, str]:
    name, args = meta_info["name"], meta_info["args"]
    if name == "kbd":
        keys = [a for a in args if "=" not in a] or [a.split("=", 1)[1] for a in args[:1]]
        text = "+".join(keys)
        return "+".join(f"<kbd>{escape(k)}</kbd>" for k in keys), text
    if name == "meta" and args:
        value = _meta_value(meta, args[0])
        if value is None:
            warn(line, f"shortcode {{{{< meta {args[0]} >}}}}: the front matter has no "
                 f"`{args[0]}`")
            return "", ""
        return str(escape(value)), value
    if name == "pagebreak":
        return "", ""
    warn(line, f"shortcode {meta_info['text'][:60]} is not supported and was left out")
    return "", ""


def _meta_value(meta, key: str) -> str | None:
    if key == "date":
        return meta.date_text
    if key in KNOWN_META:
        return str(getattr(meta, key))
    return dict(meta.extra).get(key)
