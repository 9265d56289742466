"""The value types every questionnaire field is built from, and the checks each one makes.

Text fields are strict strings, so YAML 1.1 surprises (``no`` read as ``false``, ``1.10`` read as
``1.1``) are caught instead of silently rendered; numbers may be written as text in the
questionnaire's language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import partial
from typing import Annotated

from babel import Locale
from pydantic import AfterValidator, BeforeValidator, Field, StrictStr

from policygen.questionnaire.colour import (
    AA_TEXT,
    WHITE,
    contrast,
    lowest_contrast,
    nearest_passing,
)
from policygen.questionnaire.dates import read_date
from policygen.questionnaire.numbers import read_number
from policygen.questionnaire.values import Unreadable

MAX_TEXT_LENGTH = 2000
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


MAX_MARKS = 4
"""Combining marks kept on one character: Vietnamese, pointed Hebrew with cantillation and
Tibetan stacks need up to four; more only paint over the lines above (``e`` + 50 × U+0301)."""


def _is_mark(character: str) -> bool:
    return unicodedata.category(character) in ("Mn", "Me")


def most_marks(text: str) -> int:
    """The most combining marks stacked on one character of ``text``."""
    most = run = 0
    for character in text:
        run = run + 1 if _is_mark(character) else 0
        most = max(most, run)
    return most


def cap_marks(text: str) -> str:
    """``text`` with at most ``MAX_MARKS`` combining marks on each character."""
    kept = []
    run = 0
    for character in text:
        run = run + 1 if _is_mark(character) else 0
        if run <= MAX_MARKS:
            kept.append(character)
    return "".join(kept)


def _clean_text(value: str) -> str:
    """Reject characters no policy text needs, cap stacked combining marks (a warning names the
    field), and trim surrounding blanks."""
    if found := _CONTROL_CHARACTERS.search(value):
        raise Unreadable("control", character=f"U+{ord(found.group()):04X}")
    return cap_marks(value).strip()


def _not_blank(value: str) -> str:
    if not value:
        raise Unreadable("empty")
    return value


Text = Annotated[
    StrictStr,
    Field(max_length=MAX_TEXT_LENGTH),
    AfterValidator(_clean_text),
    AfterValidator(_not_blank),
]
"""A piece of text that appears in the documents (a name, a role, a sentence)."""

ShortText = Annotated[
    StrictStr, Field(max_length=200), AfterValidator(_clean_text), AfterValidator(_not_blank)
]
"""A name, role or label: one line."""

Url = Annotated[
    StrictStr,
    Field(max_length=500, pattern=r"^(https://|http://|mailto:)[^\s<>\"]+$"),
]
"""A web address (https://, http://) or an e-mail link (mailto:)."""

MIN_YEAR, MAX_YEAR = 1900, 2200


def _plausible_year(value: dt.date) -> dt.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise Unreadable("year_range", low=MIN_YEAR, high=MAX_YEAR, year=value.year)
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(read_date),
    AfterValidator(_plausible_year),
]
"""A calendar date written as YYYY-MM-DD; a year like 9999 is a typo, and review dates computed
from it would overflow."""

COUNTRY_PATTERN = "^[A-Za-z]{2}$"


def _known_country(code: str) -> str:
    if code == "UK":
        raise ValueError("the country code of the United Kingdom is GB; write country: GB")
    if code.upper() in _COUNTRY_CODES and code not in _COUNTRY_CODES:
        raise ValueError(f"write the country code in capitals: {code.upper()}")
    if code not in _COUNTRY_CODES:
        raise ValueError(
            f"'{code}' is not a two-letter country code; write it in capitals, e.g. NL, BE, DE or GB"
        )
    return code


_COUNTRY_CODES = frozenset(
    code for code in map(str, Locale("en").territories) if len(code) == 2 and code.isalpha()
)
CountryCode = Annotated[StrictStr, Field(pattern=COUNTRY_PATTERN), AfterValidator(_known_country)]
"""An ISO 3166 country code in capitals (NL, BE, GB); it decides which law the text cites."""

Email = Annotated[StrictStr, Field(max_length=254, pattern=r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")]


def _number(*, whole: bool, amount: bool) -> BeforeValidator:
    """Numbers may also be written as text in the questionnaire's language (``"€ 4.500,50"``);
    the JSON Schema keeps showing the plain number, the form the wizard writes."""
    return BeforeValidator(partial(read_number, whole=whole, amount=amount))


WHOLE = _number(whole=True, amount=False)
"""For whole numbers in a small range (months, a chapter number, people): ``"12"`` is 12."""


Count = Annotated[int, Field(ge=0, le=1_000_000, strict=True), _number(whole=True, amount=True)]
"""A number of people or hires; ``1.400`` is never 1.4 people."""
Hours = Annotated[float, Field(ge=0, le=168), _number(whole=False, amount=True)]
Money = Annotated[float, Field(ge=0, le=1_000_000_000), _number(whole=False, amount=True)]
"""Euros; ``4.500`` is refused (YAML reads 4.5), ``"4.500"`` is read in the questionnaire's language."""
Percent = Annotated[float, Field(ge=0, le=100), _number(whole=False, amount=False)]
Fte = Annotated[float, Field(ge=0, le=1000), _number(whole=False, amount=False)]

ClauseId = Annotated[
    StrictStr,
    Field(max_length=80, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
]
"""A clause's anchor id, as listed in docs/clauses.md (``contact-with-journalists``)."""

ClauseFile = Annotated[StrictStr, Field(min_length=1, max_length=300)]
"""A Markdown file with the organisation's own clause text, relative to the questionnaire's folder."""

OwnFile = Annotated[StrictStr, Field(min_length=1, max_length=300)]
"""A file of the organisation's, relative to the questionnaire's folder."""


def _readable_colour(value: str) -> str:
    """Refuse a house colour that headings and links cannot be read in (WCAG AA for text)."""
    colour = value.lower()
    if lowest_contrast(colour) < AA_TEXT:
        raise ValueError(
            f"'{value}' has a contrast of {contrast(colour, WHITE):.1f}:1 with white; headings, "
            f"links and table headers in this colour need at least {AA_TEXT}:1 (WCAG AA), also "
            f"on the light tint behind the contents; the nearest shade that passes is "
            f"'{nearest_passing(colour)}'"
        )
    return colour


Colour = Annotated[
    StrictStr,
    Field(pattern=r"^#[0-9A-Fa-f]{6}$", examples=["#00594F"]),
    AfterValidator(_readable_colour),
]
