"""Find headings stranded at the foot of a PDF page, in any PDF with bookmarks.

A heading is stranded when fewer than ``MIN_LINES_AFTER`` lines of its section follow it on its
page and the section goes on over the page: the reader meets a heading, perhaps its lead-in, and
has to turn over for the table, quote or list it introduces. The headings come from the PDF's
outline (WeasyPrint writes one bookmark per heading), the text from ``pdftotext -layout`` page by
page (poppler-utils); the running footer, the lines that end most pages, is left out.

    python -m tests.stranded out/*/*.pdf     # prints one line per stranded heading
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

MIN_LINES_AFTER = 3
"""Orphans are 3 in our print CSS, so one or two lines after a heading mean a stranded lead-in."""

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Stranded:
    """A heading with too little of its section below it on its page."""

    pdf: Path
    page: int
    """1-based, as printed in the footer."""
    heading: str
    lines_after: int

    def __str__(self) -> str:
        return (
            f"{self.pdf}: page {self.page}: '{self.heading}' has {self.lines_after} "
            f"line(s) below it, then the page ends"
        )


def available() -> bool:
    """Whether ``pdftotext`` is installed (Debian: poppler-utils)."""
    return shutil.which("pdftotext") is not None


def _page_lines(pdf: Path) -> list[list[str]]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = [
        [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        for page in text.split("\f")
    ]
    return pages[:-1] if pages and not pages[-1] else pages


def _without_footer(pages: list[list[str]]) -> list[list[str]]:
    """Drop the lines that end more than half of the pages (page numbers read as any number)."""
    endings = Counter(
        _DIGITS.sub("#", line) for lines in pages for line in set(lines[-2:]) if lines
    )
    footer = {line for line, count in endings.items() if count > len(pages) / 2}
    trimmed = []
    for lines in pages:
        kept = list(lines)
        while kept and _DIGITS.sub("#", kept[-1]) in footer:
            kept.pop()
        trimmed.append(kept)
    return trimmed


def _outline(reader: PdfReader) -> list[tuple[int, str]]:
    """(0-based page, title) of every bookmark, in document order."""
    found: list[tuple[int, str]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                page = reader.get_destination_page_number(item)
                if page is not None:
                    found.append((page, " ".join(str(item.title).split())))

    walk(reader.outline)
    return found


def _heading_at(lines: list[str], title: str, index: int) -> int | None:
    """The line where ``title`` ends if it starts on line ``index`` (a long title wraps)."""
    joined = ""
    for end in range(index, min(index + 4, len(lines))):
        joined = f"{joined} {lines[end]}".strip()
        if joined == title:
            return end
        if not title.startswith(joined):
            return None
    return None


def stranded_headings(pdf: Path) -> list[Stranded]:
    """Every heading of ``pdf`` with fewer than ``MIN_LINES_AFTER`` lines below it on its page
    while its section goes on over the page."""
    pages = _without_footer(_page_lines(pdf))
    on_page: dict[int, list[str]] = {}
    for page, title in _outline(PdfReader(pdf)):
        on_page.setdefault(page, []).append(title)
    found: list[Stranded] = []
    for page, titles in sorted(on_page.items()):
        if page + 1 >= len(pages):
            continue  # the last page: nothing goes on over it
        lines, end = pages[page], -1
        for title in titles:  # in order, so each is found below the one before
            end = next(
                (e for i in range(end + 1, len(lines)) if (e := _heading_at(lines, title, i))),
                end,
            )
        following = on_page.get(page + 1, [])
        next_page_opens_a_section = bool(following) and (
            _heading_at(pages[page + 1], following[0], 0) is not None
        )
        after = len(lines) - end - 1
        if end >= 0 and after < MIN_LINES_AFTER and not next_page_opens_a_section:
            found.append(Stranded(pdf, page + 1, titles[-1], after))
    return found


def main(paths: list[str]) -> int:
    """Print every stranded heading; exit status 1 when there is one."""
    found = [hit for path in paths for hit in stranded_headings(Path(path))]
    for hit in found:
        print(hit)
    print(f"{len(found)} stranded heading(s) in {len(paths)} PDF(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
