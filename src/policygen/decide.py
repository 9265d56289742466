"""What a batch decides from the manifests, without rendering: skips, ``--check`` verdicts,
``--clean`` of an up-to-date folder; and the reports it gives for each questionnaire.

Apart from the batch (which renders and writes) so that the rules for when a questionnaire need
not be rendered can be read, and changed, in one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from policygen.build import clean_folder, planned_outputs
from policygen.errors import PolicygenError, Problem
from policygen.manifest import (
    MANIFEST_NAME,
    BuildRecord,
    ManifestError,
    digest,
    output_digest,
    problems,
    read_manifest,
    stale_outputs,
)
from policygen.options import BuildOptions

DEFAULT_TIMEOUT = 120.0


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch: parallelism, time bound, check mode, incremental skipping."""

    jobs: int | None = None
    """Worker processes; None means one per CPU this process may use."""
    timeout: float | None = DEFAULT_TIMEOUT
    """Seconds one questionnaire may take to render; None for no bound."""
    check: bool = False
    """Decide from the manifests whether the files on disk are current; write nothing."""
    force: bool = False
    """Rebuild even when the manifest says the outputs are current."""
    clean: bool = False
    """Remove the files earlier builds made (per the manifest) that this build does not make."""


class Status(StrEnum):
    """What happened to one questionnaire."""

    BUILT = "built"
    SKIPPED = "skipped"
    """Unchanged since its last build; nothing was rendered or written."""
    CURRENT = "current"
    """``--check``: the files on disk are what a build would write."""
    STALE = "stale"
    """``--check``: at least one file is missing or different."""
    FAILED = "failed"


@dataclass(frozen=True)
class StaleFile:
    """An output ``--check`` found missing or different from what a build would write."""

    path: Path
    reason: str


@dataclass
class DocumentReport:
    """The outcome for one questionnaire of a batch."""

    source: Path
    folder: Path
    status: Status
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    milliseconds: int = 0
    error: str | None = None
    stale: list[StaleFile] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    """``--clean``: files of earlier builds removed."""
    notes: list[str] = field(default_factory=list)
    """How the result was reached, when it matters (``--check`` had to render)."""

    @property
    def ok(self) -> bool:
        return self.status not in (Status.FAILED, Status.STALE)


@dataclass
class Findings:
    """What deciding found that the report of a rendered questionnaire must still say."""

    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def decide(
    source: Path, folder: Path, key: str | None, options: BuildOptions, batch: BatchOptions
) -> tuple[DocumentReport | None, Findings]:
    """The report of a questionnaire the manifest decides without rendering (a skip, or a
    ``--check`` verdict), or None: render it."""
    found = Findings()
    try:
        manifest = read_manifest(folder)
    except ManifestError as error:
        manifest = None
        found.warnings.append(
            Problem(
                folder / MANIFEST_NAME,
                None,
                None,
                "",
                f"not understood ({error}); ignored: the outputs are rebuilt, and --clean "
                "removes none of the files it lists",
            )
        )
    if key is None and batch.check:
        try:
            planned_outputs(source, options)
        except PolicygenError as error:  # what its build would say, without rendering
            return DocumentReport(source, folder, Status.FAILED, error=str(error)), found
    if key is None or (batch.force and not batch.check):
        return None, found
    record = manifest.builds.get(key) if manifest else None
    if manifest is not None and record is not None:
        stale = [StaleFile(folder / n, why) for n, why in stale_outputs(folder, manifest, record)]
        if not stale:
            return _up_to_date(source, folder, record, options, batch), found
        if batch.check:
            return DocumentReport(source, folder, Status.STALE, stale=stale), found
        return None, found
    if not batch.check:
        return None, found
    if manifest is None and os.path.lexists(folder):
        found.notes.append(
            f"no readable manifest in {folder}: rendered the documents to compare them"
        )
        return None, found
    try:
        planned = planned_outputs(source, options)
    except PolicygenError:
        return None, found  # rendering reports the error as a build would
    reason = "out of date"
    stale = [
        StaleFile(folder / n, reason if os.path.lexists(folder / n) else "missing") for n in planned
    ]
    return DocumentReport(source, folder, Status.STALE, stale=stale), found


def _up_to_date(
    source: Path, folder: Path, record: BuildRecord, options: BuildOptions, batch: BatchOptions
) -> DocumentReport:
    """A questionnaire whose recorded build is on disk: skipped, or current for ``--check``."""
    warnings = problems(record, source)
    outputs = [folder / name for name in record.outputs]
    status = Status.CURRENT if batch.check else Status.SKIPPED
    if options.strict and warnings:
        message = f"{source}: {len(warnings)} warning(s) and --strict is on; its outputs were left as they were"
        return DocumentReport(source, folder, Status.FAILED, outputs, warnings, error=message)
    report = DocumentReport(source, folder, status, outputs, warnings)
    if batch.clean and not batch.check:
        try:
            cleaned = clean_folder(folder, set(record.outputs))
        except PolicygenError as error:
            report.status, report.error = Status.FAILED, str(error)
            return report
        report.removed, report.warnings = cleaned.removed, warnings + cleaned.kept
    return report


def compare(folder: Path, files: dict[str, bytes]) -> list[StaleFile]:
    """``--check`` of rendered files: each one on disk missing, unreadable or different."""
    stale = []
    for name, data in files.items():
        on_disk = output_digest(folder, name)
        if on_disk is None:
            reason = "unreadable" if os.path.lexists(folder / name) else "missing"
            stale.append(StaleFile(folder / name, reason))
        elif on_disk != digest(data):
            stale.append(StaleFile(folder / name, "differs"))
    return stale
