"""The `chapbook` command: thin, each subcommand calls one library function.

Errors print as one line, `path:line: message`, with exit status 1; wrong usage
exits with 2. `--debug` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
from pathlib import Path

from chapbook import __version__, dataclass_code
from chapbook.console import Warned, WarningLog, display_for, grouped
from chapbook.errors import ChapbookError
from chapbook.formats import DEFAULT, FORMATS
from chapbook.frame_stack import on_roomy_stack

log = logging.getLogger("chapbook")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chapbook",
        description="Build a PDF booklet and a PowerPoint deck from one lecture source.",
    )
    parser.add_argument("--version", action="version", version=f"chapbook {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build lecture folders into DIR")
    b.add_argument("lectures", type=Path, nargs="+", metavar="lecture",
                   help="folder holding lecture.md (several: each built on its own)")
    b.add_argument("--out", type=Path, help="output folder (build/, or the course file's "
                   "output-dir)")
    b.add_argument("--format", action="append", dest="formats", choices=(*FORMATS, "all"),
                   help="what to build (repeatable): " + ", ".join(
                       f"{name} ({f.help})" for name, f in FORMATS.items())
                   + "; all; default: " + " and ".join(DEFAULT))
    b.add_argument("--paper", help="booklet paper: a5 (default), a4, letter, half-letter")
    b.add_argument("--bleed", help="bleed for a print shop, e.g. 3mm; adds crop marks")
    b.add_argument("--theme", type=Path, help="a .pptx whose layouts and masters the deck uses")
    b.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    b.add_argument("--json", action="store_true", dest="as_json",
                   help="print what was built (files, pages, sizes, times, warnings) as JSON")
    b.add_argument("--deps", type=Path, metavar="FILE",
                   help="write a make fragment: the outputs built and every file they read "
                        "(a %% in FILE's name stands for each lecture's folder name: a "
                        "fragment a lecture, as make's own %% rules name them)")
    c = sub.add_parser("check", help="validate lectures without writing anything")
    c.add_argument("lectures", type=Path, nargs="+", metavar="lecture",
                   help="folder holding lecture.md (several: each checked on its own)")
    c.add_argument("--theme", type=Path, help="the .pptx the deck would use")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    n = sub.add_parser("new", help="start a lecture: content/NAME/ in a project, else ./NAME/")
    n.add_argument("name", help="the lecture's folder name, e.g. my-first-talk")
    n.add_argument("--title", help="its title (default: from NAME)")
    n.add_argument("--lang", default="en", help="its language, e.g. en, fr, nl, de (en)")
    w = sub.add_parser("watch", help="rebuild a lecture whenever a file it reads changes")
    w.add_argument("lecture", type=Path, help="folder holding lecture.md")
    w.add_argument("--out", type=Path, default=Path("build"), help="output folder (build/)")
    w.add_argument("--format", action="append", dest="formats", choices=(*FORMATS, "all"),
                   help="what to build (repeatable), as for build")
    w.add_argument("--theme", type=Path, help="a .pptx whose layouts and masters the deck uses")
    w.add_argument("--interval", type=float, default=0.2,
                   help="seconds between looks at the files (0.2)")
    t = sub.add_parser("theme-check", help="what a PowerPoint template offers as a theme")
    t.add_argument("theme", type=Path, help="a .pptx or .potx file")
    t.add_argument("--layout", action="append", default=[], metavar="KIND=NAME",
                   help="use the layout NAME for KIND slides, as `layouts:` in the front "
                        "matter does (repeatable)")
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP (what `timeout`, make and CI cancellation send), handled as Ctrl-C:
    the stack unwinds, so temporary files are removed and no output is half-written."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum, frame) -> None:
    raise Terminated(signum)


def run() -> None:
    """The `chapbook` program: `main`, then out at once.

    A build leaves a large heap behind (WeasyPrint's boxes hold cycles) that a normal
    exit would walk and free object by object, half a second after the last file was
    written. By then every output is written and closed and no exit handler is ours to
    run, so the process flushes what it printed and ends without tearing the heap down,
    as the forked workers do. It runs on a roomy frame stack (`frame_stack`), which the
    processes it forks inherit.
    """
    code = on_roomy_stack(main, exits=True)
    dataclass_code.keep()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a reader that went away, a closed stream
        pass
    os._exit(code)


def main(argv: list[str] | None = None, *, exits: bool = False) -> int:
    """The command in `argv`; its exit status. `exits`: the process ends when it returns
    (`run`), so a build need not leave the heap tidy."""
    args = make_parser().parse_args(argv)
    args.exits = exits
    if args.command == "build":  # its display shows the warnings, grouped, per lecture
        handler: logging.Handler = WarningLog()
    else:
        handler = logging.StreamHandler()
        handler.setFormatter(_Labelled())
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(min(level, logging.WARNING) if level else logging.WARNING)
    if args.debug:
        log.setLevel(logging.DEBUG)
    args.warnings = handler
    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return _run(args)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _Labelled(logging.Formatter):
    """`chapbook: warning: ...`, labelled by level: `--debug` adds `chapbook: debug: ...`."""

    def format(self, record: logging.LogRecord) -> str:
        return f"chapbook: {record.levelname.lower()}: {record.getMessage()}"


def _run(args) -> int:
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "check":
            return _check(args)
        if args.command == "watch":
            return _watch(args)
        if args.command == "theme-check":
            return _theme_check(args)
        if args.command == "new":
            return _new(args)
    except KeyboardInterrupt as exc:
        print("chapbook: interrupted; previous outputs are untouched", file=sys.stderr)
        return 128 + (exc.signum if isinstance(exc, Terminated) else signal.SIGINT)
    except BrokenPipeError:  # e.g. `chapbook theme-check x.pptx | head`
        sys.stderr.close()
        return 0
    except Exception as exc:
        if args.debug:
            raise
        print(error_line(exc), file=sys.stderr)
        return 1
    return 0


def _new(args) -> int:
    from chapbook.scaffold import BadName, new_lecture

    try:
        lecture = new_lecture(args.name, args.title, args.lang)
    except BadName as exc:
        print(f"chapbook: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {lecture}; build it with `chapbook build {lecture.parent}`")
    return 0


def error_line(exc: Exception) -> str:
    """An error as the one line the command prints."""
    if isinstance(exc, ChapbookError):
        return f"chapbook: error: {exc}" if exc.path is None else str(exc)
    if isinstance(exc, OSError):  # a full disk, a read-only output folder
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    detail = str(exc).splitlines()[0] if str(exc) else ""  # a bug: still one line
    return (f"chapbook: error: unexpected {type(exc).__name__}: {detail} "
            "(previous outputs are untouched; --debug shows where)")


def _failed(args, folder: Path, exc: Exception) -> None:
    """One lecture of several failed: its error, then the others go on."""
    if args.debug:
        raise exc
    print(error_line(exc), file=sys.stderr)


def _summary(what: str, total: int, failed: list[Path], quiet: bool = False) -> None:
    if total > 1 and (failed or not quiet):
        names = ", ".join(str(f) for f in failed)
        print(f"{what} {total - len(failed)} of {total} lectures"
              + (f"; failed: {names}" if failed else ""))


def _theme_check(args) -> int:
    from chapbook.deck import check_theme

    mapping = {}
    for item in args.layout:
        kind, sep, name = item.partition("=")
        if not sep or not kind.strip() or not name.strip():
            print(f"chapbook: error: --layout {item!r}: write KIND=NAME, e.g. "
                  "section=Chapter", file=sys.stderr)
            return 2
        mapping[kind.strip()] = name.strip()
    report = check_theme(args.theme, mapping)
    ratio = report.width_in / report.height_in
    shapes = {"16:9": 16 / 9, "16:10": 16 / 10, "4:3": 4 / 3}
    shape = next((name for name, r in shapes.items() if abs(ratio - r) < 0.02), "")
    masters = f", {report.masters} masters" if report.masters > 1 else ""
    print(f"{report.path}: {report.width_in:.2f} x {report.height_in:.2f} in {shape}"
          f"{masters}".replace("  ", " "))
    left, top, width, height = report.content_area
    print(f"content area: {width:.2f} x {height:.2f} in at {left:.2f}, {top:.2f} in "
          "(text, pictures, tables and charts stay inside it)")
    if report.decorations:
        print("kept clear of:")
        for decoration in report.decorations:
            print(f"  {decoration}")
    print("layouts:")
    for layout in report.layouts:
        master = f" (master {layout.master + 1})" if report.masters > 1 else ""
        role = f"{layout.role}, by {layout.why}" if layout.role else f"not used ({layout.why})"
        print(f"  {layout.name}{master}: {role}")
        for placeholder in layout.placeholders:
            print(f"    {placeholder}")
    print("chapbook will use:")
    for choice in report.reasons:
        master = f" (master {choice.master + 1})" if report.masters > 1 else ""
        print(f"  {choice.key:<12} -> {choice.layout!r}{master}: {choice.why}")
    for problem in report.problems:
        print(f"{report.path}: warning: {problem}", file=sys.stderr)
    print("usable" if report.usable else "not usable as a theme")
    return 0 if report.usable else 1


def _check(args) -> int:
    from chapbook.check import check_many

    failed, warned = [], False
    for checked in check_many(args.lectures, args.theme):
        if checked.error is not None:
            _failed(args, checked.folder, checked.error)
            failed.append(checked.folder)
            continue
        warned_at = [Warned(str(f.path), f.line, f.message) for f in checked.findings]
        for line in grouped(warned_at):  # the same message at several lines: one line
            print(line, file=sys.stderr)
        print(checked.summary)
        warned = warned or bool(checked.findings)
    _summary("checked", len(args.lectures), failed)
    return 1 if failed or (warned and args.strict) else 0


def _watch(args) -> int:
    from chapbook.formats import chosen
    from chapbook.settings import Choices
    from chapbook.watch import watch

    print(f"watching {args.lecture} (Ctrl-C stops)", flush=True)
    watch(args.lecture, args.out, chosen(args.formats), Choices(theme=args.theme),
          report=lambda line: print(line, flush=True),
          failed=lambda exc: print(error_line(exc), file=sys.stderr, flush=True),
          interval=max(0.02, args.interval))
    return 0


def _build(args) -> int:
    from chapbook.formats import chosen
    from chapbook.heap import ending
    from chapbook.paper import paper_for, parse_bleed
    from chapbook.read.course import command_defaults
    from chapbook.settings import Choices

    try:
        paper_for(args.paper)
        bleed = parse_bleed(args.bleed)
    except ValueError as exc:
        print(f"chapbook: error: {exc}", file=sys.stderr)
        return 2
    choices = Choices(paper=args.paper, bleed=bleed or None, theme=args.theme)
    args.out, args.formats = command_defaults(args.lectures[0], args.out, args.formats)
    formats = chosen(args.formats)
    display = display_for(args.quiet, args.as_json)
    display.start(args.lectures, formats)
    last = args.exits and len(args.lectures) == 1  # nothing after it needs the collector
    with ending() if last else contextlib.nullcontext():
        return _build_lectures(args, formats, choices, display)


def _build_lectures(args, formats, choices, display) -> int:
    from chapbook.build import build_many
    from chapbook.deps import Shared, fragment_for, make_rule, own_dependencies, write_deps

    failed, rules = [], []
    shared = Shared.beside(args.deps, formats) if args.deps else None
    each = args.deps is not None and "%" in args.deps.name  # a fragment a lecture
    try:
        for lecture in build_many(args.lectures, args.out, formats, choices=choices,
                                  progress=display.rendered):
            if lecture.error is not None:
                if args.debug:
                    raise lecture.error
                failed.append(lecture.folder)
            elif args.deps:
                rules.append(make_rule([b.path for b in lecture.built],
                                       own_dependencies(lecture.folder, args.theme), shared))
                if each:  # written as the lecture is: a later failure leaves it
                    write_deps(fragment_for(args.deps, lecture.folder), rules[-1:], [shared])
            error = None if lecture.error is None else error_line(lecture.error)
            display.lecture(lecture.folder, lecture.built, args.warnings.take(), error)
    finally:
        display.finish(len(args.lectures), failed)
    if rules and not each:
        write_deps(args.deps, rules, [shared])
    return 1 if failed else 0
