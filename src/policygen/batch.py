"""Many questionnaires at once: parallel rendering, time bounds, writing or comparing.

Which questionnaires: :mod:`policygen.inputs`; which of them need rendering at all (skips,
``--check`` verdicts from the manifests): :mod:`policygen.decide`. Workers only render (bytes in
memory); the parent process alone writes, each questionnaire's files at once through
``write_outputs``. So a failed, timed-out or interrupted document never touches its old outputs,
and stopping the workers can leave nothing half-written. Reports come back in the order of the
inputs, whatever order the workers finish in.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from policygen.build import (
    KeyedInput,
    check_unique_folders,
    keyed_input,
    output_folder,
    render_file,
    write_outputs,
)
from policygen.decide import BatchOptions, DocumentReport, Findings, Status, compare, decide
from policygen.errors import DocumentTimeoutError, PolicygenError, Problem
from policygen.options import BuildOptions
from policygen.render import DOCUMENTS
from policygen.workers import Lost, OverTime, Workers, hard_limit, time_bound


class BatchListener:
    """Receives a batch's progress; this base class ignores it (library callers, tests)."""

    def start(self, total: int) -> None:
        """Rendering starts; ``total`` questionnaires will be reported."""

    def advance(self) -> None:
        """One more questionnaire is done (in the order they finish)."""

    def document(self, report: DocumentReport) -> None:
        """One questionnaire's report, in the order of the inputs."""


def default_jobs() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def build_batch(
    sources: Sequence[Path],
    out: Path,
    options: BuildOptions,
    batch: BatchOptions = BatchOptions(),
    listener: BatchListener | None = None,
) -> list[DocumentReport]:
    """Build (or check) every questionnaire; one failure never stops the others."""
    check_unique_folders(sources, out)
    listener = listener or BatchListener()
    in_order = _InOrder(len(sources), listener)
    decided: list[tuple[int, DocumentReport]] = []
    jobs: list[_Job] = []
    findings: dict[int, Findings] = {}
    for index, source in enumerate(sources):
        folder = output_folder(source, out)
        found = keyed_input(source, options)
        report, findings[index] = decide(source, folder, found.key, options, batch)
        if report is not None:
            report.warnings[:0] = findings[index].warnings
            decided.append((index, report))
        else:
            jobs.append(_Job(index, source, folder, found, options, batch.timeout))

    jobs_by_index = {job.index: job for job in jobs}

    def conclude(rendered: _Rendered) -> None:
        job = jobs_by_index[rendered.index]
        report = _conclude(job, rendered, check=batch.check, clean=batch.clean)
        report.warnings[:0] = findings[job.index].warnings
        report.notes += findings[job.index].notes
        in_order.add(rendered.index, report)

    with _termination_as_interrupt():
        _render_all(
            jobs,
            workers=batch.jobs or default_jobs(),
            pdf="pdf" in options.formats,
            timeout=batch.timeout,
            started=lambda: _start(listener, len(sources), decided, in_order),
            conclude=conclude,
        )
    return in_order.reports()


def _start(
    listener: BatchListener,
    total: int,
    decided: list[tuple[int, DocumentReport]],
    in_order: _InOrder,
) -> None:
    listener.start(total)
    for index, report in decided:
        in_order.add(index, report)


class _InOrder:
    """Passes reports to the listener in input order as soon as all earlier ones are in."""

    def __init__(self, total: int, listener: BatchListener) -> None:
        self._reports: list[DocumentReport | None] = [None] * total
        self._next = 0
        self._listener = listener

    def add(self, index: int, report: DocumentReport) -> None:
        self._reports[index] = report
        self._listener.advance()
        while self._next < len(self._reports) and (ready := self._reports[self._next]) is not None:
            self._listener.document(ready)
            self._next += 1

    def reports(self) -> list[DocumentReport]:
        return [report for report in self._reports if report is not None]


# --- Rendering, in worker processes or in this one ----------------------------------------------


@dataclass(frozen=True)
class _Job:
    index: int
    source: Path
    folder: Path
    found: KeyedInput
    options: BuildOptions
    timeout: float | None


@dataclass(frozen=True)
class _Task:
    """What one worker renders: a questionnaire's documents ``kinds`` (None: all of them)."""

    job: _Job
    kinds: tuple[str, ...] | None = None


@dataclass(frozen=True)
class _Rendered:
    """What a worker sends back: bytes and warnings, or an error message (exceptions may not
    survive pickling intact, their messages always do)."""

    index: int
    files: dict[str, bytes]
    warnings: list[Problem]
    milliseconds: int
    error: str | None = None


def _render_task(task: _Task) -> _Rendered:
    """Render within the time bound; never raises for a bad questionnaire."""
    job = task.job
    start = time.perf_counter()
    try:
        with time_bound(job.timeout):
            files, warnings = render_file(job.source, job.options, task.kinds, job.found.loaded)
    except OverTime:
        error = DocumentTimeoutError(
            f"{job.source}: stopped after {job.timeout:g} s (the --timeout per questionnaire); "
            "its previous outputs are unchanged. Raise --timeout if the document is simply large."
        )
        return _Rendered(job.index, {}, [], _milliseconds(start), str(error))
    except PolicygenError as error:
        return _Rendered(job.index, {}, [], _milliseconds(start), str(error))
    except Exception as error:  # a bug must not take the other questionnaires down with it
        message = (
            f"{job.source}: internal error {type(error).__name__}: {error}; please report this"
        )
        return _Rendered(job.index, {}, [], _milliseconds(start), message)
    return _Rendered(job.index, files, warnings, _milliseconds(start))


def _milliseconds(start: float) -> int:
    return round((time.perf_counter() - start) * 1000)


def _render_all(
    jobs: list[_Job],
    *,
    workers: int,
    pdf: bool,
    timeout: float | None,
    started: Callable[[], None],
    conclude: Callable[[_Rendered], None],
) -> None:
    """Render every job, here (one task or one worker) or in worker processes; ``conclude`` each
    result here.

    With PDFs a task is one document, so that one questionnaire's policy and plan render at once;
    without, a task is a questionnaire (its Markdown and HTML take milliseconds; splitting would
    load it twice). Large questionnaires start first, so that no worker is left with a long
    document at the end while the others idle.
    """
    kinds: list[tuple[str, ...] | None] = [(kind.key,) for kind in DOCUMENTS] if pdf else [None]
    tasks = [_Task(job, part) for job in _largest_first(jobs) for part in kinds]
    if min(workers, len(tasks)) <= 1:
        started()
        for job in jobs:
            conclude(_render_task(_Task(job)))
        return
    from policygen.render.pdf import warm_up

    pool = Workers(
        _render_task,
        min(workers, len(tasks)),
        hard_limit=hard_limit(timeout),
        warm_up=warm_up if pdf else None,
    )
    try:
        for number, task in enumerate(tasks):
            pool.submit(number, task)
        started()
        parts: dict[int, dict[int, _Rendered]] = {}
        for number, result in pool.results():
            job = tasks[number].job
            if isinstance(result, Lost):
                result = _Rendered(job.index, {}, [], 0, f"{job.source}: {result.reason}")
            parts.setdefault(job.index, {})[number] = result
            if len(parts[job.index]) == len(kinds):
                conclude(_whole([part for _, part in sorted(parts.pop(job.index).items())]))
    finally:
        pool.stop()


def _whole(parts: list[_Rendered]) -> _Rendered:
    """One questionnaire's documents, rendered apart, as one result; failed if any part failed."""
    errors = [part.error for part in parts if part.error is not None]
    return _Rendered(
        parts[0].index,
        {} if errors else {name: data for part in parts for name, data in part.files.items()},
        [warning for part in parts for warning in part.warnings],
        sum(part.milliseconds for part in parts),
        errors[0] if errors else None,
    )


def _largest_first(jobs: list[_Job]) -> list[_Job]:
    """Start long documents first (reports still follow the inputs). A longer questionnaire
    makes longer documents."""

    def size(job: _Job) -> int:
        try:
            return job.source.stat().st_size
        except OSError:
            return 0

    return sorted(jobs, key=size, reverse=True)


# --- Concluding, in this process only ----------------------------------------------------------


def _conclude(job: _Job, rendered: _Rendered, *, check: bool, clean: bool) -> DocumentReport:
    """Write (or compare) one rendered questionnaire."""
    start = time.perf_counter()
    report = DocumentReport(job.source, job.folder, Status.FAILED, warnings=rendered.warnings)
    if rendered.error is not None:
        report.error = rendered.error
    elif check:
        report.outputs = [job.folder / name for name in rendered.files]
        report.stale = compare(job.folder, rendered.files)
        report.status = Status.STALE if report.stale else Status.CURRENT
    else:
        try:
            with _interrupts_deferred():
                written = write_outputs(
                    job.folder, rendered.files, job.found.key, rendered.warnings, clean=clean
                )
            report.outputs, report.removed = written.outputs, written.removed
            report.warnings = rendered.warnings + written.kept
            report.status = Status.BUILT
        except PolicygenError as error:
            report.error = str(error)
    report.milliseconds = rendered.milliseconds + _milliseconds(start)
    return report


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Ctrl-C (or SIGTERM) during the milliseconds of writing one questionnaire's files waits
    until they are all in place: no temporary file stays behind, no set is half replaced."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {
        number: signal.signal(number, lambda signum, frame: received.append(signum))
        for number in _STOP_SIGNALS
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if received:
        raise KeyboardInterrupt


@contextmanager
def _termination_as_interrupt() -> Iterator[None]:
    """SIGTERM (a cancelled CI job) stops a batch as cleanly as Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
