"""`python -m chapbook.dependencies FOLDER...`: the files outside the lecture folders that
their builds read because of a course file (the course file, its theme, its bibliography),
one a line, for make's prerequisites. Lectures whose course file is broken are skipped:
their build reports it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from chapbook.errors import ContentError
from chapbook.read.course import course_for


def course_dependencies(folders: list[Path]) -> list[Path]:
    files: set[Path] = set()
    for folder in folders:
        try:
            course = course_for(folder)
        except ContentError:
            continue
        if course is not None:
            files.update(course.dependencies)
    return sorted(files)


def main(argv: list[str]) -> int:
    cwd = Path.cwd().resolve()
    for path in course_dependencies([Path(a) for a in argv]):
        print(path.relative_to(cwd) if path.is_relative_to(cwd) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
