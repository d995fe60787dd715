"""A real client: LibreOffice Impress opens every built deck and renders every slide."""

from __future__ import annotations

import subprocess

import pytest
from conftest import require_program
from pdftools import page_texts, squash
from pptx import Presentation
from pypdf import PdfReader

pytestmark = pytest.mark.slow  # LibreOffice renders every built deck


def test_libreoffice_renders_every_slide(built, name, tmp_path):
    soffice = require_program("soffice")
    deck = built[name]["pptx"]
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / (deck.stem + ".pdf")
    prs = Presentation(deck)
    assert len(PdfReader(pdf).pages) == len(prs.slides)
    for slide, text in zip(prs.slides, page_texts(pdf), strict=True):
        if slide.shapes.title is not None:
            assert squash(slide.shapes.title.text)[:30] in squash(text)
