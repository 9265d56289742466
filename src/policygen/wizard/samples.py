"""Placeholders are not answers: the sample values ``init`` writes where an answer is required.

``policygen validate`` warns about each (``--strict`` fails on them), so a questionnaire written
with ``--defaults`` is not mistaken for a finished one.
"""

from __future__ import annotations

import re
from typing import Any

from policygen.errors import Problem
from policygen.questionnaire import LoadedQuestionnaire
from policygen.questionnaire.choices import Language
from policygen.wizard.questions import PLACEHOLDERS
from policygen.wizard.shapes import plain
from policygen.wizard.wording import wording

EXAMPLE_ADDRESS = re.compile(r"(@|//|\.)example\.(org|com|net|nl)\b|@example\b", re.IGNORECASE)
"""Addresses in the domains reserved for examples (RFC 2606), as samples and tutorials use."""


def _strings(
    value: Any, location: tuple[str | int, ...]
) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        return [(location, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _strings(item, (*location, key))]
    if isinstance(value, list):
        return [
            found
            for index, item in enumerate(value)
            for found in _strings(item, (*location, index))
        ]
    return []


def sample_answer_warnings(loaded: LoadedQuestionnaire) -> list[Problem]:
    """A warning for every sample answer still in the questionnaire, in file order."""
    data = plain(loaded.questionnaire)
    samples = {
        path: {str(wording(language.value).field(path)["placeholder"]) for language in Language}
        for path in PLACEHOLDERS
    }
    found: list[Problem] = []
    for location, text in _strings(data, ()):
        path = tuple(part for part in location if isinstance(part, str))
        if text in samples.get(path, set()):
            message = (
                f"'{text}' is the sample answer `policygen init` wrote; replace it with your own"
            )
        elif EXAMPLE_ADDRESS.search(text):
            message = f"'{text}' is an example address; replace it with a real one"
        else:
            continue
        found.append(loaded.source.problem(location, message))
    return found
