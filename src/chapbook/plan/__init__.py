"""Stage 3, the slide plan: Lecture -> plan HTML (Jinja2) -> DeckPlan, split by measurement.

The deck, the handout and the HTML slides all present the same DeckPlan.
"""
