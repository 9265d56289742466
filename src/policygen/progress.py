"""How a batch reports: a progress bar in a terminal, plain lines in CI, or one JSON summary.

Every report is printed in the order of the inputs, so two runs over the same files print the
same lines. Findings (warnings, errors, stale files) go to standard error, everything else to
standard output. Rich is imported only for a terminal.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from types import TracebackType
from typing import Any, ClassVar

from policygen import __version__
from policygen.batch import BatchListener
from policygen.decide import DocumentReport, Status
from policygen.errors import Problem, shown


def is_interactive() -> bool:
    """A person watching a terminal: not CI, not NO_COLOR, not a pipe or a file, not TERM=dumb."""
    if os.environ.get("CI") or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty() and sys.stderr.isatty()


def _duration(milliseconds: int) -> str:
    return f"{milliseconds} ms" if milliseconds < 1000 else f"{milliseconds / 1000:.1f} s"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def document_line(report: DocumentReport) -> str:
    """One line per questionnaire: what happened, where, how long. File names are shown escaped:
    a name with control characters or line breaks cannot drive the terminal or forge a line."""
    source = shown(report.source)
    match report.status:
        case Status.BUILT:
            files = _plural(len(report.outputs), "file")
            folder = shown(report.folder)
            return f"built    {source} -> {folder} ({files}, {_duration(report.milliseconds)})"
        case Status.SKIPPED:
            return f"skipped  {source} (up to date)"
        case Status.CURRENT:
            return f"current  {source} (outputs up to date)"
        case Status.STALE:
            return f"stale    {source} ({_plural(len(report.stale), 'file')} would change)"
        case Status.FAILED:
            return f"failed   {source}"


def removals(report: DocumentReport) -> list[str]:
    """The lines for standard output after a questionnaire's line: what ``--clean`` removed."""
    return [f"removed  {shown(path)}" for path in report.removed]


def findings(report: DocumentReport) -> list[str]:
    """The lines for standard error: notes, warnings, the error, every stale or missing file."""
    lines = [f"note: {shown(note)}" for note in report.notes]
    lines += [f"warning: {warning}" for warning in report.warnings]
    lines += [f"would rebuild {shown(stale.path)} ({stale.reason})" for stale in report.stale]
    if report.error is not None:
        # The error names the questionnaire as given; show that name escaped, as everywhere.
        error = report.error.replace(str(report.source), shown(report.source))
        lines.append(error if "\n" in error else f"error: {error}")
    return lines


def summary_line(reports: list[DocumentReport], seconds: float) -> str:
    """The last line: counts and wall time."""
    counts = Counter(report.status for report in reports)
    total = _plural(len(reports), "questionnaire")
    if counts[Status.STALE] or counts[Status.CURRENT]:
        stale_files = sum(len(report.stale) for report in reports)
        if not stale_files and not counts[Status.FAILED]:
            return f"All {total} are up to date ({seconds:.1f} s)."
        parts = [f"{_plural(stale_files, 'file')} would be rebuilt (run without --check)"]
    else:
        parts = [f"{counts[Status.BUILT]} built", f"{counts[Status.SKIPPED]} skipped (up to date)"]
    parts.append(f"{counts[Status.FAILED]} failed")
    return f"{total}: {', '.join(parts)} ({seconds:.1f} s)."


class Reporter(BatchListener):
    """Plain lines: one per questionnaire as its report comes in; findings on standard error."""

    def __init__(self, *, quiet: bool = False) -> None:
        self.quiet = quiet
        self.started = time.perf_counter()

    def __enter__(self) -> Reporter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Called on success and on Ctrl-C alike: leave the terminal tidy."""

    def out(self, line: str) -> None:
        print(line, file=sys.stdout, flush=True)

    def err(self, line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    def document(self, report: DocumentReport) -> None:
        if not self.quiet:
            self.out(document_line(report))
            for line in removals(report):
                self.out(line)
        for line in findings(report):
            self.err(line)

    def finish(self, reports: list[DocumentReport]) -> None:
        """After the batch: the summary line."""
        if not self.quiet and len(reports) > 1:
            self.out(summary_line(reports, time.perf_counter() - self.started))


class RichReporter(Reporter):
    """A terminal: the same lines, coloured, above a progress bar."""

    STYLES: ClassVar[dict[Status, str]] = {
        Status.BUILT: "green",
        Status.SKIPPED: "dim",
        Status.CURRENT: "green",
        Status.STALE: "yellow",
        Status.FAILED: "bold red",
    }

    def __init__(self) -> None:
        super().__init__()
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        # One console for everything: both streams are this terminal (see is_interactive), and
        # only the console that draws the bar can print above it.
        self.console = Console(highlight=False)
        self.progress = Progress(
            TextColumn("[bold]building"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
        )
        self.task = self.progress.add_task("build", total=None)

    def close(self) -> None:
        self.progress.stop()

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)
        self.progress.start()

    def advance(self) -> None:
        self.progress.advance(self.task)
        self.progress.refresh()

    def out(self, line: str) -> None:
        self.console.print(line, markup=False)

    def err(self, line: str) -> None:
        self.console.print(
            line, markup=False, style="yellow" if line.startswith("warning:") else "red"
        )

    def document(self, report: DocumentReport) -> None:
        from rich.text import Text

        line = document_line(report)
        word, rest = line.split(" ", 1)
        self.console.print(Text.assemble((word, self.STYLES[report.status]), " " + rest))
        for line in removals(report):
            self.out(line)
        for finding in findings(report):
            self.err(finding)


class JsonReporter(Reporter):
    """``--json``: nothing while building, then one JSON document on standard output."""

    def document(self, report: DocumentReport) -> None:
        """Collected by ``finish``."""

    def finish(self, reports: list[DocumentReport]) -> None:
        counts = Counter(report.status.value for report in reports)
        summary = {
            "policygen": __version__,
            "ok": all(report.ok for report in reports),
            "milliseconds": round((time.perf_counter() - self.started) * 1000),
            "counts": {status.value: counts[status.value] for status in Status},
            "documents": [_document_json(report) for report in reports],
        }
        self.out(json.dumps(summary, indent=2, ensure_ascii=False))


def _document_json(report: DocumentReport) -> dict[str, Any]:
    return {
        "input": str(report.source),
        "output_folder": str(report.folder),
        "status": report.status.value,
        "outputs": [str(path) for path in report.outputs],
        "warnings": [_problem_json(warning) for warning in report.warnings],
        "milliseconds": report.milliseconds,
        "error": report.error,
        "stale": [{"path": str(stale.path), "reason": stale.reason} for stale in report.stale],
        "removed": [str(path) for path in report.removed],
        "notes": report.notes,
    }


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "file": str(problem.file) if problem.file else None,
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "message": problem.message,
        "text": str(problem),
    }


def reporter_for(*, quiet: bool, as_json: bool) -> Reporter:
    """JSON if asked, quiet if asked, a progress bar for a person, plain lines for everyone else."""
    if as_json:
        return JsonReporter(quiet=True)
    if quiet:
        return Reporter(quiet=True)
    if is_interactive():
        return RichReporter()
    return Reporter()
