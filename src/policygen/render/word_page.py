"""The DOCX around the text: theme, page, footer fields, properties, reproducible zip.

Apart from :mod:`policygen.render.word` (which turns the HTML into paragraphs and tables) so that
what Word shows of the organisation and what makes the bytes reproducible are read in one place.
The zip is rewritten with sorted entries and one fixed timestamp (``SOURCE_DATE_EPOCH``, else
1980-01-01), so the same input gives the same bytes.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass, replace
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from policygen.render.html import PageMeta

LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}

_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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


def logo(document: Any, meta: PageMeta) -> None:
    """The organisation's logo above the title block, like the page's."""
    url = meta.style.logo if meta.style else None
    prefix = next((p for p in _WORD_PICTURES if url and url.startswith(p)), None)
    if url and prefix:
        document.add_picture(io.BytesIO(base64.b64decode(url[len(prefix) :])), height=Cm(1.6))


def element(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def xml_text(text: str) -> str:
    return _XML_UNSAFE.sub("", text)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) whose cached result is ``shown`` until updated."""
    for part in ("begin", instruction, "separate", shown, "end"):
        run = paragraph.add_run()
        if part in ("begin", "separate", "end"):
            run._r.append(element("w:fldChar", fldCharType=part))
        elif part == instruction:
            text = element("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            run._r.append(text)
        else:
            run.text = shown


def footer(document: Any, meta: PageMeta, text_width: Any) -> None:
    """``Title · Version 1.0`` left, ``Page X of Y`` right, as in the PDF."""
    document.styles["Footer"].paragraph_format.tab_stops.clear_all()  # Letter-sized stops
    line = document.sections[0].footer.paragraphs[0]
    line.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    words = meta.words
    line.add_run(xml_text(f"{meta.title}  ·  {words['version']} {meta.version}\t"))
    line.add_run(f"{words['page'].capitalize()} ")
    _field(line, "PAGE", "1")
    line.add_run(f" {words['of']} ")
    _field(line, "NUMPAGES", "1")
    for run in line.runs:
        run.font.size = Pt(8)


def apply_theme(document: Any, theme: WordTheme, language: str) -> None:
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
    run_defaults.append(element("w:lang", val=LANGUAGE_TAGS.get(language, language)))


def page_setup(document: Any) -> Any:
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


def properties(document: Any, meta: PageMeta) -> None:
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
