"""A warm process (a watching one, a worker of a course build) keeps fonts and parsed
stylesheets from one document to the next: the outputs stay the same to the byte, a
stylesheet is parsed again when a file it read changed, and one document never gets,
through another's, a file its own folder does not hold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import BUNDLED, FIXTURES

from chapbook import warm
from chapbook.errors import RenderError

pytestmark = pytest.mark.slow  # lays documents out


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Each stylesheet parse WeasyPrint makes (chapbook answers the others)."""
    import weasyprint.css as css

    made: list[str] = []
    find = css.find_stylesheets

    def counted(wrapper_element, *args):
        made.append(wrapper_element.etree_element.tag)
        yield from find(wrapper_element, *args)

    monkeypatch.setattr(css, "find_stylesheets", counted)
    return made


def test_a_course_built_warm_parses_the_stylesheet_once_and_writes_the_same_bytes(
        tmp_path, monkeypatch, parses):
    from chapbook.build import build, build_many

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folders = []
    for name in ("one", "two"):
        shutil.copytree(FIXTURES / "minimal", tmp_path / name)
        folders.append(tmp_path / name)
    done = list(build_many(folders, tmp_path / "warm", ("pdf",), workers=1))
    assert [d.error for d in done] == [None, None]
    assert len(parses) == 1  # the first lecture's; the second is served it
    build(folders[1], tmp_path / "cold", ("pdf",), workers=1)
    assert len(parses) == 2
    assert (tmp_path / "warm" / "two.pdf").read_bytes() == \
        (tmp_path / "cold" / "two.pdf").read_bytes()


def _lay_out(style: str, folder: Path, roots: list[Path]):
    """A page styled by `style`, its URLs relative to the folder `roots` share last (as
    every booklet's are to the bundled templates)."""
    from chapbook.weasy import Joined, layout_html

    html = f"<html><head><style>{style}</style></head><body><p>Text</p></body></html>"
    return layout_html(html, roots[-1] / "page.html", [folder, *roots], None, roots[-1:],
                       "booklet", "laying out", joined=Joined())


def test_a_stylesheet_is_parsed_again_when_a_file_it_imported_changed(tmp_path, parses):
    imported = tmp_path / "extra.css"
    imported.write_text("@page { size: 100mm 100mm }")
    style = f'@import url("{imported.as_uri()}");'
    with warm.kept():
        widths = [_lay_out(style, tmp_path, [tmp_path]).pages[0].width for _ in range(2)]
        assert len(parses) == 1 and widths[0] == widths[1]
        imported.write_text("@page { size: 150mm 100mm }")
        widths.append(_lay_out(style, tmp_path, [tmp_path]).pages[0].width)
    assert len(parses) == 2
    assert widths[2] == pytest.approx(widths[0] * 1.5)


def test_a_stylesheet_is_not_served_to_a_document_whose_folder_lacks_its_files(tmp_path):
    first, second, shared = tmp_path / "first", tmp_path / "second", tmp_path / "shared"
    for folder in (first, second, shared):
        folder.mkdir()
    (first / "extra.css").write_text("p { color: red }")
    style = f'@import url("{(first / "extra.css").as_uri()}");'
    with warm.kept():
        _lay_out(style, first, [shared])
        with pytest.raises(RenderError, match="outside the lecture"):
            _lay_out(style, second, [shared])


def test_a_font_face_is_not_lent_to_a_document_whose_folder_lacks_its_file(tmp_path):
    first, second, shared = tmp_path / "first", tmp_path / "second", tmp_path / "shared"
    for folder in (first, second, shared):
        folder.mkdir()
    font = next((BUNDLED / "booklet" / "fonts").glob("*.ttf"))
    shutil.copy(font, first / "face.ttf")
    style = ('@font-face { font-family: "Lent"; src: url("'
             f'{(first / "face.ttf").as_uri()}") }} p {{ font-family: Lent }}')
    with warm.kept():
        _lay_out(style, first, [shared])
        _lay_out(style, first, [shared])  # served from what the first kept
        with pytest.raises(RenderError, match="outside the lecture"):
            _lay_out(style + " ", second, [shared])  # parsed anew: the face is known


def test_what_was_kept_goes_when_the_block_ends(tmp_path):
    from chapbook.weasy import Joined, warm_state

    assert warm_state() is None
    with warm.kept():
        kept = warm_state()
        assert kept is not None and Joined().fonts is kept.fonts
        with warm.kept():
            assert warm_state() is kept
    assert warm_state() is None
    assert Joined().fonts is not kept.fonts


def _fonts_of(document) -> set[str]:
    import io

    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(document.write_pdf()))
    return {str(font.get_object()["/BaseFont"]) for page in pdf.pages
            for font in page["/Resources"].get("/Font", {}).values()}


def test_a_face_a_forked_process_added_is_added_here_too(tmp_path):
    """WeasyPrint skips a face whose file its folder holds: a process forked from a warm
    one (a worker of `chapbook watch`) writes the faces it adds into a folder of its own,
    so this process still adds such a face itself, and sets its text in it."""
    import os

    from chapbook.output import private_tempdir

    for name in ("IBMPlexMono-Regular.ttf", "IBMPlexMono-Bold.ttf"):
        shutil.copy(BUNDLED / "booklet" / "fonts" / name, tmp_path / name)

    def face(family: str, name: str) -> str:
        return (f'@font-face {{ font-family: "{family}"; src: url("'
                f'{(tmp_path / name).as_uri()}") }} p {{ font-family: {family} }}')

    later = face("Later", "IBMPlexMono-Bold.ttf")
    with private_tempdir(), warm.kept():
        _lay_out(face("First", "IBMPlexMono-Regular.ttf"), tmp_path, [tmp_path])
        pid = os.fork()
        if pid == 0:  # a worker that adds the later face first
            try:
                _lay_out(later, tmp_path, [tmp_path])
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        fonts = _fonts_of(_lay_out(later, tmp_path, [tmp_path]))
    assert [font.split("+")[-1] for font in fonts] == ["Later-Bold"]


def _kept_layout(style: str, folder: Path):
    from chapbook.weasy import Joined, layout_html

    html = f"<html><head><style>{style}</style></head><body><p>Text</p></body></html>"
    return layout_html(html, folder / "page.html", [folder], None, [folder], "booklet",
                       "laying out", joined=Joined(), keep=True)


def test_a_watching_process_serves_a_kept_document_while_its_files_are_unchanged(tmp_path):
    from chapbook.output import private_tempdir
    from chapbook.weasy import shared_fonts

    imported = tmp_path / "extra.css"
    imported.write_text("@page { size: 100mm 100mm }")
    style = f'@import url("{imported.as_uri()}");'
    with private_tempdir(), shared_fonts():
        first = _kept_layout(style, tmp_path)
        assert _kept_layout(style, tmp_path) is first
        assert _kept_layout(style + " ", tmp_path) is not first  # other HTML
        imported.write_text("@page { size: 150mm 100mm }")
        changed = _kept_layout(style, tmp_path)
        assert changed is not first
        assert changed.pages[0].width == pytest.approx(first.pages[0].width * 1.5)
    with warm.kept():  # a course's worker: nothing kept
        assert _kept_layout(style, tmp_path) is not _kept_layout(style, tmp_path)


def test_a_kept_document_warns_again(tmp_path, caplog):
    from chapbook.output import private_tempdir
    from chapbook.weasy import shared_fonts

    style = "p { color: nocolour }"  # WeasyPrint ignores it, with a warning
    with private_tempdir(), shared_fonts():
        said = []
        for _ in range(2):
            caplog.clear()
            _kept_layout(style, tmp_path)
            said.append([r.getMessage() for r in caplog.records if "nocolour" in r.getMessage()])
    assert said[0] and said[1] == said[0]
