"""Writing outputs atomically: temporary files beside the targets, renamed when all are complete.

A failed or interrupted build therefore never leaves a half-written file, never
destroys the last good one, and never leaves a new booklet beside an old deck.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


class Batch:
    """Temporary paths handed out by `path()`; `commit()` renames them all into place."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []

    def path(self, target: Path) -> Path:
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        self.pending.append((Path(name), target))
        return Path(name)

    def commit(self) -> None:
        for tmp, target in self.pending:
            if tmp.stat().st_size == 0:
                raise OSError(f"refusing to write an empty {target.name}")
        for tmp, target in self.pending:
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        self.pending.clear()

    def discard(self) -> None:
        for tmp, _ in self.pending:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        self.pending.clear()


@contextlib.contextmanager
def atomic_batch() -> Iterator[Batch]:
    batch = Batch()
    try:
        yield batch
        batch.commit()
    finally:
        batch.discard()


def build_time() -> dt.datetime:
    """Now, or `SOURCE_DATE_EPOCH` when set, so that builds can be reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
