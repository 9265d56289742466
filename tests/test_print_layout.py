"""Print layout that holds: no heading stranded at the foot of a page, contents that fit."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.conftest import EXAMPLES
from tests.stranded import available, stranded_headings

from policygen.build import BuildOptions, render_outputs
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
    for pdf, cover in example_pdfs:
        reader = PdfReader(pdf)
        _title, sections = reader.outline[0], reader.outline[1]
        contents, first_section = [item for item in sections if not isinstance(item, list)][:2]
        if contents.title not in ("Inhoud", "Contents"):
            continue  # a chapter of the communication policy: no title block, no contents
        page = reader.get_destination_page_number(first_section)
        assert page == (2 if cover else 1), f"{pdf.name}: the text starts on page {page + 1}"
