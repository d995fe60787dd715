"""The footnotes waiting to be placed, counted beside WeasyPrint's list: the same PDF."""

from __future__ import annotations

import random

import pytest

import chapbook.weasy  # noqa: F401  (WeasyPrint, patched)
from chapbook.weasy_footnotes import WaitingFootnotes

NOTE = ("<span class='fn'>Note {n}: a footnote long enough to take two lines at the foot "
        "of this small page, so that a page's notes run out of room.</span>")
HTML = """<!doctype html><html lang="en"><head><style>
@page { size: 100mm 90mm; margin: 10mm; @bottom-center { content: counter(page) " / "
  counter(pages) } }
body { font: 10pt/1.3 serif }
.fn { float: footnote }
.line { footnote-policy: line }
</style></head><body>
""" + "\n".join(
    f"<p{' class=line' if n % 3 == 0 else ''}>Paragraph {n} says something"
    f"{NOTE.format(n=n)} and goes on for a while, then cites again"
    f"{NOTE.format(n=f'{n}b')} before it ends.</p>" for n in range(1, 13)) + "</body></html>"


def _context_class():
    from weasyprint.layout import LayoutContext

    return LayoutContext


def _pdf() -> bytes:
    from weasyprint import HTML as Html

    return Html(string=HTML).render().write_pdf()


def test_a_layout_counts_its_waiting_footnotes(monkeypatch):
    """Through the second pass too, which the total of pages asks for (the list is copied
    for it)."""
    import weasyprint.document as document
    from weasyprint import HTML as Html

    contexts = []
    layout = document.layout_document

    def layout_document(html, root_box, context, *args, **kwargs):
        contexts.append(context)
        return layout(html, root_box, context, *args, **kwargs)

    monkeypatch.setattr(document, "layout_document", layout_document)
    copies = []
    copy = WaitingFootnotes.copy

    def copied(self):
        copies.append(self)
        return copy(self)

    monkeypatch.setattr(WaitingFootnotes, "copy", copied)
    pages = Html(string=HTML).render().pages
    assert len(pages) > 4  # notes carried over to later pages
    assert copies  # laid out again for the total
    (context,) = contexts
    assert type(context.footnotes) is WaitingFootnotes
    assert not context.footnotes  # every footnote placed


def test_the_pdf_is_weasyprints_own(monkeypatch):
    ours = _pdf()
    context = _context_class()
    monkeypatch.setattr(context, "__init__", context.__init__._chapbook_original)
    assert ours == _pdf()


@pytest.mark.parametrize("seed", range(5))
def test_it_answers_as_a_list_through_every_change(seed: int):
    rng = random.Random(seed)
    items = [object() for _ in range(6)]
    plain: list = []
    counted = WaitingFootnotes()
    changes = [
        lambda x: x.append(rng.choice(items)),
        lambda x: x.remove(x[rng.randrange(len(x))]) if x else None,
        lambda x: x.insert(rng.randrange(len(x) + 1), rng.choice(items)),
        lambda x: x.pop(rng.randrange(len(x))) if x else None,
        lambda x: x.extend(rng.sample(items, 2)),
        lambda x: x.__iadd__([rng.choice(items)]),
        lambda x: x.__setitem__(rng.randrange(len(x)), rng.choice(items)) if x else None,
        lambda x: x.__delitem__(slice(0, rng.randrange(len(x) + 1))),
        lambda x: x.__imul__(rng.choice((0, 1, 2))) if len(x) < 20 else None,
        lambda x: x.clear() if rng.random() < 0.1 else None,
    ]
    for _ in range(300):
        change = rng.choice(changes)
        state = rng.getstate()
        change(plain)
        rng.setstate(state)
        change(counted)
        assert list(counted) == plain
        assert [item in counted for item in (*items, None)] == [
            item in plain for item in (*items, None)]
        copy = counted.copy()
        assert type(copy) is WaitingFootnotes and list(copy) == plain
