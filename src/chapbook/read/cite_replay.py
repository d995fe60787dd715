"""Citations formatted once per watching process while they stay the same.

A lecture rebuilt under watch mostly cites as it did before the save, yet formatting
its citations and list of sources was two thirds of reading the sample again (90 of
130 ms, before the deck or the booklet can start). citeproc gives the same results
for the same calls in the same order, so a watching process (inside `replaying()`)
keeps the calls of the last lecture formatted with the same sources, language, style
and listed keys, with what each returned: while a new lecture makes the same calls in
the same order, their results are served; at the first call that differs the
processor is made, the calls so far are replayed into it, and it formats the rest
itself. Not in a course's workers: two lectures rarely cite the same keys in order.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from chapbook.model.sources import Source
from chapbook.read.csl import CiteProc

KEPT = 4  # lectures' calls kept (a lecture, its last edits' lists of cited keys)
_kept: dict[bytes, list[tuple[tuple, Any]]] = {}
_replaying = False


@contextlib.contextmanager
def replaying() -> Iterator[None]:
    """Keep the calls of the lectures read inside the block, to serve the next."""
    global _replaying
    before, _replaying = _replaying, True
    try:
        yield
    finally:
        _replaying = before
        if not before:
            _kept.clear()


class _Raised:
    """A call that raised: raised again when served."""

    def __init__(self, error: Exception) -> None:
        self.error = error


def processor(make: Callable[[], CiteProc], sources: Iterable[Source], lang: str,
              style: Path, listed: list[str]) -> CiteProc | Replayed:
    """`make()`, or inside `replaying()` a processor that serves the calls kept for the
    same sources, `lang`, `style` (the file's text) and `listed` keys."""
    if not _replaying:
        return make()
    key = hashlib.sha256(pickle.dumps(
        ([(s.key, s.csl) for s in sources], lang, style.read_bytes(), listed))).digest()
    return Replayed(make, key)


class Replayed:
    """A CiteProc's `cite`, `cite_in_text` and `references`, served from the calls kept
    under `key` while this lecture's are the same; made with `make` first otherwise."""

    def __init__(self, make: Callable[[], CiteProc], key: bytes) -> None:
        self._make = make
        self._past = _kept.pop(key, [])
        self._calls: list[tuple[tuple, Any]] = []
        _kept[key] = self._calls  # the latest, kept as they are made
        while len(_kept) > KEPT:
            del _kept[next(iter(_kept))]
        # Made now when nothing is kept: a style that cannot be used fails here, as a
        # processor made at once would (kept calls mean this one was made before).
        self._live = None if self._past else make()

    def cite(self, cites: list) -> Any:
        return self._call("cite", tuple(cites))

    def cite_in_text(self, cite) -> Any:
        return self._call("cite_in_text", cite)

    def references(self, keys: Iterable[str]) -> Any:
        return self._call("references", tuple(keys))

    def _call(self, name: str, argument: Any) -> Any:
        call = (name, argument)
        done = len(self._calls)
        if self._live is None and done < len(self._past) and self._past[done][0] == call:
            outcome = self._past[done][1]
        else:
            outcome = self._run(call)
        self._calls.append((call, outcome))
        if isinstance(outcome, _Raised):
            raise outcome.error
        return outcome

    def _run(self, call: tuple) -> Any:
        if self._live is None:
            self._live = self._make()
            for past, outcome in self._calls:  # the state the served calls left
                try:
                    _apply(self._live, past)
                except Exception:
                    if not isinstance(outcome, _Raised):
                        raise
        try:
            return _apply(self._live, call)
        except Exception as exc:  # served again as raised
            return _Raised(exc)


def _apply(live: CiteProc, call: tuple) -> Any:
    name, argument = call
    if name == "cite":
        return live.cite(list(argument))
    if name == "cite_in_text":
        return live.cite_in_text(argument)
    return live.references(argument)
