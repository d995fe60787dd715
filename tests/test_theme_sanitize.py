"""Hostile themes: every theme is checked and cleaned before python-pptx reads it.

Each test makes a hostile variant of the bundled theme in tmp_path (macros,
external links, a template, a zip bomb, a missing part, an unsafe entry name)
and reads the real outcome back: the built deck, the error a user sees, the
memory a refusal costs.
"""

from __future__ import annotations

import io
import logging
import random
import re
import struct
import subprocess
import time
import tracemalloc
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, require_program
from lxml import etree
from PIL import Image
from pptx import Presentation

from chapbook.build import build
from chapbook.cli import main
from chapbook.deck import check_theme, open_theme
from chapbook.errors import RenderError

THEME = ROOT / "templates" / "deck" / "theme.pptx"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = R_NS + "/"
MS_RT = "http://schemas.microsoft.com/office/2006/relationships/"
NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main", "r": R_NS}
XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
TEMPLATE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
MACRO_MAIN = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
MACRO_TEMPLATE = "application/vnd.ms-powerpoint.template.macroEnabled.main+xml"
MASTER = "ppt/slideMasters/slideMaster1.xml"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"  # Title and Content: most sample slides use it
MB = 2**20


# -- making hostile themes ----------------------------------------------------------------

def _parts(theme: Path = THEME) -> dict[str, bytes]:
    with zipfile.ZipFile(theme) as z:
        return {name: z.read(name) for name in z.namelist()}


def _save(parts: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels"


def _edit(parts: dict[str, bytes], name: str, change) -> None:
    root = etree.fromstring(parts[name])
    change(root)
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _relate(parts, source: str, rid: str, reltype: str, target: str,
            external: bool = False) -> None:
    rels = _rels_name(source)
    parts.setdefault(rels, f'<Relationships xmlns="{RELS_NS}"/>'.encode())

    def add(root):
        rel = etree.SubElement(root, f"{{{RELS_NS}}}Relationship", Id=rid, Target=target,
                               Type=reltype if "://" in reltype else RT + reltype)
        if external:
            rel.set("TargetMode", "External")
    _edit(parts, rels, add)


def _content_type(parts, partname: str, content_type: str) -> None:
    def put(root):
        for override in root.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName") == partname:
                override.set("ContentType", content_type)
                return
        etree.SubElement(root, f"{{{CT_NS}}}Override", PartName=partname,
                         ContentType=content_type)
    _edit(parts, "[Content_Types].xml", put)


def _add_shape(parts, part: str, xml: str) -> None:
    _edit(parts, part, lambda root: root.find("p:cSld/p:spTree", NS).append(etree.fromstring(xml)))


PICTURE = f"""<p:pic {XMLNS}><p:nvPicPr><p:cNvPr id="{{id}}" name="Linked logo"/><p:cNvPicPr/>
<p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:link="{{rid}}"/><a:stretch><a:fillRect/></a:stretch>
</p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="457200" cy="457200"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>"""
HYPERLINK = f"""<p:sp {XMLNS}><p:nvSpPr><p:cNvPr id="{{id}}" name="Intranet"/>
<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="6400800"/>
<a:ext cx="2743200" cy="369332"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>
<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US"><a:hlinkClick r:id="{{rid}}"/>
</a:rPr><a:t>intranet</a:t></a:r></a:p></p:txBody></p:sp>"""
OLE_LINK = f"""<p:graphicFrame {XMLNS}><p:nvGraphicFramePr><p:cNvPr id="{{id}}" name="Sheet"/>
<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/>
<a:ext cx="457200" cy="457200"/></p:xfrm><a:graphic><a:graphicData
uri="http://schemas.openxmlformats.org/presentationml/2006/ole"><p:oleObj name="Worksheet"
r:id="{{rid}}" imgW="457200" imgH="457200" progId="Excel.Sheet.12"><p:link updateAutomatic="1"/>
</p:oleObj></a:graphicData></a:graphic></p:graphicFrame>"""

# kind -> (part holding it, relationship type, target, shape)
EXTERNAL = {
    "http picture": (LAYOUT, "image", "http://example.com/logo.png", PICTURE),
    "UNC picture": (MASTER, "image", "file://///host/share/x.png", PICTURE),
    "hyperlink": (LAYOUT, "hyperlink", "file:///C:/Users/Public/notes.html", HYPERLINK),
    "OLE link": (MASTER, "oleObject", "file://///host/share/book.xlsx", OLE_LINK),
}


def _link(parts, kind: str, number: int = 0) -> str:
    part, reltype, target, shape = EXTERNAL[kind]
    rid = f"rIdX{number}"
    _relate(parts, part, rid, reltype, target, external=True)
    _add_shape(parts, part, shape.format(id=900 + number, rid=rid))
    return target


def _macro_theme(parts, main_type: str = MACRO_MAIN) -> None:
    """A VBA project with its signature, and an ActiveX button on the slide master."""
    parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + bytes(508)  # an OLE compound file
    parts["ppt/vbaProjectSignature.bin"] = b"signature"
    _relate(parts, "ppt/presentation.xml", "rIdVba", MS_RT + "vbaProject", "vbaProject.bin")
    _relate(parts, "ppt/vbaProject.bin", "rId1", MS_RT + "vbaProjectSignature",
            "vbaProjectSignature.bin")
    parts["ppt/activeX/activeX1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ax:ocx '
        b'xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
        b'xmlns:r="' + R_NS.encode() + b'" ax:classid="{D7053240-CE69-11CD-A777-00DD01143C57}" '
        b'ax:persistence="persistStorage" r:id="rId1"/>')
    parts["ppt/activeX/activeX1.bin"] = b"\xd0\xcf\x11\xe0" + bytes(60)
    _relate(parts, "ppt/activeX/activeX1.xml", "rId1", MS_RT + "activeXControlBinary",
            "activeX1.bin")
    _relate(parts, MASTER, "rIdAx", "control", "../activeX/activeX1.xml")
    _edit(parts, MASTER, lambda root: root.find("p:cSld/p:spTree", NS).addnext(etree.fromstring(
        f'<p:controls {XMLNS}><p:control spid="_x0000_s1025" name="CommandButton1" r:id="rIdAx"'
        ' imgW="914400" imgH="457200"/></p:controls>')))
    for name, kind in (("/ppt/vbaProject.bin", "application/vnd.ms-office.vbaProject"),
                       ("/ppt/vbaProjectSignature.bin",
                        "application/vnd.ms-office.vbaProjectSignature"),
                       ("/ppt/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml"),
                       ("/ppt/activeX/activeX1.bin", "application/vnd.ms-office.activeX"),
                       ("/ppt/presentation.xml", main_type)):
        _content_type(parts, name, kind)


def _zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip archive from raw deflate streams: (name, stream, crc, declared size) each.

    zipfile cannot store an entry that is already compressed, so the headers are
    written here; that keeps a 2 GB entry a 2 MB file made in milliseconds.
    """
    out, central = bytearray(), bytearray()
    for name, stream, crc, size in entries:
        raw = name.encode()
        head = (zipfile.ZIP_DEFLATED, 0, 0x21, crc, len(stream), size, len(raw))
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, *head, 0, 0, 0, 0, 0,
                               len(out)) + raw
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, *head, 0) + raw + stream
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                      len(central), len(out), 0)
    return bytes(out + central + end)


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush(), zlib.crc32(data), len(data)


def _repeated(chunk: bytes, times: int) -> tuple[bytes, int]:
    """A deflate stream of `chunk` repeated, from one compressed block (after a full flush
    the compressor starts afresh, so every block is the same) and its CRC."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    if times * len(chunk) <= 256 * MB:
        for _ in range(times):
            crc = zlib.crc32(chunk, crc)
    # (a larger entry keeps CRC 0: it is refused before a byte of it is read)
    return block * times + comp.flush(), crc


def _bomb(path: Path, extra: list[tuple[str, bytes, int, int]]) -> Path:
    entries = [(name, *_deflated(data)) for name, data in _parts().items()]
    path.write_bytes(_zip(entries + extra))
    return path


def _refusal(theme: Path) -> tuple[RenderError, float, int]:
    """The error open_theme gives, with the seconds and peak Python memory it took."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(RenderError) as caught:
            open_theme(theme)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return caught.value, seconds, peak


# -- reading decks back --------------------------------------------------------------------

def _deck(theme: Path, out: Path) -> Path:
    (built,) = build(SAMPLE, out, ("pptx",), theme)
    return built.path


def _dangling(deck: Path) -> list[str]:
    """Every r:* attribute in an XML part whose id its .rels does not hold."""
    found = []
    with zipfile.ZipFile(deck) as z:
        names = set(z.namelist())
        for name in names:
            if not name.endswith(".xml"):
                continue
            rels = _rels_name(name)
            ids = ({r.get("Id") for r in etree.fromstring(z.read(rels))}
                   if rels in names else set())
            for el in etree.fromstring(z.read(name)).iter():
                for attr, value in el.attrib.items():
                    if attr.startswith(f"{{{R_NS}}}") and value and value not in ids:
                        found.append(f"{name}: {etree.QName(el).localname} {value}")
    return found


def _everything(deck: Path) -> bytes:
    with zipfile.ZipFile(deck) as z:
        return b"\n".join(z.read(name) for name in z.namelist())


def _main_type(deck: Path) -> str:
    with zipfile.ZipFile(deck) as z:
        root = etree.fromstring(z.read("[Content_Types].xml"))
    (main,) = [o.get("ContentType") for o in root.iter(f"{{{CT_NS}}}Override")
               if o.get("PartName") == "/ppt/presentation.xml"]
    return main


# -- macros and templates ------------------------------------------------------------------

@pytest.mark.slow
def test_macro_enabled_theme_builds_a_plain_deck(tmp_path, caplog):
    parts = _parts()
    _macro_theme(parts)
    theme = _save(parts, tmp_path / "macros.pptm")
    assert Presentation(theme).slide_layouts  # python-pptx alone accepts it, macros and all

    with caplog.at_level(logging.WARNING, logger="chapbook"):
        deck = _deck(theme, tmp_path / "out")
    assert "macros removed (ppt/activeX/activeX1.bin" in caplog.text
    assert "ppt/vbaProject.bin" in caplog.text
    with zipfile.ZipFile(deck) as z:
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
        rels = b"".join(z.read(n) for n in names if n.endswith(".rels")).decode()
        master = z.read(MASTER).decode()
    assert not [n for n in names if re.search(r"vbaProject|activeX", n, re.I)]
    assert not re.search(r"macroEnabled|vbaProject|activeX", types, re.I)
    assert not re.search(r"vbaProject|/control\"|activeX", rels)
    assert "p:control " not in master and "rIdAx" not in master
    assert _main_type(deck) == PRESENTATION
    assert _dangling(deck) == []
    assert len(Presentation(deck).slides) > 10


def test_theme_check_accepts_templates_and_reports_removed_macros(tmp_path, capsys):
    parts = _parts()
    _content_type(parts, "/ppt/presentation.xml", TEMPLATE)
    potx = _save(parts, tmp_path / "corporate.potx")
    assert main(["theme-check", str(potx)]) == 0
    assert "usable" in capsys.readouterr().out

    parts = _parts()
    _macro_theme(parts, MACRO_TEMPLATE)
    report = check_theme(_save(parts, tmp_path / "corporate.potm"))
    assert report.usable
    assert [p for p in report.problems if p.startswith("macros removed (")], report.problems
    assert main(["theme-check", str(tmp_path / "corporate.potm")]) == 0
    assert "corporate.potm: warning: macros removed (" in capsys.readouterr().err


@pytest.mark.slow
def test_template_theme_gives_a_presentation(tmp_path):
    parts = _parts()
    _content_type(parts, "/ppt/presentation.xml", TEMPLATE)
    deck = _deck(_save(parts, tmp_path / "corporate.potx"), tmp_path / "out")
    assert _main_type(deck) == PRESENTATION
    assert len(Presentation(deck).slides) > 10


# -- external links ------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(EXTERNAL))
def test_external_links_are_removed_and_named(kind, tmp_path, caplog):
    parts = _parts()
    target = _link(parts, kind)
    theme = _save(parts, tmp_path / "linked.pptx")

    with caplog.at_level(logging.WARNING, logger="chapbook"):
        deck = _deck(theme, tmp_path / "out")
    assert f"external link removed: {target}" in caplog.text
    everything = _everything(deck)
    assert b'TargetMode="External"' not in everything
    assert target.encode() not in everything
    assert _dangling(deck) == []
    assert len(Presentation(deck).slides) > 10


def test_only_what_is_removed_changes(tmp_path):
    from chapbook.deck.sanitize import sanitize_theme

    original = _parts()
    clean = sanitize_theme(THEME)
    assert clean.warnings == ()
    with zipfile.ZipFile(io.BytesIO(clean.data)) as z:
        assert {n: z.read(n) for n in z.namelist()} == original

    parts = _parts()
    targets = [_link(parts, kind, n) for n, kind in enumerate(sorted(EXTERNAL))]
    result = sanitize_theme(_save(parts, tmp_path / "linked.pptx"))
    assert sorted(result.warnings) == sorted(
        f"external link removed: {target} ({EXTERNAL[kind][1]} in "
        f"{EXTERNAL[kind][0].rsplit('/', 1)[1]})"
        for target, kind in zip(targets, sorted(EXTERNAL), strict=True))
    with zipfile.ZipFile(io.BytesIO(result.data)) as z:
        clean_parts = {n: z.read(n) for n in z.namelist()}
    edited = {LAYOUT, MASTER, _rels_name(LAYOUT), _rels_name(MASTER)}
    assert clean_parts.keys() == parts.keys()
    for name in parts.keys() - edited:
        assert clean_parts[name] == parts[name], name
    for name in edited:
        assert clean_parts[name] != parts[name], name


def test_a_linked_picture_goes_but_one_with_an_embedded_copy_stays(tmp_path):
    from chapbook.deck.sanitize import sanitize_theme

    parts = _parts()
    _link(parts, "http picture")  # linked only: nothing would be left to show
    image = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(image, "PNG")
    parts["ppt/media/logo.png"] = image.getvalue()
    _edit(parts, "[Content_Types].xml", lambda root: etree.SubElement(
        root, f"{{{CT_NS}}}Default", Extension="png", ContentType="image/png"))
    _relate(parts, LAYOUT, "rIdEmb", "image", "../media/logo.png")
    _relate(parts, LAYOUT, "rIdLnk", "image", "http://example.com/logo-hires.png", external=True)
    _add_shape(parts, LAYOUT, PICTURE.format(id=950, rid="rIdLnk").replace(
        'r:link="rIdLnk"', 'r:embed="rIdEmb" r:link="rIdLnk"'))

    clean = sanitize_theme(_save(parts, tmp_path / "pictures.pptx"))
    with zipfile.ZipFile(io.BytesIO(clean.data)) as z:
        layout = etree.fromstring(z.read(LAYOUT))
        assert z.read("ppt/media/logo.png") == parts["ppt/media/logo.png"]
    (kept,) = layout.iterfind(".//p:pic", NS)
    assert kept.find("p:nvPicPr/p:cNvPr", NS).get("id") == "950"
    (blip,) = kept.iterfind(".//a:blip", NS)
    assert dict(blip.attrib) == {f"{{{R_NS}}}embed": "rIdEmb"}


def test_a_target_cannot_forge_lines_in_the_warnings(tmp_path):
    from chapbook.deck.sanitize import sanitize_theme

    parts = _parts()
    forged = "http://x/\nchapbook: error: forged\x7f\u202e" + "a" * 200  # XML allows these
    _relate(parts, LAYOUT, "rIdEsc", "hyperlink", forged, external=True)
    (warning,) = sanitize_theme(_save(parts, tmp_path / "t.pptx")).warnings
    assert warning.isprintable() and len(warning) < 160, warning


# -- zip bombs and unsafe archives ---------------------------------------------------------

def _many_parts() -> list[tuple[str, bytes, int, int]]:
    """Five 45 MB parts, each compressed a plausible 48:1: 225 MB in all."""
    chunk = random.Random(0).randbytes(20 * 1024) + bytes(MB - 20 * 1024)
    stream, crc = _repeated(chunk, 45)
    return [(f"ppt/media/image{n}.png", stream, crc, 45 * MB) for n in range(5)]


BOMBS = {
    # 2 GB of zeros in a 2 MB file
    "a 2 GB part": lambda: [("ppt/media/image1.png", *_repeated(bytes(MB), 2048), 2048 * MB)],
    # 40 MB in 40 KB: under the size cap, over the ratio cap
    "a 1000:1 part": lambda: [("ppt/media/image1.png", *_repeated(bytes(MB), 40), 40 * MB)],
    "225 MB in all": _many_parts,
    "3000 entries": lambda: [(f"ppt/media/i{n}.bin", *_deflated(b"x")) for n in range(3000)],
}


@pytest.mark.parametrize("case", BOMBS)
def test_zip_bombs_are_refused_early(case, tmp_path):
    theme = _bomb(tmp_path / "bomb.pptx", BOMBS[case]())
    assert theme.stat().st_size < 6 * MB
    error, seconds, peak = _refusal(theme)
    message = str(error)
    assert message.startswith(f"{theme}: ") and "\n" not in message
    expected = {"a 2 GB part": r"ppt/media/image1\.png unpacks to 2048 MB, more than 50 MB",
                "a 1000:1 part": r"ppt/media/image1\.png is compressed \d+:1",
                "225 MB in all": r"unpacks to 225 MB in all, more than 200 MB",
                "3000 entries": r"has 3\d\d\d entries, more than 2000"}[case]
    assert re.search(expected, message), message
    assert seconds < 5
    assert peak < 8 * MB, f"{peak / MB:.1f} MB"


def test_an_entry_that_unpacks_to_more_than_it_declares_is_refused(tmp_path):
    stream, _crc = _repeated(bytes(MB), 300)  # 300 MB that say they are 1 KB
    theme = _bomb(tmp_path / "liar.pptx", [("ppt/media/image1.png", stream, 0, 1024)])
    error, _seconds, peak = _refusal(theme)
    assert "ppt/media/image1.png" in str(error) and "damaged" in str(error)
    assert peak < 8 * MB


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/evil.xml", "ppt/../../evil.xml",
                                  "ppt\\..\\..\\evil.xml", "C:/evil.xml", "ppt//evil.xml",
                                  "ppt/evil\nchapbook: error: forged.xml"])
def test_unsafe_entry_names_are_refused(name, tmp_path):
    parts = _parts()
    parts[name] = b"<x/>"
    theme = _save(parts, tmp_path / "unsafe.pptx")
    with pytest.raises(RenderError, match=r"unsafe name") as caught:
        open_theme(theme)
    assert repr(name)[1:-1] in str(caught.value)


@pytest.mark.parametrize("twin", ["ppt/presentation.xml", "PPT/Presentation.XML"])
def test_duplicate_entries_are_refused(twin, tmp_path):
    parts = _parts()
    theme = _save(parts, tmp_path / "twins.pptx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about a duplicate name, rightly
        with zipfile.ZipFile(theme, "a") as z:
            z.writestr(twin, parts["ppt/presentation.xml"])
    with pytest.raises(RenderError, match="two entries named"):
        open_theme(theme)


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    theme = tmp_path / "theme.pptx"
    theme.write_bytes(b"%PDF-1.7\n" + bytes(100))
    with pytest.raises(RenderError, match=r"not a PowerPoint file \(not a zip archive\)"):
        open_theme(theme)


# -- missing parts -------------------------------------------------------------------------

def _without(name: str):
    def change(parts):
        del parts[name]
    return change


def _unlisted_master(parts):
    _edit(parts, "ppt/presentation.xml",
          lambda root: root.find("p:sldMasterIdLst/p:sldMasterId", NS).set(f"{{{R_NS}}}id", "rId9"))


MISSING = {
    "master": (_without(MASTER), f"{MASTER} is not in the file (missing slide master)"),
    "layout": (_without("ppt/slideLayouts/slideLayout3.xml"),
               "ppt/slideLayouts/slideLayout3.xml is not in the file (missing slide layout)"),
    "theme": (_without("ppt/theme/theme1.xml"),
              "ppt/theme/theme1.xml is not in the file (missing theme)"),
    "master id": (_unlisted_master, "ppt/presentation.xml lists slide master rId9 but has no "
                                    "such relationship (missing slide master)"),
}


@pytest.mark.parametrize("case", MISSING)
def test_a_missing_part_is_named_in_one_line(case, tmp_path):
    change, expected = MISSING[case]
    parts = _parts()
    change(parts)
    theme = _save(parts, tmp_path / "theme.pptx")
    with pytest.raises(RenderError) as caught:
        open_theme(theme)
    assert str(caught.value) == f"{theme}: {expected}"
    assert main(["theme-check", str(theme)]) == 1


# -- a real client -------------------------------------------------------------------------

@pytest.mark.slow
def test_libreoffice_renders_a_deck_built_on_a_hostile_theme(tmp_path):
    soffice = require_program("soffice")
    parts = _parts()
    _macro_theme(parts)
    for n, kind in enumerate(sorted(EXTERNAL)):
        _link(parts, kind, n)
    deck = _deck(_save(parts, tmp_path / "hostile.pptm"), tmp_path / "out")
    assert _main_type(deck) == PRESENTATION
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True, capture_output=True, timeout=180,
    )
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / (deck.stem + ".pdf")).pages) == len(Presentation(deck).slides)
