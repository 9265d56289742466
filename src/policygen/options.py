"""How to build: the formats and options every later stage reads.

A bottom layer (it imports only the format registry, which imports nothing of policygen at load
time), so that the build, the manifest and the batch can all use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from policygen.formats import DEFAULT_FORMATS


@dataclass(frozen=True)
class BuildOptions:
    """How to build: which formats, chapter mode, PDF variant, strictness."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    as_chapter: bool | None = None
    pdf_variant: str | None = None
    strict: bool = False
