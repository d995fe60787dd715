"""Citations and cross-references in running text.

`[@key, p. 12]` is an author–date citation in parentheses, `@key` one with the
author in the text ("Haslam (1984)"); each links to the source in the booklet's
list. `@fig-map`, `@tbl-x`, `@sec-x` and MyST's `{numref}` become "Figure 2",
"Table 1", "Section 3", linked. A key or target that names nothing is shown as
written, with a warning: the booklet still builds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import escape

from chapbook.model.sources import Source
from chapbook.read.syntax.citations import CiteItem


@dataclass
class Citer:
    sources: dict[str, Source]
    lang: str
    warn: Callable[[int, str], None]
    targets: dict[str, str] = field(default_factory=dict)  # id -> "Figure 2"
    cited: list[str] = field(default_factory=list)

    def cite(self, items: list[CiteItem], line: int, intext: bool = False) -> tuple[str, str]:
        """(html, text) of one citation."""
        known = [item for item in items if item.key in self.sources]
        for item in items:
            if item.key not in self.sources:
                choices = ", ".join(self.sources) or "none: add `sources:` or `bibliography:`"
                self.warn(line, f"citation @{item.key} names no source (known keys: {choices})")
        if not known:  # as Pandoc shows them: the keys, each with a question mark
            shown = "; ".join(f"{i.key}?" for i in items)
            text = shown if intext else f"({shown})"
            return str(escape(text)), text
        self.cited.extend(item.key for item in known)
        if intext:
            return self._intext(known[0])
        parts = [self._part(item) for item in known]
        html = "; ".join(h for h, _ in parts)
        text = "; ".join(t for _, t in parts)
        return f'<span class="citation">({html})</span>', f"({text})"

    def _part(self, item: CiteItem) -> tuple[str, str]:
        source = self.sources[item.key]
        label = (source.year_text_in(self.lang) if item.suppress_author
                 else source.label_in(self.lang))
        extra = f", {item.locator}" if item.locator else ""
        prefix = f"{item.prefix} " if item.prefix else ""
        return (f'{escape(prefix)}<a href="#ref-{escape(item.key)}">{escape(label)}</a>'
                f"{escape(extra)}", f"{prefix}{label}{extra}")

    def _intext(self, item: CiteItem) -> tuple[str, str]:
        """Author (Year, locator): the author is part of the sentence."""
        source = self.sources[item.key]
        year = source.year_text_in(self.lang)
        author = source.label_in(self.lang).removesuffix(year).strip().rstrip(",")
        extra = f", {item.locator}" if item.locator else ""
        return (f'<span class="citation">{escape(author)} (<a href="#ref-{escape(item.key)}">'
                f"{escape(year)}</a>{escape(extra)})</span>", f"{author} ({year}{extra})")

    def crossref(self, target: str, line: int) -> tuple[str, str]:
        label = self.targets.get(target)
        if label is None:
            self.warn(line, f"cross-reference @{target} names nothing numbered: give a "
                      f"figure, table or section the id {{#{target}}}")
            return str(escape(f"@{target}")), f"@{target}"
        return f'<a class="crossref" href="#{escape(target)}">{escape(label)}</a>', label
