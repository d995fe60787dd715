"""`chapbook build --deps FILE`: a make fragment naming every file a build read.

make then rebuilds a lecture's outputs exactly when one of them changes, without
running `find` per target or a process per lecture. What is listed errs on the
side of too much: every file and folder in the lecture's folder (its text,
figures, data, bibliography, template overrides; a folder's time changes when a
file is added to it, e.g. a new template override), the bundled templates the
formats use, the theme, and the source of chapbook itself.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from chapbook.dependencies import course_dependencies
from chapbook.templates import bundled_templates

# The bundled template folders each format reads.
TEMPLATES = {"pdf": ("booklet",), "print": ("booklet",), "lecturer": ("booklet", "deck"),
             "handout": ("booklet", "deck"), "pptx": ("deck",), "html": ("deck", "slides"),
             "epub": ("booklet", "epub")}


def _tree(folder: Path) -> list[Path]:
    """`folder`, its files and its subfolders, hidden ones left out."""
    found = [folder]
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        found += [Path(root) / d for d in dirs]
        found += [Path(root) / f for f in sorted(files) if not f.startswith(".")]
    return found


def dependencies(folder: Path, formats: Iterable[str], theme: Path | None = None, *,
                 source: bool = True) -> list[Path]:
    """Every file (and folder) a build of `formats` of the lecture in `folder` reads;
    chapbook's own modules only with `source` (a running process keeps the code it has)."""
    found = _tree(Path(folder))
    bundled = bundled_templates()
    for kind in sorted({k for name in formats for k in TEMPLATES.get(name, ())}):
        found += _tree(bundled / kind)
    if theme is not None:
        found.append(Path(theme))
    found += course_dependencies([Path(folder)])  # a course file, its theme, its bibliography
    if source:
        found += [p for p in _tree(Path(__file__).parent) if p.suffix == ".py"]
    return found


def _quoted(path: Path) -> str:
    """A path as make reads it: relative to here when inside, special characters escaped."""
    text = os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) \
        else str(Path(path).resolve())
    for char in ("\\", " ", "#", ":"):
        text = text.replace(char, "\\" + char)
    return text.replace("$", "$$")


def make_rule(targets: Iterable[Path], prerequisites: Iterable[Path]) -> str:
    """`targets: prerequisites`, and an empty rule for each prerequisite so that a file
    that is deleted or renamed makes a rebuild, not an error."""
    needed = [_quoted(p) for p in prerequisites]
    lines = [" ".join(_quoted(t) for t in targets) + ": \\"]
    lines += [f"  {p} \\" for p in needed[:-1]] + [f"  {needed[-1]}" if needed else ""]
    lines += [""] + [f"{p}:" for p in needed if not p.endswith("/")]
    return "\n".join(lines) + "\n"


def write_deps(path: Path, rules: Iterable[str]) -> None:
    """Write the fragment all at once (make may read it while another build runs)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("# written by chapbook build --deps; every file the build read\n")
        f.write("".join(rules))
    os.replace(name, path)
