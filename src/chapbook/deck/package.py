"""The .pptx as a file: core properties, and saving it reproducibly.

python-pptx stamps zip entries and embedded workbooks with the wall clock;
every date here is the build time (`SOURCE_DATE_EPOCH` when set), so two
builds of one lecture are byte-identical.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from chapbook.deck.pptx_xml import package_entries
from chapbook.output import build_time
from chapbook.plan.schema import DeckPlan

_XML_BAD = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text XML can hold: control characters dropped, but \\v (a line break in python-pptx)."""
    return _XML_BAD.sub("", text)


def save_pptx(prs, target: Path) -> Path:
    """Save a composed deck to `target` (callers make that path atomic).

    The entries python-pptx would write are zipped once, each stamped with the build
    time (`SOURCE_DATE_EPOCH` when set), so two builds of one lecture are identical.
    """
    with open(target, "wb") as out:
        out.write(_stamped_zip(package_entries(prs)))
    return target


def _stamped_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of (name, contents) with every entry dated the build time, embedded
    workbooks too.

    A chart's workbook (an .xlsx inside the .pptx) records when it was made in its
    own core properties; those dates are set to the build time as well.
    """
    when = build_time()
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    out_buffer = io.BytesIO()
    with zipfile.ZipFile(out_buffer, "w") as out:
        for name, body in entries:
            if name.endswith(".xlsx"):
                body = _stamped_zip(_zip_entries(body))
            elif name == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)",
                              rb"\g<1>" + iso.encode() + rb"\2", body)
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            out.writestr(entry, body)
    return out_buffer.getvalue()


def _zip_entries(data: bytes) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for info in source.infolist():
            yield info.filename, source.read(info.filename)


def set_core_properties(prs, plan: DeckPlan) -> None:
    props = prs.core_properties
    props.title = xml_text(plan.title)[:255]
    props.author = xml_text(plan.author)[:255]
    props.subject = xml_text(plan.subject)[:255]
    props.keywords = xml_text(plan.keywords)[:255]
    props.language = plan.lang
    props.last_modified_by = "chapbook"
    props.comments = ""
    props.revision = 1
    stamp = build_time().replace(tzinfo=None)
    props.created = stamp
    props.modified = stamp
