"""The EPUB as a file: the package document (templates/epub/package.opf.j2) and the zip.

The OCF container wants `mimetype` first, stored uncompressed with no extra field;
every entry is dated the build time (`SOURCE_DATE_EPOCH` when set) and written in a
fixed order, so two builds of one lecture are byte-identical. The identifier is a
UUID made from the lecture's slug and title: the same book keeps it from build to build.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass

from lxml import etree

from chapbook.errors import TemplateError
from chapbook.model.document import Lecture
from chapbook.output import build_time

FOLDER = "EPUB"  # the book's files, beside META-INF/
PACKAGE = "package.opf"
CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    f'  <rootfiles><rootfile full-path="{FOLDER}/{PACKAGE}" '
    'media-type="application/oebps-package+xml"/></rootfiles>\n'
    "</container>\n"
)


@dataclass(frozen=True)
class Item:
    """One file of the book, as the manifest lists it."""

    id: str
    href: str
    media_type: str
    data: bytes
    properties: str = ""
    in_spine: bool = False


def identifier(lecture: Lecture) -> str:
    """A stable `urn:uuid:` for the lecture: from its slug and title, never the clock."""
    return uuid.uuid5(uuid.NAMESPACE_URL,
                      f"chapbook:{lecture.slug}:{lecture.meta.title}").urn


def package_document(lecture: Lecture, labels: dict[str, str], items: list[Item], draw,
                     *, dir: str, visual: bool) -> bytes:
    """The package document, checked to be well-formed XML (a lecture may override it)."""
    text = draw(PACKAGE + ".j2", lecture=lecture, labels=labels, dir=dir, visual=visual,
                identifier=identifier(lecture),
                modified=build_time().strftime("%Y-%m-%dT%H:%M:%SZ"),
                items=[{"id": i.id, "href": i.href, "media_type": i.media_type,
                        "properties": i.properties} for i in items],
                spine=[i.id for i in items if i.in_spine]).strip()
    data = text.encode("utf-8")
    try:
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"{PACKAGE}.j2 does not give well-formed XML: {exc}") from None
    return data


def epub_zip(items: list[Item], package: bytes) -> bytes:
    """The OCF container: `mimetype` first and stored, then everything else deflated."""
    stamp = max(build_time().timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        def add(name: str, data: bytes, compress: int = zipfile.ZIP_DEFLATED) -> None:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = compress
            entry.external_attr = 0o644 << 16
            entry.create_system = 3  # Unix, whatever machine builds it
            out.writestr(entry, data)

        add("mimetype", b"application/epub+zip", zipfile.ZIP_STORED)
        add("META-INF/container.xml", CONTAINER.encode("utf-8"))
        add(f"{FOLDER}/{PACKAGE}", package)
        for item in items:
            add(f"{FOLDER}/{item.href}", item.data)
    return buffer.getvalue()
