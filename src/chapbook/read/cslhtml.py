"""citeproc-py's HTML out, safe HTML in: the few tags a citation style may use, all text
escaped, web addresses as links.

Text goes to the citation processor *shielded*: `&`, `<` and `>` replaced by private-use
characters, so a title like `<script>` can neither become markup nor be escaped twice
(citeproc-py escapes some values and not others). Its output is then parsed, only
`<i>`, `<b>`, `<sup>`, `<sub>` and small capitals are kept, and the shielded characters
come back as escaped text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markupsafe import Markup

_SHIELDS = {"&": "\ue001", "<": "\ue002", ">": "\ue003"}
_UNSHIELD = str.maketrans({v: k for k, v in _SHIELDS.items()})
PRIVATE = re.compile("[\ue000-\ue0ff]")  # the shields and the markers of `chapbook.read.csl`
KEPT = ("i", "b", "sup", "sub")
SMALL_CAPS = '<span style="font-variant:small-caps">'
_URL = re.compile(r"https?://[^\s<>\"\ue000-\uf8ff]+", re.I)
_URL_END = ".,;:!?)]}'\"”’»"


def shield(text: str) -> str:
    """`text` ready for the processor: private-use characters dropped, `&<>` shielded."""
    return PRIVATE.sub("", text).translate(str.maketrans(_SHIELDS))


def safe_html(html: str) -> Markup:
    """citeproc-py's HTML as safe HTML: allowed tags kept, the rest escaped text."""
    parser = _Sanitizer()
    parser.feed(html)
    parser.close()
    return Markup("".join(parser.out + [f"</{t}>" for t, kept in reversed(parser.open) if kept]))


def linked(text: str) -> str:
    """`text` escaped, web addresses in it (http and https only) as links; very long
    words (addresses, DOIs) get break opportunities, as in the rest of the text."""
    from chapbook.read.inline import breakable_html  # inline -> citing -> csl -> here

    out, last = [], 0
    for m in _URL.finditer(text):
        url = m.group().rstrip(_URL_END)
        out.append(breakable_html(text[last:m.start()]))
        out.append(str(Markup('<a href="%s">%s</a>') % (url, Markup(breakable_html(url)))))
        last = m.start() + len(url)
    out.append(breakable_html(text[last:]))
    return "".join(out)


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, whether it was written)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        style = dict(attrs).get("style") or ""
        if tag in KEPT:
            self.out.append(f"<{tag}>")
        elif tag == "span" and "small-caps" in style:
            self.out.append(SMALL_CAPS)
        else:
            self.open.append((tag, False))
            return
        self.open.append((tag if tag in KEPT else "span", True))

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.open):
            return
        while self.open:
            name, kept = self.open.pop()
            if kept:
                self.out.append(f"</{name}>")
            if name == tag:
                return

    def handle_startendtag(self, tag: str, attrs) -> None:
        pass  # <br/>, <img/>: nothing a reference needs

    def handle_data(self, data: str) -> None:
        self.out.append(linked(data.translate(_UNSHIELD)))
