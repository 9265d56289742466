"""Words that betray the other language in a generated document.

The function words ``validate`` judges answers by, plus the document's own vocabulary that a
template left untranslated would show ("policy", "medewerkers").
"""

from __future__ import annotations

import re

from policygen.questionnaire.answer_language import FUNCTION_WORDS
from policygen.questionnaire.model import Language

STRAY_WORDS = {
    Language.nl: FUNCTION_WORDS[Language.en]
    | {
        "employee", "employees", "policy", "page", "contents", "draft", "unknown", "yes", "none",
        "true", "false", "organisation", "organization", "please",
    },
    Language.en: FUNCTION_WORDS[Language.nl]
    | {"medewerker", "medewerkers", "beleid", "pagina", "inhoud", "onbekend", "organisatie"},
}  # fmt: skip
"""Per document language, the words of the other language that must not appear in it."""


def words(text: str) -> set[str]:
    """The words of a text, lower case."""
    return {word.lower() for word in re.findall(r"[^\W\d_]+", text)}


NOT_PROSE = re.compile(r"\{#[^}]*\}|\]\([^)]*\)|https?://\S+")
"""Anchor ids (English in every language on purpose, for parity), link targets and URLs."""


def stray_words(text: str, language: str, allowed: str = "") -> set[str]:
    """Words of the other language in ``text``'s prose, except those in ``allowed`` (answers)."""
    prose = NOT_PROSE.sub(" ", text)
    return (words(prose) & STRAY_WORDS[Language(language)]) - words(allowed)
