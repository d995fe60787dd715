"""A long deck composed in two parts at once, on two cores, and the same to the byte.

Composing a slide (its layout's placeholders copied, its text filled and fitted, its
notes page) takes python-pptx a few milliseconds, and one slide's XML does not depend
on the slides before it: shape ids are counted per slide, and the first slide of each
layout is made by python-pptx and later ones copy it, the same XML either way. So a
helper process, forked before the first slide, composes the second part's slides
while this one composes the first; this one then adds the helper's slides after its
own as composing them here would have (`SlideCopier.adopt`): the same part names,
relationships and XML, with the warnings each slide gave, in order.

Only a slide made of its own XML and a notes page travels. A picture, a chart or a
link relates its slide to parts or addresses whose names depend on the parts made
before, so the second part's slides with one are composed here, in their turn (and
a slide the helper finds related to more is too).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from chapbook.deck.pptx_xml import MadeAlone, made_alone
from chapbook.errors import Note
from chapbook.plan.schema import PlanSlide, TableData, TextBody

FROM_SLIDES = 80  # slides from which a deck with a spare core is composed in two parts
HERE = 2.0  # composing a slide with a picture or chart, against a text slide


@dataclass(frozen=True)
class Composed:
    """A slide the helper composed: as it travels (None: compose it here), and its warnings."""

    made: MadeAlone | None
    warnings: list[Note]


def compose_slides(writer, slides: Sequence[PlanSlide], cores: int) -> None:
    """Add `slides` to the deck through `writer` (`deck.writer._Writer`), in two parts at
    once when there are `cores` for it and enough slides to gain."""
    from chapbook.workers import Helper

    if cores < 2 or len(slides) < FROM_SLIDES:
        for slide in slides:
            writer.add(slide)
        return
    split = split_point(slides)
    share = [i for i in range(split, len(slides)) if travels(slides[i])]
    with Helper(partial(_compose, writer, [slides[i] for i in share])) as helper:
        for slide in slides[:split]:
            writer.add(slide)
        composed, used = helper.receive()
    writer.used |= used
    made = dict(zip(share, composed, strict=True))
    for index in range(split, len(slides)):
        found = made.get(index)
        if found is None or found.made is None:
            writer.add(slides[index])
        else:
            writer.adopt(found.made, found.warnings)


def travels(slide: PlanSlide) -> bool:
    """Will the slide be its XML and a notes page alone (no picture, chart or link)?"""
    if any(not isinstance(c, TextBody | TableData) for c in slide.content):
        return False
    paras = [p for c in slide.content if isinstance(c, TextBody) for p in c.paras]
    paras += [p for column in slide.fit.columns for p in column]
    return not any(run.link for para in paras for run in para.runs)


def split_point(slides: Sequence[PlanSlide]) -> int:
    """Where the helper's part starts: the first index from which this process has at least
    as much to compose before it as the helper after it. (What this process does once the
    helper is done, the second part's slides that do not travel and adding those that
    do, comes after either way.)"""
    moves = [travels(s) for s in slides]
    here, there = 0.0, float(sum(moves))
    for index, slide_moves in enumerate(moves):
        if here >= there:
            return index
        here += 1.0 if slide_moves else HERE
        there -= slide_moves
    return len(slides)


def _compose(writer, slides: list[PlanSlide], say: Callable[[object], None], _hear) -> None:
    """The helper's: compose `slides` (in a deck that has none yet) and send each as it
    travels, with its warnings, and the plan layouts used."""
    deck = writer.prs.slides
    composed = []
    for slide in slides:
        before, count = len(writer.warnings), len(deck)
        writer.add(slide)
        made = made_alone(writer.prs) if len(deck) == count + 1 else None
        composed.append(Composed(made, writer.warnings[before:]))
    say((composed, writer.used))
