"""A warm process opens a deck's theme ahead for the processes it forks: each takes that
copy as its own, unless the file changed, and the process that opened it never composes
on it."""

from __future__ import annotations

import os
import pickle
import shutil
import time

import pytest
from conftest import BUNDLED

from chapbook import warm
from chapbook.deck import theme as themes


@pytest.fixture
def theme(tmp_path):
    path = tmp_path / "theme.pptx"
    shutil.copy(BUNDLED / "deck" / "theme.pptx", path)
    return path


@pytest.fixture
def opened(monkeypatch) -> list[int]:
    """The processes that opened a theme file (`open_theme`), one entry per opening."""
    calls: list[int] = []
    open_theme = themes.open_theme

    def counted(path):
        calls.append(os.getpid())
        return open_theme(path)

    monkeypatch.setattr(themes, "open_theme", counted)
    return calls


def _in_a_fork(task):
    """`task()`'s picklable result, run in a process forked from this one."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the forked process)
        try:
            os.write(write, pickle.dumps(task()))
        finally:
            os._exit(0)
    os.close(write)
    with open(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return pickle.loads(data)


def _taken(theme, opened):
    def task():
        before = len(opened)
        prs, removed, prepared = themes.theme_to_compose(theme, _names)
        spare = themes._spares.get(str(theme))
        return len(opened) - before, id(prs), removed, spare is None, prepared

    return task


def _names(prs) -> list[str]:
    """What a deck's writer prepares from the theme (there: its layouts' analysis)."""
    return [layout.name for layout in prs.slide_layouts]


def test_a_forked_process_takes_the_theme_opened_ahead(theme, opened):
    with warm.kept():
        prs, removed, prepared = themes.theme_to_compose(theme, _names)
        assert prepared is None  # opened here, now: nothing made ahead
        warm.before_forks()
        assert opened == [os.getpid(), os.getpid()]  # its own, then one ahead
        spare = themes._spares[str(theme)]
        assert spare.prs is not prs
        new, taken, removed_there, gone, prepared = _in_a_fork(_taken(theme, opened))
        assert (new, taken, removed_there, gone) == (0, id(spare.prs), removed, True)
        assert prepared == _names(prs) == spare.prepared  # made ahead, on that copy
        assert themes._spares[str(theme)] is spare  # still here, for the next fork
        assert _in_a_fork(_taken(theme, opened))[:2] == (0, id(spare.prs))
        warm.before_forks()  # the file is unchanged: nothing opened again
        assert len(opened) == 2
    assert themes._spares == {}  # let go when the block ends


def test_the_process_that_opened_it_ahead_opens_its_own(theme, opened):
    with warm.kept():
        themes.theme_to_compose(theme)
        warm.before_forks()
        spare = themes._spares[str(theme)]
        prs, _, prepared = themes.theme_to_compose(theme)
        assert prepared is None
        assert prs is not spare.prs and len(opened) == 3


def test_a_changed_theme_is_opened_again(theme, opened):
    with warm.kept():
        themes.theme_to_compose(theme)
        warm.before_forks()
        spare = themes._spares[str(theme)]
        later = time.time() + 5
        os.utime(theme, (later, later))
        new, taken, _, _, prepared = _in_a_fork(_taken(theme, opened))
        assert new == 1 and taken != id(spare.prs) and prepared is None
        warm.before_forks()  # opened ahead again, as the file now is
        assert themes._spares[str(theme)] is not spare and len(opened) == 3


def test_nothing_is_opened_ahead_outside_a_warm_process(theme, opened):
    themes.theme_to_compose(theme)
    warm.before_forks()
    assert themes._spares == {} and len(opened) == 1


def test_the_writer_takes_the_layouts_made_ahead_only_for_the_default_choice(theme, tmp_path):
    from chapbook.deck.geometry import Layouts
    from chapbook.deck.writer import _Writer

    prs, _ = themes.open_theme(theme)
    standard = Layouts(prs)
    assert _Writer(prs, tmp_path, None, "en", standard).layouts is standard
    assert _Writer(prs, tmp_path, {"content": ""}, "en", standard).layouts is standard
    chosen = _Writer(prs, tmp_path, {"content": prs.slide_layouts[1].name}, "en", standard)
    assert chosen.layouts is not standard
    assert chosen.layouts("content") is prs.slide_layouts[1]
