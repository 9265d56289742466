"""The PDF: metadata, footer and contents in the document's language, reproducible bytes, no file leaks."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from tests.helpers import EXAMPLES, ROOT

from policygen.questionnaire import load
from policygen.render import POLICY, page_meta, render_markdown, render_page
from policygen.render.html import PageMeta, stylesheet
from policygen.render.pdf import allowed_asset, html_to_pdf
from policygen.resources import assets_dir

pytestmark = pytest.mark.slow

DUTCH = next(e for e in EXAMPLES if "language: nl" in e.read_text(encoding="utf-8"))
ENGLISH = next(e for e in EXAMPLES if "language: en" in e.read_text(encoding="utf-8"))


def policy_page(example: Path) -> tuple[str, PageMeta]:
    q = load(example).questionnaire
    meta = page_meta(q, POLICY, as_chapter=False)
    return render_page(render_markdown(q, POLICY, as_chapter=False), meta), meta


@pytest.fixture(scope="module", params=[DUTCH, ENGLISH], ids=lambda e: e.stem)
def built(request: pytest.FixtureRequest) -> tuple[PdfReader, PageMeta, list[str]]:
    with pytest.MonkeyPatch.context() as patch:  # module scope: the monkeypatch fixture is per test
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        html, meta = policy_page(request.param)
        pdf, warnings = html_to_pdf(html)
    return PdfReader(io.BytesIO(pdf)), meta, warnings


def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_metadata_names_document_organisation_subject_and_language(
    built: tuple[PdfReader, PageMeta, list[str]],
) -> None:
    reader, meta, warnings = built
    info = reader.metadata
    assert info is not None
    assert info.title is not None and meta.title in info.title
    assert info.author == meta.organisation
    assert info.subject == meta.subject
    assert str(reader.root_object["/Lang"]) == meta.language
    assert info.creation_date is not None and info.creation_date.date().isoformat() == meta.iso_date
    assert warnings == []


def test_pages_show_organisation_and_localised_page_x_of_y_footer(
    built: tuple[PdfReader, PageMeta, list[str]],
) -> None:
    reader, meta, _ = built
    texts = page_texts(reader)
    total = len(texts)
    assert total > 1
    assert meta.organisation.casefold() in " ".join(texts).replace("- ", "").casefold()
    for number, text in enumerate(texts, start=1):
        footer = f"{meta.words['page']} {number} {meta.words['of']} {total}"
        assert footer.casefold() in text.casefold(), (number, text[-120:])
        assert f"{meta.words['version']} {meta.version}" in text


def test_contents_page_numbers_point_at_the_sections(
    built: tuple[PdfReader, PageMeta, list[str]],
) -> None:
    reader, meta, _ = built
    texts = page_texts(reader)
    contents_start = texts[0].index(meta.words["contents"])
    entries = re.findall(r"(\d+(?:\.\d+)* [^.\d]+?) ?(?:\. ?){3,}(\d+)", texts[0][contents_start:])
    assert len(entries) >= 5, texts[0]
    for title, page in entries:
        assert title.strip() in texts[int(page) - 1], (title, page)


REPRODUCE = """
import hashlib, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tests.test_pdf import policy_page
from policygen.render.pdf import html_to_pdf
html, _ = policy_page(Path(sys.argv[2]))
digests = {"html": hashlib.sha256(html.encode()).hexdigest()}
for variant in (None, "pdf/ua-1", "pdf/a-3b"):
    digests[str(variant)] = hashlib.sha256(html_to_pdf(html, variant=variant)[0]).hexdigest()
print(json.dumps(digests))
"""


def test_two_processes_build_identical_html_and_pdf_bytes_in_every_variant() -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", REPRODUCE, str(ROOT), str(DUTCH)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            timeout=300,
        )
        for _ in range(2)
    ]
    first, second = (json.loads(run.stdout) for run in runs)
    assert len(set(first.values())) == 4, "the variants differ from each other"
    assert first == second


@pytest.mark.parametrize("variant", ["pdf/ua-1", "pdf/a-3b"])
def test_pdf_variants_build_and_declare_themselves(variant: str) -> None:
    html, meta = policy_page(DUTCH)
    pdf, warnings = html_to_pdf(html, variant=variant)
    reader = PdfReader(io.BytesIO(pdf))
    root: Any = reader.root_object
    assert warnings == []
    assert len(reader.pages) > 1
    assert root["/Lang"] == meta.language
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    if variant == "pdf/ua-1":
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
        assert "pdfuaid:part" in xmp
    else:
        assert re.search(r"pdfaid:part[^0-9]*3", xmp) and "/OutputIntents" in root


HOSTILE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="attachment" href="file:///etc/passwd">
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="attachment" href="../page.html.j2">
</head><body><p>Text</p>
<img src="file:///etc/hostname" alt="x"><img src="/etc/hostname" alt="y">
<img src="http://127.0.0.1:9/x.png" alt="z">
</body></html>"""


def _embedded(pdf: bytes) -> tuple[bool, int]:
    reader = PdfReader(io.BytesIO(pdf))
    names = reader.root_object.get("/Names", {})
    images = sum(len(page.images) for page in reader.pages)
    return "/EmbeddedFiles" in names, images


def test_fetcher_embeds_no_local_file_and_reports_the_refusals() -> None:
    pdf, warnings = html_to_pdf(HOSTILE)
    assert _embedded(pdf) == (False, 0)
    assert b"root:" not in pdf
    assert any("file:///etc/hostname" in warning for warning in warnings), warnings
    assert any("127.0.0.1" in warning for warning in warnings), warnings


def test_fetcher_allows_the_packaged_assets_only() -> None:
    pdf, _ = html_to_pdf(HOSTILE.replace("file:///etc/passwd", "style.css", 1))
    assert _embedded(pdf) == (True, 0)
    style = assets_dir() / "style.css"
    assert allowed_asset(style.as_uri()) == style
    assert allowed_asset((assets_dir() / ".." / "page.html.j2").as_uri()) is None
    assert allowed_asset(assets_dir().as_uri()) is None, "a folder is not an asset"
    assert allowed_asset(style.as_uri().replace("style", "%73tyle")) == style
    assert allowed_asset(assets_dir().as_uri() + "/%2e%2e/page.html.j2") is None
    assert allowed_asset("file://example.org" + style.as_posix()) is None
    assert allowed_asset("https://example.org/style.css") is None


def test_weasyprint_warnings_are_returned_not_printed(capfd: pytest.CaptureFixture[str]) -> None:
    html = (
        '<html lang="en"><head><style>p { colour: red }</style></head><body><p>x</p></body></html>'
    )
    _, warnings = html_to_pdf(html)
    assert any("colour" in warning for warning in warnings), warnings
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_unknown_variant_is_refused() -> None:
    from policygen.errors import PdfError

    with pytest.raises(PdfError, match="pdf/ua-1"):
        html_to_pdf("<p>x</p>", variant="pdf/x-4")


@pytest.mark.parametrize(("language", "hyphenated"), [("nl", True), ("en", False)])
def test_english_is_set_without_hyphenation(language: str, hyphenated: bool) -> None:
    """The English patterns break words badly ("freel-ancer", "North-wind"); Dutch keeps them."""
    words = "communicatieadviseur freelancer Northwind internally " * 4
    page = (
        f'<!DOCTYPE html><html lang="{language}"><head><style>{stylesheet()}</style></head>'
        f'<body><main><p style="width: 6em">{words}</p></main></body></html>'
    )
    data, _ = html_to_pdf(page)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert ("‐" in text or "-\n" in text) is hyphenated, text
