"""How to build: the formats and options every later stage reads.

A bottom layer with no imports from policygen, so that the build, the manifest and the batch can
all use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = ("md", "html", "pdf")
"""Every output format; each is also its files' extension."""


@dataclass(frozen=True)
class BuildOptions:
    """How to build: which formats, chapter mode, PDF variant, strictness."""

    formats: tuple[str, ...] = FORMATS
    as_chapter: bool | None = None
    pdf_variant: str | None = None
    strict: bool = False
