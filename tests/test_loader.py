"""Loading questionnaires: every problem reported with file, line and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers import EXAMPLES, MINIMAL

from policygen.errors import QuestionnaireError
from policygen.questionnaire import load
from policygen.questionnaire import loader as loader_module
from policygen.questionnaire.loader import parse_yaml


def problems_of(path: Path) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        load(path)
    return [str(problem) for problem in caught.value.problems]


def test_minimal_questionnaire_is_valid(write_yaml: Callable[..., Path]) -> None:
    loaded = load(write_yaml(MINIMAL))
    assert loaded.questionnaire.organisation.name == "Voorbeeld BV"
    assert loaded.questionnaire.encouragement.level.value == "neutral"


def test_all_problems_are_reported_with_lines(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml(
        MINIMAL.replace("  name: Voorbeeld BV", "  name: no\n  sectr: healthcare").replace(
            'version: "1.0"', "version: 1.10"
        )
    )
    found = problems_of(path)
    assert f"{path}:4:3: organisation.name: YAML reads no as a yes/no value" in found[0]
    assert 'put it in quotes: `name: "no"`' in found[0]
    assert (
        f"{path}:5:3: organisation.sectr: unknown field 'sectr'; did you mean 'sector'?" == found[1]
    )
    assert any(f"{path}:10:3: document.version: YAML reads 1.10 as a number" in p for p in found)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a: &x 1\nb: *x\n", "anchors (&name) are not allowed"),
        ("policygen: 1\npolicygen: 1\n", "the key 'policygen' appears twice"),
        ("- a\n- b\n", "the top level must be a mapping"),
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("a:\n\tb: 1\n", "indent with spaces, not tabs: `  b: 1`"),
        ("policygen: 7\n", "format version 7"),
        (
            "x: !!python/object/apply:os.system ['echo pwned']\n",
            "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
    ],
)
def test_unsafe_or_broken_yaml_is_refused(
    write_yaml: Callable[..., Path], text: str, fragment: str
) -> None:
    found = "\n".join(problems_of(write_yaml(text)))
    assert fragment in found


def test_impossible_date_is_reported(write_yaml: Callable[..., Path]) -> None:
    found = problems_of(write_yaml(MINIMAL.replace("2026-03-01", "2027-02-30")))
    assert "2027-02-30 does not exist; write an existing date as YYYY-MM-DD" in found[0]


def test_missing_file(tmp_path: Path) -> None:
    assert "file not found" in problems_of(tmp_path / "nope.yaml")[0]


def test_a_dutch_yes_and_a_near_miss_choice_say_what_to_write(
    write_yaml: Callable[..., Path],
) -> None:
    text = MINIMAL.replace("  name: Voorbeeld BV", "  name: Voorbeeld BV\n  works_council: ja")
    found = "\n".join(problems_of(write_yaml(text + "encouragement:\n  level: ambassadeurs\n")))
    assert "organisation.works_council: 'ja' is not a yes/no value" in found
    assert "write `works_council: true` or `works_council: false`" in found
    assert "did you mean `level: ambassadors`?" in found


UNICODE_HEAVY = """\
organisation: {name: "Zorggroep Één – Ærø", note: 'café ☕ “quoted”'}
tekst: >
  Lange gevouwen tekst met ĳ, ß en 😀,
  over twee regels.
lijst: [één, "twee: 2", 3, 4.500, 2026-03-01, ja, ~, 0o12]
diep:
  - {a: [1, {b: "ü"}]}
  - c: |
      letterlijk
      blok
"""


@pytest.mark.parametrize(
    "text",
    [UNICODE_HEAVY, *(path.read_text(encoding="utf-8") for path in EXAMPLES)],
    ids=["unicode", *(path.stem for path in EXAMPLES)],
)
def test_libyaml_reads_a_valid_file_exactly_as_the_pure_python_parser(text: str) -> None:
    """The fast path must not change one value, type, spelling or line number."""
    fast = loader_module._parse_with(loader_module._FastStrictLoader, text, None)
    pure = loader_module._parse_with(loader_module._StrictLoader, text, None)
    assert repr(fast[0]) == repr(pure[0])
    assert [type(v) for v in _leaves(fast[0])] == [type(v) for v in _leaves(pure[0])]
    assert fast[1] == pure[1]


def _leaves(data: object) -> list[object]:
    if isinstance(data, dict):
        return [leaf for value in data.values() for leaf in _leaves(value)]
    if isinstance(data, list):
        return [leaf for value in data for leaf in _leaves(value)]
    return [data]


def test_a_file_libyaml_refuses_gets_the_pure_python_parsers_message() -> None:
    with pytest.raises(QuestionnaireError) as error:
        parse_yaml("organisation:\n  name: Voorbeeld: BV\n", None)
    assert 'put the text in quotes: `name: "Voorbeeld: BV"`' in str(error.value)
