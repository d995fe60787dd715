"""Outputs made on several cores: the same files as one process makes, all or nothing,
the limits kept in every worker, each message reported once."""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from conftest import FIXTURES

import chapbook.formats
from chapbook import workers
from chapbook.build import build
from chapbook.errors import ChapbookError, RenderError
from chapbook.formats import FORMATS, groups
from chapbook.limits import time_limit
from chapbook.workers import Helper, Workers

pytestmark = pytest.mark.slow  # builds whole lectures or runs external programs

BUNDLED = Path(__file__).resolve().parents[1] / "templates"


@pytest.fixture
def talk(tmp_path) -> Path:
    folder = tmp_path / "talk"
    shutil.copytree(FIXTURES / "minimal", folder)
    return folder


def _replace_render(monkeypatch, name: str, render) -> None:
    """Swap one format's render (forked workers inherit the swap)."""
    formats = dict(chapbook.formats.FORMATS)
    formats[name] = dataclasses.replace(formats[name], render=render)
    monkeypatch.setattr(chapbook.formats, "FORMATS", formats)
    monkeypatch.setattr("chapbook.build.FORMATS", formats)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_groups_keep_the_booklet_and_its_print_file_together():
    assert groups(("pdf", "print", "handout", "pptx")) == [("pdf", "print"), ("handout",),
                                                           ("pptx",)]
    assert groups(("print", "pptx")) == [("print",), ("pptx",)]


def test_several_workers_write_the_same_files_as_one(talk, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    formats = ("pdf", "print", "pptx", "html")
    one = build(talk, tmp_path / "one", formats, workers=1)
    two = build(talk, tmp_path / "two", formats, workers=2)
    assert [b.path.name for b in one] == [b.path.name for b in two] == [
        "talk.pdf", "talk-print.pdf", "talk.pptx", "talk-slides.html"]
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def _failing(parent: int, how: str):
    def render(job):
        if os.getpid() == parent:
            raise AssertionError("this format should be made in a worker")
        if how == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        raise RenderError("the deck broke on purpose", job.lecture.source, 3)
    return render


@pytest.mark.parametrize("how", ["error", "kill"])
def test_a_failing_worker_leaves_every_output_untouched(talk, tmp_path, monkeypatch, how):
    out = tmp_path / "out"
    build(talk, out, ("pdf", "pptx", "html"), workers=2)
    before = _files(out)
    (talk / "lecture.md").write_text((talk / "lecture.md").read_text() + "\nMore text.\n")
    _replace_render(monkeypatch, "pptx", _failing(os.getpid(), how))
    with pytest.raises(ChapbookError) as info:
        build(talk, out, ("pdf", "pptx", "html"), workers=2)
    if how == "kill":
        assert "worker process was killed by signal 9" in str(info.value)
    else:
        assert str(info.value) == f"{talk / 'lecture.md'}:3: the deck broke on purpose"
    assert _files(out) == before  # no new booklet beside the old deck, no temporary file


def test_the_time_limit_holds_in_workers_and_names_their_stage(talk, tmp_path, monkeypatch):
    def slow(job):
        with time_limit("laying out the booklet"):
            time.sleep(30)

    _replace_render(monkeypatch, "pdf", slow)  # the first format: its error is the one told
    monkeypatch.setenv("CHAPBOOK_TIME_LIMIT", "3")
    started = time.monotonic()
    with pytest.raises(RenderError, match="laying out the booklet took longer than 3 s"):
        build(talk, tmp_path / "out", ("pdf", "pptx"), workers=2)
    assert time.monotonic() - started < 15
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_the_memory_budget_holds_in_workers(talk, tmp_path):
    own = talk / "templates" / "deck"
    own.mkdir(parents=True)
    deck = (BUNDLED / "deck" / "deck.html.j2").read_text(encoding="utf-8")
    greedy = ("{% set ns = namespace(s='ab') %}{% for i in range(60) %}"
              "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}")
    (own / "deck.html.j2").write_text(deck.replace("<body>", "<body>\n" + greedy, 1))
    with pytest.raises(ChapbookError) as info:
        build(talk, tmp_path / "out", ("pdf", "pptx"), workers=2)
    assert "deck.html.j2" in str(info.value)
    assert any(w in str(info.value) for w in ("too large", "memory", "million characters"))


def test_what_workers_log_is_reported_once_in_order(talk, tmp_path, monkeypatch, caplog):
    log = logging.getLogger("chapbook")
    parent = os.getpid()

    def logging_render(name):
        real = FORMATS[name].render

        def render(job):
            log.warning("%s made in %s", name, "a worker" if os.getpid() != parent else "here")
            return real(job)
        return render

    for name in ("pdf", "pptx"):
        _replace_render(monkeypatch, name, logging_render(name))
    with caplog.at_level(logging.WARNING, logger="chapbook"):
        build(talk, tmp_path / "out", ("pdf", "pptx"), workers=2)
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["pdf made in a worker", "pptx made in a worker"]


def test_workers_yield_in_order_and_report_errors(monkeypatch):
    def task(n):
        def run():
            if n == 2:
                raise ValueError("two")
            time.sleep(0.2 if n == 0 else 0)  # the first finishes last
            return n * 10
        return run

    with Workers([task(n) for n in range(4)], 2) as pool:
        outcomes = list(pool.outcomes())
    assert [o.value for o in outcomes] == [0, 10, None, 30]
    assert isinstance(outcomes[2].error, ValueError) and str(outcomes[2].error) == "two"
    assert not pool.procs  # stopped and reaped


def test_a_dead_worker_takes_no_more_tasks():
    parent = os.getpid()

    def task(n):
        def run():
            if n == 0 and os.getpid() != parent:
                os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(0.3 if n == 1 else 0)
            return n
        return run

    with Workers([task(n) for n in range(5)], 2) as pool:
        outcomes = list(pool.outcomes())
    assert "killed by signal 9" in str(outcomes[0].error)
    assert [o.value for o in outcomes[1:]] == [1, 2, 3, 4]  # the other worker did them


def _where(n):
    """A task: the process it ran in, whether it collects cycles, and a log line."""
    def run():
        import gc

        logging.getLogger("chapbook").warning("task %d", n)
        return os.getpid(), os.getppid(), gc.isenabled()
    return run


@pytest.mark.parametrize("fresh", [True, False])
def test_fresh_workers_run_later_tasks_in_processes_forked_from_them(fresh):
    here = os.getpid()
    with Workers([_where(n) for n in range(6)], 2, fresh=fresh) as pool:
        outcomes = list(pool.outcomes())
        workers = {proc.pid for proc in pool.procs.values()}
    pids = [o.value[0] for o in outcomes]
    ran_in_worker = [pid in workers for pid in pids]
    assert [r.getMessage() for o in outcomes for r in o.records] == [
        f"task {n}" for n in range(6)]  # each task's log comes back with it
    if not fresh:
        assert all(ran_in_worker) and len(set(pids)) == 2
        return
    assert ran_in_worker.count(True) == 2  # each worker's first task, in the worker
    assert len(set(pids)) == 4  # the others in one process forked from each worker
    for (_, parent, collecting), in_worker in zip((o.value for o in outcomes),
                                                   ran_in_worker, strict=True):
        if in_worker:
            assert parent == here
        else:  # forked from a worker, never collected: it ends within a few tasks
            assert parent in workers and not collecting


def _growing(mib):
    """A task that leaves its process `mib` MiB larger; its process's pid."""
    def run():
        _kept.append(bytearray(b"x" * (mib << 20)))
        return os.getpid()
    return run


_kept: list = []


def test_a_forked_process_that_grew_too_much_is_let_go(monkeypatch):
    monkeypatch.setattr(workers, "GROWTH_MIB", 48)
    sizes = [0, 0, 8, 8, 60, 0, 0]  # the fifth task takes its process past 48 MiB
    with Workers([_growing(mib) for mib in sizes], 1, fresh=True,
                 beside=True) as pool:
        pids = [o.value for o in pool.outcomes()]
    first, forked, after = pids[0], pids[1:5], pids[5:]
    assert len(set(forked)) == 1 and first not in forked
    assert len(set(after)) == 1 and not set(after) & {first, *forked}


def test_a_forked_process_ends_after_a_task_that_failed():
    def task(n):
        def run():
            if n == 2:
                raise ValueError("two")
            return os.getpid()
        return run

    with Workers([task(n) for n in range(5)], 1, fresh=True, beside=True) as pool:
        outcomes = list(pool.outcomes())
    assert str(outcomes[2].error) == "two"
    pids = [o.value for o in outcomes]
    assert pids[1] != pids[3] and pids[3] == pids[4]  # after the failure, a new process


def test_a_forked_process_that_grows_too_much_in_each_task_ends_with_it(monkeypatch):
    monkeypatch.setattr(workers, "GROWTH_MIB", 32)
    with Workers([_growing(40) for _ in range(5)], 1, fresh=True, beside=True) as pool:
        pids = [o.value for o in pool.outcomes()]
    assert len(set(pids)) == 5


def test_a_fresh_process_that_dies_is_an_error_and_its_worker_goes_on():
    def task(n):
        def run():
            if n == 3:
                os.kill(os.getpid(), signal.SIGKILL)
            if n == 4:
                raise ValueError("four")
            return n
        return run

    with Workers([task(n) for n in range(7)], 2, fresh=True) as pool:
        outcomes = list(pool.outcomes())
    assert "killed by signal 9 (out of memory?)" in str(outcomes[3].error)
    assert isinstance(outcomes[4].error, ValueError) and str(outcomes[4].error) == "four"
    assert [o.value for i, o in enumerate(outcomes) if i not in (3, 4)] == [0, 1, 2, 5, 6]


def test_a_helper_talks_both_ways_and_its_log_is_replayed_here(caplog):
    def task(say, hear):
        logging.getLogger("chapbook").warning("from the helper %d", os.getpid())
        say(os.getpid())
        say(hear() * 2)

    with caplog.at_level(logging.WARNING, logger="chapbook"), Helper(task) as helper:
        pid = helper.receive()
        helper.send(21)
        assert helper.receive() == 42
    assert pid != os.getpid()
    assert [r.getMessage() for r in caplog.records] == [f"from the helper {pid}"]
    assert helper.pid is None  # stopped and reaped
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_a_helpers_error_is_raised_here():
    def task(say, hear):
        say("started")
        raise RenderError("the second half failed")

    with Helper(task) as helper:
        assert helper.receive() == "started"
        with pytest.raises(RenderError, match="the second half failed"):
            helper.receive()


def test_a_killed_helper_is_an_error_not_a_hang():
    def task(say, hear):
        os.kill(os.getpid(), signal.SIGKILL)

    with Helper(task) as helper, pytest.raises(RenderError, match="helper process died"):
        helper.receive()


def test_a_helper_left_busy_is_stopped_with_the_block():
    def task(say, hear):
        time.sleep(60)

    started = time.monotonic()
    with Helper(task) as helper:
        pid = helper.pid
    assert time.monotonic() - started < 5
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def _parsed_beside(monkeypatch, library: str = "weasyprint") -> list[int]:
    """`read_lecture` as in a fresh command, where `library` is not yet imported: the
    helpers it forks."""
    import sys

    import pptx  # noqa: F401 (the other library: imported, as in a warm process)
    import weasyprint  # noqa: F401

    import chapbook.workers

    monkeypatch.delitem(sys.modules, library)  # put back after the test
    forked: list[int] = []
    start = chapbook.workers.Helper.__init__

    def counted(self, task):
        start(self, task)
        forked.append(self.pid)

    monkeypatch.setattr(chapbook.workers.Helper, "__init__", counted)
    return forked


def test_a_helper_parses_while_weasyprint_is_imported(talk, monkeypatch):
    from chapbook.build import read_lecture
    from chapbook.read import parse_lecture

    here = parse_lecture(talk)
    forked = _parsed_beside(monkeypatch)
    assert read_lecture(talk, ("pptx",), 2).lecture == here and forked == []  # python-pptx
    assert read_lecture(talk, ("pdf",), 1).lecture == here and forked == []  # no other core
    assert read_lecture(talk, ("pdf", "pptx"), 2).lecture == here
    assert len(forked) == 1


def test_a_helper_parses_while_a_deck_built_alone_imports_python_pptx(talk, monkeypatch):
    from chapbook.build import read_lecture
    from chapbook.read import parse_lecture

    here = parse_lecture(talk)
    forked = _parsed_beside(monkeypatch, "pptx")
    assert read_lecture(talk, ("pdf", "pptx"), 2).lecture == here and forked == []  # booklet
    assert read_lecture(talk, ("pptx",), 2).lecture == here and len(forked) == 1
    assert read_lecture(talk, ("html",), 2).lecture == here and len(forked) == 2


def test_the_helper_makes_the_booklets_html_as_this_process_would(talk, monkeypatch):
    from chapbook.booklet import render_booklet_html
    from chapbook.build import read_lecture
    from chapbook.settings import Choices, resolve

    forked = _parsed_beside(monkeypatch)
    choices = Choices(paper="a4", bleed=3.0)
    read = read_lecture(talk, ("pdf", "pptx"), 2, choices)
    assert len(forked) == 1
    assert read.booklet_html == render_booklet_html(read.lecture, resolve(read.lecture, choices))
    assert "3mm" in read.booklet_html or "3.0mm" in read.booklet_html  # the choices count
    assert read_lecture(talk, ("html",), 2).booklet_html is None  # no booklet
    assert read_lecture(talk, ("pdf",), 1).booklet_html is None  # no helper: made at layout


def test_a_booklet_template_that_fails_in_the_helper_fails_where_it_is_laid_out(
        talk, monkeypatch):
    from chapbook.build import read_lecture

    own = talk / "templates" / "booklet"
    own.mkdir(parents=True)
    (own / "booklet.html.j2").write_text("{{ lecture.no_such_thing() }}\n")
    _parsed_beside(monkeypatch)
    read = read_lecture(talk, ("pdf",), 2)
    assert read.booklet_html is None
    with pytest.raises(ChapbookError) as alone:
        build(talk, talk.parent / "one", ("pdf",), workers=1)
    with pytest.raises(ChapbookError) as beside:
        build(talk, talk.parent / "two", ("pdf", "pptx"), workers=2)
    assert str(beside.value) == str(alone.value)
    assert str(alone.value).startswith(f"{own / 'booklet.html.j2'}:1: template error")
    assert not (talk.parent / "two").exists() or not any((talk.parent / "two").iterdir())


def test_the_command_forks_its_helper_before_the_model_and_jinja2_are_imported():
    """What the command imports before `read_lecture` forks: the model and the templates'
    libraries are the helper's to import first (and this process's while it parses)."""
    import subprocess
    import sys

    code = ("import sys; import chapbook.cli, chapbook.build, chapbook.deps, "
            "chapbook.read.course; "
            "print(*(m in sys.modules for m in ('chapbook.model.document', 'jinja2', 'babel', "
            "'yaml')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["False"] * 4


def test_the_parser_is_imported_by_the_helper_not_before_the_fork(talk):
    """Its modules (Markdown, citations, YAML) would delay the helper's start."""
    import subprocess
    import sys

    for formats, library in (("'pdf',", "weasyprint"), ("'pptx',", "pptx")):
        code = ("import sys; from pathlib import Path; from chapbook.build import read_lecture; "
                f"read_lecture(Path({str(talk)!r}), ({formats}), 2); "
                f"print('chapbook.read.parse' in sys.modules, {library!r} in sys.modules)")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True)
        assert done.stdout.split() == ["False", "True"], formats


def test_a_lecture_that_fails_to_parse_beside_says_where(talk, monkeypatch):
    from chapbook.build import read_lecture

    (talk / "lecture.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n")
    forked = _parsed_beside(monkeypatch)
    with pytest.raises(ChapbookError) as caught:
        read_lecture(talk, ("pdf",), 2)
    assert len(forked) == 1
    assert str(caught.value).startswith(f"{talk / 'lecture.md'}:2")


def test_where_its_size_is_unknown_a_forked_process_ends_with_its_task(monkeypatch):
    monkeypatch.setattr(workers, "_resident", lambda pid: None)
    with Workers([_where(n) for n in range(4)], 1, fresh=True, beside=True) as pool:
        pids = [o.value[0] for o in pool.outcomes()]
    assert len(set(pids)) == 4
