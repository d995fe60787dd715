"""The only way WeasyPrint reads files: regular files under allowed folders.

A booklet may embed any file WeasyPrint can fetch, so the fetcher is the policy:
no network, no `data:` tricks beyond size, nothing outside the lecture folder and
the template folders, and a size cap. A refused fetch stops the build.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

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
