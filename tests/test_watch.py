"""`chapbook watch`: a rebuild after each save, an error reported and outlived."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import FIXTURES

from chapbook.settings import Choices
from chapbook.watch import watch

pytestmark = pytest.mark.slow  # builds whole lectures or runs external programs


def test_watch_rebuilds_after_a_save_and_outlives_an_error(tmp_path):
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "minimal", folder)
    source = folder / "lecture.md"
    good = source.read_text()
    out = tmp_path / "out"
    reports: list[str] = []
    errors: list[str] = []
    saves = iter([good + "\nA second paragraph.\n", "---\ntitle: [\n---\n", good])

    def save() -> None:
        text = next(saves, None)
        if text is not None:
            source.write_text(text)
            stat = source.stat()  # a later time even on a coarse clock
            os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9 * len(reports)))

    def report(line: str) -> None:
        reports.append(line)
        if len(reports) == 2:
            shutil.copy(out / "talk.pptx", tmp_path / "second.pptx")
        save()

    def failed(exc: Exception) -> None:
        errors.append(str(exc))
        save()

    watch(folder, out, ("pptx",), Choices(), report, failed, interval=0.01, rounds=40)
    assert len(reports) == 3 and all(r.startswith("rebuilt talk.pptx in ") for r in reports)
    assert len(errors) == 1 and errors[0].startswith(f"{source}:2: front matter")
    from pptx import Presentation

    texts = [shape.text_frame.text for slide in Presentation(str(tmp_path / "second.pptx")).slides
             for shape in slide.shapes if shape.has_text_frame]
    assert any("A second paragraph." in text for text in texts)  # the save was built
