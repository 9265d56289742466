"""Print layout that holds: no heading stranded at the foot of a page, contents that fit."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.helpers import EXAMPLES
from tests.stranded import available, stranded_headings

from policygen.build import render_outputs
from policygen.options import BuildOptions
from policygen.questionnaire import load

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def example_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, bool]]:
    """Every example's PDFs, each with whether its questionnaire asks for a cover page."""
    folder = tmp_path_factory.mktemp("pdfs")
    written = []
    for example in EXAMPLES:
        loaded = load(example)
        files, _ = render_outputs(loaded, BuildOptions(formats=("pdf",)))
        for name, data in files.items():
            (folder / name).write_bytes(data)
            written.append((folder / name, loaded.questionnaire.branding.cover_page))
    return written


@pytest.mark.skipif(not available(), reason="pdftotext (poppler-utils) is not installed")
def test_no_example_strands_a_heading_at_the_foot_of_a_page(
    example_pdfs: list[tuple[Path, bool]],
) -> None:
    found = [hit for pdf, _ in example_pdfs for hit in stranded_headings(pdf)]
    assert not found, "\n".join(str(hit) for hit in found)


def test_front_matter_takes_one_page_after_the_cover(
    example_pdfs: list[tuple[Path, bool]],
) -> None:
    """Title block and contents share the first page, or with a cover page the contents fill
    the second: the text starts right after, never after a page the contents run onto."""
    checked = 0
    for pdf, cover in example_pdfs:
        reader = PdfReader(pdf)
        below_title = reader.outline[1] if len(reader.outline) > 1 else []
        entries = [item for item in below_title if not isinstance(item, list)]
        if len(entries) < 2 or entries[0].title not in ("Inhoud", "Contents"):
            continue  # a chapter or a one-page form: no title block with contents
        page = reader.get_destination_page_number(entries[1])
        assert page is not None
        assert page == (2 if cover else 1), f"{pdf.name}: the text starts on page {page + 1}"
        checked += 1
    assert checked >= 6
