"""The `chapbook` command: thin, each subcommand calls one library function.

Errors print as one line, `path:line: message`, with exit status 1; wrong usage
exits with 2. `--debug` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from chapbook import __version__
from chapbook.errors import ChapbookError
from chapbook.formats import DEFAULT, FORMATS

log = logging.getLogger("chapbook")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chapbook",
        description="Build a PDF booklet and a PowerPoint deck from one lecture source.",
    )
    parser.add_argument("--version", action="version", version=f"chapbook {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build a lecture folder into DIR")
    b.add_argument("lecture", type=Path, help="folder holding lecture.md")
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
    c = sub.add_parser("check", help="validate a lecture without writing anything")
    c.add_argument("lecture", type=Path, help="folder holding lecture.md")
    c.add_argument("--theme", type=Path, help="the .pptx the deck would use")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    n = sub.add_parser("new", help="start a lecture: content/NAME/ in a project, else ./NAME/")
    n.add_argument("name", help="the lecture's folder name, e.g. my-first-talk")
    n.add_argument("--title", help="its title (default: from NAME)")
    n.add_argument("--lang", default="en", help="its language, e.g. en, fr, nl, de (en)")
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


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    logging.basicConfig(format="chapbook: warning: %(message)s", level=logging.WARNING)
    if args.debug:
        log.setLevel(logging.DEBUG)
    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return _run(args)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _run(args) -> int:
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "check":
            return _check(args)
        if args.command == "theme-check":
            return _theme_check(args)
        if args.command == "new":
            return _new(args)
    except ChapbookError as exc:
        if args.debug:
            raise
        print(f"chapbook: error: {exc}" if exc.path is None else str(exc), file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `chapbook theme-check x.pptx | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt as exc:
        print("chapbook: interrupted; previous outputs are untouched", file=sys.stderr)
        return 128 + (exc.signum if isinstance(exc, Terminated) else signal.SIGINT)
    except OSError as exc:  # a full disk, a read-only output folder
        if args.debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: still one line, previous outputs untouched
        if args.debug:
            raise
        detail = str(exc).splitlines()[0] if str(exc) else ""
        print(f"chapbook: error: unexpected {type(exc).__name__}: {detail} "
              "(previous outputs are untouched; --debug shows where)", file=sys.stderr)
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
    from chapbook.check import check_lecture

    lecture, findings = check_lecture(args.lecture, args.theme)
    for finding in findings:
        print(finding, file=sys.stderr)
    slides = sum(max(1, len(s.slides)) for s in lecture.sections)
    print(f"{lecture.source}: {len(lecture.sections)} sections, {slides} section slides, "
          f"{len(lecture.figures)} figures, {len(lecture.tables)} tables, "
          f"{len(lecture.key_terms)} key terms, {len(findings)} warnings")
    return 1 if findings and args.strict else 0


def _build(args) -> int:
    from chapbook.build import build
    from chapbook.formats import chosen
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
    args.out, args.formats = command_defaults(args.lecture, args.out, args.formats)
    for item in build(args.lecture, args.out, chosen(args.formats), choices=choices):
        if not args.quiet:
            size = item.path.stat().st_size
            print(f"wrote {item.path} ({size / 1024:.0f} KB, {item.seconds:.1f} s)")
    return 0
