"""`chapbook new NAME`: a lecture folder holding one example of every construct of the
content format, commented, so that the file teaches the format and builds at once.

The lecture is rendered from the bundled `templates/new/lecture.md.j2`; the other files
of `templates/new/` (a figure, a CSV for the chart) are copied beside it. In a project
(a folder with `content/` or a course file) it goes to `content/NAME/`, elsewhere to
`./NAME/`. Nothing is ever overwritten.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from chapbook.errors import ChapbookError
from chapbook.read.course import COURSE_NAMES, course_for
from chapbook.templates import bundled_templates

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TEMPLATE = "lecture.md.j2"


class BadName(ChapbookError):
    """NAME is not a slug: wrong usage, exit status 2."""


def lecture_folder(name: str, where: Path) -> Path:
    """Where `chapbook new NAME` puts the lecture, run in `where`."""
    if not SLUG.match(name):
        raise BadName(f"{name!r} is not a lecture name: use lowercase letters, digits and "
                         "hyphens, e.g. my-first-talk (it becomes the outputs' file name)")
    in_project = (where / "content").is_dir() or any((where / n).is_file()
                                                       for n in COURSE_NAMES)
    return where / "content" / name if in_project else where / name


def new_lecture(name: str, title: str | None = None, lang: str = "en",
                where: Path | None = None) -> Path:
    """Create the lecture folder for `name` and return its `lecture.md`."""
    from chapbook.output import build_time

    folder = lecture_folder(name, Path(".") if where is None else Path(where))
    if folder.exists():
        raise ChapbookError(f"{folder} already exists; chapbook new never overwrites: choose "
                            "another name or remove it", folder)
    course = course_for(folder)
    source = bundled_templates() / "new"
    text = _render(source, title=title or name.replace("-", " ").capitalize(), name=name,
                   folder=folder, lang=lang, date=build_time().date().isoformat(),
                   course=sorted(course.given) if course else [],
                   course_file=course.path.name if course else "")
    folder.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("*.j2"))
    lecture = folder / "lecture.md"
    lecture.write_text(text, encoding="utf-8")
    return lecture


def _render(source: Path, folder: Path, **values) -> str:
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(source), autoescape=False,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    # A JSON string is a YAML string, quotes and line breaks escaped.
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env.get_template(TEMPLATE).render(**values, where=folder.as_posix())
