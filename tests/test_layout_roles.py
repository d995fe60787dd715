"""Layouts found by what they are for: standard names in the languages PowerPoint and
LibreOffice write, else their placeholders; the content area clear of decorations."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls

from chapbook.deck.area import Box, clear_of
from chapbook.deck.geometry import Layouts
from chapbook.deck.roles import normal_name

pytestmark = pytest.mark.slow  # builds whole lectures or runs external programs

# python-pptx's default template, layout by layout, and the role each is for.
DEFAULT_ROLES = ["title", "content", "section", "two-content", None, "title-only", "blank",
                 None, "picture", None, None]
LOCALISED = {
    "fr": ["Diapositive de titre", "Titre et contenu", "En-tête de section", "Deux contenus",
           "Comparaison", "Titre seul", "Vide"],
    "de": ["Titelfolie", "Titel und Inhalt", "Abschnittsüberschrift", "Zwei Inhalte",
           "Vergleich", "Nur Titel", "Leer"],
    "nl": ["Titeldia", "Titel en object", "Sectiekop", "Twee objecten", "Vergelijking",
           "Alleen titel", "Leeg"],
    "es": ["Diapositiva de título", "Título y objetos", "Encabezado de sección",
           "Dos objetos", "Comparación", "Solo el título", "En blanco"],
}


def _renamed(names: list[str]):
    prs = Presentation()
    for layout, name in zip(prs.slide_layouts, names, strict=False):
        layout._element.cSld.set("name", name)
    return prs


def _roles(prs) -> list[str | None]:
    return [f.role for f in Layouts(prs).facts]


def test_standard_names_compare_loosely():
    assert normal_name("Title, 2 Content") == "title 2 content"
    assert normal_name("  En-tête de SECTION ") == "en tete de section"


@pytest.mark.parametrize("lang", sorted(LOCALISED))
def test_localised_names_are_known(lang):
    facts = Layouts(_renamed(LOCALISED[lang])).facts
    assert [f.role for f in facts][:7] == DEFAULT_ROLES[:7]
    assert all(f.why == "its standard name" for f in facts[:7] if f.role)


def test_house_names_are_read_from_the_placeholders():
    names = ["Cover", "Bullets", "Chapter", "Side by side", "Four boxes", "Heading",
             "Nothing", "Text and box", "Photo", "Vertical 1", "Vertical 2"]
    layouts = Layouts(_renamed(names))
    assert _roles(layouts.prs)[:9] == DEFAULT_ROLES[:9]
    assert layouts.facts[0].why.startswith("its placeholders: ")
    assert layouts("section").name == "Chapter"  # a title low over a short body
    assert layouts("two-content").name == "Side by side"
    assert layouts("closing").name == "Chapter"  # no closing layout: a section one
    assert layouts.fallbacks() == []


def test_a_name_settles_what_the_placeholders_leave_open():
    names = ["Opening", "Bullets", "Closing words", "Two", "Four", "Heading", "Empty"]
    layouts = Layouts(_renamed(names))
    assert layouts.facts[2].role == "closing"  # a section's placeholders, a closing name
    assert layouts("closing").name == "Closing words"
    assert layouts("section").name == "Opening"  # no section layout left: a title one
    assert any("no section layout for section slides" in w for w in layouts.fallbacks())


def test_a_standard_name_on_the_wrong_placeholders_is_not_trusted():
    prs = _renamed(["Title Slide", "Title Only", "Section Header", "Two Content"])
    facts = Layouts(prs).facts
    assert facts[1].role == "content"  # named Title Only, but it holds a body
    assert facts[1].why.startswith("its placeholders")


def test_first_master_gives_the_title_the_roomiest_the_rest(tmp_path):
    """Two masters, as LibreOffice's templates have: the first a title-page design whose
    decoration fills the lower half of every slide; content comes from the second."""
    from foreign import add_master

    prs = Presentation()
    add_master(prs)
    first = prs.slide_masters[0]
    first.shapes._spTree.append(parse_xml(
        f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="90" name="Curve"/><p:cNvSpPr/>'
        '<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="3429000"/>'
        '<a:ext cx="9144000" cy="2743200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        '</a:prstGeom></p:spPr></p:sp>'))
    layouts = Layouts(prs)
    assert len(prs.slide_masters) == 2 and layouts.main == 1
    assert layouts.choices["title"].facts.master == 0
    assert layouts.choices["content"].facts.master == 1
    assert layouts.choices["picture"].facts.master == 1
    assert "(master 2)" in layouts.choices["content"].facts.label


def test_the_content_area_keeps_clear_of_decorations():
    slide = Box(0, 0, 1000, 600)
    body = Box(50, 100, 900, 450)
    band = Box(0, 520, 1000, 80)  # a footer band over the body's foot
    logo = Box(880, 20, 100, 100)  # a logo above the body's right end
    area = clear_of(body, [band, logo], slide)
    assert not area.overlaps(band) and not area.overlaps(logo)
    assert area.inside(body) and area.height >= 380 and area.width == 900
    # A pattern over most of the body leaves no room: the body box is kept.
    pattern = [Box(0, 0, 600, 600), Box(500, 0, 500, 600)]
    assert clear_of(body, pattern, slide) == body


def test_a_theme_without_any_title_is_refused(tmp_path):
    from chapbook.deck import open_theme
    from chapbook.errors import RenderError

    prs = Presentation()
    for layout in prs.slide_layouts:
        for ph in list(layout.placeholders):
            if ph.placeholder_format.type in (1, 3):  # title, centred title
                ph._element.getparent().remove(ph._element)
    theme = tmp_path / "untitled.pptx"
    prs.save(theme)
    with pytest.raises(RenderError, match="no layout with a title placeholder"):
        open_theme(theme)
