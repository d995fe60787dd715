"""The cyclic garbage collector: paused while outputs are made, resumed unless the
process ends there."""

from __future__ import annotations

import gc

import pytest
from conftest import FIXTURES

from chapbook import heap
from chapbook.cli import main


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_collection_is_paused_and_resumed():
    with heap.collection_paused():
        assert not gc.isenabled()
        with heap.collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collection_is_not_resumed_when_the_process_ends_after_the_build():
    with heap.ending():
        with heap.collection_paused():
            pass
        assert not gc.isenabled()  # and the process exits
    gc.enable()
    with heap.collection_paused():  # the block has ended: resumed again
        pass
    assert gc.isenabled()


def test_a_command_run_in_process_leaves_the_collector_on(tmp_path, capsys):
    assert main(["build", str(FIXTURES / "minimal"), "--format", "pptx", "--out",
                 str(tmp_path), "-q"]) == 0
    assert gc.isenabled()


def test_set_aside_freezes_what_is_held_without_collecting_it():
    """A course's worker sets its heap aside as its first lecture left it: a collection
    would walk every object to find that lecture's cycles (0.15 s a worker)."""
    import weakref

    class Node:
        pass

    with heap.collection_paused():
        cycle = Node()
        cycle.me = cycle
        alive = weakref.ref(cycle)
        del cycle
        frozen = gc.get_freeze_count()
        try:
            heap.set_aside()
            assert alive() is not None  # not collected
            assert gc.get_freeze_count() > frozen
        finally:
            gc.unfreeze()
    gc.collect()
    assert alive() is None
