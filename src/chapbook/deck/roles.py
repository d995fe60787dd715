"""What each layout of a template is for: its role, found from its name or its placeholders.

A role is what a layout is designed to hold: `title` (the opening slide), `content` (a
title and one body), `two-content`, `section` (a divider), `title-only`, `quote`,
`closing`, `picture` (a picture with a caption), `blank`. A layout is recognised, best
first, by a standard name in one of the languages PowerPoint and LibreOffice write
(English, French, German, Dutch, Spanish; LibreOffice's "Title, 2 Content" too), else by
what it holds: a centred title and a subtitle make a title slide, a title over one body a
content slide, a title over two bodies side by side a two-content slide, a title low on
the slide over a short body a section header; words in a house name ("Chapter",
"Cover", "Closing") settle what the placeholders leave open.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pptx.enum.shapes import PP_PLACEHOLDER

from chapbook.deck.area import Box, box_of

ROLES = ("title", "content", "two-content", "section", "title-only", "quote", "closing",
         "picture", "blank")

# Standard layout names, as PowerPoint (en, fr, de, nl, es) and LibreOffice write them.
# Compared after `normal_name`: case, accents and punctuation do not count.
STANDARD_NAMES: dict[str, tuple[str, ...]] = {
    "title": (
        "Title Slide", "Diapositive de titre", "Titelfolie", "Titeldia",
        "Diapositiva de título", "Diapo de titre", "Diapositive titre",
    ),
    "content": (
        "Title and Content", "Title, Content", "Titre et contenu", "Titre, contenu",
        "Titel und Inhalt", "Titel, Inhalt", "Titel en object", "Titel en inhoud",
        "Titel, inhoud", "Título y objetos", "Título y contenido", "Título, contenido",
    ),
    "two-content": (
        "Two Content", "Title, 2 Content", "Title and 2 Content", "Deux contenus",
        "Titre et 2 contenus", "Titre, 2 contenus", "Zwei Inhalte", "Titel und 2 Inhalte",
        "Titel, 2 Inhalte", "Twee objecten", "Inhoud van twee", "Titel en 2 inhoud",
        "Titel, 2 inhoud", "Dos objetos", "Dos contenidos", "Título y 2 contenidos",
        "Título, 2 contenidos",
    ),
    "section": (
        "Section Header", "Section Title", "En-tête de section", "Titre de section",
        "Abschnittsüberschrift", "Abschnittsheader", "Sectiekop", "Sectiekoptekst",
        "Encabezado de sección",
    ),
    "title-only": (
        "Title Only", "Titre seul", "Nur Titel", "Alleen titel", "Solo el título",
        "Sólo el título", "Solo título",
    ),
    "quote": ("Quote", "Quote with Caption", "Citation", "Zitat", "Citaat", "Cita"),
    "picture": (
        "Picture with Caption", "Image avec légende", "Bild mit Überschrift",
        "Afbeelding met bijschrift", "Imagen con título",
    ),
    "blank": (
        "Blank", "Blank Slide", "Vide", "Vierge", "Diapo vierge", "Leer", "Leere Folie",
        "Leeg", "Lege dia", "En blanco", "Diapositiva vacía",
    ),
}
# Words in a house name that tell which role of those its placeholders allow.
NAME_HINTS: dict[str, tuple[str, ...]] = {
    "section": ("chapter", "section", "divider", "part", "kapitel", "abschnitt", "chapitre",
                "intercalaire", "hoofdstuk", "sectie", "capitulo", "seccion", "trenner"),
    "title": ("cover", "opening", "title slide", "titelfolie", "deckblatt", "couverture",
              "portada", "voorblad", "titeldia"),
    "closing": ("closing", "end", "thank", "thanks", "questions", "fin", "ende", "einde",
                "cierre", "merci", "gracias", "dank", "bedankt"),
    "quote": ("quote", "quotation", "citation", "zitat", "citaat", "cita"),
}
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
FOOTERS = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
VISUALS = (PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.CHART, PP_PLACEHOLDER.TABLE,
           PP_PLACEHOLDER.MEDIA_CLIP, PP_PLACEHOLDER.ORG_CHART, PP_PLACEHOLDER.BITMAP)


def normal_name(name: str) -> str:
    """A layout name compared loosely: "Title, 2 Content" -> "title 2 content"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.casefold())
                    if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


_BY_NAME = {normal_name(n): role for role, names in STANDARD_NAMES.items() for n in names}


@dataclass(frozen=True)
class Facts:
    """One layout as chapbook sees it: where it sits, what it holds, what it is for."""

    layout: object  # python-pptx SlideLayout
    master: int  # the index of its slide master
    name: str
    slide: Box  # the whole slide
    title: Box | None
    subtitle: Box | None
    bodies: tuple[Box, ...]  # body and content placeholders, left to right
    visuals: int  # picture, chart, table ... placeholders
    centred_title: bool
    role: str | None
    why: str  # how the role was told: "its standard name", "its placeholders (...)"

    @property
    def label(self) -> str:
        return f"{self.name!r}" if self.master == 0 else f"{self.name!r} (master {self.master + 1})"


def facts_of(layout, master: int, slide: Box) -> Facts:
    title = subtitle = None
    centred = False
    bodies: list[Box] = []
    visuals = 0
    for ph in layout.placeholders:
        kind = ph.placeholder_format.type
        box = box_of(ph)
        if box is None:
            continue
        if kind in TITLES and title is None:
            title, centred = box, kind == PP_PLACEHOLDER.CENTER_TITLE
        elif kind == PP_PLACEHOLDER.SUBTITLE and subtitle is None:
            subtitle = box
        elif kind in BODIES:
            bodies.append(box)
        elif kind in VISUALS:
            visuals += 1
    bodies.sort(key=lambda b: (b.left, b.top))
    draft = Facts(layout, master, layout.name, slide, title, subtitle, tuple(bodies), visuals,
                  centred, None, "")
    role, why = classify(draft)
    return Facts(layout, master, layout.name, slide, title, subtitle, tuple(bodies), visuals,
                 centred, role, why)


def classify(f: Facts) -> tuple[str | None, str]:
    """(role, why): by standard name when the placeholders allow it, else by placeholders."""
    named = _BY_NAME.get(normal_name(f.name))
    by_shape, why = _by_placeholders(f)
    if named and named in _allowed(f):
        return named, "its standard name"
    hint = _hint(f.name)
    if hint and hint in _allowed(f) and hint != by_shape:
        return hint, f"its name and its placeholders: {why}"
    return by_shape, f"its placeholders: {why}"


def _hint(name: str) -> str | None:
    words = f" {normal_name(name)} "
    for role, hints in NAME_HINTS.items():
        if any(f" {h} " in words for h in hints):
            return role
    return None


def _allowed(f: Facts) -> set[str]:
    """The roles a layout's placeholders can serve at all."""
    if f.title is None:
        return {"blank"} if not f.bodies and f.subtitle is None else set()
    allowed = {"closing"}
    if not f.bodies and f.subtitle is None:
        allowed.add("title-only")
    if f.subtitle is not None or f.bodies:
        allowed |= {"title", "section"}
    if len(f.bodies) == 1:
        allowed |= {"content", "quote"}
    if len(f.bodies) == 2 and _side_by_side(*f.bodies):
        allowed.add("two-content")
    if f.visuals:
        allowed.add("picture")
    return allowed


def _by_placeholders(f: Facts) -> tuple[str | None, str]:
    if f.title is None:
        if not f.bodies and f.subtitle is None and not f.visuals:
            return "blank", "no title, no body"
        return None, "no title placeholder"
    if f.visuals and len(f.bodies) <= 1:
        return "picture", "a title, a picture placeholder and a caption"
    if f.centred_title or (f.subtitle is not None and not f.bodies):
        return "title", "a title and a subtitle"
    if not f.bodies:
        return "title-only", "a title and no body"
    if len(f.bodies) == 1:
        body = f.bodies[0]
        if body.height < 0.3 * f.slide.height and f.title.top > 0.2 * f.slide.height:
            return "section", "a title low on the slide over a short body"
        return "content", "a title and one body"
    if len(f.bodies) == 2 and _side_by_side(*f.bodies):
        return "two-content", "a title and two bodies side by side"
    return None, f"a title and {len(f.bodies)} bodies"


def _side_by_side(a: Box, b: Box) -> bool:
    """Two boxes of about one size next to each other, not one above the other."""
    return (a.right <= b.left + 0.05 * a.width and abs(a.top - b.top) < 0.2 * a.height
            and 0.6 < a.width / max(b.width, 1) < 1.6)
