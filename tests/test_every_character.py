"""Every character and every column reaches the PDF page: long words in tables, scripts and
emoji, and a named warning (an error for PDF/A and PDF/UA) for a character no font has."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from tests.conftest import MINIMAL

from policygen.questionnaire import load_text
from policygen.render import POLICY, page_meta, render_markdown, render_page
from policygen.render.pdf import html_to_pdf

pytestmark = pytest.mark.slow


def text_on_the_pages(pdf: bytes) -> str:
    """The text drawn inside each page's box: text pushed off the page does not count."""
    found: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        width = float(page.mediabox.width)

        def keep(
            text: str, cm: list[float], tm: list[float], font: object, size: float, right=width
        ) -> None:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            if 0 <= x < right:
                found.append(text)

        page.extract_text(visitor_text=keep)
    return " ".join(" ".join(found).split())


def account_with(handle: str, purpose: str) -> str:
    return MINIMAL + (
        "accounts:\n"
        "  managed:\n"
        "    - platform: instagram\n"
        f'      handle: "{handle}"\n'
        f'      purpose: "{purpose}"\n'
        "      owner: OWNERMARK team\n"
        "      posters: [POSTERMARK team]\n"
        "      approval: four_eyes\n"
        "      response_time_hours: 24\n"
        "      administrators: 2\n"
    )


def policy_pdf(text: str, variant: str | None = None) -> tuple[bytes, list[str]]:
    q = load_text(text).questionnaire
    page = render_page(render_markdown(q, POLICY), page_meta(q, POLICY))
    return html_to_pdf(page, variant=variant)


@pytest.mark.parametrize("length", [80, 200])
def test_a_long_unbroken_word_keeps_every_column_on_the_page(length: int) -> None:
    handle = "@" + "h" * (length - 1)
    address = "https://example.org/" + "u" * (length - 20)
    pdf, warnings = policy_pdf(account_with(handle, f"PURPOSEMARK {address}"))
    shown = text_on_the_pages(pdf)
    words = shown.split()
    for column in ("Instagram", "PURPOSEMARK", "OWNERMARK", "POSTERMARK", "Vierogenprincipe"):
        assert column in words
    assert "Reactie" in words and "binnen" in words, "the last column's header is on the page"
    assert shown.count("h" * 20) >= 2, "the handle is broken over lines, not cut off"
    assert warnings == []
