"""What validators raise when a value cannot be understood, and the language numbers are read in.

A validator raises ``Unreadable`` with a key and the values a sentence needs; the one translator
(``questionnaire.messages``) turns it into a sentence: English for files, the interview's
language in the wizard. The questionnaire's language decides how ``"4.500"`` is read, so
``Questionnaire`` validates its fields inside ``reading_in(language)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("nl", "en")
_LANGUAGE: ContextVar[str] = ContextVar("policygen_questionnaire_language", default="nl")


class Unreadable(ValueError):
    """A value that does not mean one thing; ``key`` names the reason, ``values`` fill it in."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@contextmanager
def reading_in(language: object) -> Iterator[None]:
    """Read numbers in ``language`` inside this block (an unknown language reads as Dutch)."""
    token = _LANGUAGE.set(language if isinstance(language, str) and language in LANGUAGES else "nl")
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def current_language() -> str:
    """The language numbers are read in now."""
    return _LANGUAGE.get()


def described(value: object) -> str:
    """What YAML made of a value, in words: "a yes/no value", "a number", "a date", "a list"."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list | tuple | set):
        return "a list"
    if isinstance(value, dict):
        return "a section (key: value lines)"
    if isinstance(value, str):
        return f"the text '{value[:60]}'"
    if isinstance(value, bytes):
        return "binary data (a !!binary tag); write the text itself"
    return "a value of another kind"
