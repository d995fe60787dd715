"""Themes are hostile input: each is cleaned before python-pptx reads it.

Lecturers pass templates to each other, and every deck built on one inherits
what it carries: macros, ActiveX controls, links to files elsewhere (a picture
at `file://///host/share/x.png` leaks the viewer's Windows credentials when the
deck is opened). `sanitize_theme` reads the zip under caps (`safezip`), removes
macros and external relationships together with what refers to them, makes a
template or macro-enabled file a plain presentation, checks that the parts a
deck needs are there, and keeps only the parts reachable from the package root,
as python-pptx does. Parts it does not change are kept byte for byte.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from chapbook.deck.safezip import read_zip
from chapbook.errors import RenderError

CONTENT_TYPES = "[Content_Types].xml"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
RT = R_NS + "/"
O_RELID = "{urn:schemas-microsoft-com:office:office}relid"  # VML's relationship reference

PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MAIN_TYPES = frozenset({
    PRESENTATION,
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroenabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroenabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroenabled.main+xml",
})
# Code and what runs it: VBA and its signatures, ActiveX controls, ribbon callbacks.
MACRO_TYPES = frozenset({
    "application/vnd.ms-office.vbaproject",
    "application/vnd.ms-office.vbaprojectsignature",
    "application/vnd.ms-office.vbaprojectsignatureagile",
    "application/vnd.ms-office.vbaprojectsignaturev3",
    "application/vnd.ms-office.vbadata+xml",
    "application/vnd.ms-office.activex+xml",
    "application/vnd.ms-office.activex",
})
MACRO_RELS = re.compile(r"/(vbaProject\w*|wordVbaData|control|activeXControlBinary"
                        r"|ui/extensibility)$", re.IGNORECASE)
MACRO_NAMES = re.compile(r"(^|/)(vbaProject\.bin|vbaProjectSignature[^/]*|vbaData\.xml)$"
                         r"|^ppt/activeX/", re.IGNORECASE)
CODE_ACTION = re.compile(r"ppaction://(macro|program|ole)", re.IGNORECASE)
HLINKS = ("hlinkClick", "hlinkHover", "hlinkMouseOver")
# Where a removed relationship is referred to, this element goes, or the nearest
# enclosing one named here when it cannot stand alone; on any other element only
# the attribute goes (an a:blip keeps its r:embed when its r:link goes; a picture
# left with no image goes whole).
REMOVED_WITH = {
    **{name: () for name in (*HLINKS, "audioFile", "videoFile", "quickTimeFile", "wavAudioFile",
                             "externalData", "control", "tags", "sldId", "sldMasterId",
                             "sldLayoutId", "notesMasterId", "handoutMasterId")},
    "oleObj": ("graphicFrame",),
    "media": ("ext",),
    "snd": ("sndAc", *HLINKS),
}
KINDS = {"officeDocument": "presentation", "slideMaster": "slide master",
         "slideLayout": "slide layout", "notesMaster": "notes master",
         "handoutMaster": "handout master", "image": "picture"}
MAX_LISTED = 10
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_RELS = re.compile(r"^(?P<folder>(?:.*/)?)_rels/(?P<name>[^/]*)\.rels$")


@dataclass(frozen=True)
class SanitizedTheme:
    data: bytes  # a plain .pptx package
    warnings: tuple[str, ...]  # a short sentence for each thing removed


def sanitize_theme(path: Path) -> SanitizedTheme:
    """The theme as a clean .pptx in memory, or a RenderError naming what is wrong."""
    path = Path(path)
    package = _Package(path, read_zip(path))
    warnings = [*package.remove_macros(), *package.remove_external_links()]
    main = package.main_part()
    kept = package.kept(package.check(main))
    package.make_presentation(main, kept)
    return SanitizedTheme(package.save(kept), tuple(warnings))


class _Package:
    """The parts of one theme, with its content types and relationships parsed."""

    def __init__(self, path: Path, parts: dict[str, bytes]):
        self.path = path
        self.parts = parts
        self.trees: dict[str, etree._Element] = {}
        self.changed: set[str] = set()
        if CONTENT_TYPES not in parts:
            raise self.error(f"{CONTENT_TYPES} is not in the file (not a PowerPoint file)")
        self.types = self.tree(CONTENT_TYPES)
        self.rels_names = {_source_of(name): name for name in parts if _source_of(name) is not None}

    def error(self, message: str) -> RenderError:
        return RenderError(message, self.path)

    def tree(self, name: str) -> etree._Element:
        if name not in self.trees:
            try:
                root = etree.fromstring(self.parts[name], _PARSER)
            except etree.XMLSyntaxError as exc:
                raise self.error(f"{name} is not well-formed XML ({exc})") from None
            if root.getroottree().docinfo.doctype:
                raise self.error(f"{name} declares a DTD, which Office files never do")
            self.trees[name] = root
        return self.trees[name]

    # -- content types and relationships ----------------------------------------------------

    def content_type(self, name: str) -> str | None:
        partname = "/" + name.lower()
        for override in self.types.iterchildren(f"{{{CT_NS}}}Override"):
            if override.get("PartName", "").lower() == partname:
                return override.get("ContentType")
        extension = posixpath.splitext(name)[1][1:].lower()
        for default in self.types.iterchildren(f"{{{CT_NS}}}Default"):
            if default.get("Extension", "").lower() == extension:
                return default.get("ContentType")
        return None

    def relationships(self, source: str) -> list[etree._Element]:
        """The relationships of a part ("" for the package itself)."""
        if source not in self.rels_names:
            return []
        return list(self.tree(self.rels_names[source]).iterchildren(f"{{{RELS_NS}}}Relationship"))

    def target(self, source: str, rel: etree._Element) -> str:
        """The part a relationship points at, resolved as python-pptx resolves it."""
        base = "/" + posixpath.dirname(source)
        return posixpath.normpath(posixpath.join(base, rel.get("Target", "")))[1:]

    def related(self, source: str, kind: str) -> list[str]:
        return [self.target(source, rel) for rel in self.relationships(source)
                if rel.get("Type") == RT + kind and not _external(rel)]

    def remove_relationships(self, doomed: Callable[[str, etree._Element], bool]
                             ) -> list[tuple[str, etree._Element]]:
        """Remove the relationships `doomed` picks, and what in their parts refers to them."""
        removed = []
        for source, rels_name in self.rels_names.items():
            gone = [rel for rel in self.relationships(source) if doomed(source, rel)]
            if not gone:
                continue
            for rel in gone:
                rel.getparent().remove(rel)
            self.changed.add(rels_name)
            self._unlink(source, {rel.get("Id") for rel in gone})
            removed.extend((source, rel) for rel in gone)
        return removed

    def _unlink(self, source: str, ids: set[str]) -> None:
        if source not in self.parts or not self._is_xml(source):
            return
        try:
            root = self.tree(source)
        except RenderError:
            if source.lower().endswith(".vml"):  # legacy drawings are not always XML;
                return  # python-pptx never reads them
            raise
        if _drop_references(root, ids):
            self.changed.add(source)

    def _is_xml(self, name: str) -> bool:
        kind = (self.content_type(name) or "").lower()
        return kind.endswith("xml") or name.lower().endswith((".xml", ".vml"))

    # -- what is removed --------------------------------------------------------------------

    def remove_macros(self) -> list[str]:
        """VBA, its signatures, ActiveX controls, ribbon callbacks and actions that run code."""
        doomed = {name for name in self.parts if MACRO_NAMES.search(name)
                  or (self.content_type(name) or "").lower() in MACRO_TYPES}
        doomed |= {self.target(source, rel) for source in self.rels_names
                   for rel in self.relationships(source)
                   if not _external(rel) and MACRO_RELS.search(rel.get("Type", ""))}
        self.remove_relationships(lambda source, rel: source not in doomed and not _external(rel)
                                  and self.target(source, rel) in doomed)
        for default in list(self.types.iterchildren(f"{{{CT_NS}}}Default")):
            if default.get("ContentType", "").lower() in MACRO_TYPES:
                self.types.remove(default)
                self.changed.add(CONTENT_TYPES)
        found = sorted(name for name in doomed if _source_of(name) is None)
        found += self._remove_code_actions(doomed)
        return [f"macros removed ({_listing(found)})"] if found else []

    def _remove_code_actions(self, doomed: set[str]) -> list[str]:
        """Click and hover actions that run a macro, a program or an embedded object."""
        found = []
        for name, data in self.parts.items():
            if name in doomed or not name.endswith(".xml") or b"ppaction://" not in data:
                continue
            root = self.tree(name)
            for link in list(root.iter(*(f"{{*}}{tag}" for tag in HLINKS))):
                action = CODE_ACTION.match(link.get("action", ""))
                if action:
                    link.getparent().remove(link)
                    self.changed.add(name)
                    found.append(f"a {action[1].lower()} action in {posixpath.basename(name)}")
        return found

    def remove_external_links(self) -> list[str]:
        removed = self.remove_relationships(lambda _source, rel: _external(rel))
        lines = list(dict.fromkeys(
            f"external link removed: {_shown(rel.get('Target', ''), 80)} "
            f"({_shown(rel.get('Type', '').rsplit('/', 1)[-1], 30)} in "
            f"{_shown(posixpath.basename(source) or '_rels/.rels', 60)})"
            for source, rel in removed))
        if len(lines) > MAX_LISTED:
            lines[MAX_LISTED:] = [f"{len(lines) - MAX_LISTED} more external links removed"]
        return lines

    # -- what must be there -----------------------------------------------------------------

    def main_part(self) -> str:
        office = self.related("", "officeDocument")
        if not office:
            raise self.error("_rels/.rels names no presentation part (missing presentation)")
        main = office[0]
        if main not in self.parts:
            raise self.error(f"{_shown(main, 80)} is not in the file (missing presentation)")
        kind = self.content_type(main) or "untyped"
        if kind.lower() not in MAIN_TYPES:
            raise self.error("not a PowerPoint presentation or template (its main part "
                             f"{main} is {_shown(kind, 100)})")
        return main

    def check(self, main: str) -> set[str]:
        """Every part reachable from the package root, all present, typed, and complete."""
        reached: set[str] = set()
        todo = [""]
        while todo:
            source = todo.pop(0)
            for rel in self.relationships(source):
                target = self.target(source, rel)
                if target not in self.parts:
                    kind = rel.get("Type", "").rsplit("/", 1)[-1]
                    raise self.error(f"{_shown(target, 80)} is not in the file "
                                     f"(missing {KINDS.get(kind, _shown(kind, 30))})")
                if target not in reached:
                    reached.add(target)
                    todo.append(target)
        for name in reached:
            if self.content_type(name) is None:
                raise self.error(f"{name} has no content type in {CONTENT_TYPES}")
        self._check_list(main, "sldMasterIdLst", "sldMasterId", "slideMaster", required=True)
        for master in self.related(main, "slideMaster"):
            self._check_list(master, "sldLayoutIdLst", "sldLayoutId", "slideLayout")
            if not self.related(master, "theme"):
                raise self.error(f"{master} has no theme (missing theme)")
            for layout in self.related(master, "slideLayout"):
                if not self.related(layout, "slideMaster"):
                    raise self.error(f"{layout} belongs to no slide master "
                                     "(missing slide master)")
        return reached

    def _check_list(self, part: str, list_tag: str, item_tag: str, kind: str,
                    required: bool = False) -> None:
        """Each id a part lists (its masters, its layouts) names a relationship of that kind."""
        ids = [item.get(f"{{{R_NS}}}id")
               for item in self.tree(part).iterfind(f"{{{P_NS}}}{list_tag}/{{{P_NS}}}{item_tag}")]
        if required and not ids:
            raise self.error(f"{part} lists no {KINDS[kind]} (missing {KINDS[kind]})")
        ours = {rel.get("Id") for rel in self.relationships(part)
                if rel.get("Type") == RT + kind and not _external(rel)}
        for rid in ids:
            if rid not in ours:
                raise self.error(f"{part} lists {KINDS[kind]} {_shown(str(rid), 30)} but has no "
                                 f"such relationship (missing {KINDS[kind]})")

    # -- the clean package ------------------------------------------------------------------

    def kept(self, reached: set[str]) -> list[str]:
        """The entries of the clean package: the parts reached and their relationships."""
        return [name for name in self.parts if name in reached or (
            _source_of(name) is not None and (_source_of(name) in reached or _source_of(name) == "")
        )]

    def make_presentation(self, main: str, kept: list[str]) -> None:
        """The main part typed as a presentation; no content type left for a dropped part."""
        if self.content_type(main) != PRESENTATION:
            for override in self.types.iterchildren(f"{{{CT_NS}}}Override"):
                if override.get("PartName", "").lower() == "/" + main.lower():
                    override.set("ContentType", PRESENTATION)
                    break
            else:
                etree.SubElement(self.types, f"{{{CT_NS}}}Override", PartName="/" + main,
                                 ContentType=PRESENTATION)
            self.changed.add(CONTENT_TYPES)
        names = {"/" + name.lower() for name in kept}
        for override in list(self.types.iterchildren(f"{{{CT_NS}}}Override")):
            if override.get("PartName", "").lower() not in names:
                self.types.remove(override)
                self.changed.add(CONTENT_TYPES)

    def save(self, kept: list[str]) -> bytes:
        """[Content_Types].xml, then the kept entries in the theme's order, as a zip."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for name in (CONTENT_TYPES, *kept):
                entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(entry, self._bytes(name))
        return buffer.getvalue()

    def _bytes(self, name: str) -> bytes:
        if name not in self.changed:
            return self.parts[name]
        return etree.tostring(self.trees[name], xml_declaration=True, encoding="UTF-8",
                              standalone=True)


def _drop_references(root: etree._Element, ids: set[str]) -> bool:
    """Remove what refers to the relationships `ids` (see REMOVED_WITH); whether any did."""
    doomed, changed = [], False
    for element in root.iter(etree.Element):
        for attr, value in element.attrib.items():
            if value in ids and (attr.startswith(f"{{{R_NS}}}") or attr == O_RELID):
                changed = True
                enclosing = REMOVED_WITH.get(etree.QName(element).localname)
                if enclosing is None:
                    del element.attrib[attr]
                    if _imageless_picture(element):
                        doomed.append(_nearest(element, ("pic",)))
                else:
                    doomed.append(_nearest(element, enclosing))
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
            if etree.QName(parent).localname == "controls" and len(parent) == 0:
                parent.getparent().remove(parent)
    return changed


def _imageless_picture(element: etree._Element) -> bool:
    """A picture's a:blip left with no image: the picture would show a broken-image box."""
    return (etree.QName(element).localname == "blip"
            and f"{{{R_NS}}}embed" not in element.attrib
            and f"{{{R_NS}}}link" not in element.attrib
            and any(etree.QName(a).localname == "pic" for a in element.iterancestors()))


def _nearest(element: etree._Element, names: Iterable[str]) -> etree._Element:
    names = tuple(names)
    for ancestor in element.iterancestors():
        if etree.QName(ancestor).localname in names:
            return ancestor
    return element


def _external(rel: etree._Element) -> bool:
    return (rel.get("TargetMode") or "").strip().lower() == "external"


def _source_of(name: str) -> str | None:
    """The part a .rels part belongs to ("" for the package), or None for any other name."""
    match = _RELS.match(name)
    return None if match is None else match["folder"] + match["name"]


def _shown(text: str, limit: int) -> str:
    """Text from the theme made safe to print: no control characters, truncated."""
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _listing(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(_shown(name, 60) for name in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
