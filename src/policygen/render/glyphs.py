"""Characters the PDF cannot show, named with the answer that holds them.

Pango picks a font for each character from the page's font stack and then from every font
fontconfig knows, so whether a character has a glyph is only known once the text is laid out;
WeasyPrint then draws an empty box (``.notdef``) and reports the code point. That report, not a
guess from the font stack, decides here: it is exact for the fonts of the machine that builds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from policygen.errors import Problem
from policygen.questionnaire.loader import SourceMap

_NOTDEF = re.compile(r"^\.notdef glyph rendered for .*\(U\+([0-9A-F]{4,6})\)$")
FONT_PACKAGES = "fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji"
"""The Debian/Ubuntu packages of the page's font stack (README and style.css name them too)."""


def split_missing(messages: Iterable[str]) -> tuple[list[str], list[str]]:
    """WeasyPrint's warnings -> the characters drawn as empty boxes, and the other warnings."""
    missing: list[str] = []
    others: list[str] = []
    for message in messages:
        if match := _NOTDEF.match(message):
            missing.append(chr(int(match.group(1), 16)))
        else:
            others.append(message)
    return missing, others


def describe(character: str) -> str:
    """``'🙂' (U+1F642 SLIGHTLY SMILING FACE)``; an invisible or unassigned one without itself:
    ``U+200B (ZERO WIDTH SPACE)``, ``U+0378 (unassigned)``."""
    code = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    if not name or unicodedata.category(character)[0] in "CZ":
        return f"{code} ({name or 'unassigned'})"
    return f"'{character}' ({code} {name})"


def missing_glyph_problems(
    source: SourceMap, characters: Iterable[str], *, variant: str | None
) -> list[Problem]:
    """One problem per character, at the first answer that holds it (the templates' own text and
    the organisation's clause files have no field: the problem then names the PDF)."""
    problems = []
    for character in dict.fromkeys(characters):
        message = (
            f"the character {describe(character)} has no glyph in the installed fonts, so the "
            f"PDF shows an empty box; install the fonts ({FONT_PACKAGES}) or remove it"
        )
        if variant:
            message += f"; a {variant} file must show every character"
        where = next((loc for loc, text in source.scalars.items() if character in text), None)
        problems.append(
            source.problem(where, message)
            if where is not None
            else Problem(source.file, None, None, "pdf", message)
        )
    return problems
