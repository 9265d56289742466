"""Numbers as people write them: ``4500``, ``"4.500"``, ``"€ 4.500,50"``, ``"12,5"``, ``"1,400"``.

Text is read in the questionnaire's language with Babel (Dutch: ``4.500`` is four thousand five
hundred and ``2,5`` two and a half; English the other way round). What cannot mean one thing is
refused with the fix, never guessed:

- a bare YAML number with exactly three decimals in an amount (``cost_per_hire: 4.500``): YAML
  reads 4.5, a Dutch writer meant 4500;
- text whose only separator is the decimal sign followed by exactly three digits in an amount
  (``"1,400"`` in Dutch, ``"1.400"`` in English): the thousands notation of the other language;
- YAML 1.1's other bases (``012`` octal, ``0x1F40``, ``0b101``, ``1:30`` base 60).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, get_decimal_symbol, parse_decimal

from policygen.questionnaire.values import Unreadable, current_language, described

MAX_DIGITS = 15
"""More digits than any amount in a policy plan; longer text is refused before Babel reads it."""


class WrittenInt(int):
    """An integer YAML 1.1 read from another base (octal, hexadecimal, binary, base 60)."""

    written: str
    base: str

    def __new__(cls, value: int, written: str, base: str) -> WrittenInt:
        number = super().__new__(cls, value)
        number.written, number.base = written, base
        return number


class WrittenFloat(float):
    """A float as YAML read it, with the text it was written as (``4.500`` reads as 4.5)."""

    written: str

    def __new__(cls, value: float, written: str) -> WrittenFloat:
        number = super().__new__(cls, value)
        number.written = written
        return number


_YAML_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)")


def yaml_int(text: str, value: int) -> int:
    """How the loader builds an integer: plain when written in decimals, else marked with its base."""
    if _YAML_DECIMAL_INT.fullmatch(text):
        return value
    digits = text.lstrip("+-")
    if ":" in digits:
        base = "base-60"
    elif digits.startswith("0x"):
        base = "hexadecimal"
    elif digits.startswith("0b"):
        base = "binary"
    else:
        base = "octal"
    return WrittenInt(value, text, base)


def _three_decimals(text: str, separator: str) -> bool:
    """``4.500`` or ``-12,500``: one separator followed by exactly three digits."""
    return re.fullmatch(rf"[-+]?[1-9]\d{{0,2}}{re.escape(separator)}\d{{3}}", text) is not None


def _shown(value: Decimal | float, language: str) -> str:
    """A number in the notation of ``language``, without grouping: 4500, 4,5 (nl) or 4.5 (en)."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", get_decimal_symbol(language)) if language == "nl" else text


_UNITS = re.compile(r"^(€|eur|euro)\s*|\s*(€|eur|euro|%)$", re.IGNORECASE)
_SPACED_GROUPS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(\D|$))")


def _in_other_notation(text: str, language: str) -> str | None:
    """``12.5`` in a Dutch file: written in English notation, so suggest ``12,5``."""
    other = next(code for code in ("nl", "en") if code != language)
    try:
        return _shown(parse_decimal(text, locale=other, strict=True), language)
    except NumberFormatError:
        return None


def _read_text(text: str, language: str, *, whole: bool, amount: bool) -> Decimal:
    written = text.strip()
    core = _SPACED_GROUPS.sub("", _UNITS.sub("", written).strip())
    if not re.fullmatch(r"[-+]?[0-9.,]+", core) or not re.search(r"[0-9]", core):
        raise Unreadable("number_expected", written=written, found=f"the text '{written}'")
    if len(re.sub(r"\D", "", core)) > MAX_DIGITS:
        raise Unreadable("number_too_long", written=written, digits=MAX_DIGITS)
    decimal_sign = get_decimal_symbol(language)
    if amount and _three_decimals(core, decimal_sign):
        as_thousands = core.replace(decimal_sign, "")
        raise Unreadable(
            "number_ambiguous",
            written=written,
            as_decimal=core.rstrip("0").rstrip(decimal_sign),
            as_thousands=as_thousands,
            language=language,
        )
    try:
        number = parse_decimal(core, locale=language, strict=True)
    except NumberFormatError:
        raise Unreadable(
            "number_format",
            written=written,
            language=language,
            suggestion=_in_other_notation(core, language),
        ) from None
    if whole and number != number.to_integral_value():
        raise Unreadable("whole_number", written=written, rounded=str(round(number)))
    return number


def read_number(value: object, *, whole: bool, amount: bool) -> int | float:
    """A questionnaire value -> the number it means; raises ``Unreadable`` with the reason.

    ``whole``: counts, months, hours in a whole number. ``amount``: money, hours and counts, where
    a separator followed by three digits is the thousands notation of one of the languages.
    """
    language = current_language()
    if isinstance(value, bool):
        raise Unreadable("number_expected", found=described(value))
    if isinstance(value, WrittenInt):
        meant = {"octal": value.written.lstrip("+-0") or "0", "base-60": None}
        fix = meant.get(value.base, str(int(value)))
        raise Unreadable(
            "number_base", written=value.written, base=value.base, read=int(value), fix=fix
        )
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        written = value.written if isinstance(value, WrittenFloat) else repr(value)
        if ":" in written:
            raise Unreadable(
                "number_base", written=written, base="base-60", read=_shown(value, "en")
            )
        if not math.isfinite(value):
            raise Unreadable("number_not_finite", written=written)
        if amount and isinstance(value, WrittenFloat) and _three_decimals(written, "."):
            raise Unreadable(
                "number_three_decimals",
                written=written,
                read=_shown(value, "en"),
                as_thousands=written.replace(".", ""),
                language=language,
            )
        if whole:
            if not value.is_integer():
                raise Unreadable("whole_number", written=written, rounded=str(round(value)))
            return int(value)
        return float(value)
    if isinstance(value, str):
        number = _read_text(value, language, whole=whole, amount=amount)
        return int(number) if whole else float(number)
    raise Unreadable("number_expected", found=described(value))


def canonical(value: int | float) -> str:
    """How the wizard writes a number: digits, a point, and never exactly three decimals.

    A YAML float with three decimals would be read back as a thousands notation and refused, so
    ``4.125`` is written as ``4.1250``.
    """
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    try:
        text = format(Decimal(repr(float(value))).normalize(), "f")
    except InvalidOperation:
        text = repr(value)
    return text + "0" if _three_decimals(text, ".") else text


def shown(value: int | float, language: str) -> str:
    """A number in the interview's notation, as the wizard echoes it: 4500, 2,5 (nl), 2.5 (en)."""
    return _shown(value, language)
