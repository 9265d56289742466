"""Sanitised HTML -> a Word document (DOCX) with python-docx; one pipeline with HTML and PDF.

The DOCX is built from the same nh3-cleaned HTML body as the HTML page, never from the answers
directly: every answer is already text there, links are ``https``/``http``/``mailto`` or an
anchor in the document, and there are no images. Text goes into runs as text (Word never reads
``{ FIELD }`` in a run as a field); the only fields are the ones written here (TOC, PAGE,
NUMPAGES). Headings use Word's built-in Heading styles, so the navigation pane, Word's own table
of contents and "Insert -> Text from file" into a communication policy keep working.

The zip is rewritten with sorted entries and one fixed timestamp (``SOURCE_DATE_EPOCH``, else
1980-01-01), so the same input gives the same bytes.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from policygen.render.html import HtmlBody, PageMeta
from policygen.render.htmltree import Node, parse_html

LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
PAGE_BREAK_BEFORE = {"acknowledgement-form"}
"""Sections that start a new page, as ``break-before: page`` does in the PDF's stylesheet."""
LINK_SCHEMES = ("https://", "http://", "mailto:")
"""Checked again here although nh3 already allows only these: a link is written only if safe."""

_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACE = re.compile(r"\s+")
_BLOCK_TAGS = {"p", "ul", "ol", "table", "blockquote", "hr", "dl", "h1", "h2", "h3", "h4", "h5", "h6"}  # fmt: skip
_ALIGNMENTS = {
    "align-left": WD_ALIGN_PARAGRAPH.LEFT,
    "align-center": WD_ALIGN_PARAGRAPH.CENTER,
    "align-right": WD_ALIGN_PARAGRAPH.RIGHT,
}


@dataclass(frozen=True)
class WordTheme:
    """Font and colours of the DOCX, taken from the house design (templates/assets/style.css),
    or from the questionnaire's ``branding`` (:func:`theme_for`)."""

    font: str = "Arial"
    accent: str = "1B4A72"
    ink: str = "1A1F2B"
    muted: str = "454D5C"
    tint: str = "EEF2F7"


HOUSE_THEME = WordTheme()


def theme_for(meta: PageMeta) -> WordTheme:
    """The organisation's colour and typeface where its ``branding`` names them. Word cannot
    embed a font file: it uses the family by name, and its own fallback where it is missing."""
    style = meta.style
    if style is None:
        return HOUSE_THEME
    return replace(
        HOUSE_THEME,
        font=style.font_name or HOUSE_THEME.font,
        accent=style.colour.lstrip("#").upper() if style.colour else HOUSE_THEME.accent,
    )


_WORD_PICTURES = ("data:image/png;base64,", "data:image/jpeg;base64,")
"""Logos Word can show; an SVG logo appears in the HTML and PDF only."""


def _logo(document: Any, meta: PageMeta) -> None:
    """The organisation's logo above the title block, like the page's."""
    url = meta.style.logo if meta.style else None
    prefix = next((p for p in _WORD_PICTURES if url and url.startswith(p)), None)
    if url and prefix:
        document.add_picture(io.BytesIO(base64.b64decode(url[len(prefix) :])), height=Cm(1.6))


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


def _element(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _xml_text(text: str) -> str:
    return _XML_UNSAFE.sub("", text)


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
            run = paragraph.add_run(_xml_text(item.text))
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
        start = _element("w:bookmarkStart", id=number, name=bookmark_name(anchor))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(_element("w:bookmarkEnd", id=number))

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
            borders = _element("w:pBdr")
            borders.append(
                _element("w:bottom", val="single", sz="6", space="1", color=self.theme.muted)
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
                row._tr.get_or_add_trPr().append(_element("w:tblHeader"))
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
            shading = _element("w:shd", val="clear", color="auto", fill=self.theme.tint)
            cell._tc.get_or_add_tcPr().append(shading)


# -- fields, page, properties --------------------------------------------------------------------


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) whose cached result is ``shown`` until updated."""
    for part in ("begin", instruction, "separate", shown, "end"):
        run = paragraph.add_run()
        if part in ("begin", "separate", "end"):
            run._r.append(_element("w:fldChar", fldCharType=part))
        elif part == instruction:
            text = _element("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            run._r.append(text)
        else:
            run.text = shown


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
    begin._r.append(_element("w:fldChar", fldCharType="begin"))
    instruction = _element("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = ' TOC \\o "1-3" \\h \\z \\u '
    begin._r.append(instruction)
    first.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))
    for paragraph, (item, depth) in zip(paragraphs, entries, strict=False):
        paragraph.paragraph_format.left_indent = Mm(6 * (depth - 1))
        paragraph.paragraph_format.space_after = Pt(2)
        writer.add_spans(paragraph, [Span(item["name"], link=f"#{item['id']}")])
    last.add_run()._r.append(_element("w:fldChar", fldCharType="end"))
    settings = document.settings.element
    settings.append(_element("w:updateFields", val="true"))


def _title_block(writer: _Writer, body: HtmlBody) -> None:
    document, meta, theme = writer.document, writer.meta, writer.theme
    organisation = document.add_paragraph()
    run = organisation.add_run(_xml_text(meta.organisation.upper()))
    run.font.color.rgb = RGBColor.from_string(theme.muted)
    title_node = parse_html(body.title)
    heading = next((n for n in title_node.children if n.tag == "h1"), None)
    title = document.add_paragraph(style="Title")
    writer.add_spans(title, spans(heading.children) if heading else [Span(meta.title)])
    if heading is not None and (anchor := heading.attrs.get("id")):
        writer.bookmark(title, anchor)
    document.add_paragraph(_xml_text(meta.subject), style="Subtitle")
    details = [(meta.words["version"], meta.version)]
    if meta.effective_date:
        details.append((meta.words["effective"], meta.effective_date))
    for label, value in details:
        line = document.add_paragraph()
        label_run = line.add_run(f"{label}: ")
        label_run.font.color.rgb = RGBColor.from_string(theme.muted)
        line.add_run(_xml_text(value)).bold = True
        line.paragraph_format.space_after = Pt(0)


def _footer(document: Any, meta: PageMeta, text_width: Any) -> None:
    """``Title · Version 1.0`` left, ``Page X of Y`` right, as in the PDF."""
    document.styles["Footer"].paragraph_format.tab_stops.clear_all()  # Letter-sized stops
    footer = document.sections[0].footer.paragraphs[0]
    footer.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    words = meta.words
    footer.add_run(_xml_text(f"{meta.title}  ·  {words['version']} {meta.version}\t"))
    footer.add_run(f"{words['page'].capitalize()} ")
    _field(footer, "PAGE", "1")
    footer.add_run(f" {words['of']} ")
    _field(footer, "NUMPAGES", "1")
    for run in footer.runs:
        run.font.size = Pt(8)


def _apply_theme(document: Any, theme: WordTheme, language: str) -> None:
    """One font everywhere (theme fonts removed), headings in the accent colour, the language."""
    for style in document.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
        if fonts is not None:
            for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                fonts.attrib.pop(qn(f"w:{attribute}"), None)
        if style.name.startswith("Heading") or style.name in ("Title", "TOC Heading"):
            style.font.color.rgb = RGBColor.from_string(theme.accent)
    normal = document.styles["Normal"]
    normal.font.name = theme.font
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = RGBColor.from_string(theme.ink)
    normal.paragraph_format.space_after = Pt(6)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title", "Subtitle", "TOC Heading"):
        document.styles[name].font.name = theme.font
    document.styles["Title"].font.size = Pt(24)
    document.styles["Heading 1"].font.size = Pt(16)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in run_defaults.findall(qn("w:lang")):
        run_defaults.remove(old)
    run_defaults.append(_element("w:lang", val=LANGUAGE_TAGS.get(language, language)))


def _page_setup(document: Any) -> Any:
    """A4 with 2.2 cm margins; returns the text width for the footer's right tab."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(22))
    return section.page_width - section.left_margin - section.right_margin


def fixed_time() -> dt.datetime:
    """The build's timestamp: ``SOURCE_DATE_EPOCH`` when set, else the zip format's first day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime(1980, 1, 1)


def _properties(document: Any, meta: PageMeta) -> None:
    """Title, author (organisation), subject, language; created = modified = effective date."""
    properties = document.core_properties
    properties.title = meta.title
    properties.author = meta.organisation
    properties.last_modified_by = meta.organisation
    properties.subject = meta.subject
    properties.language = LANGUAGE_TAGS.get(meta.language, meta.language)
    properties.comments = ""
    properties.keywords = ""
    properties.revision = 1
    when = dt.datetime.fromisoformat(meta.iso_date) if meta.iso_date else fixed_time()
    properties.created = properties.modified = when
    package = document.part.package
    for key, relation in list(package.rels.items()):  # python-docx's sample thumbnail
        if relation.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[key]


def reproducible_zip(data: bytes) -> bytes:
    """The same package with sorted entries and one fixed timestamp."""
    timestamp = fixed_time().timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in sorted(source.namelist()):
            info = zipfile.ZipInfo(name, date_time=timestamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def _anchors(node: Node) -> Iterator[str]:
    if anchor := node.attrs.get("id"):
        yield anchor
    for child in node.children:
        yield from _anchors(child)


def html_to_docx(body: HtmlBody, meta: PageMeta) -> bytes:
    """The DOCX bytes of one document: title block and contents (standalone), then the body."""
    theme = theme_for(meta)
    document = docx.Document()
    _apply_theme(document, theme, meta.language)
    text_width = _page_setup(document)
    tree = parse_html(body.html)
    intro = parse_html(body.intro)
    anchors = set(_anchors(tree)) | set(_anchors(parse_html(body.title)))
    writer = _Writer(document, meta, theme, anchors)
    if not meta.chapter_mode:
        _logo(document, meta)
        _title_block(writer, body)
        writer.blocks(intro.children)
        if body.toc:  # the contents get the first page; the text starts on the next
            _table_of_contents(writer, body)
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    writer.blocks(tree.children)
    _footer(document, meta, text_width)
    _properties(document, meta)
    stream = io.BytesIO()
    document.save(stream)
    return reproducible_zip(stream.getvalue())
