"""The Word output, read back with python-docx: headings and numbering, fields, properties, links,
tables, reproducible bytes, and the chapter mode's numbering."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from tests.hardening import docx_hazards
from tests.helpers import EXAMPLES

from policygen.formats import Rendered
from policygen.questionnaire import load
from policygen.render import DOCUMENTS, PLAN, POLICY, DocumentKind, page_meta, render_markdown
from policygen.render.branding import read_branding
from policygen.render.word import bookmark_name, html_to_docx

DUTCH = next(e for e in EXAMPLES if "language: nl" in e.read_text(encoding="utf-8"))
ENGLISH = next(e for e in EXAMPLES if "language: en" in e.read_text(encoding="utf-8"))
CHAPTER = next(e for e in EXAMPLES if "chapter: " in e.read_text(encoding="utf-8"))


def rendered(example: Path, kind: DocumentKind, *, as_chapter: bool) -> Rendered:
    q = load(example).questionnaire
    return Rendered(
        render_markdown(q, kind, as_chapter=as_chapter),
        page_meta(q, kind, as_chapter=as_chapter),
    )


def docx_bytes(document: Rendered) -> bytes:
    return html_to_docx(document.body, document.meta)


def read(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def markdown_headings(markdown: str, level: int) -> list[str]:
    """Heading texts of one Markdown level, without the ``{#id}`` block."""
    pattern = re.compile(rf"^{'#' * level} (.+?)(?: \{{[^}}]*\}})?$", re.MULTILINE)
    return [match.group(1).replace("\\", "") for match in pattern.finditer(markdown)]


def styled(document: Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


@pytest.mark.parametrize("example", [DUTCH, ENGLISH], ids=lambda e: e.stem)
@pytest.mark.parametrize("kind", DOCUMENTS, ids=lambda k: k.key)
def test_standalone_headings_are_word_heading_styles_with_the_pdf_numbering(
    example: Path, kind: DocumentKind
) -> None:
    source = rendered(example, kind, as_chapter=False)
    document = read(docx_bytes(source))
    assert styled(document, "Title") == markdown_headings(source.markdown, 1)
    for level in (1, 2):
        expected = markdown_headings(source.markdown, level + 1)
        assert expected and styled(document, f"Heading {level}") == expected
        assert all(re.match(r"\d+(\.\d+)* ", text) for text in expected)


def test_chapter_headings_start_at_the_chapter_number() -> None:
    q = load(CHAPTER).questionnaire
    chapter = q.communication_policy.chapter
    document = read(docx_bytes(rendered(CHAPTER, POLICY, as_chapter=True)))
    first = styled(document, "Heading 1")
    assert len(first) == 1 and first[0].startswith(f"{chapter} ")
    sections = styled(document, "Heading 2")
    assert sections and all(text.startswith(f"{chapter}.") for text in sections)
    assert styled(document, "Title") == []
    assert "TOC" not in document.element.xml


@pytest.mark.parametrize(
    ("example", "page", "of"), [(DUTCH, "Pagina", "van"), (ENGLISH, "Page", "of")]
)
def test_footer_counts_pages_with_fields_and_contents_is_a_toc_field(
    example: Path, page: str, of: str
) -> None:
    source = rendered(example, POLICY, as_chapter=False)
    document = read(docx_bytes(source))
    footer = document.sections[0].footer.paragraphs[0]
    instructions = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert re.search(rf"\t{page} 1 {of} 1$", footer.text)
    assert source.meta.version in footer.text
    body_fields = [t.text.strip() for t in document.element.body.iter(qn("w:instrText"))]
    assert body_fields == ['TOC \\o "1-3" \\h \\z \\u']
    assert document.settings.element.find(qn("w:updateFields")) is not None
    assert styled(document, "TOC Heading") == [source.meta.words["contents"]]


@pytest.mark.parametrize("example", [DUTCH, ENGLISH], ids=lambda e: e.stem)
def test_properties_name_title_organisation_subject_language_and_effective_date(
    example: Path,
) -> None:
    source = rendered(example, POLICY, as_chapter=False)
    properties = read(docx_bytes(source)).core_properties
    meta = source.meta
    assert (properties.title, properties.author, properties.subject) == (
        meta.title,
        meta.organisation,
        meta.subject,
    )
    assert properties.language is not None and properties.language.startswith(meta.language)
    assert meta.iso_date is not None
    effective = dt.datetime.fromisoformat(meta.iso_date).replace(tzinfo=dt.UTC)
    assert properties.created == properties.modified == effective
    assert "python-docx" not in (properties.comments + properties.last_modified_by)


def test_links_point_at_bookmarks_or_web_addresses_and_tables_repeat_their_header() -> None:
    data = docx_bytes(rendered(DUTCH, POLICY, as_chapter=False))
    document = read(data)
    body = document.element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    anchors = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))]
    assert anchors and set(anchors) <= bookmarks
    assert bookmark_name("account-security") in bookmarks
    external = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert external and all(t.startswith(("https://", "mailto:")) for t in external)
    assert document.tables
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None
    assert docx_hazards(data) == []


def test_lists_keep_their_style_and_numbered_lists_restart() -> None:
    document = read(docx_bytes(rendered(ENGLISH, PLAN, as_chapter=False)))
    assert styled(document, "List Bullet")
    numbered = [p for p in document.paragraphs if p.style is not None and "Number" in p.style.name]
    numbering = document.part.numbering_part.element
    for paragraph in numbered:
        properties: Any = paragraph._p.pPr
        num_id = properties.numPr.numId.val
        num = next(n for n in numbering.num_lst if n.numId == num_id)
        assert num.find(qn("w:lvlOverride")) is not None  # each <ol> counts from its own start


def test_same_input_gives_the_same_bytes_with_fixed_zip_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = rendered(DUTCH, POLICY, as_chapter=False)
    first = docx_bytes(source)
    assert docx_bytes(rendered(DUTCH, POLICY, as_chapter=False)) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        infos = package.infolist()
    assert [info.filename for info in infos] == sorted(info.filename for info in infos)
    assert {info.date_time for info in infos} == {(2026, 1, 1, 0, 0, 0)}
    assert not any("thumbnail" in info.filename for info in infos)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    with zipfile.ZipFile(io.BytesIO(docx_bytes(source))) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_hazard_check_sees_a_field_an_image_and_a_script_link() -> None:
    data = docx_bytes(rendered(DUTCH, POLICY, as_chapter=False))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    body = parts["word/document.xml"].decode()
    parts["word/document.xml"] = body.replace(
        "</w:body>", '<w:p><w:fldSimple w:instr="INCLUDETEXT x"/></w:p></w:body>'
    ).encode()
    parts["word/_rels/document.xml.rels"] = (
        parts["word/_rels/document.xml.rels"]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/hyperlink" Target="javascript:alert(1)" TargetMode="External"/>'
            "</Relationships>",
        )
        .encode()
    )
    parts["word/media/image1.png"] = b"x"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    problems = docx_hazards(out.getvalue())
    assert len(problems) == 3, problems


def test_bookmark_names_follow_words_rules() -> None:
    assert bookmark_name("place-in-communication-policy") == "place_in_communication_policy"
    long_name = bookmark_name("a-" * 40)
    assert len(long_name) == 40 and re.fullmatch(r"[A-Za-z]\w*", long_name)
    assert bookmark_name("9-lives")[0].isalpha()


@pytest.mark.parametrize(
    ("example", "colour", "font"),
    [
        ("zorggroep-rivierenland", "00594F", "DejaVu Sans"),
        ("northwind-trading", None, "Noto Serif"),
    ],
)
def test_the_house_colour_and_typeface_reach_word(
    example: str, colour: str | None, font: str
) -> None:
    source = next(e for e in EXAMPLES if e.stem == example)
    loaded = load(source)
    style = read_branding(loaded)
    q = loaded.questionnaire
    document = read(
        html_to_docx(
            Rendered(render_markdown(q, POLICY), page_meta(q, POLICY, style=style)).body,
            page_meta(q, POLICY, style=style),
        )
    )
    heading = document.styles["Heading 1"].font.color.rgb
    assert str(heading) == (colour or "1B4A72")
    assert document.styles["Normal"].font.name == (font if style.font_name else "Arial")
