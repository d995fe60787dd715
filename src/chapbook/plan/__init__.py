"""Stage 3, the slide plan: Lecture -> plan HTML (Jinja2) -> DeckPlan, split by measurement.

The deck template decides which slides exist and what they say (`render`); one
reader turns its HTML into a DeckPlan (`reader`); `split` decides, by measuring
text in the theme's fonts and boxes, what goes on each slide shown. The deck, the
handout and the HTML slides all present that same split plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the block modules import plan.schema: keep this package light
    from chapbook.model.document import Lecture
    from chapbook.plan.schema import DeckPlan


def plan_deck(lecture: Lecture) -> DeckPlan:
    """The lecture's slides as the deck template writes them, before splitting."""
    from chapbook.plan.reader import read_plan
    from chapbook.plan.render import render_plan_html

    return read_plan(render_plan_html(lecture), lecture.root)
