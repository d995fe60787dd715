"""Parts joined as one tagged PDF, a part added after the others or ahead of them: the
pages, the structure tree and the bookmarks come in page order either way."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pdftools import page_texts

import chapbook.weasy  # noqa: F401  (WeasyPrint, patched)
from chapbook.booklet.join import Joining


def _part(name: str, pages: int) -> bytes:
    """A tagged PDF of `pages` pages, each a heading (a bookmark) and a paragraph."""
    from weasyprint import HTML

    body = "".join(f'<h1 id="{name}-{n}" style="break-before: page">{name} {n}</h1>'
                   f"<p>Text of {name} {n}.</p>" for n in range(pages))
    html = f'<html lang="en"><head><title>Joined</title></head><body>{body}</body></html>'
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


@pytest.fixture(scope="module")
def parts() -> dict[str, bytes]:
    return {"front": _part("front", 2), "first": _part("first", 3), "second": _part("second", 2)}


def _joined(parts: dict[str, bytes], order: list[tuple[str, bool]], tmp_path) -> pikepdf.Pdf:
    joining = Joining()
    for name, ahead in order:
        joining.add(parts[name], ahead=ahead)
    path = tmp_path / "joined.pdf"
    path.write_bytes(joining.pdf())
    return path


def _headings(path) -> list[str]:
    return [line for text in page_texts(path) for line in text.splitlines()
            if line.split(" ")[0] in ("front", "first", "second") and "Text" not in line]


def _outline(pdf: pikepdf.Pdf) -> list[tuple[str, int]]:
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    with pdf.open_outline() as outline:
        return [(item.title, index[item.destination[0].objgen]) for item in outline.root]


def _tagged_text(pdf: pikepdf.Pdf) -> list[str]:
    """The headings' structure elements in the document's order, by their page."""
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    found = []
    for element in pdf.Root.StructTreeRoot.K[0].K:
        if str(element.S) == "/H1":
            found.append(index[element.Pg.objgen])
    return found


@pytest.mark.parametrize("order", [
    [("front", False), ("first", False), ("second", False)],
    [("first", False), ("front", True), ("second", False)],
    [("first", False), ("second", False), ("front", True)],
], ids=["in order", "contents ahead, then the rest", "contents ahead, last"])
def test_a_part_ahead_comes_first(parts, order, tmp_path):
    path = _joined(parts, order, tmp_path)
    expected = [f"{name} {n}" for name, count in (("front", 2), ("first", 3), ("second", 2))
                for n in range(count)]
    assert _headings(path) == expected
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) == 7
        assert _outline(pdf) == [(title, page) for page, title in enumerate(expected)]
        assert _tagged_text(pdf) == list(range(7))
        keys = [int(k) for k in pdf.Root.StructTreeRoot.ParentTree.Nums[::2]]
        assert keys == sorted(keys) and len(set(keys)) == len(keys)
        parents = sorted(int(page.obj.StructParents) for page in pdf.pages)
        assert set(parents) <= set(keys)
        assert int(pdf.Root.StructTreeRoot.ParentTreeNextKey) > max(keys)


def test_the_joined_pdf_opens_again(parts, tmp_path):
    path = _joined(parts, [("first", False), ("front", True)], tmp_path)
    with pikepdf.open(io.BytesIO(path.read_bytes())) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert str(pdf.Root.Lang) == "en" and pdf.Root.MarkInfo.Marked
