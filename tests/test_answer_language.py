"""Answers in the other language than ``language:`` are named in one warning, names never."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers import EXAMPLES
from typer.testing import CliRunner

from policygen.build import render_file
from policygen.cli import app
from policygen.options import BuildOptions
from policygen.questionnaire import consistency_warnings, load
from policygen.questionnaire.answer_language import foreign_language, language_warnings
from policygen.questionnaire.choices import Language

ENGLISH_WITH_DUTCH_ANSWERS = """\
policygen: 1
language: en
organisation:
  name: Stichting Huis van de Stad
  contact:
    role: team Communicatie
document:
  owner: hoofd Communicatie
  version: "1.0"
  effective_date: 2026-03-01
accounts:
  managed:
    - platform: linkedin
      handle: Huis van de Stad
      purpose: nieuws en vacatures voor de inwoners van de stad
      owner: team Communicatie
  tone_of_voice: Friendly and plain, the way we talk to visitors at the desk.
private_use:
  harassment_contact: de vertrouwenspersoon
  confidential_examples:
    - gegevens van cliënten die nog niet openbaar zijn
"""


def test_english_questionnaire_with_dutch_answers_names_the_fields(
    write_yaml: Callable[..., Path],
) -> None:
    path = write_yaml(ENGLISH_WITH_DUTCH_ANSWERS)
    warnings = language_warnings(load(path))
    assert len(warnings) == 1
    warning = warnings[0]
    assert (warning.file, warning.line, warning.field) == (path, 15, "accounts.managed[0].purpose")
    assert warning.message.startswith("these answers look written in Dutch")
    assert "accounts.managed[0].purpose, private_use.confidential_examples[0];" in warning.message
    # The names (organisation, handle) and the short role are not judged; English text passes.
    for field in ("organisation.name", "handle", "harassment_contact", "tone_of_voice"):
        assert field not in warning.message


def test_validate_and_build_show_the_warning(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml(ENGLISH_WITH_DUTCH_ANSWERS)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert f"{path}:15:7: accounts.managed[0].purpose: these answers look written" in result.output
    _, warnings = render_file(path, BuildOptions(formats=("md",)))
    assert language_warnings(load(path))[0] in warnings


def test_dutch_questionnaire_with_english_answers_warns(write_yaml: Callable[..., Path]) -> None:
    text = ENGLISH_WITH_DUTCH_ANSWERS.replace("language: en", "language: nl")
    warnings = language_warnings(load(write_yaml(text)))
    assert [w.field for w in warnings] == ["accounts.tone_of_voice"]
    assert "look written in English, but the documents are in Dutch" in warnings[0].message


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_example_gets_a_language_warning(example: Path) -> None:
    warnings = consistency_warnings(load(example))
    assert not [w for w in warnings if "look written in" in w.message]


@pytest.mark.parametrize(
    "name",
    ["team Communicatie", "HR", "de directie", "Brightloop B.V.", "afdeling Communicatie",
     "hoofd HR", "0123 45 67 89 00", "Head of HR", "the HR team"],
)  # fmt: skip
@pytest.mark.parametrize("language", list(Language))
def test_names_and_roles_are_never_judged(name: str, language: Language) -> None:
    assert foreign_language(name, language) is None


@pytest.mark.parametrize(
    ("text", "language", "other"),
    [
        ("nieuws en vacatures voor inwoners", Language.en, Language.nl),
        ("news and vacancies for residents", Language.nl, Language.en),
        ("Nieuws over de gemeente", Language.en, Language.nl),
        ("Updates from Huis van Oranje and its partners", Language.en, None),
        ("Een bedankje in de nieuwsbrief van de maand", Language.nl, None),
    ],
)
def test_function_words_decide(text: str, language: Language, other: Language | None) -> None:
    assert foreign_language(text, language) is other
