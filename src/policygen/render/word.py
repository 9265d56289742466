"""Sanitised HTML -> a Word document (DOCX) with python-docx; one pipeline with HTML and PDF.

The DOCX is built from the same nh3-cleaned HTML body as the HTML page, never from the answers
directly: every answer is already text there, links are ``https``/``http``/``mailto`` or an
anchor in the document, and there are no images. Text goes into runs as text (Word never reads
``{ FIELD }`` in a run as a field); the only fields are the ones written here (TOC, PAGE,
NUMPAGES). Headings use Word's built-in Heading styles, so the navigation pane, Word's own table
of contents and "Insert -> Text from file" into a communication policy keep working. Theme,
page, footer, properties and the reproducible zip: :mod:`policygen.render.word_page`.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from policygen.render.html import HtmlBody, PageMeta
from policygen.render.htmltree import Node, parse_html
from policygen.render.word_page import (
    WordTheme,
    apply_theme,
    element,
    footer,
    logo,
    page_setup,
    properties,
    reproducible_zip,
    theme_for,
    xml_text,
)

PAGE_BREAK_BEFORE = {"acknowledgement-form"}
"""Sections that start a new page, as ``break-before: page`` does in the PDF's stylesheet."""
LINK_SCHEMES = ("https://", "http://", "mailto:")
"""Checked again here although nh3 already allows only these: a link is written only if safe."""

_SPACE = re.compile(r"\s+")
_BLOCK_TAGS = {"p", "ul", "ol", "table", "blockquote", "hr", "dl", "h1", "h2", "h3", "h4", "h5", "h6"}  # fmt: skip
_ALIGNMENTS = {
    "align-left": WD_ALIGN_PARAGRAPH.LEFT,
    "align-center": WD_ALIGN_PARAGRAPH.CENTER,
    "align-right": WD_ALIGN_PARAGRAPH.RIGHT,
}


# -- inline content ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A piece of text with its formatting; ``text == "\\n"`` is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None


def spans(nodes: list[Node], base: Span = Span("")) -> list[Span]:
    """The inline content of a block as formatted spans, whitespace collapsed as HTML does."""
    out: list[Span] = []
    for node in nodes:
        if node.tag == "":
            out.append(
                Span(_SPACE.sub(" ", node.text), base.bold, base.italic, base.code, base.link)
            )
        elif node.tag == "br":
            out.append(Span("\n"))
        elif node.tag == "strong":
            out += spans(node.children, Span("", True, base.italic, base.code, base.link))
        elif node.tag == "em":
            out += spans(node.children, Span("", base.bold, True, base.code, base.link))
        elif node.tag == "code":
            out += spans(node.children, Span("", base.bold, base.italic, True, base.link))
        elif node.tag == "a":
            href = node.attrs.get("href", "")
            out += spans(node.children, Span("", base.bold, base.italic, base.code, href or None))
        elif node.tag not in _BLOCK_TAGS:
            out += spans(node.children, base)
    return _trim(out)


def _trim(items: list[Span]) -> list[Span]:
    """No space at the start or end of a paragraph, nor twice in a row."""
    result: list[Span] = []
    for item in items:
        text = item.text
        previous = result[-1].text if result else "\n"
        if previous.endswith((" ", "\n")):
            text = text.lstrip(" ")
        if text:
            result.append(Span(text, item.bold, item.italic, item.code, item.link))
    while result and result[-1].text.endswith(" "):
        last = result.pop()
        if last.text.rstrip(" "):
            result.append(Span(last.text.rstrip(" "), last.bold, last.italic, last.code, last.link))
            break
    return result


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for an anchor id: letters, digits and ``_``, at most 40 characters."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    if not name[:1].isalpha():
        name = "b" + name
    if len(name) > 40:
        name = name[:31] + "_" + hashlib.sha256(anchor.encode()).hexdigest()[:8]
    return name


# -- the writer ----------------------------------------------------------------------------------


class _Writer:
    """Walks the HTML tree and appends paragraphs and tables to the document."""

    def __init__(self, document: Any, meta: PageMeta, theme: WordTheme, anchors: set[str]) -> None:
        self.document = document
        self.meta = meta
        self.theme = theme
        self.anchors = anchors
        self.heading_shift = 0 if meta.chapter_mode else 1
        self.bookmark_id = 0
        self.numbering = document.part.numbering_part.element

    # inline

    def add_spans(self, paragraph: Paragraph, items: list[Span]) -> None:
        for item in items:
            if item.text == "\n":
                paragraph.add_run().add_break(WD_BREAK.LINE)
                continue
            run = paragraph.add_run(xml_text(item.text))
            run.bold = item.bold or None
            run.italic = item.italic or None
            if item.code:
                run.font.name = "Courier New"
            if item.link:
                self._link(paragraph, run, item.link)

    def _link(self, paragraph: Paragraph, run: Any, href: str) -> None:
        """Wrap the run in a hyperlink: an anchor of this document or a safe external URL."""
        hyperlink = OxmlElement("w:hyperlink")
        if href.startswith("#") and href[1:] in self.anchors:
            hyperlink.set(qn("w:anchor"), bookmark_name(href[1:]))
        elif href.lower().startswith(LINK_SCHEMES):
            relation = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            hyperlink.set(qn("r:id"), relation)
        else:
            return  # a link to nowhere stays text
        run.style = self._hyperlink_style()
        paragraph._p.append(hyperlink)
        hyperlink.append(run._r)

    def _hyperlink_style(self) -> Any:
        styles = self.document.styles
        if "Hyperlink" not in [s.name for s in styles]:
            style = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
            style.font.color.rgb = RGBColor.from_string(self.theme.accent)
            style.font.underline = True
        return styles["Hyperlink"]

    def bookmark(self, paragraph: Paragraph, anchor: str) -> None:
        """Mark the paragraph as the target of ``#anchor`` links."""
        self.bookmark_id += 1
        number = str(self.bookmark_id)
        start = element("w:bookmarkStart", id=number, name=bookmark_name(anchor))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(element("w:bookmarkEnd", id=number))

    # blocks

    def blocks(self, nodes: list[Node], container: Any = None) -> None:
        container = container if container is not None else self.document
        loose: list[Node] = []
        for node in nodes:
            if node.tag in _BLOCK_TAGS:
                self._flush(loose, container)
                self.block(node, container)
            else:
                loose.append(node)
        self._flush(loose, container)

    def _flush(self, loose: list[Node], container: Any) -> None:
        items = spans(loose)
        loose.clear()
        if items:
            self.add_spans(container.add_paragraph(), items)

    def block(self, node: Node, container: Any) -> None:
        tag = node.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = max(1, min(int(tag[1]) - self.heading_shift, 9))
            paragraph = container.add_paragraph(style=f"Heading {level}")
            self.add_spans(paragraph, spans(node.children))
            if anchor := node.attrs.get("id"):
                self.bookmark(paragraph, anchor)
                paragraph.paragraph_format.page_break_before = anchor in PAGE_BREAK_BEFORE or None
        elif tag == "p":
            self.add_spans(container.add_paragraph(), spans(node.children))
        elif tag in ("ul", "ol"):
            self.list(node, container, depth=1)
        elif tag == "table":
            self.table(node, container)
        elif tag == "blockquote":
            for child in node.children:
                if child.tag in _BLOCK_TAGS:
                    quote = container.add_paragraph(style="Quote")
                    self.add_spans(quote, spans(child.children))
        elif tag == "dl":
            for child in node.children:
                if child.tag == "dt":
                    term = container.add_paragraph()
                    self.add_spans(term, spans(child.children, Span("", bold=True)))
                elif child.tag == "dd":
                    self.add_spans(container.add_paragraph(), spans(child.children))
        elif tag == "hr":
            rule = container.add_paragraph()
            borders = element("w:pBdr")
            borders.append(
                element("w:bottom", val="single", sz="6", space="1", color=self.theme.muted)
            )
            rule._p.get_or_add_pPr().append(borders)

    def list(self, node: Node, container: Any, depth: int) -> None:
        ordered = node.tag == "ol"
        style = ("List Number" if ordered else "List Bullet") + (
            "" if depth == 1 else f" {min(depth, 3)}"
        )
        restart = self._restarted(style, int(node.attrs.get("start") or 1)) if ordered else None
        for item in node.children:
            if item.tag != "li":
                continue
            paragraph = container.add_paragraph(style=style)
            if restart is not None:
                numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                numbering.get_or_add_ilvl().val = 0
                numbering.get_or_add_numId().val = restart
            inline = [child for child in item.children if child.tag not in _BLOCK_TAGS]
            paragraphs = [child for child in item.children if child.tag == "p"]
            first = inline + (paragraphs[0].children if paragraphs else [])
            self.add_spans(paragraph, spans(first))
            for extra in paragraphs[1:]:
                more = container.add_paragraph(
                    style="List Continue" + ("" if depth == 1 else f" {min(depth, 3)}")
                )
                self.add_spans(more, spans(extra.children))
            for child in item.children:
                if child.tag in ("ul", "ol"):
                    self.list(child, container, depth + 1)

    def _restarted(self, style: str, start: int) -> int:
        """A numbering instance of the list style that starts at ``start``: every ``<ol>`` of
        Markdown counts from its own first item, not on from the previous list."""
        style_num = self.document.styles[style].element.pPr.numPr.numId.val
        abstract = next(
            num.abstractNumId.val for num in self.numbering.num_lst if num.numId == style_num
        )
        num = self.numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return int(num.numId)

    def table(self, node: Node, container: Any) -> None:
        row_nodes = [
            row
            for section in node.children
            if section.tag in ("thead", "tbody")
            for row in section.children
            if row.tag == "tr"
        ] + [row for row in node.children if row.tag == "tr"]
        rows = [[cell for cell in row.children if cell.tag in ("th", "td")] for row in row_nodes]
        columns = max((len(row) for row in rows), default=0)
        if not columns:
            return
        table = container.add_table(rows=len(rows), cols=columns)
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for row_node, row in zip(rows, table.rows, strict=True):
            header = bool(row_node) and all(cell.tag == "th" for cell in row_node)
            if header:
                row._tr.get_or_add_trPr().append(element("w:tblHeader"))
            for cell_node, cell in zip(row_node, row.cells, strict=False):
                self.cell(cell_node, cell, header=header)
        container.add_paragraph()  # Word joins two tables that touch

    def cell(self, node: Node, cell: _Cell, *, header: bool) -> None:
        paragraph = cell.paragraphs[0]
        base = Span("", bold=header)
        blocks = [child for child in node.children if child.tag in _BLOCK_TAGS]
        if blocks:
            self.blocks(node.children, cell)
            cell._tc.remove(paragraph._p)
        else:
            self.add_spans(paragraph, spans(node.children, base))
        alignment = _ALIGNMENTS.get(node.attrs.get("class", ""))
        for each in cell.paragraphs:
            if alignment is not None:
                each.alignment = alignment
            each.paragraph_format.space_after = Pt(2)
        if header:
            shading = element("w:shd", val="clear", color="auto", fill=self.theme.tint)
            cell._tc.get_or_add_tcPr().append(shading)


# -- title block and contents --------------------------------------------------------------------


def _table_of_contents(writer: _Writer, body: HtmlBody) -> None:
    """A TOC field Word fills on open (``updateFields``); until then it lists the sections,
    linked, so LibreOffice and a reader who declines the update see the contents too."""
    document, words = writer.document, writer.meta.words
    document.add_paragraph(words["contents"], style="TOC Heading")
    entries = [
        entry
        for item in body.toc
        for entry in [(item, 1)] + [(child, 2) for child in item["children"]]
    ]
    paragraphs = [document.add_paragraph() for _ in entries] or [document.add_paragraph()]
    first, last = paragraphs[0], paragraphs[-1]
    begin = first.add_run()
    begin._r.append(element("w:fldChar", fldCharType="begin"))
    instruction = element("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = ' TOC \\o "1-3" \\h \\z \\u '
    begin._r.append(instruction)
    first.add_run()._r.append(element("w:fldChar", fldCharType="separate"))
    for paragraph, (item, depth) in zip(paragraphs, entries, strict=False):
        paragraph.paragraph_format.left_indent = Mm(6 * (depth - 1))
        paragraph.paragraph_format.space_after = Pt(2)
        writer.add_spans(paragraph, [Span(item["name"], link=f"#{item['id']}")])
    last.add_run()._r.append(element("w:fldChar", fldCharType="end"))
    settings = document.settings.element
    settings.append(element("w:updateFields", val="true"))


def _title_block(writer: _Writer, body: HtmlBody) -> None:
    document, meta, theme = writer.document, writer.meta, writer.theme
    organisation = document.add_paragraph()
    run = organisation.add_run(xml_text(meta.organisation.upper()))
    run.font.color.rgb = RGBColor.from_string(theme.muted)
    title_node = parse_html(body.title)
    heading = next((n for n in title_node.children if n.tag == "h1"), None)
    title = document.add_paragraph(style="Title")
    writer.add_spans(title, spans(heading.children) if heading else [Span(meta.title)])
    if heading is not None and (anchor := heading.attrs.get("id")):
        writer.bookmark(title, anchor)
    document.add_paragraph(xml_text(meta.subject), style="Subtitle")
    details = [(meta.words["version"], meta.version)]
    if meta.effective_date:
        details.append((meta.words["effective"], meta.effective_date))
    for label, value in details:
        line = document.add_paragraph()
        label_run = line.add_run(f"{label}: ")
        label_run.font.color.rgb = RGBColor.from_string(theme.muted)
        line.add_run(xml_text(value)).bold = True
        line.paragraph_format.space_after = Pt(0)


def _anchors(node: Node) -> Iterator[str]:
    if anchor := node.attrs.get("id"):
        yield anchor
    for child in node.children:
        yield from _anchors(child)


def html_to_docx(body: HtmlBody, meta: PageMeta) -> bytes:
    """The DOCX bytes of one document: title block and contents (standalone), then the body."""
    theme = theme_for(meta)
    document = docx.Document()
    apply_theme(document, theme, meta.language)
    text_width = page_setup(document)
    tree = parse_html(body.html)
    intro = parse_html(body.intro)
    anchors = set(_anchors(tree)) | set(_anchors(parse_html(body.title)))
    writer = _Writer(document, meta, theme, anchors)
    if not meta.chapter_mode:
        logo(document, meta)
        _title_block(writer, body)
        writer.blocks(intro.children)
        if body.toc:  # the contents get the first page; the text starts on the next
            _table_of_contents(writer, body)
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    writer.blocks(tree.children)
    footer(document, meta, text_width)
    properties(document, meta)
    stream = io.BytesIO()
    document.save(stream)
    return reproducible_zip(stream.getvalue())
