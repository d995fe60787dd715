"""Calls under `on_roomy_stack` stay on one chunk of CPython's frame stack."""

from __future__ import annotations

import os
import resource
import sys

import pytest

from chapbook.frame_stack import ROOM, _call, on_roomy_stack


def _down(n: int) -> int:
    return 0 if n == 0 else _down(n - 1) + 1


def _faults_of_a_sweep() -> int:
    """Page faults of recursions 0 to 299 deep, twenty times over: each goes past the end
    of a chunk and back, as a layout's recursion over nested boxes does."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(20):
        for depth in range(300):
            _down(depth)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_recursion_past_a_chunk_end_maps_nothing_new():
    plain = _faults_of_a_sweep()
    if plain < 1000:
        pytest.skip(f"this Python keeps its frame stack's chunks ({plain} page faults)")
    roomy = on_roomy_stack(_faults_of_a_sweep)
    assert roomy < plain / 20, (roomy, plain)


def test_the_result_arguments_and_errors_pass_through():
    assert on_roomy_stack(divmod, 17, 5) == (3, 2)
    assert on_roomy_stack(int, "ff", base=16) == 255
    with pytest.raises(ZeroDivisionError):
        on_roomy_stack(divmod, 1, 0)


def test_the_frame_asks_for_the_room():
    assert _call.__code__.co_stacksize == ROOM


def test_a_forked_process_keeps_the_room():
    def child_faults() -> int:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the forked process)
            os.write(write, str(_faults_of_a_sweep()).encode())
            os._exit(0)
        os.close(write)
        with open(read, "rb") as pipe:
            faults = int(pipe.read())
        os.waitpid(pid, 0)
        return faults

    plain = child_faults()
    if plain < 1000:
        pytest.skip(f"this Python keeps its frame stack's chunks ({plain} page faults)")
    assert on_roomy_stack(child_faults) < plain / 20


def test_the_program_runs_on_the_roomy_stack(monkeypatch):
    from chapbook import cli

    callers = []

    def main(**kwargs) -> int:
        callers.append(sys._getframe(1).f_code)
        return 0

    def exit_(code: int):
        raise SystemExit(code)

    monkeypatch.setattr(cli, "main", main)
    monkeypatch.setattr(cli.os, "_exit", exit_)
    with pytest.raises(SystemExit):
        cli.run()
    assert callers == [_call.__code__]
