"""What policygen made in an output folder, and from what: a small manifest beside the outputs.

The manifest lists every file a build of this questionnaire wrote into the folder (with the
SHA-256 of its bytes), which is what ``--clean`` may remove and nothing else, and the last few
builds by key (questionnaire and clause file bytes, templates, policygen version, formats and
options, ``SOURCE_DATE_EPOCH``, WeasyPrint's or python-docx's version) with the outputs each made. A
build or ``--check`` whose key is recorded and whose outputs are on disk with the recorded bytes
is up to date without rendering: output is a pure function of the key.

The output folder may come from others (a committed ``documents/`` in a pull request), so the
manifest is read within limits and validated; one that is not understood is ignored (the caller
warns), and a name in it can only ever be a plain output file name inside its folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from policygen import __version__
from policygen.errors import PolicygenError, Problem
from policygen.formats import FORMATS
from policygen.options import BuildOptions
from policygen.reading import UnreadableError, read_bounded
from policygen.resources import templates_dir

MANIFEST_NAME = ".policygen-manifest.json"
MANIFEST_FORMAT = 2
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_OUTPUT_BYTES = 32 * 1024 * 1024
"""Larger files in an output folder are not policygen's (its largest PDF is a few MB): they are
never read."""
MAX_BUILDS = 8
"""Builds remembered per folder (other formats, options, a version switched back and forth)."""
_MAX_ENTRIES = 1000
_MAX_TEXT = 10_000
_HEX = re.compile(r"[0-9a-f]{64}")
_OUTPUT_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{0,199}")

RecordedWarning = tuple[int | None, int | None, str, str]
"""A build's warning as (line, column, field, message)."""


class ManifestError(PolicygenError):
    """A manifest exists but cannot be understood; it is ignored."""


def digest(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


@cache
def templates_digest() -> str:
    """One hash over every file of the templates folder (names and contents), computed once."""
    root = templates_dir()
    hasher = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        hasher.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        hasher.update(digest(path.read_bytes()).encode("ascii"))
    return hasher.hexdigest()


def build_key(inputs: Sequence[bytes], options: BuildOptions) -> str:
    """Everything an output depends on, hashed; equal keys mean equal outputs.

    ``inputs``: the bytes of every file the questionnaire's build reads, the questionnaire
    first (its bytes say which the others are and in what order).
    """
    formats = sorted(options.formats)
    parts: dict[str, Any] = {
        "manifest": MANIFEST_FORMAT,
        "policygen": __version__,
        "inputs": [digest(data) for data in inputs],
        "templates": templates_digest(),
        "formats": formats,
        "as_chapter": options.as_chapter,
        "pdf_variant": options.pdf_variant,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
    }
    if "pdf" in formats:
        parts["weasyprint"] = metadata.version("weasyprint")
    if "docx" in formats:
        parts["python-docx"] = metadata.version("python-docx")
    return digest(json.dumps(parts, sort_keys=True).encode("utf-8"))


def is_output_name(name: str) -> bool:
    """A plain file name as policygen makes them: never a path, never hidden, a known format."""
    return bool(_OUTPUT_NAME.fullmatch(name)) and name.rsplit(".", 1)[-1] in FORMATS


@dataclass(frozen=True)
class BuildRecord:
    """One build: the outputs it made and the warnings it gave (re-reported when skipped)."""

    outputs: tuple[str, ...]
    warnings: tuple[RecordedWarning, ...] = ()


@dataclass(frozen=True)
class Manifest:
    """Every file builds made in one folder, and the last builds by key."""

    outputs: dict[str, str] = field(default_factory=dict)
    """Output file name -> SHA-256 of the bytes last written."""
    builds: dict[str, BuildRecord] = field(default_factory=dict)
    """Build key -> what it made; oldest first."""

    def after_build(
        self, key: str | None, files: dict[str, bytes], warnings: list[Problem], on_disk: set[str]
    ) -> Manifest:
        """This manifest once ``files`` are written; files gone from disk are forgotten. Without
        a key (an input could not be read) the build is not recorded: nothing is skipped on it."""
        outputs = {name: sha for name, sha in self.outputs.items() if name in on_disk}
        outputs.update({name: digest(data) for name, data in files.items()})
        record = BuildRecord(
            tuple(files), tuple((w.line, w.column, w.field, w.message) for w in warnings)
        )
        builds = {k: r for k, r in self.builds.items() if k != key}
        if key is not None:
            builds[key] = record
        return Manifest(outputs, _known_only(builds, outputs))

    def without(self, names: set[str]) -> Manifest:
        """This manifest once ``names`` are removed."""
        outputs = {name: sha for name, sha in self.outputs.items() if name not in names}
        return Manifest(outputs, _known_only(self.builds, outputs))

    def to_bytes(self) -> bytes:
        data = {
            "format": MANIFEST_FORMAT,
            "policygen": __version__,
            "outputs": self.outputs,
            "builds": [
                {"key": key, "outputs": list(record.outputs), "warnings": list(record.warnings)}
                for key, record in self.builds.items()
            ],
        }
        return (json.dumps(data, indent=2) + "\n").encode("utf-8")


def _known_only(builds: dict[str, BuildRecord], outputs: dict[str, str]) -> dict[str, BuildRecord]:
    """The newest builds whose outputs are all still recorded."""
    kept = {k: r for k, r in builds.items() if all(name in outputs for name in r.outputs)}
    return dict(list(kept.items())[-MAX_BUILDS:])


def problems(record: BuildRecord, source: Path) -> list[Problem]:
    """A build's recorded warnings, pointing at ``source`` as it is named now."""
    return [Problem(source, line, col, fld, message) for line, col, fld, message in record.warnings]


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest in ``folder``; None when there is none; :class:`ManifestError` when it
    cannot be understood (too large, not JSON, a name that is not a plain output name …)."""
    try:
        data = read_bounded(
            folder / MANIFEST_NAME, MAX_MANIFEST_BYTES, follow_symlinks=False, kind="manifest"
        )
    except UnreadableError as error:
        if error.missing:
            return None
        raise ManifestError(error.reason) from None
    try:
        parsed = json.loads(data, parse_constant=_refuse_constant)
    except RecursionError:
        raise ManifestError("nested too deeply") from None
    except ValueError as error:  # also UnicodeDecodeError and over-long integers
        raise ManifestError(f"not valid JSON ({str(error)[:100]})") from None
    return _validated(parsed)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")


def _validated(data: object) -> Manifest:
    """The manifest in ``data``, every part type-checked; :class:`ManifestError` otherwise."""
    if not isinstance(data, dict):
        raise ManifestError("not a JSON object")
    if data.get("format") == 1:  # policygen before 0.x: its outputs only; its key is outdated
        return Manifest(_outputs(data.get("outputs")))
    if data.get("format") != MANIFEST_FORMAT:
        raise ManifestError(f"unknown format {str(data.get('format'))[:20]!r}")
    outputs = _outputs(data.get("outputs"))
    builds_data = data.get("builds")
    if not isinstance(builds_data, list) or len(builds_data) > 2 * MAX_BUILDS:
        raise ManifestError("'builds' is not a short list")
    builds: dict[str, BuildRecord] = {}
    for build in builds_data:
        if not isinstance(build, dict) or not _is_hex(build.get("key")):
            raise ManifestError("a build without a valid key")
        names = build.get("outputs")
        if not isinstance(names, list) or not all(
            isinstance(name, str) and name in outputs for name in names
        ):
            raise ManifestError("a build lists an output the manifest does not record")
        builds[build["key"]] = BuildRecord(tuple(names), _warnings(build.get("warnings")))
    return Manifest(outputs, builds)


def _outputs(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or len(value) > _MAX_ENTRIES:
        raise ManifestError("'outputs' is not a mapping of file names")
    for name, sha in value.items():
        if not is_output_name(name):
            raise ManifestError(f"{name[:80]!r} is not an output file name")
        if not _is_hex(sha):
            raise ManifestError(f"the hash of {name!r} is not a SHA-256")
    return dict(value)


def _warnings(value: object) -> tuple[RecordedWarning, ...]:
    if not isinstance(value, list) or len(value) > _MAX_ENTRIES:
        raise ManifestError("'warnings' is not a list")
    warnings: list[RecordedWarning] = []
    for item in value:
        match item:
            case [int() | None as line, int() | None as col, str() as fld, str() as message] if (
                len(fld) + len(message) <= _MAX_TEXT
                and not isinstance(line, bool)
                and not isinstance(col, bool)
            ):
                warnings.append((line, col, fld, message))
            case _:
                raise ManifestError("a warning is not [line, column, field, message]")
    return tuple(warnings)


def _is_hex(value: object) -> bool:
    return isinstance(value, str) and bool(_HEX.fullmatch(value))


def output_digest(folder: Path, name: str) -> str | None:
    """The SHA-256 of an output on disk; None when it is missing, not a regular file (a symlink,
    a pipe) or too large to be policygen's."""
    try:
        data = read_bounded(folder / name, MAX_OUTPUT_BYTES, follow_symlinks=False)
    except UnreadableError:
        return None
    return digest(data)


def stale_outputs(folder: Path, manifest: Manifest, record: BuildRecord) -> list[tuple[str, str]]:
    """The outputs of a recorded build that are not on disk as it wrote them: (name, reason)."""
    stale = []
    for name in record.outputs:
        on_disk = output_digest(folder, name)
        if on_disk is None:
            stale.append((name, "unreadable" if os.path.lexists(folder / name) else "missing"))
        elif on_disk != manifest.outputs[name]:
            stale.append((name, "differs"))
    return stale
