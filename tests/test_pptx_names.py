"""python-pptx's tag names turned into lxml's once each: the same names, in every module
that uses them."""

from __future__ import annotations

import sys

from chapbook.deck.pptx_xml import qualified_names_once


def test_every_module_of_python_pptx_gets_the_same_names_kept():
    import pptx  # noqa: F401  (its modules, imported)
    from pptx.oxml import ns, xmlchemy

    plain = ns.NamespacePrefixedTag
    qualified_names_once()
    qualified_names_once()  # idempotent
    kept = ns.qn
    assert hasattr(kept, "cache_info") and xmlchemy.qn is kept
    users = [m for m in list(sys.modules.values())
             if getattr(m, "__name__", "").startswith("pptx") and hasattr(m, "qn")]
    assert len(users) > 5 and all(m.qn is kept for m in users)
    for tag in ("a:p", "a:r", "p:sp", "p:nvPr", "c:chart", "r:id", "cp:keywords"):
        assert kept(tag) == kept(tag) == plain(tag).clark_name


def test_a_slide_built_with_the_kept_names_is_the_same(tmp_path):
    from pptx import Presentation
    from pptx.util import Inches

    qualified_names_once()
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Recognition, 1935"
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1))
    box.text_frame.text = "Brussels and Moscow"
    box.text_frame.add_paragraph().text = "12 July"
    xml = slide._element.xml
    assert '<a:t>Brussels and Moscow</a:t>' in xml and '<a:t>12 July</a:t>' in xml
    assert [p.text for p in box.text_frame.paragraphs] == ["Brussels and Moscow", "12 July"]
