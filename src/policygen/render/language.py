"""Language helpers for the facts: wording data, Babel formatting and the grammar of roles.

Nothing here decides what a policy says; it only makes a value read well in the document's
language ("€ 38.000", "het hoofd Communicatie", "in de deel-app").
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import yaml
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal
from babel.units import format_unit

from policygen.errors import RenderError
from policygen.questionnaire.choices import Platform
from policygen.questionnaire.sections import Account
from policygen.render.environment import (
    MarkdownSafe,
    capitalize_first,
    escape_markdown,
    link,
)
from policygen.resources import templates_dir

LOCALES = {"nl": "nl_NL", "en": "en_GB"}


@cache
def labels(language: str) -> dict[str, Any]:
    """Wording for choices (platform names, statuses), from ``templates/<lang>/labels.yaml``."""
    path = templates_dir() / language / "labels.yaml"
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RenderError(
            f"cannot read the labels of language '{language}' ({path}): {error}"
        ) from None
    if not isinstance(loaded, dict):
        raise RenderError(f"{path} must be a mapping of label groups")
    return loaded


class Formatter:
    """Dates, numbers and money in the document's language (Babel)."""

    def __init__(self, language: str) -> None:
        self.locale = LOCALES[language]

    def date(self, day: dt.date) -> MarkdownSafe:
        return MarkdownSafe(format_date(day, format="long", locale=self.locale))

    def number(self, value: float) -> MarkdownSafe:
        return MarkdownSafe(format_decimal(value, format="#,##0.##", locale=self.locale))

    def money(self, value: float) -> MarkdownSafe:
        # Whole euros, in each language's own way: "€ 38.000" in Dutch, "€38,000" in English.
        pattern = "¤ #,##0" if self.locale.startswith("nl") else "¤#,##0"
        text = format_currency(
            value, "EUR", format=pattern, locale=self.locale, currency_digits=False
        )
        return MarkdownSafe(text.replace("\xa0", " "))

    def joined(self, items: list[str]) -> str:
        """'a, b and c' in the document's language (plain text: escaped when printed)."""
        return format_list(items, locale=self.locale)

    def duration(self, value: float, unit: str) -> MarkdownSafe:
        """'24 hours', '1 uur', '60 minutes': ``unit`` is hour, minute or month (CLDR names)."""
        return MarkdownSafe(format_unit(value, f"duration-{unit}", locale=self.locale))


def platform_name(account: Account, words: dict[str, Any]) -> str:
    """The platform as readers know it: its label, or the name given for an 'other' platform."""
    if account.platform is Platform.other and account.name:
        return account.name
    label: str = words["platform"][account.platform.value]
    return label


def account_name(account: Account, words: dict[str, Any]) -> str:
    """An account as readers tell it apart: platform and handle ('X @brightloop')."""
    return f"{platform_name(account, words)} {account.handle}"


capitalised = capitalize_first
"""A role or phrase opening a table cell: 'team Communicatie' -> 'Team Communicatie'."""


def reference(title: str, url: str | None) -> MarkdownSafe:
    """A document or account name, linked when its address is known."""
    return link(title, url) if url else MarkdownSafe(escape_markdown(title))


def role_in_sentence(role: str, words: dict[str, Any]) -> str:
    """A role as it reads inside a sentence: 'Marketing Manager' -> 'the Marketing Manager'.

    The article rules are language data (``role_article`` in labels.yaml): roles that already
    start with an article or a team word stay as they are, a few Dutch words take 'het'.
    """
    rules = words["role_article"]
    first = role.split()[0]
    if first.lower() in rules["bare_words"] or (first.isupper() and first == role):
        return role
    if rules["capitalised_is_bare"] and first[:1].isupper():
        return role
    article = rules["neuter"] if first.lower() in rules["neuter_words"] else rules["default"]
    return f"{article} {role}"


_PLACE_PREPOSITIONS = {
    "nl": ("in ", "op ", "via ", "bij "),
    "en": ("in ", "on ", "via ", "at ", "through "),
}


def place_phrase(place: str | None, language: str) -> str | None:
    """``in the app`` from ``the app``; an answer that brings its own preposition stays as it is."""
    if place is None:
        return None
    return place if place.lower().startswith(_PLACE_PREPOSITIONS[language]) else f"in {place}"
