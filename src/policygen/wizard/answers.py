"""Reading a typed answer: the field's own type decides, exactly as ``policygen validate`` would.

Numbers and dates are read by the same validators as a file (``4.500`` is 4500 in Dutch); a
refused answer gets the reason from the one translator (``questionnaire.messages``), in the
interview's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from policygen.questionnaire.messages import Reason, file_message, reason
from policygen.questionnaire.numbers import shown
from policygen.questionnaire.values import reading_in
from policygen.wizard.shapes import Shape, plain
from policygen.wizard.wording import Wording


class Refused(Exception):
    """An answer that does not fit; its text says why, in the interview's language."""


def sentence(found: Reason, words: Wording) -> str:
    """A reason in the interview's language; reasons typing cannot cause fall back to English.

    A reason with a suggestion uses the ``<key>_suggested`` sentence where the wording has one.
    """
    suggested = f"{found.key}_suggested"
    if found.values.get("suggestion") and suggested in words.data["errors"]:
        return words.error(suggested, **found.values)
    if found.key in words.data["errors"]:
        return words.error(found.key, **found.values)
    return words.error("other", message=file_message(found))


def short_label(label: str) -> str:
    """A label without its explanation in brackets: ``ambassadeurs (een programma)`` -> ``ambassadeurs``."""
    return label.split(" (", 1)[0]


def chosen(typed: str, choices: Sequence[str], *spellings: Sequence[str]) -> str | None:
    """The choice typed as its number, its value or one of its labels (any case); None if none.

    Values are tried before labels, so a label can never hide another choice's value. Only ASCII
    digits are numbers here: ``²`` and ``①`` are digits to Python but not to ``int()``.
    """
    if typed.isascii() and typed.isdigit() and 1 <= int(typed) <= len(choices):
        return choices[int(typed) - 1]
    wanted = typed.casefold()
    for names in (choices, *spellings):
        for value, name in zip(choices, names, strict=True):
            if name.casefold() == wanted:
                return value
    return None


def convert(text: str, shape: Shape, words: Wording, labels: tuple[str, ...] = ()) -> Any:
    """Typed text -> the value to validate; raises Refused with the reason.

    Numbers and dates stay text: the model's validators read them in the interview's language.
    ``labels``: for a choice, the labels the interview showed, in the order of ``shape.choices``.
    """
    if shape.kind == "yes_no":
        lowered = text.lower()
        if lowered in words.data["ui"]["yes_words"]:
            return True
        if lowered in words.data["ui"]["no_words"]:
            return False
        raise Refused(words.error("yes_no"))
    if shape.kind == "choice":
        short = tuple(short_label(label) for label in labels)
        found = chosen(text, shape.choices, labels, short)
        if found is None:
            raise Refused(words.error("choice", count=len(shape.choices), values=" / ".join(short)))
        return found
    return text


def check(adapter: TypeAdapter[Any], value: Any, words: Wording, typed: str | None = None) -> Any:
    """Validate with the model's own type; the plain value, or Refused with the reason."""
    try:
        with reading_in(words.language):
            return plain(adapter.validate_python(value))
    except ValidationError as error:
        detail = error.errors(include_url=False)[0]
        raise Refused(sentence(reason(detail, typed), words)) from None


def show(value: Any, shape: Shape, words: Wording) -> str:
    """A value as the interview shows it between [brackets]."""
    if value is None:
        return words.ui("empty")
    if shape.kind == "yes_no":
        return words.ui("answer_yes") if value else words.ui("answer_no")
    if shape.kind == "choice":
        return str(shape.choices.index(value) + 1)
    if shape.kind in ("whole", "number"):
        return shown(value, words.language)
    return str(value.isoformat() if isinstance(value, dt.date) else value)


def understood(typed: str, value: Any, shape: Shape, words: Wording) -> str | None:
    """What the interview echoes when the answer was read as something else than typed.

    ``4.500`` -> "= 4500"; a date or a number typed exactly as it is shown gets no echo.
    """
    if shape.kind not in ("whole", "number", "date") or value is None:
        return None
    text = show(value, shape, words)
    return None if typed.strip() == text else words.ui("understood", value=text)
