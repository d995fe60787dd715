"""A long booklet laid out in two halves at once, on two cores, and joined.

Layout is most of a long booklet's build and runs on one core; pages laid out in one
process cannot be moved to another (they hold Pango's and HarfBuzz's handles), so
each half is written by the process that laid it out and the PDFs are joined
(`join`). What the halves need of each other is small and comes in order:

1. here: the stylesheet parsed and its fonts loaded; then a helper process is forked,
   which inherits them;
2. both at once: here the introduction and the first chapters, from the right-hand
   page after the front matter's guessed length; in the helper first the front
   matter (cover, colophon, contents) with wide stand-in page numbers, which gives
   its length, then the other chapters and the sources, from a right-hand page (a
   blank page ends the first half where needed: the second half starts a new page,
   as chapters in books do);
3. this process, which knows the front matter's length by then, corrects its folios
   if the guess was wrong (`renumber`) and tells the helper where its half starts;
   the helper renumbers its folios and tells where its anchors are;
4. here the first half is written, then the index laid out and written, then the
   contents with the real page numbers (a blank page after them where the
   introduction would otherwise start a left-hand page); there the second half is
   written. The contents are made here, last, as the helper has its folios to set
   again and this process has not: made there, they kept this process idle at the
   end (1.3 s of a 400-page booklet's 9 s);
5. a third process, forked first while this one was small, joins the parts as they
   come: the first half while the rest is made, the contents ahead of it, then the
   second half and the index.

A part that links to another's element (the contents to a chapter, a reference to
the list of sources, the index to its terms) links out of itself, to a `PART_LINK`
address naming the element, which the join turns into a link to the element.
Footnotes go on counting across the halves.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from chapbook.booklet.index import index_entries
from chapbook.booklet.join import PART_LINK, Joining
from chapbook.booklet.layout import _ID, INDEX_ID, anchor_pages, starting
from chapbook.booklet.pagebox import (
    leaders_as_one_run,
    renumber,
    side,
    unnumbered_margin_boxes,
)
from chapbook.model.document import Lecture
from chapbook.settings import Settings
from chapbook.templates import find_file, template_dirs

log = logging.getLogger("chapbook")

FROM_PAGES = 30  # estimated pages from which a booklet is laid out in halves
SHARE = 0.48  # of the text, in the first half (`split_point`)
_HREF = re.compile(r'<a href="#([^"]*)"')
# The stand-in contents break their lines as the real ones (a leader counts as one
# repetition of its string until the line is set) and are laid out in a fraction of the
# time; the real ones are checked against them.
_NO_LEADERS = 'nav.contents a[data-page]::after { content: ". " attr(data-page) !important }\n'
_MARGIN_BOXES = (
    "@top-left-corner", "@top-left", "@top-center", "@top-right", "@top-right-corner",
    "@bottom-left-corner", "@bottom-left", "@bottom-center", "@bottom-right",
    "@bottom-right-corner", "@left-top", "@left-middle", "@left-bottom", "@right-top",
    "@right-middle", "@right-bottom")


def _none(margin_boxes) -> str:
    """CSS: these margin boxes (`@top-left`…) show nothing."""
    return "@page { " + " ".join(f"{box} {{ content: none !important }}"
                                 for box in sorted(margin_boxes)) + " }\n"


class Retry(Exception):
    """The halves came out otherwise than planned: lay the booklet out whole."""


def in_halves(lecture: Lecture, cores: int) -> bool:
    """Is this booklet better laid out in halves? Long enough to gain, two cores or more,
    two chapters or more, and the bundled page template (a lecture's own does not know
    the halves' parts)."""
    from chapbook.size import estimated_pages

    if cores < 2 or len(lecture.sections) < 2 or estimated_pages(lecture) < FROM_PAGES:
        return False
    dirs = template_dirs("booklet", lecture.root)
    if find_file(dirs, "booklet.html.j2").parent != dirs[-1]:
        return False
    css = find_file(dirs, "booklet.css").read_text(encoding="utf-8")
    return "counter(pages" not in css.replace(" ", "")  # a total is known only at the end


def split_point(lecture: Lecture) -> int:
    """The first chapter of the second half. The helper lays out the stand-in contents
    before its half, then sets its folios again and writes it; this side writes its
    half, then lays out and writes the index and the contents. With this half holding
    48 % of the text, both sides end together (timed stage by stage on the generated
    lectures of `make bench`: at 400 pages 8.56 s, against 8.56 s at 47 % and 8.81 s at
    49 %; this half's layout ends first, so the helper never waits for its length).
    Without an index, this side is idle sooner."""
    ahead = _weight(lecture.intro)
    weights = [_weight(s.blocks) for s in lecture.sections]
    total = ahead + sum(weights)
    gaps = []
    for k in range(1, len(weights)):
        ahead += weights[k - 1]
        gaps.append((abs(ahead - SHARE * total), k))
    return min(gaps)[1]


def _weight(blocks) -> int:
    """Blocks' length in words, anything without text (a figure, a chart) as 60."""
    from chapbook.blocks import walk

    return sum(len(text.split()) if isinstance(text := getattr(b, "text", None), str) else 60
               for b in walk(blocks))


@dataclass
class Halves:
    """A booklet laid out in halves: its length, and its PDF with or without the crop
    marks its CSS asks for (without: only where there is bleed, for the print file)."""

    pages: int
    pdfs: dict[bool, bytes] = field(repr=False)

    def pdf(self, crop_marks: bool = True) -> bytes:
        return self.pdfs[crop_marks if len(self.pdfs) > 1 else True]


def _joining(say, hear) -> None:
    """A joiner's life: join the parts it is sent, each variant's (with and without crop
    marks) on its own: a list of (variant, parts, ahead) adds parts after those it has
    (or, `ahead`, before them), a variant alone asks for its joined PDF. It is forked
    before anything is laid out, so what joining takes (about 120 MB for 400 pages:
    qpdf holds every tag) comes on top of little."""
    joins: dict[bool, Joining] = {}
    while (message := hear()) is not None:
        if isinstance(message, bool):
            say(joins.pop(message).pdf())
            continue
        for variant, parts, ahead in message:
            for part in parts:
                joins.setdefault(variant, Joining()).add(part, ahead=ahead)


def render_in_halves(lecture: Lecture, settings: Settings, edition: str,
                     marks: bool) -> Halves:
    """Lay the booklet out in two halves at once; `Retry` if the front matter's length
    changed with its numbers (then the booklet is laid out whole)."""
    from chapbook.limits import stage
    from chapbook.workers import Helper

    parts = _Parts(lecture, settings, edition, marks)
    with contextlib.ExitStack() as helpers:
        joiner = helpers.enter_context(Helper(_joining))  # forked while this one is small
        # The stylesheet parsed and its fonts loaded here, once: the helper inherits them.
        parts.layout(_empty_pages(parts.head, 1))
        helper = helpers.enter_context(Helper(parts.second_half))
        first_pdf, anchors, start, front_pages = parts.first_half(helper)
        # The joiner merges the first half while the rest is made, the contents ahead of
        # it when they come (one message: both variants at once).
        joiner.send([(crop, [first_pdf[crop]], False) for crop in parts.variants])
        theirs, their_pages, their_last = helper.receive()
        anchors.update(theirs)
        end = start + their_pages
        if lecture.key_terms:
            anchors[INDEX_ID] = end
        index = parts.index(anchors, end, "left" if their_last == "right" else "right")
        index_pdf = parts.written(index) if index else {}
        front_pdf = parts.front_matter(anchors, front_pages)
        joiner.send([(crop, [front_pdf[crop]], True) for crop in parts.variants])
        second_pdf = helper.receive()
        joiner.send([(crop, [second_pdf[crop]] + ([index_pdf[crop]] if index else []), False)
                     for crop in parts.variants])
        pdfs = {}
        with stage("joining the booklet's halves"):
            for crop in parts.variants:
                joiner.send(crop)
                pdfs[crop] = joiner.receive()
    return Halves(end - 1 + (len(index.pages) if index else 0), pdfs)


class _Parts:
    """A booklet's parts (front matter, the two halves, the index) and how each is laid
    out and written; the helper runs `second_half`, this process `first_half` and
    `index`."""

    def __init__(self, lecture: Lecture, settings: Settings, edition: str, marks: bool):
        from chapbook.booklet.layout import render_booklet_html
        from chapbook.size import estimated_pages
        from chapbook.templates import make_environment
        from chapbook.weasy import Joined

        self.lecture = lecture
        self.joined = Joined()  # inherited by the helper: stylesheets and fonts, once
        env = make_environment(template_dirs("booklet", lecture.root))
        self.html: Callable[..., str] = partial(render_booklet_html, lecture, settings,
                                                edition=edition, marks=marks, env=env)
        self.variants = (True, False) if settings.bleed else (True,)
        k = split_point(lecture)
        self.listed = _listed(lecture)
        wide = "8" * len(str(2 * estimated_pages(lecture) + 10))  # wider than any number
        self.front = Piece(self.html(part="front", toc_pages=dict.fromkeys(self.listed, wide)))
        self.first = Piece(self.html(part="chapters", sections=lecture.sections[:k],
                                     intro=True))
        self.second = Piece(self.html(part="chapters", sections=lecture.sections[k:],
                                      sources=True))
        self.anywhere = (self.front.ids | self.first.ids | self.second.ids
                         | ({"index"} if lecture.key_terms else set()))
        self.head = self.second.html[:self.second.html.index("<body>")]  # stylesheet, title
        self.footnotes = self.first.html.count('<span class="footnote">')

    def layout(self, html: str, css: str = ""):
        from chapbook.booklet.layout import _layout

        return _layout(self.lecture, html, self.joined, css)

    def written(self, document) -> dict[bool, bytes]:
        """The PDF with the crop marks its CSS asks for, and without where there is
        bleed (the print file's sheets carry their own)."""
        from chapbook.booklet.layout import booklet_pdf

        return {crop: booklet_pdf(document, crop_marks=crop) for crop in self.variants}

    def numbered(self, document, first_page: int) -> None:
        """Folios from `first_page` on, for pages laid out from another."""
        right = self.layout(_empty_pages(self.head, len(document.pages)),
                            starting(first_page, "right")
                            + _none(unnumbered_margin_boxes(document.pages)))
        renumber(document.pages, right.pages)

    def blank(self, page: int) -> list:
        """A page with nothing on it, numbered `page` (a left-hand one)."""
        return self.layout(_empty_pages(self.head, 1),
                           starting(page, "left") + _none(_MARGIN_BOXES)).pages

    def first_half(self, helper) -> tuple[dict[bool, bytes], dict[str, int], int, int]:
        """Here: the introduction and the first chapters, from the right-hand page after
        the front matter, whose length the helper learns meanwhile (a wrong guess costs
        new folios); then written. Their PDF, their anchors' pages, the page the second
        half starts on, and the front matter's length."""
        guess = _first_right(_front_guess(self.listed) + 1)
        laid = self.layout(self.first.linked(self.anywhere),
                           starting(guess, "right"))
        front_pages = helper.receive()
        intro = _first_right(front_pages + 1)
        if intro != guess:
            log.debug("front matter guessed ending before page %d, not %d", guess, intro)
            self.numbered(laid, intro)
        start = intro + len(laid.pages)
        pages = laid.pages
        if _after(laid) == "left":  # the second half starts on a right-hand page
            pages = pages + self.blank(start)
            start += 1
        anchors = self.first.pages(laid, intro)
        helper.send(start)
        return self.written(laid.copy(pages)), anchors, start, front_pages

    def second_half(self, say, hear) -> None:
        """The helper's: the front matter's length, from stand-in numbers, first (this
        side needs it as soon as its half is laid out); the other chapters and the
        sources; their folios once told where they start; their anchors' pages, then
        their PDF."""
        stand_in = self.layout(self.front.linked(self.anywhere), _NO_LEADERS)
        front_pages = len(stand_in.pages)
        del stand_in
        say(front_pages)
        css = f"{starting(1, 'right')}html {{ counter-reset: footnote {self.footnotes} }}\n"
        document = self.layout(self.second.linked(self.anywhere), css)
        start = hear()
        if start != 1:
            self.numbered(document, start)
        say((self.second.pages(document, start), len(document.pages),
             side(document.pages[-1])))
        say(self.written(document))

    def front_matter(self, anchors: dict[str, int], front_pages: int) -> dict[bool, bytes]:
        """Here, once every page is known: the contents with the real numbers (and a
        blank page after them where the introduction would otherwise start a left-hand
        page), written; `Retry` if they are not `front_pages` long, as their stand-in
        was."""
        front = Piece(self.html(part="front", toc_pages={id_: anchors.get(id_, "")
                                                         for id_ in self.listed}))
        final = self.layout(front.linked(self.anywhere))
        if len(final.pages) != front_pages:
            raise Retry("the contents changed length with their page numbers")
        leaders_as_one_run(final.pages)
        pages = final.pages + (self.blank(front_pages + 1) if front_pages % 2 else [])
        return self.written(final.copy(pages))

    def index(self, anchors: dict[str, int], start: int, where: str):
        """The index of key terms from page `start` on the `where` side, linking out to
        the terms; None without key terms."""
        from chapbook.booklet.layout import _layout_index

        if not self.lecture.key_terms:
            return None
        entries = index_entries(self.lecture, anchors)
        terms = {ref.anchor for entry in entries for ref in entry.refs}

        def index_html(**part) -> str:
            return _linked_out(self.html(**part), terms)

        return _layout_index(self.lecture, index_html, entries, where, start, self.joined)


def _first_right(page: int) -> int:
    """The first right-hand page from `page` on (page 1 is a right-hand one)."""
    return page if page % 2 else page + 1


def _front_guess(listed: list[str]) -> int:
    """The front matter's pages, guessed: the cover, the colophon, and the contents at
    about 30 entries a page (the bundled page; right for the generated lectures of
    `make bench` from 15 to 400 pages). A wrong guess is put right, at a cost."""
    return 2 + -(-len(listed) // 30)


class Piece:
    """A part's HTML and the ids it holds."""

    def __init__(self, html: str):
        self.html = html
        self.ids = set(_ID.findall(html))

    def linked(self, anywhere: set[str]) -> str:
        """The HTML with its links to ids another part holds linking out (`_linked_out`),
        and links to ids no part holds as their text (as `unlink_missing`)."""
        from chapbook.booklet.layout import unlink_missing

        return _linked_out(unlink_missing(self.html, anywhere), anywhere - self.ids)

    def pages(self, document, first: int) -> dict[str, int]:
        """The page of each of the part's own ids, its first page being `first`."""
        return {anchor: first - 1 + number for anchor, number in anchor_pages(document).items()}


def _listed(lecture: Lecture) -> list[str]:
    """The ids the contents give a page for."""
    ids = ["intro"] if lecture.intro else []
    for s in lecture.sections:
        if s.listed:
            ids.append(s.id)
            ids.extend(h.id for h in s.subheadings)
    if lecture.references:
        ids.append("sources")
    if lecture.key_terms:
        ids.append("index")
    return ids


def _after(document) -> str:
    """The side of the page after the document's last."""
    return "left" if side(document.pages[-1]) == "right" else "right"


def _linked_out(html: str, ids: set[str]) -> str:
    """`html` with its links to `ids` (held by other parts) made links to `PART_LINK`
    addresses, which the join turns back into links to the elements. An element left
    empty in the part for each, to link to, cost more than the part's text: WeasyPrint
    collapses the margins of each with those of all before it, and the index links to
    every term."""
    return _HREF.sub(lambda m: f'<a href="{PART_LINK}{m[1]}"' if m[1] in ids else m[0], html)


def _empty_pages(head: str, count: int) -> str:
    """A document of `count` empty pages with the booklet's `head` (its stylesheet, its
    title for the running heads): a blank page (with no element, which a tagged PDF would
    list), or the folios of a half (an element before the first break, which would
    otherwise be ignored)."""
    if count == 1:
        return f"{head}<body></body></html>"
    pages = '<div style="break-before: page"></div>' * (count - 1)
    return f"{head}<body><div></div>{pages}</body></html>"
