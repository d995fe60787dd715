"""`chapbook build --deps FILE`: a make fragment naming every file a build read.

make then rebuilds a lecture's outputs exactly when one of them changes, without
running `find` per target or a process per lecture. What is listed errs on the
side of too much: every file and folder in the lecture's folder (its text,
figures, data, bibliography, template overrides; a folder's time changes when a
file is added to it, e.g. a new template override), the bundled templates the
formats use, the theme, and the source of chapbook itself.

chapbook's own files (its templates and modules, two thirds of the list) are the same
for every lecture built in the same formats, so they are written once, beside the
fragment, as a make variable in a fragment of their own (`chapbook_booklet_deck.files`)
that each lecture's fragment includes and names: make reads them once, not once a
lecture (a no-op `make` of 20 lectures: 11 ms, not 21). With a `%` in its name, FILE is
a fragment a lecture (`fragment_for`), so that one build of the lectures make found out
of date leaves each the fragment make's rule for it reads.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from chapbook.dependencies import course_dependencies

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
    return own_dependencies(folder, theme) + shared_dependencies(formats, source=source)


def own_dependencies(folder: Path, theme: Path | None = None) -> list[Path]:
    """What only this lecture's build reads: its folder, the theme, its course file's."""
    found = _tree(Path(folder))
    if theme is not None:
        found.append(Path(theme))
    return found + course_dependencies([Path(folder)])  # a course file, its theme, sources


def shared_dependencies(formats: Iterable[str], *, source: bool = True) -> list[Path]:
    """chapbook's own files a build of `formats` reads, whatever the lecture: the bundled
    template folders of the formats and (with `source`) chapbook's modules."""
    from chapbook.templates import bundled_templates  # and Jinja2: not before a build forks

    found: list[Path] = []
    for kind in _kinds(formats):
        found += _tree(bundled_templates() / kind)
    if source:
        found += [p for p in _tree(Path(__file__).parent) if p.suffix == ".py"]
    return found


def _kinds(formats: Iterable[str]) -> list[str]:
    return sorted({k for name in formats for k in TEMPLATES.get(name, ())})


@dataclass(frozen=True)
class Shared:
    """chapbook's own files for some formats, as a make variable (`name`) defined in a
    fragment of its own (`path`)."""

    name: str
    path: Path
    files: tuple[Path, ...]

    @classmethod
    def beside(cls, fragment: Path, formats: Iterable[str]) -> Shared:
        name = "_".join(["chapbook", *_kinds(formats)])
        return cls(name, Path(fragment).parent / f"{name}.files",
                   tuple(shared_dependencies(formats)))

    def text(self) -> str:
        """The variable and an empty rule for each file, read once however many
        fragments include it."""
        needed = [_quoted(p) for p in self.files]
        lines = ["# written by chapbook build --deps; chapbook's own files these formats "
                 "read", f"ifndef {self.name}", f"{self.name} := \\"]
        lines += [*_continued(needed), "", *_empty_rules(needed), "endif"]
        return "\n".join(lines) + "\n"


def _quoted(path: Path) -> str:
    """A path as make reads it: relative to here when inside, special characters escaped."""
    text = os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) \
        else str(Path(path).resolve())
    for char in ("\\", " ", "#", ":"):
        text = text.replace(char, "\\" + char)
    return text.replace("$", "$$")


def make_rule(targets: Iterable[Path], prerequisites: Iterable[Path],
              shared: Shared | None = None) -> str:
    """`targets: prerequisites`, and an empty rule for each prerequisite so that a file
    that is deleted or renamed makes a rebuild, not an error. `shared`: chapbook's own
    files too, by their variable, its fragment included once (where the fragment is
    gone, the fragment itself is the prerequisite, missing: a rebuild writes it again)."""
    needed = [_quoted(p) for p in prerequisites]
    lines = []
    if shared is not None:
        where = _quoted(shared.path)
        lines += [f"ifndef {shared.name}", f"-include {where}", "endif"]
        needed.append(f"$(or $({shared.name}),{where})")
    lines.append(" ".join(_quoted(t) for t in targets) + ": \\")
    lines += [*_continued(needed), "", *_empty_rules(needed[:-1] if shared else needed)]
    if shared is not None:
        lines.append(f"{where}:")
    return "\n".join(lines) + "\n"


def _continued(items: list[str]) -> list[str]:
    """`items` one a line, indented, each line but the last continued."""
    return [f"  {p} \\" for p in items[:-1]] + [f"  {items[-1]}" if items else ""]


def _empty_rules(paths: list[str]) -> list[str]:
    """`path:` for each: a prerequisite that is deleted makes a rebuild, not an error."""
    return [f"{p}:" for p in paths if not p.endswith("/")]


def fragment_for(pattern: Path, folder: Path) -> Path:
    """The fragment of the lecture in `folder` where `pattern`'s name holds a `%`: the
    folder's name in its place, as in make's pattern rules (`build/.deps/%.mk`)."""
    return pattern.with_name(pattern.name.replace("%", Path(folder).resolve().name))


def write_deps(path: Path, rules: Iterable[str], shared: Iterable[Shared] = ()) -> None:
    """Write the fragment all at once (make may read it while another build runs), and
    the fragments of chapbook's own files it includes where they differ."""
    for each in shared:
        text = each.text()
        try:
            same = each.path.read_text(encoding="utf-8") == text
        except OSError:
            same = False
        if not same:
            _write(each.path, text)
    _write(Path(path), "# written by chapbook build --deps; every file the build read\n"
           + "".join(rules))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(name, path)
