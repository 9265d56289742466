"""Worker processes, supervised: submit tasks, bound their time, take results as they finish, stop.

pebble's ``ProcessPool`` does the supervision: it knows which task each worker is running, so a
task that kills its worker (out of memory, a crash) or overruns the hard limit in code no signal
can interrupt costs only itself, and the pool replaces that worker. What policygen adds: workers
are forked on Linux (they start in milliseconds with the pipeline already imported), die with
their parent, and a soft time limit (``time_bound``) that ends a task with a message instead of
killing its process.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, TimeoutError, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from pebble import ProcessPool

TaskT = TypeVar("TaskT")
ResultT = TypeVar("ResultT")

DIED = "its worker process stopped (killed, out of memory or crashed)"
KILLED = "it did not stop at the time bound; its worker process was killed"


@dataclass(frozen=True)
class Lost:
    """A task that gave no result: its worker died or was killed. ``reason`` completes the
    sentence "<task>: …"."""

    reason: str


class OverTime(BaseException):
    """Raised by SIGALRM inside a task that has used up its time; a BaseException, so that no
    ``except Exception`` in a library turns it into an ordinary error."""


@contextmanager
def time_bound(seconds: float | None) -> Iterator[None]:
    """Raise ``OverTime`` in this thread after ``seconds`` (POSIX main thread; else unbounded)."""
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def over_time(signum: int, frame: FrameType | None) -> None:
        raise OverTime

    previous = signal.signal(signal.SIGALRM, over_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def hard_limit(soft_limit: float | None) -> float | None:
    """How long a worker may spend on one task before it is killed: the soft limit (SIGALRM)
    cannot interrupt C code that never returns."""
    return None if soft_limit is None else 2 * soft_limit + 2


class Workers(Generic[TaskT, ResultT]):
    """``processes`` workers running ``function`` on submitted tasks, each within ``hard_limit``
    seconds. The workers start with the first task and first run ``warm_up`` (if given)."""

    def __init__(
        self,
        function: Callable[[TaskT], ResultT],
        processes: int,
        *,
        hard_limit: float | None,
        warm_up: Callable[[], None] | None = None,
    ) -> None:
        from pebble import ProcessPool  # it imports asyncio: only when there are workers

        context = "fork" if sys.platform == "linux" else None
        self._pool: ProcessPool = ProcessPool(
            processes,
            initializer=_start_worker,
            initargs=(os.getpid(), warm_up),
            context=multiprocessing.get_context(context),
        )
        self._function = function
        self._hard_limit = hard_limit
        self._futures: dict[Future[ResultT], int] = {}

    def submit(self, key: int, task: TaskT) -> None:
        """Queue ``task``; its result comes back from ``results`` under ``key``."""
        future = self._pool.schedule(self._function, args=(task,), timeout=self._hard_limit)
        self._futures[future] = key

    def results(self) -> Iterator[tuple[int, ResultT | Lost]]:
        """Every submitted task's key and result, or why it has none, in the order they finish."""
        from pebble import ProcessExpired

        for future in as_completed(list(self._futures)):
            key = self._futures.pop(future)
            try:
                yield key, future.result()
            except TimeoutError:
                yield key, Lost(KILLED)
            except ProcessExpired:
                yield key, Lost(DIED)

    def stop(self) -> None:
        """Stop at once, dropping what is unfinished: workers hold nothing but results in memory."""
        self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join()


def _start_worker(parent: int, warm_up: Callable[[], None] | None) -> None:
    """In each worker: die with the parent, then warm up."""
    _die_with(parent)
    if warm_up is not None:
        warm_up()


_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """A worker must not outlive its parent (``kill -9``, the out-of-memory killer): each would
    wait for tasks forever. Linux kills it on the parent's death; elsewhere a thread watches."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
