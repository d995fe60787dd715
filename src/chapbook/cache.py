"""chapbook's cache: what it can make again, kept so that the next run starts sooner.

One folder per user: `CHAPBOOK_CACHE_DIR`, else `$XDG_CACHE_HOME/chapbook`, else
`~/.cache/chapbook`; none at all when `CHAPBOOK_NO_CACHE` is set. Deleting it only costs
time, and it keeps itself under `MAX_BYTES` by dropping the files least recently
used. What it holds can steer native code, so a file is read only when this user
owns it and its folder and nobody else may write to either. A file that cannot be read
or written is a miss, never an error: the cache only ever saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import stat
import tempfile
from pathlib import Path

log = logging.getLogger("chapbook")

MAX_BYTES = 64 * 2**20


def folder() -> Path | None:
    """The cache folder, made (private) if need be; None when off or unusable."""
    if os.environ.get("CHAPBOOK_NO_CACHE"):
        return None
    base = os.environ.get("CHAPBOOK_CACHE_DIR")
    if base:
        path = Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        path = (Path(xdg) / "chapbook" if os.path.isabs(xdg)  # a relative one is ignored
                else Path.home() / ".cache" / "chapbook")
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        return path if _private(path.stat()) else None
    except (OSError, RuntimeError):  # RuntimeError: no home folder to be found
        return None


def name(kind: str, suffix: str, *inputs) -> str:
    """The name of the cached file made from `inputs` (text, numbers, tuples; bytes, such
    as a file's contents, count by their digest): `kind-DIGEST.suffix`."""
    what = repr(tuple(hashlib.sha256(i).hexdigest() if isinstance(i, bytes) else i
                      for i in inputs))
    return f"{kind}-{hashlib.sha256(what.encode('utf-8')).hexdigest()[:32]}{suffix}"


def read(name: str) -> bytes | None:
    """The cached file `name`, or None (no cache, no such file, or not private)."""
    where = folder()
    if where is None:
        return None
    try:
        with open(where / name, "rb") as f:
            if not _private(os.fstat(f.fileno())):
                log.debug("cache: %s is writable by others; not used", where / name)
                return None
            data = f.read()
        with contextlib.suppress(OSError):
            os.utime(where / name)  # used now: the last to be dropped (`_trim`)
        return data
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Keep `data` as the cached file `name`: whole or not at all (written aside, then
    renamed), private to this user."""
    where = folder()
    if where is None:
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=where, prefix=f".{name}.")
        try:
            with os.fdopen(handle, "wb") as f:
                f.write(data)
            os.replace(temporary, where / name)
        except BaseException:
            os.unlink(temporary)
            raise
        _trim(where)
    except OSError as error:
        log.debug("cache: could not keep %s: %s", name, error)


def _trim(where: Path) -> None:
    """Drop the files least recently used (read or written) until the folder holds 3/4
    of `MAX_BYTES`, once it holds more than that."""
    files = []
    for entry in os.scandir(where):
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                info = entry.stat(follow_symlinks=False)
                files.append((info.st_mtime_ns, info.st_size, entry.path))
    total = sum(size for _, size, _ in files)
    if total <= MAX_BYTES:
        return
    for _, size, path in sorted(files):
        with contextlib.suppress(OSError):
            os.unlink(path)
            total -= size
        if total <= MAX_BYTES * 3 // 4:
            return


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
