"""Tagged PDFs written by WeasyPrint, joined into one as if written together.

A long booklet is laid out in parts, each written by the process that laid it out
(laid-out pages cannot leave their process). Joined, the parts keep what a reader
and a screen reader use: one structure tree (each part's elements under one
`Document`, the parent tree's keys renumbered), the named destinations links go
to, and the bookmarks in order. A part that links to another part's element links
to the address `PART_LINK` + its id, written as a link out of the PDF; here it is
made a link to the element's named destination, as WeasyPrint writes a link within a
document.
"""

from __future__ import annotations

import io
import warnings
from urllib.parse import unquote

PART_LINK = "chapbook-part:"  # an address: the element with this id, in another part


class Joining:
    """The parts' pages in order, as one tagged PDF with the first part's catalogue and
    metadata (title, language, PDF/UA identification; the parts of one booklet share
    them). Made a part at a time (`add`, in page order, or `ahead` of all added so far):
    a part is merged as soon as it is written, while the parts after it are still being
    laid out or written elsewhere."""

    def __init__(self) -> None:
        self.joined = None
        self.sources: list = []  # open until the join is written: qpdf copies lazily
        self.dests: dict[str, object] = {}

    def add(self, part: bytes, *, ahead: bool = False) -> None:
        """A part as written, after those added before (`ahead`: before them, as the
        contents, made last, come first)."""
        import pikepdf

        source = pikepdf.Pdf.open(io.BytesIO(part))
        self.sources.append(source)
        for page in source.pages:
            _links_within(page.obj)
        if self.joined is None:
            self.joined = source
            tree = source.Root.StructTreeRoot
            self.document, self.nums = tree.K[0], tree.ParentTree.Nums
            self.next_key = _next_key(self.nums)
            self.dests = _dests(source)
            return
        joined = self.joined
        first = 0 if ahead else len(joined.pages)
        with warnings.catch_warnings():  # named destinations are carried below
            warnings.simplefilter("ignore")
            if ahead:
                for at, page in enumerate(source.pages):
                    joined.pages.insert(at, page)
            else:
                joined.pages.extend(source.pages)
        for page in joined.pages[first:first + len(source.pages)]:
            _shift(page.obj, "/StructParents", self.next_key)
            for annotation in page.obj.get("/Annots", ()):
                _shift(annotation, "/StructParent", self.next_key)
        self.next_key = _join_tree(joined, source, self.document, self.nums, self.next_key,
                                   ahead)
        self.dests.update(_dests(source, joined))
        _join_outlines(joined, source, ahead)

    def pdf(self) -> bytes:
        """The parts added so far, joined and written."""
        import pikepdf

        joined = self.joined
        joined.Root.StructTreeRoot.ParentTreeNextKey = self.next_key
        _set_dests(joined, self.dests)
        out = io.BytesIO()
        joined.save(out, deterministic_id=True, fix_metadata_version=False,
                    object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _next_key(nums) -> int:
    return max((int(nums[i]) for i in range(0, len(nums), 2)), default=-1) + 1


def _shift(obj, key: str, by: int) -> None:
    if key in obj:
        obj[key] = int(obj[key]) + by


def _join_tree(joined, source, document, nums, offset: int, ahead: bool = False) -> int:
    """Move `source`'s top structure elements under `document` (after its own, or
    `ahead` of them), its parent tree's keys after `offset`; returns the next free key."""
    tree = source.Root.StructTreeRoot
    for at, kid in enumerate(tree.K[0].K):
        del kid["/P"]  # else the copy would bring the source's document element along
        copy = joined.copy_foreign(kid)
        copy.P = document
        if ahead:
            document.K.insert(at, copy)
        else:
            document.K.append(copy)
    copied = joined.copy_foreign(tree.ParentTree).Nums
    for i in range(0, len(copied), 2):
        nums.append(int(copied[i]) + offset)
        nums.append(copied[i + 1])
    return offset + _next_key(copied)


def _links_within(page) -> None:
    """The page's links to `PART_LINK` addresses made links to named destinations, as
    WeasyPrint writes them (a tagged PDF's links carry their target as `Contents`)."""
    import pikepdf

    for annotation in page.get("/Annots", ()):
        action = annotation.get("/A")
        if action is None or action.get("/S") != pikepdf.Name.URI:
            continue
        address = str(action.URI)
        if not address.startswith(PART_LINK):
            continue
        name = pikepdf.String(unquote(address[len(PART_LINK):]))
        del annotation["/A"]
        annotation.Dest = name
        if "/Contents" in annotation:
            annotation.Contents = name


def _dests(source, joined=None) -> dict[str, object]:
    """A part's named destinations (copied into `joined` if given)."""
    if "/Names" not in source.Root or "/Dests" not in source.Root.Names:
        return {}
    names = source.Root.Names.Dests.get("/Names")
    if names is None:  # WeasyPrint writes one flat array
        raise ValueError("a part's named destinations are not one flat array")
    if joined is not None:
        names = joined.copy_foreign(source.make_indirect(names))
    return {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}


def _set_dests(joined, dests: dict[str, object]) -> None:
    import pikepdf

    if not dests:
        return
    flat = pikepdf.Array()
    for name in sorted(dests):  # a name tree is sorted
        flat.append(pikepdf.String(name))
        flat.append(dests[name])
    if "/Names" not in joined.Root:
        joined.Root.Names = pikepdf.Dictionary()
    joined.Root.Names.Dests = pikepdf.Dictionary(Names=flat)


def _join_outlines(joined, source, ahead: bool = False) -> None:
    """Put `source`'s bookmarks after `joined`'s (or `ahead` of them), at the same level."""
    if "/Outlines" not in source.Root or "/First" not in source.Root.Outlines:
        return
    theirs = joined.copy_foreign(source.Root.Outlines)
    if "/Outlines" not in joined.Root or "/First" not in joined.Root.Outlines:
        joined.Root.Outlines = theirs
        return
    ours = joined.Root.Outlines
    item = theirs.First
    while True:
        item.Parent = ours
        if "/Next" not in item:
            break
        item = item.Next
    if ahead:
        theirs.Last.Next = ours.First
        ours.First.Prev = theirs.Last
        ours.First = theirs.First
    else:
        ours.Last.Next = theirs.First
        theirs.First.Prev = ours.Last
        ours.Last = theirs.Last
    ours.Count = int(ours.get("/Count", 0)) + int(theirs.get("/Count", 0))
