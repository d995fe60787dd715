"""The only way WeasyPrint reads files: regular files under allowed folders.

A booklet may embed any file WeasyPrint can fetch, so the fetcher is the policy:
no network, no `data:` tricks beyond size, nothing outside the lecture folder and
the template folders, and a size cap. A refused fetch stops the build.
"""

from __future__ import annotations

import contextlib
import logging
import mimetypes
import os
import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from chapbook.weasy_breaks import break_lines_once
from chapbook.weasy_footnotes import count_waiting_footnotes
from chapbook.weasy_html import keep_html_patterns
from chapbook.weasy_import import import_weasyprint
from chapbook.weasy_lines import keep_layouts_for_drawing
from chapbook.weasy_struts import measure_struts_once

import_weasyprint()
keep_layouts_for_drawing()
break_lines_once()
measure_struts_once()
count_waiting_footnotes()
keep_html_patterns()

from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import (  # noqa: E402
    FatalURLFetchingError,
    URLFetcher,
    URLFetcherResponse,
)

from chapbook.errors import ChapbookError, RenderError  # noqa: E402
from chapbook.heap import collection_paused  # noqa: E402

log = logging.getLogger("chapbook")

MAX_RESOURCE_BYTES = 50 * 1024 * 1024


class FolderFetcher(URLFetcher):
    """Serve `file:` URLs under `roots`, refuse everything else. What it reads is listed
    in `read` (path, modification time, size): a stylesheet parsed for one document is
    served to another only if this fetcher would read the same files (see `Warm`)."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
        self.roots = [r.resolve() for r in roots]
        self.read: list[tuple[Path, int, int]] = []

    def permitted(self, url: str) -> Path:
        """The file `url` names, if this fetcher may read it; else FatalURLFetchingError."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise FatalURLFetchingError(f"refused to fetch {url}: only files in the lecture "
                                        "folder may be used")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise FatalURLFetchingError(f"refused to read {path}: it is outside the lecture "
                                        "and template folders")
        return path

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.permitted(url)
        if not path.is_file():
            raise FatalURLFetchingError(f"{path} not found")
        found = path.stat()
        if found.st_size > MAX_RESOURCE_BYTES:
            raise FatalURLFetchingError(f"{path} is larger than "
                                        f"{MAX_RESOURCE_BYTES // 2**20} MB")
        self.read.append((path, found.st_mtime_ns, found.st_size))
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})

    def would_read(self, read: list[tuple[Path, int, int]]) -> bool:
        """Whether this fetcher may read each of `read`, unchanged since."""
        for path, mtime, size in read:
            try:
                self.permitted(path.as_uri())
                found = path.stat()
            except (FatalURLFetchingError, OSError):
                return False
            if (found.st_mtime_ns, found.st_size) != (mtime, size):
                return False
        return True


class _Collect(logging.Handler):
    """Errors are kept to fail the build; warnings are passed on, three of a kind at most
    (a missing glyph is reported once per character otherwise)."""

    SAME_KIND = 3

    def __init__(self, what: str) -> None:
        super().__init__(logging.WARNING)
        self.what = what
        self.errors: list[str] = []
        self.kinds: dict[str, int] = {}
        self.said: list[str] = []  # the warnings passed on, to say again (`Warm.documents`)

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().splitlines()[0]
        if record.levelno >= logging.ERROR:
            self.errors.append(message)
            return
        kind = record.msg.split("%", 1)[0][:40] if isinstance(record.msg, str) else message
        seen = self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if seen <= self.SAME_KIND:
            self._say(f"{self.what}: {message}")

    def summary(self) -> None:
        for kind, count in self.kinds.items():
            if count > self.SAME_KIND:
                self._say(f"{self.what}: ... and {count - self.SAME_KIND} more warnings like "
                          f"{kind.strip()!r}")

    def _say(self, line: str) -> None:
        self.said.append(line)
        log.warning("%s", line)


_NATIVE_NOISE = re.compile(r"^\(\S+:\d+\): [\w-]+-(?:CRITICAL|WARNING|ERROR|Message|INFO|DEBUG)"
                           r"|^Fontconfig (?:warning|error)")


class native_stderr_filtered:
    """Keep what C libraries print (Pango-CRITICAL, GLib warnings) off the terminal.

    File descriptor 2 goes to a temporary file for the block; afterwards every
    line but the libraries' own noise is passed on, in order. Under `--debug`
    (the `chapbook` logger at DEBUG) everything is passed on.
    """

    def __enter__(self):
        import sys
        import tempfile

        self.saved = None
        try:
            sys.stderr.flush()
            self.saved = os.dup(2)
        except (OSError, ValueError):
            return self
        self.file = tempfile.TemporaryFile()
        os.dup2(self.file.fileno(), 2)
        return self

    def __exit__(self, *exc_info):
        import sys

        if self.saved is None:
            return False
        with contextlib.suppress(ValueError, OSError):
            sys.stderr.flush()
        os.dup2(self.saved, 2)
        os.close(self.saved)
        self.file.seek(0)
        text = self.file.read().decode("utf-8", "replace")
        self.file.close()
        debug = log.isEnabledFor(logging.DEBUG)
        kept = [line for line in text.splitlines(keepends=True)
                if debug or not _NATIVE_NOISE.match(line)]
        if kept:
            sys.stderr.write("".join(kept))
            sys.stderr.flush()
        return False


class weasyprint_errors:
    """Route WeasyPrint's log into ours; any error it logs fails the build.

    `what` ("booklet", "handout") starts every message.
    """

    def __init__(self, what: str):
        self.what = what
        self.handler = _Collect(what)
        self.logger = logging.getLogger("weasyprint")

    def __enter__(self):
        self.native = native_stderr_filtered().__enter__()
        self.saved = (self.logger.handlers[:], self.logger.propagate)
        self.logger.handlers = [self.handler]
        self.logger.propagate = False
        return self

    def __exit__(self, exc_type, exc, tb):
        self.native.__exit__(exc_type, exc, tb)
        self.logger.handlers, self.logger.propagate = self.saved
        self.handler.summary()
        if exc is not None and not isinstance(exc, ChapbookError):
            from weasyprint.urls import FatalURLFetchingError

            if isinstance(exc, FatalURLFetchingError):
                cause = exc.__cause__ or exc
                raise RenderError(f"{self.what}: {cause}") from None
            if isinstance(exc, Exception):  # WeasyPrint gave up, e.g. on absurd CSS values
                detail = str(exc).splitlines()[0] if str(exc) else ""
                raise RenderError(f"{self.what}: layout failed ({type(exc).__name__}: {detail}); "
                                  "look for a custom CSS value far too large") from None
            return False
        if self.handler.errors:
            raise RenderError(f"{self.what}: " + "; ".join(dict.fromkeys(self.handler.errors[:3])))
        return False


@contextlib.contextmanager
def page_references_kept():
    """Write PDFs (inside the block) without pydyf re-listing every page per tag.

    pydyf's `PDF.page_references` builds a tuple of every page's reference each
    time it is read, and WeasyPrint reads it for every element it tags: writing a
    tagged PDF grew with pages times elements (a seventh of a 100-page booklet's
    writing). Here the tuple is kept until a page is added.
    """
    import pydyf

    listed = pydyf.PDF.page_references

    def kept(pdf) -> tuple:
        count = len(pdf.pages["Kids"])
        memo = pdf.__dict__.get("_chapbook_page_references")
        if memo is None or memo[0] != count:
            memo = pdf.__dict__["_chapbook_page_references"] = (count, listed.fget(pdf))
        return memo[1]

    pydyf.PDF.page_references = property(kept)
    try:
        yield
    finally:
        pydyf.PDF.page_references = listed


def check_stylesheet(css: Path, base: Path, roots: list[Path]) -> None:
    """Refuse, naming the CSS file and line, a `url()` or `@import` that WeasyPrint's
    fetcher would refuse: anything but a file under `roots` or a `data:` URL.

    `base` is the folder relative URLs resolve against (the bundled template folder,
    so that a lecture's copy of a stylesheet keeps finding the bundled fonts).
    """
    import tinycss2

    try:
        text = css.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RenderError("not UTF-8 text; save the stylesheet as UTF-8", css) from None
    real_roots = [r.resolve() for r in roots]
    for token, line in _urls(tinycss2.parse_stylesheet(text, skip_comments=True,
                                                       skip_whitespace=True)):
        parts = urlsplit(token)
        if parts.scheme == "data":
            continue
        if parts.scheme not in ("", "file") or parts.netloc not in ("", "localhost"):
            raise RenderError(f"refused url({token}): chapbook never fetches from the "
                              "network; put the file in the lecture folder", css, line)
        path = Path(unquote(parts.path))
        path = (path if path.is_absolute() else base / path).resolve()
        if not any(path.is_relative_to(root) for root in real_roots):
            raise RenderError(f"refused url({token}): it points outside the lecture and "
                              "template folders", css, line)


def _urls(nodes, line: int = 1):
    """(url, line) for every url() token and @import string, at any depth."""
    for node in nodes:
        kind = getattr(node, "type", "")
        here = getattr(node, "source_line", line)
        if kind == "url":
            yield node.value, here
        elif kind == "function" and node.lower_name == "url":
            yield "".join(getattr(a, "value", "") for a in node.arguments
                          if getattr(a, "type", "") == "string"), here
        elif kind == "at-rule" and node.lower_at_keyword == "import":
            for token in node.prelude:
                if getattr(token, "type", "") in ("string", "url"):
                    yield token.value, here
                    break
            continue
        for attr in ("prelude", "content", "arguments"):
            children = getattr(node, attr, None)
            if children and kind != "url":
                yield from _urls(children, here)


def check_own_stylesheets(own: Path | None, base: Path, roots: list[Path]) -> None:
    """Check every stylesheet in a lecture's own template folder (the bundled ones are ours)."""
    if own is None or not own.is_dir():
        return
    for css in sorted(own.glob("*.css")):
        check_stylesheet(css, base, roots)


class WarmFonts(FontConfiguration):
    """A FontConfiguration that serves document after document. WeasyPrint adds a font
    face once per set of descriptors (its `src` among them) and skips it afterwards,
    without fetching: here a document whose fetcher would refuse a face's file may not
    have it through an earlier document's.

    WeasyPrint also skips a face whose file it finds in its folder, so a process forked
    from this one writes the faces it adds into a folder of its own (`_own_folder`):
    in a shared one, this process would skip a face only a worker had added, and lay
    its text out in another font."""

    def __init__(self) -> None:
        super().__init__()
        self.faces: set[str] = set()

    def add_font_face(self, rule_descriptors, url_fetcher):
        key = str(rule_descriptors)
        if key in self.faces:
            for kind, url in rule_descriptors.get("src", ()):
                if kind == "external" and url:
                    url_fetcher.permitted(url)
        self.faces.add(key)
        return super().add_font_face(rule_descriptors, url_fetcher)


@dataclass
class _Parsed:
    """A document's stylesheets as parsed: into `fonts`, with the counter styles they
    defined (`counters`, beside WeasyPrint's own) and the files they read (`read`)."""

    sheets: list
    fonts: FontConfiguration
    counters: dict
    read: list[tuple[Path, int, int]]

    def serves(self, fetcher, fonts) -> bool:
        return (fonts is self.fonts and isinstance(fetcher, FolderFetcher)
                and fetcher.would_read(self.read))


class _Recent(OrderedDict):
    """What was made (parsed stylesheets, laid-out documents) by what made it: the
    `limit` used most lately, or all without a limit."""

    def __init__(self, limit: int | None = None) -> None:
        super().__init__()
        self.limit = limit

    def find(self, key) -> _Parsed | None:
        parsed = self.get(key)
        if parsed is not None:
            self.move_to_end(key)
        return parsed

    def keep(self, key, parsed: _Parsed) -> None:
        self[key] = parsed
        self.move_to_end(key)
        while self.limit is not None and len(self) > self.limit:
            self.popitem(last=False)


class Warm:
    """What a process keeps from one document to the next while `warm.kept()` is on: one
    font configuration (fonts read and Pango's caches filled once) and the stylesheets
    parsed lately (a course's lectures and a watched lecture's rebuilds mostly carry the
    same). A stylesheet is served again only while the files it read are unchanged and
    the new document's fetcher would read them too."""

    SHEETS = 8  # parsed stylesheets kept: the booklet's, the lecturer's, a few edits'
    DOCUMENTS = 4  # laid-out documents kept: a booklet's body, its index measured and set
    DOCUMENT_PAGES = 40  # the most pages of a document kept (a long booklet's are not)

    def __init__(self) -> None:
        self.fonts = WarmFonts()
        self.sheets = _Recent(self.SHEETS)
        self.documents: _Recent = _Recent(self.DOCUMENTS)


_WARM: list[Warm] = []  # this process's, while `warm.kept()` is on


def _own_folder() -> None:
    """In a forked process: the faces it adds go into a new folder (`WarmFonts`)."""
    for kept in _WARM:
        kept.fonts._folder = None  # WeasyPrint makes one when it first needs it


os.register_at_fork(after_in_child=_own_folder)


def warm_state() -> Warm | None:
    """This process's `Warm`, made on first use, or None outside `warm.kept()`."""
    from chapbook import warm

    if not warm.keeping():
        return None
    if not _WARM:
        _WARM.append(Warm())
        warm.at_end(_WARM.clear)
    return _WARM[0]


class Joined:
    """What documents whose pages are joined share: one FontConfiguration (which must
    outlive them), one set of counter styles, and the stylesheets of their HTML, parsed
    once (the booklet's body and index carry the same; parsing it was half of laying
    out a short index). In a warm process the fonts and parsed stylesheets are those
    kept from document to document (`Warm`)."""

    def __init__(self):
        from weasyprint.css.counters import CounterStyle

        warm = warm_state()
        self.fonts = warm.fonts if warm else FontConfiguration()
        self.counter_style = CounterStyle()
        self.sheets = warm.sheets if warm else _Recent()


@contextlib.contextmanager
def _stylesheets_parsed_once(joined: Joined | None):
    """WeasyPrint's `find_stylesheets` answered from `joined.sheets` for a document whose
    `<style>` and `<link>` elements (and base URL and media) are those of one laid out
    before with the same fonts. A parsed sheet holds its own selectors, page rules and
    layers; its fonts went into the shared configuration when it was parsed, and the
    counter styles it defined are copied into the new document's."""
    import weasyprint.css as css

    if joined is None:
        yield
        return
    find = css.find_stylesheets

    def found_once(wrapper_element, media_type, url_fetcher, base_url, font_config,
                   counter_style, *rest):
        if font_config is not joined.fonts or counter_style is not joined.counter_style:
            yield from find(wrapper_element, media_type, url_fetcher, base_url, font_config,
                            counter_style, *rest)
            return
        key = (base_url, media_type, tuple(
            (e.etree_element.tag, tuple(sorted(e.etree_element.attrib.items())),
             css.get_child_text(e.etree_element))
            for e in wrapper_element.query_all("style", "link")))
        parsed = joined.sheets.find(key)
        if parsed is not None and parsed.serves(url_fetcher, font_config):
            counter_style.update(parsed.counters)
            getattr(url_fetcher, "read", []).extend(parsed.read)  # as if read for this one
        else:
            before = len(getattr(url_fetcher, "read", ()))
            sheets = list(find(wrapper_element, media_type, url_fetcher, base_url,
                               font_config, counter_style, *rest))
            parsed = _Parsed(sheets, font_config, dict(counter_style),
                             list(getattr(url_fetcher, "read", ())[before:]))
            joined.sheets.keep(key, parsed)
        yield from parsed.sheets

    css.find_stylesheets = found_once
    try:
        yield
    finally:
        css.find_stylesheets = find


@contextlib.contextmanager
def shared_fonts() -> Iterator[None]:
    """Inside the block (a watching process), documents are laid out warm (`Warm`): fonts
    are read and Pango's caches filled once, not once per build, stylesheets parsed
    once while unchanged, and documents that may be kept are served again for the same
    HTML while the files they read are unchanged (a rebuild's index, whose entries an
    edit seldom moves). A changed `@font-face` rule is seen; a font file changed in
    place is not, until a restart. The fonts' files live in the temporary folder of the
    block's start, which must outlast it."""
    from chapbook import warm

    global _KEEPING
    before, _KEEPING = _KEEPING, True
    try:
        with warm.kept():
            yield
    finally:
        _KEEPING = before


_KEEPING = False  # inside `shared_fonts`: laid-out documents are kept (`Warm.documents`)


def layout_html(html: str, base: Path, roots: list[Path], stylesheet: Path | None,
                template_folders: list[Path], what: str, stage: str, *, fonts=None,
                extra_css: str = "", joined: Joined | None = None, keep: bool = False):
    """WeasyPrint set up once for every output: lay `html` out into a Document.

    Relative URLs in the HTML resolve against `base` (a file or folder); a
    `stylesheet` is found in `template_folders` and its relative URLs resolve against
    the bundled folder (the last), so a lecture's copy keeps finding the bundled
    fonts. Files are read only under `roots`; a lecture's own stylesheets are
    checked first, so a refused URL names the CSS file and line. Documents whose
    pages are joined share `fonts` (a FontConfiguration), which must outlive them, or
    all that `joined` holds (in a warm process, every document shares the fonts kept,
    `Warm`); `extra_css` is chapbook's own (no URLs), applied last. A document whose
    pages are never changed afterwards may be `keep`: in a warm process, a later call
    with the same HTML, CSS and folders gets it again while every file it read is
    unchanged (`Warm.documents`), its warnings said again.
    """
    from weasyprint import CSS, HTML

    from chapbook.limits import time_limit

    own = template_folders[0] if len(template_folders) > 1 else None
    check_own_stylesheets(own, template_folders[-1], roots)
    fetcher = FolderFetcher(roots)
    warm = warm_state()
    fonts = joined.fonts if joined else (warm.fonts if warm else fonts) or FontConfiguration()
    counter_style = joined.counter_style if joined else None
    base = base.resolve()
    base_url = base.as_uri() + ("/" if base.is_dir() else "")
    kept = warm.documents if warm and joined and keep and _KEEPING else None
    key = (html, extra_css, base_url, tuple(fetcher.roots), stylesheet, tuple(template_folders))
    found = kept.find(key) if kept is not None else None
    if found is not None and found.fonts is fonts and fetcher.would_read(found.read):
        for line in found.said:
            log.warning("%s", line)
        return found.document
    with (weasyprint_errors(what) as errors, time_limit(stage), collection_paused(),
          _stylesheets_parsed_once(joined)):
        sheets = [] if stylesheet is None else [CSS(
            filename=stylesheet, base_url=(template_folders[-1] / stylesheet.name).as_uri(),
            url_fetcher=fetcher, font_config=fonts)]
        if extra_css:
            sheets.append(CSS(string=extra_css, url_fetcher=fetcher, font_config=fonts))
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=fonts, counter_style=counter_style)
    if kept is not None and len(document.pages) <= Warm.DOCUMENT_PAGES:
        kept.keep(key, _Kept(document, list(fetcher.read), fonts, errors.handler.said))
    return document


@dataclass
class _Kept:
    """A laid-out document kept (`Warm.documents`): the files it read, its fonts and what
    it warned of."""

    document: object
    read: list[tuple[Path, int, int]]
    fonts: FontConfiguration
    said: list[str]
