"""The HTML page: structure a screen reader relies on, safe user text, a design with enough contrast."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.helpers import EXAMPLES, MINIMAL

from policygen.questionnaire import load
from policygen.render import (
    DOCUMENTS,
    POLICY,
    DocumentKind,
    page_meta,
    render_markdown,
    render_page,
)
from policygen.render.html import PageMeta, css_string, markdown_to_body, stylesheet
from policygen.resources import templates_dir


class Page(HTMLParser):
    """What the tests look at: headings, ids, links, attributes, the ``<html lang>``."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.lang: str | None = None
        self.headings: list[tuple[int, str | None, str]] = []
        self.ids: list[str] = []
        self.toc_links: list[str] = []
        self.header_cells: list[dict[str, str | None]] = []
        self.tags: list[str] = []
        self._in_nav = False
        self._heading: tuple[int, str | None, list[str]] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append(tag)
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "nav":
            self._in_nav = True
        elif tag == "a" and self._in_nav:
            self.toc_links.append(str(attributes.get("href")))
        elif tag == "th":
            self.header_cells.append(attributes)
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = (int(tag[1]), attributes.get("id"), [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_nav = False
        elif self._heading is not None and re.fullmatch(r"h[1-6]", tag):
            level, anchor, text = self._heading
            self.headings.append((level, anchor, " ".join("".join(text).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[2].append(data)


def example_page(example: Path, kind: DocumentKind, *, as_chapter: bool | None) -> tuple[str, str]:
    """The HTML of one document of an example, and the questionnaire's language."""
    q = load(example).questionnaire
    markdown = render_markdown(q, kind, as_chapter=as_chapter)
    return render_page(markdown, page_meta(q, kind, as_chapter=as_chapter)), q.language.value


def meta(**changes: object) -> PageMeta:
    values: dict[str, object] = {
        "language": "nl",
        "title": "Socialemediabeleid",
        "organisation": "Voorbeeld BV",
        "subject": "Afspraken",
        "version": "1.0",
        "effective_date": "1 maart 2026",
        "iso_date": "2026-03-01",
        "chapter_mode": False,
        "words": {
            "contents": "Inhoud",
            "version": "Versie",
            "effective": "Ingangsdatum",
            "page": "pagina",
            "of": "van",
        },
    }
    return PageMeta(**(values | changes))  # type: ignore[arg-type]


CASES = [
    pytest.param(example, kind, as_chapter, id=f"{example.stem}-{kind.key}-{mode}")
    for example in EXAMPLES
    for kind in DOCUMENTS
    for as_chapter, mode in ((False, "standalone"), (True, "chapter"))
]


@pytest.mark.parametrize(("example", "kind", "as_chapter"), CASES)
def test_structure_of_every_example_page(
    example: Path, kind: DocumentKind, as_chapter: bool
) -> None:
    html, language = example_page(example, kind, as_chapter=as_chapter)
    page = Page(html)
    levels = [level for level, _, _ in page.headings]

    assert page.lang == language
    assert levels.count(1) == 1 and levels[0] == 1, page.headings[:3]
    skipped = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not skipped, f"heading levels skip: {skipped}"
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    assert all(cell.get("scope") == "col" for cell in page.header_cells)
    assert not {"script", "img", "link", "iframe", "object"} & set(page.tags)
    if as_chapter:
        assert "nav" not in page.tags and "header" not in page.tags
        numbered = [text for level, _, text in page.headings if level == 2]
        assert numbered and all(re.match(r"\d", text) for text in numbered), numbered
    else:
        assert page.toc_links, "a standalone document has a table of contents"
        targets = {f"#{anchor}" for anchor in page.ids}
        assert set(page.toc_links) <= targets, set(page.toc_links) - targets


def test_table_header_cells_get_column_scope() -> None:
    body = markdown_to_body("# T\n\n| Platform | Account |\n|---|:-:|\n| LinkedIn | @org |\n")
    page = Page(body.html)
    assert [cell.get("scope") for cell in page.header_cells] == ["col", "col"]
    assert '<td class="align-center" data-label="Account">@org</td>' in body.html, (
        "alignment survives nh3 as a class"
    )


def test_title_block_holds_the_only_h1_and_the_document_facts() -> None:
    html = render_page("# Socialemediabeleid {#policy}\n\n## 1 Doel {#doel}\n\nTekst.\n", meta())
    header = html[html.index("<header") : html.index("</header>")]
    assert '<h1 id="policy">Socialemediabeleid</h1>' in header
    assert "Voorbeeld BV" in header and "1.0" in header and "1 maart 2026" in header
    assert html.count("<h1") == 1
    assert '<a href="#doel">1 Doel</a>' in html
    assert '<meta name="dcterms.created" content="2026-03-01">' in html


def test_one_section_still_gets_its_own_contents_entry() -> None:
    body = markdown_to_body("# T {#t}\n\n## 1 Only {#only}\n\n### 1.1 Sub {#sub}\n")
    assert [item["id"] for item in body.toc] == ["only"]
    assert [child["id"] for child in body.toc[0]["children"]] == ["sub"]


def test_organisation_name_with_markup_is_shown_not_run(write_yaml: Callable[..., Path]) -> None:
    source = write_yaml(MINIMAL.replace("Voorbeeld BV", "'<script>alert(1)</script> & Co'"))
    q = load(source).questionnaire
    html = render_page(render_markdown(q, POLICY), page_meta(q, POLICY))
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html


@pytest.mark.parametrize(
    "markdown",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[file](file:///etc/passwd)",
        "![img](file:///etc/hostname)",
        '<img src="file:///etc/hostname">',
        "<link rel=attachment href=file:///etc/passwd>",
        '<a href="javascript&#58;alert(1)">x</a>',
        "<script>alert(1)</script>",
        '<p style="background: url(file:///etc/passwd)" onclick="x()">p</p>',
    ],
)
def test_sanitiser_removes_active_content_and_local_urls(markdown: str) -> None:
    html = markdown_to_body(f"# T\n\n{markdown}\n").html.lower()
    for forbidden in ("javascript", "file:", "<img", "<link", "<script", "style=", "onclick"):
        assert forbidden not in html


def test_footer_strings_cannot_break_out_of_css() -> None:
    hostile = 'Beleid "A" \\ </style><script>x</script>\n'
    quoted = str(css_string(hostile))
    assert quoted.startswith('"') and quoted.endswith('"')
    assert '"' not in quoted[1:-1] and "<" not in quoted and "\n" not in quoted
    html = render_page("# T\n", meta(title=hostile))
    assert html.count("</style>") == 2 and "<script" not in html


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_meet_wcag_aa_on_every_background() -> None:
    css = stylesheet()
    colours = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", css))
    for text in ("ink", "muted", "accent"):
        for background in ("#ffffff", colours["tint"]):
            assert _contrast(colours[text], background) >= 4.5, (text, background)
    for literal in set(re.findall(r"color:\s*(#[0-9a-fA-F]{6})", css)):
        assert _contrast(literal, "#ffffff") >= 4.5, literal


def test_page_is_standalone_with_the_stylesheet_inlined() -> None:
    html = render_page("# T\n\nText.\n", meta())
    assert stylesheet() in html
    assert (templates_dir() / "assets" / "style.css").is_file()
    assert not re.search(r"<(link|script|img)\b|\bsrc=", html)
