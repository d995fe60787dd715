"""The only way WeasyPrint reads files: regular files under allowed folders.

A booklet may embed any file WeasyPrint can fetch, so the fetcher is the policy:
no network, no `data:` tricks beyond size, nothing outside the lecture folder and
the template folders, and a size cap. A refused fetch stops the build.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from chapbook.errors import ChapbookError, RenderError

log = logging.getLogger("chapbook")

MAX_RESOURCE_BYTES = 50 * 1024 * 1024


class FolderFetcher(URLFetcher):
    """Serve `file:` URLs under `roots`, refuse everything else."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
        self.roots = [r.resolve() for r in roots]

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise FatalURLFetchingError(f"refused to fetch {url}: only files in the lecture "
                                        "folder may be used")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise FatalURLFetchingError(f"refused to read {path}: it is outside the lecture "
                                        "and template folders")
        if not path.is_file():
            raise FatalURLFetchingError(f"{path} not found")
        if path.stat().st_size > MAX_RESOURCE_BYTES:
            raise FatalURLFetchingError(f"{path} is larger than "
                                        f"{MAX_RESOURCE_BYTES // 2**20} MB")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})


class _Collect(logging.Handler):
    """Errors are kept to fail the build; warnings are passed on, three of a kind at most
    (a missing glyph is reported once per character otherwise)."""

    SAME_KIND = 3

    def __init__(self, what: str) -> None:
        super().__init__(logging.WARNING)
        self.what = what
        self.errors: list[str] = []
        self.kinds: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().splitlines()[0]
        if record.levelno >= logging.ERROR:
            self.errors.append(message)
            return
        kind = record.msg.split("%", 1)[0][:40] if isinstance(record.msg, str) else message
        seen = self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if seen <= self.SAME_KIND:
            log.warning("%s: %s", self.what, message)

    def summary(self) -> None:
        for kind, count in self.kinds.items():
            if count > self.SAME_KIND:
                log.warning("%s: ... and %d more warnings like %r", self.what,
                            count - self.SAME_KIND, kind.strip())


class weasyprint_errors:
    """Route WeasyPrint's log into ours; any error it logs fails the build.

    `what` ("booklet", "handout") starts every message.
    """

    def __init__(self, what: str):
        self.what = what
        self.handler = _Collect(what)
        self.logger = logging.getLogger("weasyprint")

    def __enter__(self):
        self.saved = (self.logger.handlers[:], self.logger.propagate)
        self.logger.handlers = [self.handler]
        self.logger.propagate = False
        return self

    def __exit__(self, exc_type, exc, tb):
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
