"""The course file: `chapbook.yml` (or `_chapbook.yml`) in a folder above the lectures,
whose fields are defaults that each lecture's front matter overrides.

Where it is looked for: the lecture folder's parents, nearest first, up to the project
root: the first folder holding `.git` (itself included), else the filesystem root. A
lecture folder that holds `.git` itself has no course file. The nearest course file is
the only one read. Its fields are checked with the front matter's rules
(`frontmatter.MetaReader`), errors naming the course file and line; the files it names
(theme, bibliography) are relative to its own folder and may not leave it, under the
lecture's sandbox rules (`assets.resolve_in_folder`).

Precedence, for every field: command line > front matter > course file > bundled.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from chapbook.errors import ContentError, Finding

if TYPE_CHECKING:  # a build without a course file looks for one and reads no YAML
    from chapbook.model.document import Meta
    from chapbook.model.sources import Source
    from chapbook.read.frontmatter import MetaReader

COURSE_NAMES = ("chapbook.yml", "_chapbook.yml")
# Front matter fields a course file may set, then its own: what the command line would say.
META_DEFAULTS = ("author", "institution", "lang", "paper", "bleed", "theme", "layouts")
COURSE_FIELDS = {*META_DEFAULTS, "sources", "bibliography", "formats", "output-dir"}


@dataclass(frozen=True)
class Course:
    """A course file's validated fields; `given` are the fields it sets."""

    path: Path
    given: frozenset[str] = frozenset()
    author: str = ""
    institution: str = ""
    lang: str = "en"
    paper: str = ""
    bleed: float = 0.0
    theme: Path | None = None
    layouts: tuple[tuple[str, str], ...] = ()  # the theme's layouts named for kinds of slide
    shared: tuple[Source, ...] = ()  # `sources:` and `bibliography:`, listed when cited
    formats: tuple[str, ...] = ()  # the build's formats when the command line names none
    output_dir: Path | None = None  # the build's output folder, likewise
    findings: tuple[Finding, ...] = ()

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def dependencies(self) -> tuple[Path, ...]:
        """The files a build reads because of this course file."""
        named = {self.theme} | {self.folder / s.origin for s in self.shared if s.origin}
        return (self.path, *sorted(p for p in named if p is not None and p.is_file()))

    def apply(self, meta: Meta, written: set[str]) -> Meta:
        """The lecture's `meta`, with the course's fields where the lecture wrote none."""
        changes: dict = {f: getattr(self, f) for f in META_DEFAULTS
                         if f in self.given and f not in written and f != "theme"}
        if "theme" in self.given and "theme" not in written:
            changes["course_theme"] = self.theme
        own = {s.key for s in (*meta.sources, *meta.bibliography)}
        shared = tuple(s for s in self.shared if s.key not in own)
        return replace(meta, **changes, bibliography=(*meta.bibliography, *shared))


def find_course_file(folder: Path) -> Path | None:
    """The nearest course file above `folder`, never above the project root (see above)."""
    here = Path(folder).resolve()
    if (here / ".git").exists():
        return None
    for parent in here.parents:
        found = [parent / name for name in COURSE_NAMES if (parent / name).is_file()]
        if len(found) > 1:
            raise ContentError(f"two course files here, {found[0].name} and {found[1].name}; "
                               "keep one", found[1])
        if found:
            return found[0]
        if (parent / ".git").exists():
            return None
    return None


def course_for(folder: Path) -> Course | None:
    """The course file governing the lecture in `folder`, read and checked; None without."""
    path = find_course_file(folder)
    return read_course(path) if path is not None else None


def read_course(path: Path) -> Course:
    from chapbook.read.frontmatter import MetaReader, authors_text, read_sources, suggest
    from chapbook.read.parse import read_source
    from chapbook.read.yamlsafe import Lines, read_yaml

    if not path.resolve().is_relative_to(path.parent.resolve()):
        raise ContentError(f"points outside its folder (to {path.resolve()}); keep the course "
                           "file a regular file", path)
    data = read_yaml(read_source(path), path, 1, "course file")
    if data is None:
        return Course(path)
    if not isinstance(data, Lines):
        raise ContentError("a course file must be `key: value` lines, e.g. `author: Jane Doe`",
                           path, 1)
    reader = MetaReader(data, path, 1, what="course file")
    for key in data:
        if str(key) not in COURSE_FIELDS:
            raise reader.fail(f"course file: unknown field {key!r}"
                              f"{suggest(key, COURSE_FIELDS)}", reader.line_of(key))
    sources = read_sources(data.get("sources"), reader.fail, reader.line_of("sources"))
    folder = path.parent
    try:
        theme = reader.theme(folder)
    except ContentError as exc:
        exc.message = exc.message.replace("the lecture folder", "the course file's folder")
        exc.args = (exc.message,)
        raise
    course = Course(
        path=path,
        given=frozenset(str(k) for k in data),
        author=", ".join(authors_text(data.get("author"), reader.failer("author")).split("; ")),
        institution=reader.text("institution"),
        lang=reader.lang(),
        paper=reader.paper(),
        bleed=reader.bleed(),
        theme=(folder / theme).resolve() if theme else None,
        layouts=reader.layouts(),
        shared=(*sources, *reader.bibliography(folder, {s.key for s in sources})),
        formats=_formats(reader),
        output_dir=_output_dir(reader, folder),
    )
    return replace(course, findings=tuple(reader.findings))


def _formats(reader: MetaReader) -> tuple[str, ...]:
    from chapbook.formats import FORMATS

    value = reader.data.get("formats")
    if value is None:
        return ()
    names = value if isinstance(value, list) else [value]
    for name in names:
        if not isinstance(name, str) or name not in (*FORMATS, "all"):
            raise reader.fail(f"course file: unknown format {name!r}; formats are "
                              f"{', '.join(FORMATS)} or all", reader.line_of("formats"))
    return tuple(FORMATS) if "all" in names else tuple(dict.fromkeys(names))


def _output_dir(reader: MetaReader, folder: Path) -> Path | None:
    """The output folder, relative to the course file's folder and inside it."""
    value = reader.text("output-dir")
    if not value:
        return None
    target = (folder / value).resolve()
    if Path(value).is_absolute() or not target.is_relative_to(folder.resolve()):
        raise reader.fail(f"course file: output-dir {value!r} leaves the course file's folder; "
                          "use a folder under it, e.g. `output-dir: build`",
                          reader.line_of("output-dir"))
    return target


def command_defaults(folder: Path, out: Path | None,
                     formats: list[str] | None) -> tuple[Path, list[str] | None]:
    """The build's output folder and formats: the command line's, else the course
    file's, else `build/` and the default formats (None)."""
    course = course_for(folder)
    if out is None and course and course.output_dir:
        cwd = Path.cwd().resolve()
        out = course.output_dir
        out = out.relative_to(cwd) if out.is_relative_to(cwd) else out
    out = out or Path("build")
    if not formats and course and course.formats:
        formats = list(course.formats)
    return out, formats
