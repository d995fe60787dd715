"""Dataclasses' methods compiled once: the same methods, and none compiled again from
the cache."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import textwrap
import uuid

import pytest

from chapbook import dataclass_code


@pytest.fixture
def compiles(monkeypatch):
    """The sources compiled here from now on (`compile`, as the module finds it)."""
    seen: list[str] = []

    def counted(source, filename, mode):
        seen.append(source)
        return compile(source, filename, mode)

    monkeypatch.setattr(dataclass_code, "compile", counted, raising=False)
    return seen


def _make(name: str, *, frozen: bool = False, builtin: bool = False):
    """A dataclass whose first field is named `name` (a method's source names the fields,
    not the class): `builtin` with dataclasses' own `exec`."""
    if builtin:
        shadow = dataclasses.__dict__.pop("exec")
    try:
        return dataclasses.make_dataclass(
            "Made", [(name, int), ("b", str, dataclasses.field(default="x")),
                     ("c", list, dataclasses.field(default_factory=list))],
            frozen=frozen, order=True)
    finally:
        if builtin:
            dataclasses.exec = shadow


def test_installed_when_chapbook_is_imported():
    assert dataclasses.exec is dataclass_code._exec


def test_a_class_made_again_compiles_nothing(compiles):
    name = f"fresh_{uuid.uuid4().hex}"
    _make(name)
    assert compiles, "a new class's methods are compiled"
    compiles.clear()
    _make(name)
    _make(name)
    assert compiles == []


@pytest.mark.parametrize("frozen", [False, True])
def test_the_methods_are_dataclasses_own(frozen):
    name = f"same_{uuid.uuid4().hex}"
    ours, theirs = _make(name, frozen=frozen), _make(name, frozen=frozen, builtin=True)
    _make(name, frozen=frozen)  # served from what was kept
    for method in ("__init__", "__repr__", "__eq__", "__lt__", "__ge__"):
        mine, builtin = getattr(ours, method).__code__, getattr(theirs, method).__code__
        assert mine.co_code == builtin.co_code
        assert (mine.co_consts, mine.co_names, mine.co_varnames, mine.co_filename) == (
            builtin.co_consts, builtin.co_names, builtin.co_varnames, builtin.co_filename)
    one, two = ours(1, "y"), theirs(1, "y")
    assert (repr(one), one.c) == (repr(two), [])
    assert ours(1) < ours(2) and ours(1, "y") == ours(1, "y")
    if frozen:
        with pytest.raises(dataclasses.FrozenInstanceError):
            one.b = "z"


def test_anything_but_source_runs_as_exec_would():
    namespace: dict = {}
    dataclass_code._exec(compile("x = 1 + 1", "<t>", "exec"), namespace)
    assert namespace["x"] == 2


_DEFINE = """
import dataclasses, sys
from chapbook import dataclass_code
@dataclasses.dataclass(frozen=True)
class Defined:
    {name}: int
    second: tuple = ()
assert Defined(1) == Defined(1, ())
print("compiled" if dataclass_code._STATE["new"] else "kept")
dataclass_code.keep()
"""


def _run(cache: str, name: str, *, off: bool = False) -> str:
    """Define a class whose first field is `name` (a method's source names its fields,
    not its class) in a new process: were its methods compiled or kept?"""
    env = {**os.environ, "CHAPBOOK_CACHE_DIR": cache}
    env.pop("CHAPBOOK_NO_CACHE", None)
    if off:
        env["CHAPBOOK_NO_CACHE"] = "1"
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(_DEFINE.format(name=name))],
                            env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_kept_in_the_cache_for_the_next_process(tmp_path):
    cache, name = str(tmp_path / "cache"), f"kept_{uuid.uuid4().hex}"
    assert _run(cache, name) == "compiled"
    assert _run(cache, name) == "kept"
    assert _run(cache, f"other_{uuid.uuid4().hex}") == "compiled"
    assert _run(cache, name) == "kept"


def test_a_damaged_cache_file_is_compiled_again(tmp_path):
    cache, name = tmp_path / "cache", f"damaged_{uuid.uuid4().hex}"
    assert _run(str(cache), name) == "compiled"
    (kept,) = cache.glob("dataclass-code-*")
    kept.write_bytes(kept.read_bytes()[: kept.stat().st_size // 2])
    assert _run(str(cache), name) == "compiled"
    assert _run(str(cache), name) == "kept"


def test_nothing_kept_with_the_cache_off(tmp_path):
    cache = tmp_path / "cache"
    assert _run(str(cache), f"off_{uuid.uuid4().hex}", off=True) == "compiled"
    assert not cache.exists() or not list(cache.glob("dataclass-code-*"))
