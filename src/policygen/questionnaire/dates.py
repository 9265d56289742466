"""Dates as ``YYYY-MM-DD`` only; anything else is refused with the date written that way.

YAML 1.1 and pydantic both read more than a person means: ``effective_date: 0`` would be
1 January 1970 and ``1775001600.0`` a timestamp. A date field takes a date, or text of the exact
form ``2026-03-01``; ``01-03-2026``, ``1 maart 2026`` and ``20260401`` get that form as the fix.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel.dates import get_month_names

from policygen.questionnaire.values import Unreadable, described

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_WORDS = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})")


def _existing(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@cache
def _months() -> dict[str, int]:
    """Month names and abbreviations in Dutch and English: ``maart``, ``mrt``, ``March``, ``Mar``."""
    found: dict[str, int] = {}
    for language in ("nl", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=language).items():
                found[name.casefold().rstrip(".")] = number
    return found


def suggestion(text: str) -> str | None:
    """The ``YYYY-MM-DD`` form of a date written another way, when it names one date."""
    text = text.strip()
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        return _existing(year, month, day) or _existing(year, day, month)
    if match := _COMPACT.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _existing(year, month, day)
    if match := _WORDS.fullmatch(text):
        month_number = _months().get(match.group(2).casefold())
        if month_number is not None:
            return _existing(int(match.group(3)), month_number, int(match.group(1)))
    return None


def read_date(value: object) -> dt.date:
    """A questionnaire value -> the date it names; raises ``Unreadable`` with the fix."""
    if isinstance(value, dt.datetime):
        raise Unreadable("date_with_time", date=value.date().isoformat())
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        written = str(getattr(value, "written", value))
        raise Unreadable("date_as_number", written=written, suggestion=suggestion(written))
    if not isinstance(value, str):
        raise Unreadable("date_expected", found=described(value))
    written = value.strip()
    if match := _ISO.fullmatch(written):
        year, month, day = (int(part) for part in match.groups())
        if _existing(year, month, day) is None:
            raise Unreadable("date_impossible", written=written)
        return dt.date(year, month, day)
    raise Unreadable("date_format", written=written, suggestion=suggestion(written))
