"""Markdown -> one standalone, sanitised HTML file (CSS inlined, table of contents, ``lang`` set).

Python-Markdown passes raw HTML and any link scheme through, so its output is always cleaned by
nh3 with an allow-list before it is placed into the page template.

Heading structure: a standalone document's ``# Title`` becomes the one ``h1`` of the title block,
its sections ``h2``/``h3``. A chapter's Markdown starts one level down (``## N Title``) so it
drops into the communication policy; as a file of its own the chapter's HTML moves its headings
back up, so the chapter heading is the page's one ``h1`` and no level is skipped.
"""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import jinja2
import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from policygen.render.environment import template_environment
from policygen.resources import assets_dir

if TYPE_CHECKING:
    from policygen.render.branding import HouseStyle

MARKDOWN_CONFIG: dict[str, dict[str, Any]] = {"toc": {"permalink": False, "toc_depth": "2-3"}}

ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr",
    "th", "td", "a", "strong", "em", "code", "blockquote", "hr", "br", "dl", "dt", "dd",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "dir"},
    "a": {"href", "title"},
    "th": {"scope"},
    "td": {"data-label"},
    "ol": {"start"},
}
URL_SCHEMES = {"https", "http", "mailto"}
ALIGNMENT_CLASSES = {"align-left", "align-center", "align-right"}
"""Column alignment from ``|---:|``: a class, because nh3 drops every ``style`` attribute."""
LONG_WORD_CLASS = "long-word"
LONG_WORD = 30
"""A cell holding a word this long (a handle, an address) may break it anywhere; shorter words
stay whole, so a table's other columns keep their width instead of going off the PDF page."""

_HEADING_TAGS = {f"h{level}" for level in range(1, 7)}
_PLACEHOLDER = re.compile(f"{markdown.util.STX}[^{markdown.util.ETX}]*{markdown.util.ETX}")
"""Python-Markdown's stand-in for an escaped character or entity (``\\*``, ``&amp;``) until it
writes the HTML: one character to the reader."""
_TEXT_BLOCKS = {"p", "li", "th", "td", "dt", "dd", "blockquote", *_HEADING_TAGS}


_BEYOND_ARMENIAN = re.compile("[^\u0000-\u058f]")
"""Below U+0590 (Latin, Greek, Cyrillic, Armenian) no character is written right to left."""


def right_to_left(text: str) -> bool:
    """Whether ``text`` holds Arabic, Hebrew or another right-to-left script."""
    return any(
        unicodedata.bidirectional(match.group()) in ("R", "AL")
        for match in _BEYOND_ARMENIAN.finditer(text)
    )


_LEADING_H1 = re.compile(r"\A\s*(<h1\b[^>]*>.*?</h1>)\s*", re.DOTALL)
_CSS_STRING_SAFE = re.compile(r"[\w .,:;()/·–-]")


@dataclass(frozen=True)
class PageMeta:
    """What the page around the body needs: title block, metadata, footer."""

    language: str
    title: str
    organisation: str
    subject: str
    version: str
    effective_date: str | None
    """The effective date as the reader sees it (``1 maart 2026``)."""
    iso_date: str | None
    """The same date as ``YYYY-MM-DD``: the PDF's creation date, so PDFs are reproducible."""
    chapter_mode: bool
    words: dict[str, str]
    """Fixed wording of the page itself (``contents``, ``version``, ``page``…), per language."""
    style: HouseStyle | None = None
    """The organisation's logo, colour, typeface and cover page, if it gives any."""


@dataclass(frozen=True)
class HtmlBody:
    """Sanitised HTML in the page's parts, and the contents (id, text, children).

    Standalone, the title heading and the introduction before the first section go to the
    title block; in chapter mode both stay empty and everything is ``html``.
    """

    title: str
    intro: str
    html: str
    toc: list[dict[str, Any]]


class _PageStructure(Treeprocessor):
    """Header cells get ``scope="col"``, data cells their column's header (``data-label``),
    aligned columns and cells with a long word a class, blocks with right-to-left text
    ``dir="auto"`` (the browser then sets their direction from
    the text: an Arabic answer reads right to left, a Dutch sentence naming a Hebrew name stays
    left to right); a chapter's headings move up one level (see the module docstring)."""

    def __init__(self, md: markdown.Markdown, *, chapter_mode: bool) -> None:
        super().__init__(md)
        self.chapter_mode = chapter_mode

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            _label_cells(table)
        for element in root.iter():
            if element.tag in ("th", "td"):
                classes = []
                if style := element.attrib.pop("style", ""):
                    classes.append("align-" + style.split(":")[-1].strip(" ;"))
                words = _PLACEHOLDER.sub("_", "".join(element.itertext())).split()
                if any(len(word) >= LONG_WORD for word in words):
                    classes.append(LONG_WORD_CLASS)
                if classes:
                    element.set("class", " ".join(classes))
            if element.tag in _TEXT_BLOCKS and right_to_left("".join(element.itertext())):
                element.set("dir", "auto")
            if element.tag == "th":
                element.set("scope", "col")
            elif self.chapter_mode and element.tag in _HEADING_TAGS and element.tag != "h1":
                element.tag = f"h{int(element.tag[1]) - 1}"


def _label_cells(table: etree.Element) -> None:
    """Each data cell carries its column's header, which a phone shows above the cell when the
    table's rows become stacked cards (see style.css)."""
    headers = ["".join(th.itertext()).strip() for th in table.iter("th")]
    for row in table.iter("tr"):
        for header, cell in zip(headers, row.findall("td"), strict=False):
            cell.set("data-label", header)


class _PageStructureExtension(Extension):
    def __init__(self, *, chapter_mode: bool) -> None:
        super().__init__()
        self.chapter_mode = chapter_mode

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Priority 1: after attr_list (8) and toc (5), so ids and contents see the original levels.
        md.treeprocessors.register(
            _PageStructure(md, chapter_mode=self.chapter_mode), "policygen_page_structure", 1
        )


def _clean_toc(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": token["id"],
            "name": html.unescape(token["name"]),
            "children": _clean_toc(token["children"]),
        }
        for token in tokens
    ]


def markdown_to_body(text: str, *, chapter_mode: bool = False) -> HtmlBody:
    """Convert Markdown to sanitised HTML; a new Markdown instance each time, so no state leaks."""
    converter = markdown.Markdown(
        extensions=[
            "tables",
            "toc",
            "attr_list",
            "sane_lists",
            _PageStructureExtension(chapter_mode=chapter_mode),
        ],
        extension_configs=MARKDOWN_CONFIG,
    )
    cleaned = nh3.clean(
        converter.convert(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        allowed_classes={cell: ALIGNMENT_CLASSES | {LONG_WORD_CLASS} for cell in ("th", "td")},
        link_rel=None,
        strip_comments=True,
    )
    title = intro = ""
    if not chapter_mode and (leading := _LEADING_H1.match(cleaned)):
        # nh3 serialises the tree itself and escapes every '<' in text, so these splits are exact.
        title, cleaned = leading.group(1), cleaned[leading.end() :]
        before_sections, section, rest = cleaned.partition("<h2")
        if section:
            intro, cleaned = before_sections, section + rest
    tokens: list[dict[str, Any]] = getattr(converter, "toc_tokens", [])
    return HtmlBody(title=title, intro=intro.strip(), html=cleaned, toc=_clean_toc(tokens))


def css_string(text: str) -> Markup:
    """A quoted CSS string that cannot end the string or the ``<style>`` element it sits in."""
    escaped = "".join(
        char if _CSS_STRING_SAFE.fullmatch(char) else f"\\{ord(char):06x}" for char in text
    )
    return Markup(f'"{escaped}"')


@cache
def _page_environment() -> jinja2.Environment:
    env = template_environment(autoescape=True)
    env.filters["css_string"] = css_string
    return env


@cache
def stylesheet() -> str:
    """The page design, inlined into every HTML file and parsed once by the PDF stage."""
    return (assets_dir() / "style.css").read_text(encoding="utf-8")


def render_page(text: str, meta: PageMeta) -> str:
    """The complete HTML document for one Markdown text."""
    return page_from_body(markdown_to_body(text, chapter_mode=meta.chapter_mode), meta)


def page_from_body(body: HtmlBody, meta: PageMeta) -> str:
    """The complete HTML document around an already converted body."""
    template = _page_environment().get_template("page.html.j2")
    return template.render(
        meta=meta,
        title=Markup(body.title),
        intro=Markup(body.intro),
        body=Markup(body.html),
        toc=body.toc,
        css=Markup(stylesheet()),
    )
