"""Dataclasses' methods compiled once, and kept in chapbook's cache.

A dataclass's `__init__`, `__repr__`, `__eq__` and the rest are written out as Python
source and compiled when its class is made: about 550 methods across a build's
processes (chapbook's blocks, model and slide plan; its libraries'), 25 ms of each
process's start. The helper that parses a lecture defines most of them on the way to
the booklet's HTML, which the booklet waits for. The source of each method is the same
from run to run, so its compiled code is kept in chapbook's cache (`chapbook.cache`),
under Python's version, and read in about a millisecond.

`dataclasses` compiles with the built-in `exec`; here a module-level `exec` in its
namespace shadows the built-in, looks the source up and runs the code kept for it, and
compiles (as `exec` would, from `"<string>"`) what it does not hold. The methods are
the ones `dataclasses` makes. A process that compiled something new writes the whole
set back before it ends (`keep`).
"""

from __future__ import annotations

import builtins
import contextlib
import marshal
import sys
import types

_CODES: dict[str, types.CodeType] = {}
_STATE = {"new": False}  # compiled here something the cache did not hold


def compiled_once() -> None:
    """Install the shadowing `exec` in `dataclasses` (once per process) and read the
    kept code from the cache."""
    import dataclasses

    if getattr(dataclasses, "exec", None) is _exec:
        return
    _CODES.update(_read())
    dataclasses.exec = _exec


def keep() -> None:
    """Write the code compiled in this process, with what was read, back to the cache
    (nothing when everything was found there)."""
    if not _STATE["new"]:
        return
    from chapbook import cache

    _STATE["new"] = False
    if cache.folder() is None:
        return
    with contextlib.suppress(ValueError):  # a code object marshal cannot write
        cache.write(_name(), marshal.dumps(_CODES))


def _exec(source, globals=None, locals=None, /):
    if isinstance(source, str):
        code = _CODES.get(source)
        if code is None:
            code = _CODES[source] = compile(source, "<string>", "exec")
            _STATE["new"] = True
        source = code
    return builtins.exec(source, globals, locals)


def _read() -> dict[str, types.CodeType]:
    from chapbook import cache

    data = cache.read(_name())
    if data is None:
        return {}
    try:
        codes = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return {}
    if not isinstance(codes, dict) or not all(
            isinstance(k, str) and isinstance(v, types.CodeType) for k, v in codes.items()):
        return {}
    return codes


def _name() -> str:
    from chapbook import cache

    return cache.name("dataclass-code", ".marshal", sys.version, sys.implementation.cache_tag)
