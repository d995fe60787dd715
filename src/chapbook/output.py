"""Writing outputs all-or-nothing, and leaving no temporary files behind.

Every output is written to a temporary file beside its target; only when all
are complete are they renamed into place, and if any rename fails the files
already replaced are put back. A failed, interrupted or killed build therefore
never leaves a half-written file, never destroys the last good one, and never
leaves a new booklet beside an old deck. Temporary names carry the process id,
so the next build removes what a killed one (SIGKILL) left.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from chapbook.errors import ChapbookError

_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.(?:tmp|old)(?:\.pages)?$")
_OLD_STYLE = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")  # before the pid was in it
STALE_SECONDS = 600
TMP_PREFIX = "chapbook-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(target: Path) -> None:
    """Remove the temporary files an interrupted or killed build of `target` left."""
    folder = target.parent
    if not folder.is_dir():
        return
    for entry in folder.glob(f".{target.name}.*"):
        m = _LEFTOVER.match(entry.name)
        if m and m.group("name") == target.name and not _alive(int(m.group("pid"))):
            entry.unlink(missing_ok=True)
        elif not m and (o := _OLD_STYLE.match(entry.name)) and o.group("name") == target.name:
            with contextlib.suppress(OSError):
                if time.time() - entry.stat().st_mtime > STALE_SECONDS:
                    entry.unlink()


class Batch:
    """Temporary paths handed out by `path()`; `commit()` renames them all into place."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []

    def path(self, target: Path) -> Path:
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(target)
        _check_target(target)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                    dir=target.parent)
        os.close(fd)
        self.pending.append((Path(name), target))
        return Path(name)

    def commit(self) -> None:
        """Every target checked first; then each old file kept (as a hard link) until all
        new ones are in place, and put back if any rename fails."""
        for tmp, target in self.pending:
            if tmp.stat().st_size == 0:
                raise OSError(f"refusing to write an empty {target.name}")
            _check_target(target)
        kept: list[tuple[Path, Path]] = []  # (old copy, target)
        placed: list[Path] = []
        try:
            for tmp, target in self.pending:
                if target.exists():
                    kept.append((_keep(target), target))
                os.chmod(tmp, 0o644)
                os.replace(tmp, target)
                placed.append(target)
        except BaseException:
            for target in placed:
                if not any(t == target for _, t in kept):
                    target.unlink(missing_ok=True)
            for old, target in kept:
                if target.exists() and os.path.samefile(old, target):
                    old.unlink()  # never replaced: rename() between hard links does nothing
                else:
                    os.replace(old, target)
            raise
        for old, _ in kept:
            old.unlink(missing_ok=True)
        self.pending.clear()

    def discard(self) -> None:
        for tmp, _ in self.pending:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        self.pending.clear()


def _check_target(target: Path) -> None:
    """A target must be a file we may replace: not a folder, in a writable folder."""
    if target.is_dir():
        raise ChapbookError(f"cannot write {target.name}: a folder of that name is in the way",
                            target)
    if target.exists() and not target.is_file() and not target.is_symlink():
        raise ChapbookError(f"cannot write {target.name}: it is not a regular file", target)
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise OSError(errno.EACCES, "the output folder is not writable", str(target.parent))


def _keep(target: Path) -> Path:
    """A second name for the old file, to put it back if the batch fails."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".old",
                                dir=target.parent)
    os.close(fd)
    old = Path(name)
    try:
        old.unlink()
        os.link(target, old)
    except OSError:  # a file system without hard links: a copy serves
        shutil.copy2(target, old)
    return old


@contextlib.contextmanager
def atomic_batch() -> Iterator[Batch]:
    batch = Batch()
    try:
        yield batch
        batch.commit()
    finally:
        batch.discard()


@contextlib.contextmanager
def private_tempdir() -> Iterator[Path]:
    """A temporary folder of this process's own for libraries (WeasyPrint keeps fonts
    there), removed on every way out; folders a killed build left are removed first."""
    base = Path(tempfile.gettempdir())
    for entry in base.glob(f"{TMP_PREFIX}*"):
        pid = entry.name[len(TMP_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", dir=base))
    saved = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = saved
        shutil.rmtree(folder, ignore_errors=True)


def build_time() -> dt.datetime:
    """Now, or `SOURCE_DATE_EPOCH` when set, so that builds can be reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
    try:
        when = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        when = None
    if when is None or not 1980 <= when.year <= 9999:
        raise ChapbookError(f"SOURCE_DATE_EPOCH={epoch[:30]!r} is not a time in seconds since "
                            "1970 between 1980 and 9999 (e.g. $(git log -1 --format=%ct))")
    return when
