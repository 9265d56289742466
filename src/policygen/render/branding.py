"""The organisation's house style: logo, colour, typeface and cover page, for HTML and PDF alike.

The logo and the font file are untrusted files in the questionnaire's folder (read through
``own_files``). Both are embedded in the page as ``data:`` URLs, so the HTML stands alone and the
PDF stage fetches nothing. An SVG logo is rebuilt from an allow-list of drawing elements and
attributes: no script, no ``foreignObject``, no event attributes, no style sheets and no
reference outside the file itself. A font file must be one WeasyPrint can use (checked with
fontTools, which WeasyPrint itself uses to read WOFF and WOFF2); a family name must be installed.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from markupsafe import Markup

from policygen.errors import Problem, QuestionnaireError
from policygen.questionnaire.loader import LoadedQuestionnaire, Location
from policygen.render.html import css_string
from policygen.render.own_files import Refusal, read_own_file

MAX_LOGO_BYTES = 1024 * 1024
MAX_FONT_BYTES = 2 * 1024 * 1024
HOUSE_FONT = "policygen-house-font"
"""The family name the embedded font file gets in the page's CSS."""

_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
_SVG_ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
    "tspan", "title", "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath",
    "symbol", "use",
})  # fmt: skip
_SVG_ATTRIBUTES = frozenset({
    "id", "d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy",
    "width", "height", "points", "viewBox", "preserveAspectRatio", "version", "fill",
    "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity",
    "transform", "clip-path", "clip-rule", "clipPathUnits", "offset", "stop-color",
    "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod", "font-family",
    "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
    "letter-spacing", "dx", "dy", "visibility", "display",
})  # fmt: skip
_TEXT_ELEMENTS = frozenset({"text", "tspan", "title", "desc"})
_INTERNAL_REFERENCE = re.compile(r"^#[\w.-]+$")
_URL = re.compile(r"url\(\s*['\"]?([^)'\"]*)", re.IGNORECASE)
_FONT_FORMATS = {
    ".ttf": ("font/ttf", "truetype"),
    ".otf": ("font/otf", "opentype"),
    ".woff": ("font/woff", "woff"),
    ".woff2": ("font/woff2", "woff2"),
}
_FAMILY_NAME = re.compile(r"^[\w][\w .-]{0,79}$")


@dataclass(frozen=True)
class HouseStyle:
    """What the page template needs to show the organisation's house style."""

    logo: str | None = None
    """The logo as a ``data:`` URL."""
    logo_alt: str = ""
    colour: str | None = None
    font_family: str | None = None
    font_face: str | None = None
    """``src`` of an ``@font-face`` rule for an embedded font file."""
    font_name: str | None = None
    """The typeface's family name, as Word names it (from the font file, or as written)."""
    cover_page: bool = False

    def css(self) -> Markup:
        """The page's own rules on top of the page design (empty without a house style)."""
        rules = []
        if self.font_face:
            rules.append(f"@font-face {{ font-family: {HOUSE_FONT}; src: {self.font_face}; }}")
        if self.font_family:
            family = HOUSE_FONT if self.font_face else css_string(self.font_family)
            rules.append(f'html {{ font-family: {family}, "DejaVu Sans", sans-serif; }}')
        if self.colour:
            rules.append(f":root {{ --accent: {self.colour}; }}")
        return Markup("\n".join(rules))


NO_HOUSE_STYLE = HouseStyle()


def _svg_value_is_safe(name: str, value: str) -> bool:
    if name == "href":
        return bool(_INTERNAL_REFERENCE.match(value.strip()))
    return all(_INTERNAL_REFERENCE.match(url.strip()) for url in _URL.findall(value))


def _clean_svg_element(source: ElementTree.Element) -> ElementTree.Element | None:
    namespace, _, tag = source.tag.rpartition("}")
    if namespace != "{" + _SVG or tag not in _SVG_ELEMENTS:
        return None
    clean = ElementTree.Element(tag)
    for key, value in source.attrib.items():
        key_namespace, _, name = key.rpartition("}")
        allowed = (not key_namespace and name in _SVG_ATTRIBUTES) or (
            key_namespace in ("", "{" + _XLINK) and name == "href"
        )
        if allowed and _svg_value_is_safe(name, value):
            clean.set(name, value)
    has_text = tag in _TEXT_ELEMENTS
    clean.text = source.text if has_text else None
    for child in source:
        if (cleaned := _clean_svg_element(child)) is not None:
            cleaned.tail = child.tail if has_text else None
            clean.append(cleaned)
    return clean


def sanitise_svg(data: bytes, written: str) -> bytes:
    """The SVG with only drawing elements and attributes left (see the module docstring)."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, ElementTree.ParseError, ValueError) as error:
        raise Refusal(f"'{written}' is not a readable SVG file: {error}") from None
    clean = _clean_svg_element(root)
    if clean is None or clean.tag != "svg":
        raise Refusal(f"'{written}' is not an SVG image (its root element is not <svg>)")
    clean.set("xmlns", _SVG)
    return bytes(ElementTree.tostring(clean, encoding="utf-8", xml_declaration=False))


def _logo_url(data: bytes, written: str) -> str:
    suffix = PurePosixPath(written).suffix.lower()
    if suffix == ".svg":
        return "data:image/svg+xml;base64," + base64.b64encode(sanitise_svg(data, written)).decode()
    kinds = {".png": (b"\x89PNG\r\n\x1a\n", "image/png"), ".jpg": (b"\xff\xd8\xff", "image/jpeg")}
    kinds[".jpeg"] = kinds[".jpg"]
    if suffix not in kinds:
        raise Refusal(f"'{written}': give the logo as a PNG, JPEG or SVG file")
    magic, media_type = kinds[suffix]
    if not data.startswith(magic):
        raise Refusal(f"'{written}' is not a {suffix[1:].upper()} image; save it again as one")
    return f"data:{media_type};base64," + base64.b64encode(data).decode()


def _font_face(data: bytes, written: str) -> tuple[str, str | None]:
    """The ``src`` of an ``@font-face`` rule for a font file that WeasyPrint can use, and the
    family name the file gives itself (for Word, which names fonts instead of embedding them)."""
    from fontTools.ttLib import TTFont  # WeasyPrint's own reader of WOFF and WOFF2

    media_type, css_format = _FONT_FORMATS[PurePosixPath(written).suffix.lower()]
    try:
        font = TTFont(io.BytesIO(data), lazy=True)
        usable = bool(font["cmap"].getBestCmap()) and font["head"].unitsPerEm > 0
        usable = usable and any(table in font for table in ("glyf", "CFF ", "CFF2"))
    except Exception as error:  # fontTools raises many types; all mean "not a usable font"
        raise Refusal(f"'{written}' is not a font file that can be used: {error}") from None
    if not usable:
        raise Refusal(f"'{written}' is not a font file that can be used: it has no characters")
    encoded = base64.b64encode(data).decode()
    family = font["name"].getBestFamilyName() if "name" in font else None
    return f'url("data:{media_type};base64,{encoded}") format("{css_format}")', family


def _installed(family: str) -> bool | None:
    """Whether fontconfig knows the family; None when ``fc-list`` is not there to ask."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    found = subprocess.run(
        [fc_list, "--quiet", f":family={family}"], capture_output=True, timeout=10, check=False
    )
    return found.returncode == 0


def branding_files(loaded: LoadedQuestionnaire) -> list[Path]:
    """The logo and font files the ``branding`` section names, as paths (read or not)."""
    branding = loaded.questionnaire.branding
    if loaded.source.file is None:
        return []
    named = [branding.logo]
    if branding.font and PurePosixPath(branding.font).suffix.lower() in _FONT_FORMATS:
        named.append(branding.font)
    return [loaded.source.file.parent / written for written in named if written]


def read_branding(loaded: LoadedQuestionnaire) -> HouseStyle:
    """The questionnaire's ``branding``, its files read and checked; every problem at once."""
    branding = loaded.questionnaire.branding
    font_is_file = bool(branding.font) and (
        PurePosixPath(branding.font or "").suffix.lower() in _FONT_FORMATS
    )
    problems: list[Problem] = []

    def refuse(location: Location, message: str) -> None:
        problems.append(loaded.source.problem(("branding", *location), message))

    logo = font_face = font_name = None
    if (branding.logo or font_is_file) and loaded.source.file is None:
        refuse((), "the logo and font files are read relative to the questionnaire's file")
        raise QuestionnaireError(problems)
    folder = loaded.source.file.parent if loaded.source.file else None
    try:
        if branding.logo and folder:
            logo = _logo_url(
                read_own_file(folder, branding.logo, limit=MAX_LOGO_BYTES, kind="logo file"),
                branding.logo,
            )
    except Refusal as refusal:
        refuse(("logo",), str(refusal))
    try:
        if branding.font and font_is_file and folder:
            data = read_own_file(folder, branding.font, limit=MAX_FONT_BYTES, kind="font file")
            font_face, font_name = _font_face(data, branding.font)
        elif branding.font:
            if not _FAMILY_NAME.match(branding.font):
                raise Refusal(
                    f"'{branding.font}' is neither a font file (.ttf, .otf, .woff, .woff2) "
                    "nor a font family name"
                )
            font_name = branding.font
            if _installed(branding.font) is False:
                raise Refusal(
                    f"no font family '{branding.font}' is installed here (`fc-list : family` "
                    "lists them); install it or give the font file"
                )
    except Refusal as refusal:
        refuse(("font",), str(refusal))
    if problems:
        raise QuestionnaireError(problems)
    return HouseStyle(
        logo=logo,
        logo_alt=branding.logo_alt or f"Logo {loaded.questionnaire.organisation.name}",
        colour=branding.colour,
        font_family=branding.font,
        font_face=font_face,
        font_name=font_name,
        cover_page=branding.cover_page,
    )
