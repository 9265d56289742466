"""Incremental builds: a small manifest beside each questionnaire's outputs says what made them.

A build is skipped when its key is unchanged (questionnaire bytes, templates, policygen version,
formats and options, ``SOURCE_DATE_EPOCH``, WeasyPrint's version for PDFs) and every output it
recorded is still on disk with the bytes it wrote. Output is a pure function of these, so a skip
can never leave a stale document behind.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policygen import __version__
from policygen.errors import Problem
from policygen.render.environment import templates_dir

if TYPE_CHECKING:
    from policygen.build import BuildOptions

MANIFEST_NAME = ".policygen-manifest.json"
MANIFEST_FORMAT = 1


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


def build_key(source_bytes: bytes, options: BuildOptions) -> str:
    """Everything an output depends on, hashed; equal keys mean equal outputs."""
    formats = sorted(options.formats)
    parts: dict[str, Any] = {
        "manifest": MANIFEST_FORMAT,
        "policygen": __version__,
        "questionnaire": digest(source_bytes),
        "templates": templates_digest(),
        "formats": formats,
        "as_chapter": options.as_chapter,
        "pdf_variant": options.pdf_variant,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
    }
    if "pdf" in formats:
        parts["weasyprint"] = metadata.version("weasyprint")
    return digest(json.dumps(parts, sort_keys=True).encode("utf-8"))


def source_key(source: Path, options: BuildOptions) -> str | None:
    """The build key of a questionnaire file; None when it cannot be read (the build says why)."""
    try:
        return build_key(source.read_bytes(), options)
    except OSError:
        return None


@dataclass(frozen=True)
class Manifest:
    """What the last successful build of one questionnaire wrote, and from what."""

    key: str
    outputs: dict[str, str]
    """Output file name -> SHA-256 of the bytes written."""
    warnings: tuple[tuple[int | None, int | None, str, str], ...] = ()
    """The build's warnings as (line, column, field, message), re-reported when it is skipped."""

    @classmethod
    def of(cls, key: str, files: dict[str, bytes], warnings: list[Problem]) -> Manifest:
        """The manifest for a build that is about to write ``files``."""
        return cls(
            key=key,
            outputs={name: digest(data) for name, data in files.items()},
            warnings=tuple((w.line, w.column, w.field, w.message) for w in warnings),
        )

    def problems(self, source: Path) -> list[Problem]:
        """The recorded warnings, pointing at ``source`` as it is named now."""
        return [
            Problem(source, line, column, field, message)
            for line, column, field, message in self.warnings
        ]

    def to_bytes(self) -> bytes:
        data = {
            "format": MANIFEST_FORMAT,
            "policygen": __version__,
            "key": self.key,
            "outputs": self.outputs,
            "warnings": [list(w) for w in self.warnings],
        }
        return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8")


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest in ``folder``; None when there is none or it cannot be understood."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_bytes())
        outputs = data["outputs"]
        warnings = tuple(
            (
                int(line) if line is not None else None,
                int(col) if col is not None else None,
                str(field),
                str(msg),
            )
            for line, col, field, msg in data.get("warnings", [])
        )
        if data.get("format") != MANIFEST_FORMAT or not isinstance(outputs, dict):
            return None
        return Manifest(
            key=str(data["key"]),
            outputs={str(name): str(sha) for name, sha in outputs.items()},
            warnings=warnings,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def is_current(folder: Path, manifest: Manifest | None, key: str) -> bool:
    """True when the last build had this key and all its outputs are on disk, unchanged."""
    if manifest is None or manifest.key != key or not manifest.outputs:
        return False
    for name, expected in manifest.outputs.items():
        try:
            if digest((folder / name).read_bytes()) != expected:
                return False
        except OSError:
            return False
    return True
