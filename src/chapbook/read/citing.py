"""Citations and cross-references in running text.

`[@key, p. 12]` is an author–date citation in parentheses, `@key` one with the
author in the text ("Haslam (1984)"); each links to the source in the booklet's
list. `@fig-map`, `@tbl-x`, `@sec-x` and MyST's `{numref}` become "Figure 2",
"Table 1", "Section 3", linked. A key or target that names nothing is shown as
written, with a warning: the booklet still builds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from markdown_it.token import Token
from markupsafe import Markup, escape

from chapbook.model.document import Meta
from chapbook.model.sources import Source
from chapbook.read.cite_replay import Replayed, processor
from chapbook.read.csl import Cite, CiteProc, bundled_style, locale_for
from chapbook.read.syntax.citations import CiteItem

CITE_ROLES = ("cite", "cite:p", "cite:t")


@dataclass
class Citer:
    """Resolves the citations of one lecture; `sources` are all it knows (the front
    matter's and the bibliography files'); `style` a CSL file, or None for the bundled."""

    sources: dict[str, Source]
    lang: str
    warn: Callable[[int, str], None]
    style: Path | None = None
    targets: dict[str, str] = field(default_factory=dict)  # id -> "Figure 2"
    cited: list[str] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)  # always in the list of sources
    expected: list[str] = field(default_factory=list)  # cited in the text, in order
    seconds: float = 0.0  # spent formatting, for the curious
    _proc: CiteProc | Replayed | None = field(default=None, repr=False)

    @classmethod
    def for_meta(cls, meta: Meta, root: Path | None, warn: Callable[[int, str], None]) -> Citer:
        sources = {s.key: s for s in (*meta.sources, *meta.bibliography)}
        style = root / meta.csl if meta.csl and root is not None else None
        return cls(sources, meta.lang, warn, style)

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
        cites = [Cite(i.key, i.prefix, i.locator, i.suppress_author) for i in known]
        start = time.perf_counter()
        try:
            if intext:
                html = Markup("; ").join(self.processor.cite_in_text(c) for c in cites)
            else:
                html = self.processor.cite(cites)
        except Exception as exc:  # citeproc-py fails in many ways; never a crash
            self.warn(line, f"the citation style cannot format this citation ({_why(exc)}); "
                      "its keys are shown instead")
            html = escape("; ".join(c.key for c in cites))
            html = html if intext else Markup("(%s)") % html
        self.seconds += time.perf_counter() - start
        return f'<span class="citation">{html}</span>', html.striptags()

    def expect(self, listed: list[str], cited: list[str]) -> None:
        """Before the text is read: the keys always listed (the front matter's) and the
        keys the text cites, in order (`cited_keys`). The style numbers and tells apart
        (`1984a`, `1984b`) the sources of the list, so it must know them first."""
        self.listed = listed
        self.expected = [k for k in dict.fromkeys(cited) if k in self.sources]

    def references(self) -> tuple[Source, ...]:
        """The list of sources: the front matter's and every cited one, formatted and
        ordered by the style."""
        keys = [*self.cited, *self.listed]
        if not keys:
            return ()
        start = time.perf_counter()
        try:
            out = self.processor.references(keys)
        except Exception as exc:  # as in `cite`
            self.warn(None, f"the citation style cannot format the list of sources "
                      f"({_why(exc)}); titles are listed instead")
            out = tuple(self.sources[k].with_html(escape(self.sources[k].title))
                        for k in dict.fromkeys(keys))
        self.seconds += time.perf_counter() - start
        return out

    @property
    def processor(self) -> CiteProc | Replayed:
        """Made when first needed: a lecture without citations never loads a style."""
        if self._proc is None:
            start = time.perf_counter()
            if locale_for(self.lang) is None:
                self.warn(None, f"no citation locale for language {self.lang!r}: citations "
                          "and the list of sources use English words (and, et al., n.d.)")
            try:
                self._proc = self._made(self.style)
            except Exception as exc:  # a style file citeproc-py cannot use
                if self.style is None:
                    raise
                self.warn(None, f"citation style {self.style.name!r} cannot be used "
                          f"({_why(exc)}); the bundled Chicago author-date style is used")
                self._proc = self._made(None)
            self.seconds += time.perf_counter() - start
        return self._proc

    def _made(self, style: Path | None) -> CiteProc | Replayed:
        listed = [*self.expected, *self.listed]
        return processor(partial(CiteProc, self.sources.values(), self.lang, style, listed),
                         self.sources.values(), self.lang, style or bundled_style(), listed)

    def crossref(self, target: str, line: int) -> tuple[str, str]:
        label = self.targets.get(target)
        if label is None:
            self.warn(line, f"cross-reference @{target} names nothing numbered: give a "
                      f"figure, table or section the id {{#{target}}}")
            return str(escape(f"@{target}")), f"@{target}"
        return f'<a class="crossref" href="#{escape(target)}">{escape(label)}</a>', label


def cited_keys(tokens: list[Token]) -> list[str]:
    """The keys cited in markdown-it's token stream, in order: Pandoc citations and
    MyST's {cite} roles, in footnotes too."""
    keys: list[str] = []
    for token in tokens:
        for child in token.children or ():
            if child.type == "citation":
                keys.extend(item.key for item in child.meta["items"])
            elif child.type == "myst_role" and child.meta.get("name") in CITE_ROLES:
                keys.extend(k.strip() for k in child.content.split(",") if k.strip())
    return list(dict.fromkeys(keys))


def _why(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__
