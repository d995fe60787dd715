"""The foreign templates of tools/make_test_templates.py, made once for the tests that
build decks on them, with their sidecars (what each layout is for, where the
decorations are)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "make_test_templates.py"
NAMES = ("band", "named", "classic43")


def tool():
    """The script as a module (tools/ is no package); registered first, as dataclasses need."""
    if "make_test_templates" not in sys.modules:
        spec = importlib.util.spec_from_file_location("make_test_templates", TOOL)
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_test_templates"] = module
        spec.loader.exec_module(module)
    return sys.modules["make_test_templates"]


def make_templates(out: Path) -> dict[str, Path]:
    """name -> template, made with LibreOffice when it is installed."""
    tool().make_all(out, use_soffice=shutil.which("soffice") is not None)
    return {name: out / f"{name}.pptx" for name in NAMES}


def sidecar(template: Path) -> dict:
    return json.loads(template.with_suffix(".json").read_text(encoding="utf-8"))


def add_master(prs) -> None:
    """A second slide master: a copy of the first with copies of its layouts, as LibreOffice
    writes a template with several master pages."""
    from copy import deepcopy

    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn
    from pptx.parts.slide import SlideLayoutPart, SlideMasterPart

    first = prs.slide_master
    package = prs.part.package
    element = deepcopy(first._element)
    ids = element.find(qn("p:sldLayoutIdLst"))
    for child in list(ids):
        ids.remove(child)
    master = SlideMasterPart(package.next_partname("/ppt/slideMasters/slideMaster%d.xml"),
                             first.part.content_type, package, element)
    master.relate_to(first.part.part_related_by(RT.THEME), RT.THEME)
    used = [int(i) for i in prs.part._element.xpath("//p:sldMasterId/@id")]
    used += [int(i) for m in prs.slide_masters
             for i in m._element.xpath("./p:sldLayoutIdLst/p:sldLayoutId/@id")]
    entry = prs.part._element.get_or_add_sldMasterIdLst()._add_sldMasterId()
    entry.set("id", str(max(used) + 1))
    entry.set(qn("r:id"), prs.part.relate_to(master, RT.SLIDE_MASTER))
    for n, layout in enumerate(first.slide_layouts, start=2):
        part = SlideLayoutPart(package.next_partname("/ppt/slideLayouts/slideLayout%d.xml"),
                               layout.part.content_type, package, deepcopy(layout._element))
        part.relate_to(master, RT.SLIDE_MASTER)
        item = element.get_or_add_sldLayoutIdLst()._add_sldLayoutId()
        item.set("id", str(max(used) + n))
        item.set(qn("r:id"), master.relate_to(part, RT.SLIDE_LAYOUT))
