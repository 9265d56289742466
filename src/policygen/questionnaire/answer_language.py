"""Is an answer written in the questionnaire's language? A function-word test, per answer.

Answers are printed as written, so an English policy built from Dutch answers reads "report it to
de vertrouwenspersoon". Function words ("the", "de", "voor") give a text's language away after a
few words; names and roles ("team Communicatie", "HR") are too short to judge and never counted.
The word lists are also what the tests use to find stray words in generated documents.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from policygen.errors import Problem
from policygen.questionnaire.choices import Language
from policygen.questionnaire.loader import LoadedQuestionnaire, Location, format_location

FUNCTION_WORDS: Mapping[Language, frozenset[str]] = {
    Language.en: frozenset({
        "the", "a", "an", "and", "or", "but", "not", "no", "to", "for", "with", "from", "by", "at",
        "on", "into", "about", "as", "than", "then", "this", "that", "these", "those", "which",
        "who", "whom", "whose", "what", "when", "where", "why", "how", "you", "your", "yours",
        "our", "ours", "their", "they", "them", "it", "its", "he", "she", "his", "her", "him",
        "should", "must", "will", "would", "can", "could", "may", "might", "shall", "are", "be",
        "being", "has", "have", "having", "there", "here", "also", "only", "very", "all", "any",
        "each", "every", "some", "such", "other", "after", "before", "during",
    }),
    Language.nl: frozenset({
        "de", "het", "een", "en", "maar", "niet", "geen", "van", "voor", "met", "naar", "bij",
        "uit", "aan", "op", "tot", "zonder", "tussen", "tegen", "onder", "omdat", "dus", "ook",
        "nog", "wel", "al", "deze", "dit", "dat", "wie", "wat", "waar", "wanneer", "hoe", "welke",
        "je", "jij", "jouw", "jullie", "u", "uw", "wij", "ons", "onze", "zij", "ze", "hun", "hem",
        "haar", "zijn", "wordt", "worden", "werd", "heeft", "hebben", "moet", "moeten", "mag",
        "mogen", "kan", "kunnen", "zal", "zullen", "wil", "willen", "er", "daar", "hier", "alle",
        "elke",
    }),
}  # fmt: skip
"""Short words frequent in one language and absent from the other. Words of both ("in", "is",
"we", "of", "over", "door", "been", "die") are in neither list."""

MIN_WORDS = 4
"""Answers with fewer words (phone numbers do not count) are names, roles or labels, whatever
their language."""

NAME_KEYS = frozenset({"name", "handle", "title"})
"""Fields that hold a proper name (an organisation, an account, a document's title): it is
written as it is called, in any language."""

LANGUAGE_NAMES = {Language.en: "English", Language.nl: "Dutch"}


def foreign_language(text: str, language: Language) -> Language | None:
    """The other language, if ``text`` has enough words and more of that language's function
    words than of ``language``'s; ``None`` when it fits or is too short to judge."""
    if sum(bool(re.search(r"[^\W\d_]", word)) for word in text.split()) < MIN_WORDS:
        return None
    words = [word.lower() for word in re.findall(r"[^\W\d_]+", text)]
    own = sum(word in FUNCTION_WORDS[language] for word in words)
    for other in Language:
        if other is not language and sum(word in FUNCTION_WORDS[other] for word in words) > own:
            return other
    return None


def _is_prose(location: Location) -> bool:
    """Answers printed as sentences: not names, and not ``customisation``'s ids and file paths."""
    return bool(location) and location[-1] not in NAME_KEYS and location[0] != "customisation"


def language_warnings(loaded: LoadedQuestionnaire) -> list[Problem]:
    """One warning naming every answer that looks written in another language than ``language``,
    placed at the first of them."""
    language = loaded.questionnaire.language
    foreign = {
        location: other
        for location, text in loaded.source.scalars.items()
        if _is_prose(location) and (other := foreign_language(text, language)) is not None
    }
    if not foreign:
        return []
    fields = ", ".join(format_location(location) for location in foreign)
    others = " or ".join(sorted({LANGUAGE_NAMES[other] for other in foreign.values()}))
    return [
        loaded.source.problem(
            next(iter(foreign)),
            f"these answers look written in {others}, but the documents are in "
            f"{LANGUAGE_NAMES[language]} and print them as written: {fields}; translate them, "
            f"or set language: to the language they are in",
        )
    ]
