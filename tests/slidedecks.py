"""Lectures built as HTML slides and as a deck, for the HTML slides' tests (file and browser)."""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from pathlib import Path

from conftest import FIXTURES, SAMPLE
from lectures import make_image, write_lecture
from pptx import Presentation

from chapbook.build import build
from chapbook.formats import Job
from chapbook.read.parse import parse_lecture
from chapbook.settings import Choices, resolve

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">'
       '<circle cx="60" cy="40" r="30" fill="#3D5A80"/></svg>')
PICTURES = """\
    ---
    title: Pictures
    lang: en
    ---

    Opening words.

    ## Maps

    ::: slide
    - A point beside a picture

    ![A red rectangle on white](figures/red.png "A red rectangle")
    :::

    ![A blue circle](figures/circle.svg "A blue circle")
    """
CODE_LINES = ["def greet(names):", "    for name in names:", "", "        print(f'hello {name}')",
              "    return  len(names)   # two spaces kept"]
CODE = """\
    ---
    title: Code on a slide
    lang: en
    ---

    Opening words.

    ## A function

    ::: slide
    ```python
    {code}
    ```
    :::
    """.replace("{code}", "\n    ".join(CODE_LINES))


class Deck:
    """A lecture built as HTML slides and as a deck, with the split plan both came from."""

    def __init__(self, folder: Path, out: Path, theme: Path | None = None):
        built = {b.path.suffix: b.path
                 for b in build(folder, out, ("html", "pptx"), theme=theme)}
        self.path, self.url = built[".html"], built[".html"].as_uri()
        self.html = self.path.read_text(encoding="utf-8")
        self.source = folder
        lecture = parse_lecture(folder)
        self.plan = Job(lecture, resolve(lecture, Choices(theme=theme))).deck_plan
        self.deck_titles = [squash(s.shapes.title.text) if s.shapes.title is not None else ""
                            for s in Presentation(built[".pptx"]).slides]

    def notes(self, number: int) -> str:
        return " ".join(self.plan.slides[number - 1].notes)

    def private_notes(self, number: int) -> str:
        """The notes of a slide unless the slide shows them too (a callout's notes do, a
        table's are its title)."""
        slide = self.plan.slides[number - 1]
        shown = " ".join([slide.title, *(p.text for c in slide.content
                                         for p in getattr(c, "paras", ()))])
        return "" if self.notes(number)[:60] in shown else self.notes(number)


def squash(text: str) -> str:
    """Whitespace collapsed, ligatures (the embedded fonts set "fi" as one glyph) undone."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def make_decks(tmp_path_factory) -> dict[str, Deck]:
    """sample, longdeck, pictures, code (bundled theme) and band (longdeck on a foreign
    theme), each built once as HTML slides and as a deck."""
    lectures = tmp_path_factory.mktemp("lectures")
    pictures = write_lecture(lectures, PICTURES, "pictures")
    make_image(pictures / "figures" / "red.png", (300, 200))
    (pictures / "figures" / "circle.svg").write_text(SVG, encoding="utf-8")
    code = write_lecture(lectures, CODE, "code")
    out = tmp_path_factory.mktemp("slides")
    folders = {"sample": SAMPLE, "longdeck": FIXTURES / "longdeck", "pictures": pictures,
               "code": code}
    made = {name: Deck(folder, out / name) for name, folder in folders.items()}
    themes = tmp_path_factory.mktemp("themes")
    _foreign_templates().main(["--out", str(themes), "--no-soffice"])
    made["band"] = Deck(FIXTURES / "longdeck", out / "band", themes / "band.pptx")
    return made


def _foreign_templates():
    """tools/make_test_templates.py as a module (registered first, as dataclasses need)."""
    if "make_test_templates" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "make_test_templates", Path(__file__).resolve().parents[1] / "tools"
            / "make_test_templates.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_test_templates"] = module
        spec.loader.exec_module(module)
    return sys.modules["make_test_templates"]


