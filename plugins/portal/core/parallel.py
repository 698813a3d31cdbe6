"""Share independent jobs (Markdown files, pages, feed files) between the machine's cores.

Here, in the core every plugin builds on, so that reading and writing
use the same mechanism. By the time pages are rendered, the build holds a large context: the model,
the views, the Jinja environment with its compiled templates. Forking hands
all of it to a worker for free (the memory is shared copy-on-write), where a
process pool would pickle it to every worker; a worker sends back only what
each job returns, which must be small and picklable.

The parent does its own share of the jobs while the workers do theirs, so
`processes=2` keeps two cores busy with one extra process. Workers must not
talk to anything that outlives them (signals, progress displays, logging
consoles that hold locks): a job writes its files and returns a result; the
parent reports on all of them afterwards. Without `os.fork` (or with one
process) the jobs simply run here, in order.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import traceback
import weakref
from collections.abc import Callable, Hashable, Sequence
from contextlib import suppress
from typing import Generic, TypeVar

from .memory import release_free_memory, settle

Job = TypeVar("Job")
Result = TypeVar("Result")
SHARE = 8  # jobs each process gets at least: a worker for fewer (a warm rebuild's dozen pages) cost more than it saved
# Processes of this build that keep a core busy while they run (`beside`): the search index's feeder.
_beside: list[subprocess.Popen] = []


def beside(process: subprocess.Popen) -> None:
    """`process` keeps one core busy until it ends: `split` leaves it that core meanwhile.

    Pagefind indexes a clean build's chunks one at a time while the pages and feeds are
    rendered. Rendered on every core beside it, the pages ran on more processes than
    cores, and each page worker copied (copy-on-write: every object a template reads has
    its reference count written) most of the parent's memory: at 20,000 story pairs two
    rendering processes of ~540 MB each. On the cores left, the same CPU seconds are
    spent, and Pagefind has fewer chunks left to index once the pages are written."""
    _beside.append(process)


def cores(processes: int) -> int:
    """Of `processes` cores, how many are this build's to share (at least one)."""
    _beside[:] = [process for process in _beside if process.poll() is None]
    return max(1, processes - len(_beside))


class WorkerFailed(RuntimeError):
    """A worker stopped on an error that could not be sent back as it was."""


def split(jobs: Sequence[Job], work: Callable[[Job], Result], processes: int,
          group: Callable[[Job], Hashable] | None = None) -> list[Result]:
    """`[work(job) for job in jobs]`, with the jobs shared between the parent and n-1 forked workers.

    Jobs are dealt out in turn (job i to process i mod n), so neighbouring
    jobs of similar cost spread evenly; with `group`, all the jobs of a group
    go to one process, groups dealt in turn: jobs that share what they build
    (a language's feed items) build it once, in one process. n is at most
    one per SHARE jobs, at most one per group, and leaves a core to each process
    running `beside` the build. An exception in any
    process is raised here once every worker has finished or been stopped.
    """
    shares = _deal(jobs, min(cores(processes), len(jobs) // SHARE), group)
    if len(shares) <= 1 or not hasattr(os, "fork"):
        return [work(job) for job in jobs]
    settle()  # a collection in a worker would touch, and so copy, every shared object
    release_free_memory()
    workers = [_fork([jobs[index] for index in share], work) for share in shares[1:]]
    try:
        done = [[work(jobs[index]) for index in shares[0]]]
        done += [_collect(*worker) for worker in workers]
    except BaseException:
        for pid, _ in workers:
            _stop(pid)
        raise
    results = {index: result for share, results_of_share in zip(shares, done, strict=True)
               for index, result in zip(share, results_of_share, strict=True)}
    return [results[index] for index in range(len(jobs))]


class Ahead(Generic[Result]):
    """`work()`, done by a forked process from now on while this one goes on; `result()` waits for it.

    For work that only looks (at files: output.survey) and sends back a small answer
    that is not needed at once. Without `os.fork`, or where the system refuses
    another process, `work` runs here when its result is first asked for. A
    process whose result is never asked for (a build stopped before) is waited for
    when this object is dropped: no process is left behind."""

    def __init__(self, work: Callable[[], Result]) -> None:
        self._work: Callable[[], Result] | None = work
        self._result: Result | None = None
        self._worker: weakref.finalize | None = None
        if hasattr(os, "fork"):
            with suppress(OSError):  # no process to spare: the work is done here, when asked for
                self._worker = weakref.finalize(self, _reap, *_fork([None], lambda _nothing: work()))

    def result(self) -> Result:
        if self._work is not None:
            detached = self._worker.detach() if self._worker is not None else None  # (self, _reap, worker, {})
            self._result = _collect(*detached[2])[0] if detached else self._work()
            self._work = None
        return self._result  # type: ignore[return-value]


def _reap(pid: int, read: int) -> None:
    """A worker whose result nobody asked for: its pipe closed and its end waited for."""
    with suppress(OSError):
        os.close(read)
    with suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _deal(jobs: Sequence[Job], processes: int, group: Callable[[Job], Hashable] | None) -> list[list[int]]:
    """The indexes of the jobs each process does (see `split`); no empty share."""
    if processes <= 1:
        return [list(range(len(jobs)))]
    if group is None:
        return [list(range(first, len(jobs), processes)) for first in range(processes)]
    turns: dict[Hashable, int] = {}
    shares: list[list[int]] = [[] for _ in range(processes)]
    for index, job in enumerate(jobs):
        shares[turns.setdefault(group(job), len(turns)) % processes].append(index)
    return [share for share in shares if share]


def _fork(jobs: Sequence[Job], work: Callable[[Job], Result]) -> tuple[int, int]:
    """A worker doing `jobs`; returns its pid and the pipe its results come through."""
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    os.close(read)
    try:
        try:
            payload = pickle.dumps((True, [work(job) for job in jobs]), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # everything goes back to the parent
            payload = _failure(error)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    finally:
        # Never back into the parent's code, even when the pipe fails (a parent that stopped listening:
        # Ahead's _reap); no atexit handlers, no flushing the parent's buffers a second time.
        os._exit(0)


def _failure(error: BaseException) -> bytes:
    try:
        return pickle.dumps((False, error), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that does not pickle still gets reported
        return pickle.dumps((False, WorkerFailed("".join(traceback.format_exception(error)))))


def _collect(pid: int, read: int) -> list:
    with os.fdopen(read, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    if not payload:
        raise WorkerFailed(f"a worker process ({pid}) ended without a result")
    ok, value = pickle.loads(payload)
    if not ok:
        raise value
    return value


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass  # it had already ended
