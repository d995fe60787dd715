"""Work spread over the machine's cores: tasks run in forked worker processes.

Workers are forked, not spawned, so each starts with what the parent has already
read and imported (the parsed lecture, its settings, the modules): only a task's
number goes to a worker, and only its result (small: timings, warnings) comes
back, pickled over a pipe. A worker's log records come back with its result and
the caller replays them, so each message is printed once, whole, in the tasks'
order. A worker keeps the time limit itself (what is left of the parent's, or
its own per task) and the memory budget applies in it as in the parent; the
parent stops every worker when it leaves the block: done, failed or interrupted.
A worker dies with its parent, so a killed build leaves no worker behind.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

from chapbook import dataclass_code, heap, limits
from chapbook import warm as warm_state
from chapbook.errors import RenderError

log = logging.getLogger("chapbook")

GRACE = 5.0  # seconds a worker may overrun the time limit before the parent stops it
GROWTH_MIB = 128  # a worker's forked process takes another task until this much larger


def cores() -> int:
    """How many workers to run: `CHAPBOOK_JOBS`, else the cores this process may use."""
    value = os.environ.get("CHAPBOOK_JOBS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@dataclass
class Outcome:
    """A task's result or the exception it raised, with what it logged (in a worker)."""

    value: object = None
    error: BaseException | None = None
    records: list[logging.LogRecord] = field(default_factory=list)
    cpu: float = 0.0  # seconds of processor time the worker spent on it

    def replay(self) -> None:
        """Log what the task logged in its worker, here."""
        for record in self.records:
            logging.getLogger(record.name).handle(record)


class _Died(Outcome):
    """The outcome of a task whose worker died: that worker takes no more tasks."""


class Workers:
    """Run `tasks` on up to `count` forked workers; `outcomes()` yields them in order.

    `order` is the order to start them in (the longest first keeps the cores busy);
    `done(index)` is told of each task as it ends, in the order they end (a progress
    display); with one worker or one task everything runs here, in this process, unless
    this process has work of its own meanwhile (`beside`: then even one task is forked).
    `fresh`: a worker runs its first task itself, then the others in processes forked
    from it (`_Fresh`), which start as warm as the worker and end within a few tasks,
    their heaps never collected nor freed.
    """

    def __init__(self, tasks: Sequence[Callable[[], object]], count: int,
                 order: Sequence[int] | None = None,
                 done: Callable[[int], None] | None = None, *, beside: bool = False,
                 fresh: bool = False):
        self.tasks = tasks
        self.fresh = fresh
        self.order = list(order) if order is not None else list(range(len(tasks)))
        self.done = done or (lambda index: None)
        self.count = max(1, min(count, len(tasks)))
        self.beside = beside
        self.procs: dict[Connection, multiprocessing.process.BaseProcess] = {}
        self.running: dict[Connection, int] = {}  # busy workers: the task each runs

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def outcomes(self) -> Iterator[Outcome]:
        if self.count == 1 and not self.beside:
            yield from self._here()
        else:
            yield from self._forked()

    def _here(self) -> Iterator[Outcome]:
        for index, task in enumerate(self.tasks):
            try:
                outcome = Outcome(task())
            except Exception as exc:  # the caller decides whether the rest go on
                outcome = Outcome(error=exc)
            self.done(index)
            yield outcome

    def start(self) -> None:
        """Fork the workers now (else when outcomes are first asked for): a process with
        work of its own forks them before it starts, from its one thread."""
        if self.procs:
            return
        sys.stdout.flush()  # else a worker flushes the parent's buffered output again
        sys.stderr.flush()
        context = multiprocessing.get_context("fork")
        for _ in range(self.count):
            ours, theirs = context.Pipe()
            proc = context.Process(target=_serve,
                                   args=(theirs, self.tasks, os.getpid(), self.fresh),
                                   daemon=True)
            proc.start()
            theirs.close()
            self.procs[ours] = proc

    def _forked(self) -> Iterator[Outcome]:
        self.start()
        idle = list(self.procs)
        waiting = list(self.order)
        running = self.running
        done: dict[int, Outcome] = {}
        following = 0
        died = _Died(error=RenderError("no worker process could start"))
        with limits.suspended():  # the workers keep the limit; this process waits
            while following < len(self.tasks):
                while idle and waiting:
                    conn = idle.pop()
                    running[conn] = waiting.pop(0)
                    conn.send(running[conn])
                if not running:  # every worker died: the tasks left fail as the last did
                    for index in waiting:
                        done[index] = Outcome(error=died.error)
                    waiting.clear()
                for conn in self._ready(running) if running else ():
                    index = running.pop(conn)
                    done[index] = outcome = _receive(conn, self.procs[conn])
                    self.done(index)
                    if isinstance(outcome, _Died):
                        died = outcome
                    else:
                        idle.append(conn)
                while following in done:
                    yield done.pop(following)
                    following += 1

    def _ready(self, running: dict[Connection, int]) -> list[Connection]:
        left = limits.remaining()
        timeout = None if left is None else max(0.0, left) + GRACE
        ready = wait(list(running), timeout)
        if not ready:  # the workers overran their own limits
            raise limits.out_of_time(limits.current_stage())
        return ready

    def stop(self) -> None:
        """Stop the workers and wait for them: a busy one at once, an idle one as it ends
        on its own when told to (after the process it forked, `_Fresh`)."""
        for conn, proc in self.procs.items():
            if conn in self.running:
                proc.terminate()
            else:  # told, as the other workers hold this pipe's end too
                with contextlib.suppress(OSError):
                    conn.send(None)
            conn.close()
        for proc in self.procs.values():
            proc.join(GRACE)
            if proc.is_alive():
                proc.terminate()
                proc.join()
        self.procs.clear()
        self.running.clear()


def _receive(conn: Connection, proc) -> Outcome:
    try:
        message = conn.recv()
    except (EOFError, OSError):
        proc.join(timeout=5)
        return _Died(error=_died(proc.exitcode))
    kind, value, records, cpu = message
    log.debug("worker %d: a task took %.2f s of processor time", proc.pid, cpu)
    if kind == "ok":
        return Outcome(value, None, records, cpu)
    return Outcome(None, value, records, cpu)


class _Capture(logging.Handler):
    """A worker's log records, kept to send to the parent."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # plain text pickles
        record.exc_info = record.exc_text = None
        self.records.append(record)


def _forked_from(parent: int) -> logging.Logger:
    """Set a forked process up as `parent`'s worker or helper; its logger, whose records
    are for the parent to replay (no handler yet)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)  # stopped by the parent: at once
    _die_with(parent)
    limits.after_fork()
    logger = logging.getLogger("chapbook")
    logger.propagate = False
    logger.handlers = []
    return logger


def _serve(conn: Connection, tasks: Sequence[Callable[[], object]], parent: int,
           fresh: bool = False) -> None:
    """A worker's life: run the tasks whose numbers arrive, send back each outcome;
    `fresh` (`Workers`): the first here, the others in processes forked from here."""
    logger = _forked_from(parent)
    warm = False
    forked: _Fresh | None = None
    try:
        while True:
            try:
                index = conn.recv()
            except EOFError:
                return
            if index is None:  # the end
                return
            if warm:
                forked = forked or _Fresh(tasks, logger)
                data = forked.run(index)
                if data is None or not forked.may_go_on():
                    code = forked.end()
                    forked = None
                    if data is None:
                        data = _pickled(("error", _died(code), [], 0.0))
                conn.send_bytes(data)
            elif fresh:  # never collected: what the task leaves is set aside as it is
                with heap.collection_paused():
                    conn.send_bytes(_run(tasks[index], logger))
                    warm_state.before_forks()
                    heap.set_aside()  # what the processes forked from here share
                warm = True
            else:
                conn.send_bytes(_run(tasks[index], logger))
    finally:
        if forked is not None:
            forked.end()


def _run(task: Callable[[], object], logger: logging.Logger) -> bytes:
    """Run `task`; its outcome, pickled: its value or exception, log records, cpu time."""
    return _pickled(_outcome(task, logger))


def _outcome(task: Callable[[], object], logger: logging.Logger) -> tuple:
    capture = _Capture()
    logger.addHandler(capture)
    started = time.process_time()
    try:
        message = ("ok", task())
    except BaseException as exc:  # every failure goes to the parent
        message = ("error", exc)
    finally:
        logger.removeHandler(capture)
    dataclass_code.keep()  # before the parent hears: it may then stop this process
    return (*message, capture.records, time.process_time() - started)


class _Fresh:
    """A process forked from a warm worker that runs the worker's later tasks one after
    another, never collecting, and ends when the worker lets it go: after a task that
    failed or left it more than GROWTH_MIB larger than the worker, or when it died.

    A lecture leaves its heap full of cycles (WeasyPrint's boxes and styles, markdown-it's
    tree, Pango's layouts: 67,000 objects, 19 MiB, after the sample's), which a worker
    collected and freed after each; a process that ends within a few lectures does
    neither, and the next starts as warm as the worker. Against one process a lecture,
    a lecture after the first in the same process takes a third of its page faults
    (4,900, not 14,700: the pages of the worker it copies, once) and no fork or exit."""

    def __init__(self, tasks: Sequence[Callable[[], object]], logger: logging.Logger):
        worker = os.getpid()
        size = _resident(worker)
        self.limit = None if size is None else size + GROWTH_MIB * 2**20
        self.succeeded = False
        orders, give_orders = os.pipe()
        take_results, results = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover (measured in the forked process, which never returns)
            code = 1
            try:
                os.close(give_orders)
                os.close(take_results)
                _die_with(worker)
                limits.after_fork()
                gc.disable()  # the process ends within a few tasks: collecting costs more
                _take_orders(Connection(orders, writable=False),
                             Connection(results, readable=False), tasks, logger)
                code = 0
            finally:
                with contextlib.suppress(OSError, ValueError):
                    sys.stdout.flush()
                    sys.stderr.flush()
                os._exit(code)
        os.close(orders)
        os.close(results)
        self.orders = Connection(give_orders, readable=False)
        self.results = Connection(take_results, writable=False)

    def run(self, index: int) -> bytes | None:
        """Task `index`'s outcome (`_run`'s bytes), or None if the process died first."""
        try:
            self.orders.send(index)
            data = self.results.recv_bytes()
            self.succeeded = self.results.recv()
        except (EOFError, OSError):
            return None
        return data

    def may_go_on(self) -> bool:
        """Whether it may take another task: its last one succeeded (a failure may have
        left anything half done) and it is still within its growth (where Linux says)."""
        size = _resident(self.pid)
        return self.succeeded and None not in (size, self.limit) and size < self.limit

    def end(self) -> int | None:
        """Let it go (it ends at its next order) and wait for it; its exit code."""
        self.orders.close()
        self.results.close()
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


def _take_orders(orders: Connection, results: Connection,
                 tasks: Sequence[Callable[[], object]], logger: logging.Logger) -> None:
    while True:
        try:
            index = orders.recv()
        except EOFError:
            return
        message = _outcome(tasks[index], logger)
        results.send_bytes(_pickled(message))
        sys.stdout.flush()
        sys.stderr.flush()
        results.send(message[0] == "ok")
        if message[0] != "ok":  # the worker lets it go
            return


def _resident(pid: int) -> int | None:
    """A process's resident size in bytes (Linux), else None."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _died(code: int | None) -> RenderError:
    how = (f"was killed by signal {-code}" if code is not None and code < 0
           else f"exited with status {code}")
    hint = " (out of memory?)" if code == -signal.SIGKILL else ""
    return RenderError(f"a worker process {how}{hint}; nothing was written")


def _send(conn: Connection, message: tuple) -> None:
    conn.send_bytes(_pickled(message))


def _pickled(message: tuple) -> bytes:
    _, value, records, cpu = message
    try:
        return pickle.dumps(message)
    except Exception:  # an exception or result that does not pickle
        detail = str(value).splitlines()[0] if str(value) else ""
        error = RuntimeError(f"{type(value).__name__}: {detail}")
        return pickle.dumps(("error", error, records, cpu))


def _die_with(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies (a SIGKILLed build)."""
    with contextlib.suppress(Exception):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


class Helper:
    """One forked process working beside this one on a share of a task, talking over a
    pipe (a long booklet's second half: it needs a number from this process halfway).

    `task(say, hear)` runs in the helper: `say(value)` sends a value here, `hear()`
    waits for one from here. Log records come with each value and are replayed here;
    an exception in the helper is raised here by the `receive` that would have had the
    next value. A helper keeps the time limit as a worker does, dies with this process,
    and is stopped when this process leaves the block.
    """

    def __init__(self, task: Callable[[Callable[[object], None], Callable[[], object]], None]):
        ours, theirs = multiprocessing.Pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover (measured in the helper, which never returns)
            ours.close()
            os._exit(_help(theirs, task, parent))
        theirs.close()
        self.pid: int | None = pid
        self.conn = ours

    def __enter__(self) -> Helper:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def send(self, value: object) -> None:
        self.conn.send(value)

    def receive(self) -> object:
        try:
            kind, value, records, _ = pickle.loads(self.conn.recv_bytes())
        except (EOFError, OSError):
            self.stop()
            raise RenderError("a helper process died (out of memory?); nothing was "
                              "written") from None
        Outcome(records=records).replay()
        if kind == "error":
            raise value
        return value

    def stop(self) -> None:
        """Stop the helper (at once if busy) and wait for it."""
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self.pid = None
        self.conn.close()


def _help(conn: Connection, task, parent: int) -> int:
    """A helper's life: run `task`, sending its values and log records; the exit code."""
    capture = _Capture()
    _forked_from(parent).addHandler(capture)

    def say(value: object) -> None:
        records, capture.records = capture.records, []
        dataclass_code.keep()  # before the parent hears: it may then stop this process
        _send(conn, ("ok", value, records, 0.0))

    try:
        task(say, conn.recv)
        return 0
    except BaseException as exc:  # every failure goes to the parent
        records, capture.records = capture.records, []
        with contextlib.suppress(OSError):
            _send(conn, ("error", exc, records, 0.0))
        return 1
    finally:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
            sys.stderr.flush()
