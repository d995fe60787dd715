"""HTML slides, the file: built with `--format html` and read back.

One self-contained page (pictures and fonts inside, a Content-Security-Policy that lets
only the bundled script run), the deck's text sizes, pictures only from inside the
lecture folder, a lecture's stylesheet but never its script, the theme's colours,
fonts and boxes, byte-identical rebuilds. The browser tests are in
test_slides_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lectures import make_image, write_lecture
from PIL import Image
from slidedecks import CODE

from chapbook.build import build
from chapbook.cli import main
from chapbook.deck import theme_look
from chapbook.errors import RenderError
from chapbook.slides.assets import picture_uri
from chapbook.slides.theme import theme_properties
from chapbook.templates import bundled_templates

THEME = bundled_templates() / "deck" / "theme.pptx"


@pytest.fixture(scope="module")
def decks(slide_decks):
    return slide_decks


# --- the file itself ------------------------------------------------------------------


def test_one_self_contained_file(decks):
    doc = lxml.html.document_fromstring(decks["pictures"].html)
    assert not doc.xpath("//link | //script[@src] | //iframe | //object | //embed | //base")
    sources = doc.xpath("//@src")
    assert {s.split(";")[0] for s in sources} == {"data:image/png", "data:image/svg+xml"}
    for deck in decks.values():
        assert not re.search(r"(?:src|href)=\"(?!data:|#|https?://|mailto:)", deck.html)
        assert "file:" not in deck.html
    [csp] = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1]
    [script] = doc.xpath("//script")
    digest = base64.b64encode(hashlib.sha256(script.text.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp  # exactly this script may run, nothing else


def test_fonts_embedded_renamed_and_subset(decks):
    html = decks["sample"].html
    faces = re.findall(r'@font-face \{ font-family: "([^"]+)"; font-weight: (\d+); '
                       r"font-style: (\w+);[^}]*src: url\(data:font/woff;base64,([^)]+)\)", html)
    assert {(f, w, s) for f, w, s, _ in faces} >= {("chapbook Sans", "400", "normal"),
                                                   ("chapbook Sans", "700", "normal")}
    # The OFL reserves "Carlito" to the unmodified font: a subset goes by another name.
    assert not any("carlito" in f.casefold() for f, *_ in faces)
    assert all(len(data) < 60_000 for *_, data in faces)  # subsets, not 600 KB fonts
    assert '--body-font: "Calibri", "chapbook Sans", sans-serif' in html
    mono = '@font-face { font-family: "chapbook Mono"'
    assert mono in decks["code"].html and mono not in html  # only where code is shown


def test_text_sizes_are_the_decks(decks):
    for deck in decks.values():
        doc = lxml.html.document_fromstring(deck.html)
        sections = doc.xpath("//main/section")
        assert len(sections) == len(deck.plan.slides)
        for section, slide in zip(sections, deck.plan.slides, strict=True):
            if slide.fit.size and slide.layout not in ("title", "section"):
                assert f"--size: {slide.fit.size:.1f}pt;" in section.get("style")


@pytest.mark.parametrize("src", ["../outside.png", "figures/../../outside.png", "/etc/hostname",
                                 "figures/missing.png", "figures/link.png", ""])
def test_pictures_from_outside_the_lecture_are_refused(tmp_path, src):
    folder = tmp_path / "lecture"
    make_image(folder / "figures" / "red.png")
    make_image(tmp_path / "outside.png")
    (folder / "figures" / "link.png").symlink_to(tmp_path / "outside.png")
    assert picture_uri("figures/red.png", folder).startswith("data:image/png;base64,")
    with pytest.raises(RenderError):
        picture_uri(src, folder)


def test_large_pictures_are_scaled_down_and_bmp_becomes_png(tmp_path):
    make_image(tmp_path / "big.png", (5000, 1000))
    make_image(tmp_path / "old.bmp", (60, 40))
    big = picture_uri("big.png", tmp_path)
    image = Image.open(io.BytesIO(base64.b64decode(big.split(",", 1)[1])))
    assert image.size == (2560, 512)
    assert picture_uri("old.bmp", tmp_path).startswith("data:image/png;base64,")


def test_a_lecture_may_restyle_its_slides_but_never_script_them(tmp_path, capsys):
    folder = write_lecture(tmp_path, CODE, "own")
    own = folder / "templates" / "slides"
    own.mkdir(parents=True)
    (own / "slides.css").write_text(".slide { outline: 7px dotted lime; }\n")
    (own / "slides.js").write_text("document.title = 'owned';\n")
    (own / "slides.html.j2").write_text("<script>document.title = 'owned'</script>\n")
    html = build(folder, tmp_path / "out", ("html",))[0].path.read_text()
    assert "7px dotted lime" in html and "owned" not in html
    assert (bundled_templates() / "slides" / "slides.js").read_text() in html
    (own / "slides.css").write_text(".slide {\n  background: url(https://example.org/x.png);\n}\n")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--format", "html"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{own / 'slides.css'}:2: ") and err.count("\n") == 1


@pytest.mark.parametrize("macro", [
    "<script>alert(1)</script>",
    '<p onclick="alert(1)">x</p>',
    '<img src="https://example.org/x.png" alt="">',
    '<p style="background: url(//example.org/x.png)">x</p>',
    '<meta http-equiv="refresh" content="0; url=https://example.org/">',
    '<a href="javascript:alert(1)">x</a>',
])
def test_slide_macros_of_a_lecture_may_not_script_or_load(tmp_path, capsys, macro):
    folder = write_lecture(tmp_path, CODE, "own")
    own = folder / "templates" / "deck"
    own.mkdir(parents=True)
    shown = (bundled_templates() / "deck" / "shown.html.j2").read_text()
    (own / "shown.html.j2").write_text(shown.replace(
        '{% macro notes(s) -%}\n', "{% macro notes(s) -%}\n" + macro + "\n"))
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--format", "html"]) == 1
    err = capsys.readouterr().err
    assert "a template wrote" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_the_same_lecture_gives_the_same_page(decks, tmp_path):
    again = build(decks["code"].source, tmp_path, ("html",))[0].path
    assert again.read_bytes() == decks["code"].path.read_bytes()


# --- the theme --------------------------------------------------------------------------


def _retheme(source: Path, target: Path, edits: dict[str, str]) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("ppt/theme/"):
                text = data.decode("utf-8")
                for old, new in edits.items():
                    text, count = re.subn(old, new, text)
                    assert count, old
                data = text.encode("utf-8")
            dst.writestr(info, data)
    return target


def test_the_theme_gives_colours_fonts_and_boxes(tmp_path):
    look = theme_look(THEME)
    assert (look.width, look.height) == (960, 540)
    assert look.colours["accent1"] == "#9B2C2C" and look.colours["dk1"] == "#1F2933"
    assert look.frames["title"].background == "#9B2C2C"  # the title slide is deep red
    assert look.frames["content"].background == "#FFFFFF"
    assert look.frames["content"].title_size == 36 and look.frames["title"].title_size == 40
    assert len(look.frames["two-content"].bodies) == 2
    theme = _retheme(THEME, tmp_path / "corporate.pptx", {
        r'<a:accent1><a:srgbClr val="9B2C2C"/>': '<a:accent1><a:srgbClr val="2F6F6A"/>',
        r'<a:dk1><a:srgbClr val="1F2933"/>': '<a:dk1><a:sysClr val="windowText" '
                                             'lastClr="000000"/>',
        r'(<a:majorFont><a:latin typeface=")Calibri': r"\1Times New Roman",
        r'(<a:minorFont><a:latin typeface=")Calibri': r"\1Arial",
    })
    style = theme_properties(theme_look(theme))
    assert style["--accent1"] == "#2F6F6A" and style["--dk1"] == "#000000"
    assert style["--title-font"] == '"Times New Roman", "chapbook Serif", serif'
    assert style["--body-font"] == '"Arial", "chapbook Grotesque", sans-serif'


