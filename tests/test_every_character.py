"""Every character and every column reaches the PDF page: long words in tables, scripts and
emoji, and a named warning (an error for PDF/A and PDF/UA) for a character no font has."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.helpers import MINIMAL
from typer.testing import CliRunner

from policygen.build import render_outputs
from policygen.cli import app
from policygen.options import BuildOptions
from policygen.questionnaire import load_text
from policygen.render import POLICY, page_meta, render_markdown, render_page
from policygen.render.glyphs import FONT_PACKAGES, describe
from policygen.render.html import stylesheet
from policygen.render.pdf import html_to_pdf

pytestmark = pytest.mark.slow


def text_on_the_pages(pdf: bytes) -> str:
    """The text drawn inside each page's box: text pushed off the page does not count."""
    found: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        width = float(page.mediabox.width)

        def keep(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            right: float = width,
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


UNASSIGNED = "\u0378"
"""A code point no font has (unassigned in the Greek block): missing on every machine."""
SCRIPTS = "Zoë Ελληνικά Кириллица 日本語 中文 한국어 العربية עברית 🙂👍🏽"


def with_contact_role(role: str) -> str:
    return MINIMAL.replace("role: afdeling Communicatie", f'role: "{role}"')


def has_font(family: str) -> bool:
    """Whether fontconfig knows ``family`` (the fonts of the README's install line)."""
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(
        ["fc-list", f":family={family}", "family"], capture_output=True, text=True, check=False
    )
    return bool(listed.stdout.strip())


NOTO = ("Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans CJK SC", "Noto Color Emoji")


@pytest.mark.skipif(not all(map(has_font, NOTO)), reason="the README's fonts are not installed")
def test_accents_greek_cyrillic_cjk_arabic_hebrew_and_emoji_all_have_glyphs() -> None:
    loaded = load_text(with_contact_role(f"team {SCRIPTS}"))
    files, warnings = render_outputs(loaded, BuildOptions(formats=("pdf",)))
    assert warnings == []
    shown = text_on_the_pages(next(iter(files.values())))
    assert "Ελληνικά Кириллица 日本語 中文 한국어" in shown


def test_a_character_without_glyph_is_a_warning_naming_field_and_character(
    write_yaml: Callable[..., Path],
) -> None:
    source = write_yaml(with_contact_role(f"team {UNASSIGNED}"))
    result = CliRunner().invoke(app, ["build", str(source), "--out", str(source.parent / "out")])
    assert result.exit_code == 0, result.output
    warning = f"{source}:6:5: organisation.contact.role: the character U+0378 (unassigned) has"
    assert warning in result.stderr
    assert "has no glyph in the installed fonts" in result.stderr
    assert ".notdef" not in result.stderr, "WeasyPrint's own line is replaced, not repeated"


@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/ua-1"])
def test_a_character_without_glyph_is_an_error_for_pdf_a_and_pdf_ua(
    variant: str, write_yaml: Callable[..., Path]
) -> None:
    source = write_yaml(with_contact_role(f"team {UNASSIGNED}"))
    out = source.parent / "out"
    result = CliRunner().invoke(
        app, ["build", str(source), "--out", str(out), "--pdf-variant", variant]
    )
    assert result.exit_code == 1
    assert f"{source}:6:5: organisation.contact.role: the character U+0378" in result.stderr
    assert f"a {variant} file must show every character" in result.stderr
    assert not out.exists() or not any(out.rglob("*.pdf"))


def test_characters_are_described_by_name_and_invisible_ones_by_code_point() -> None:
    assert describe("🙂") == "'🙂' (U+1F642 SLIGHTLY SMILING FACE)"
    assert describe(UNASSIGNED) == "U+0378 (unassigned)"
    assert describe("\u200b") == "U+200B (ZERO WIDTH SPACE)"


def test_the_readme_and_ci_docs_install_the_fonts_the_warning_names() -> None:
    root = Path(__file__).resolve().parents[1]
    for doc in ("README.md", "docs/ci.md"):
        text = " ".join((root / doc).read_text(encoding="utf-8").split())
        for package in FONT_PACKAGES.split():
            assert package in text, f"{doc} does not install {package}"


def pdf_fonts(pdf: bytes) -> set[str]:
    return {
        str(font["/BaseFont"]).split("+")[-1]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    }


def test_digits_and_symbols_stay_in_the_text_font_and_emoji_come_from_the_emoji_font() -> None:
    """Naming the colour emoji font in the stack made Pango draw 1, 2, #, * and © as emoji."""
    pdf, _ = html_to_pdf(
        f"<html><head><style>{stylesheet()}</style></head><body><p>1 2 # * © ™</p></body></html>"
    )
    assert not any("Emoji" in font for font in pdf_fonts(pdf)), pdf_fonts(pdf)
    if has_font("Noto Color Emoji"):
        pdf, _ = html_to_pdf(
            f"<html><head><style>{stylesheet()}</style></head><body><p>Ja 🙂</p></body></html>"
        )
        assert any("Emoji" in font for font in pdf_fonts(pdf)), pdf_fonts(pdf)
