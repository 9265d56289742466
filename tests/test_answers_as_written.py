"""Answers as people write them: numbers, dates, messages that say what to type, one YAML writer."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.helpers import MINIMAL, Respondent
from typer.testing import CliRunner

from policygen.cli import app
from policygen.errors import QuestionnaireError
from policygen.questionnaire import load, load_text
from policygen.questionnaire.fields import MAX_TEXT_LENGTH
from policygen.questionnaire.model import Questionnaire
from policygen.render import PLAN, render_markdown
from policygen.wizard import InitOptions, run_init
from policygen.wizard.conversation import prose
from policygen.wizard.writer import needs_quotes, scalar

runner = CliRunner()


def _problems(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        load_text(text)
    return [problem.message for problem in caught.value.problems]


def _with(language: str, section: str, line: str) -> str:
    return MINIMAL.replace("language: nl", f"language: {language}") + f"{section}:\n  {line}\n"


# --- Numbers ------------------------------------------------------------------------------------

READ = [
    # (language, the line as written, the amount policygen reads)
    ("nl", "cost_per_hire: 4500", 4500),
    ("nl", 'cost_per_hire: "4.500"', 4500),
    ("nl", 'cost_per_hire: "€ 4.500"', 4500),
    ("nl", 'cost_per_hire: "4.500,50"', 4500.5),
    ("nl", "cost_per_hire: 4,5", 4.5),
    ("nl", 'cost_per_hire: "12,5"', 12.5),
    ("nl", "cost_per_hire: 12.5", 12.5),
    ("nl", "cost_per_hire: 1.400.000", 1_400_000),
    ("en", 'cost_per_hire: "1,400"', 1400),
    ("en", 'cost_per_hire: "€4,500.50"', 4500.5),
    ("en", "cost_per_hire: 12.5", 12.5),
    ("nl", "cost_per_hire: 4_500", 4500),
]
REFUSED = [
    # (language, the line as written, what the message must say)
    (
        "nl",
        "cost_per_hire: 4.500",
        'YAML reads 4.500 as the number 4.5; write `cost_per_hire: 4500`, or `cost_per_hire: "4.500"` in quotes',
    ),
    (
        "en",
        "cost_per_hire: 4.500",
        "YAML reads 4.500 as the number 4.5; write `cost_per_hire: 4500` for 4500, or `cost_per_hire: 4.5`",
    ),
    (
        "nl",
        "hires_per_year: 1.400",
        "YAML reads 1.400 as the number 1.4; write `hires_per_year: 1400`",
    ),
    (
        "nl",
        'cost_per_hire: "1,400"',
        "'1,400' could mean 1,4 or 1400; write `cost_per_hire: 1400` or `cost_per_hire: \"1,4\"`",
    ),
    ("en", 'cost_per_hire: "4.500"', "'4.500' could mean 4.5 or 4500"),
    (
        "nl",
        'cost_per_hire: "12.5"',
        "'12.5' is not a number in Dutch notation (decimal comma, thousands point: 4.500,50); write `cost_per_hire: \"12,5\"`",
    ),
    ("en", "cost_per_hire: 4,5", "'4,5' is not a number in English notation"),
    (
        "nl",
        "hires_per_year: 12,5",
        "12,5 is not a whole number; write one like `hires_per_year: 12`",
    ),
    ("nl", "cost_per_hire: veel", "expected a number, found the text 'veel'"),
    ("nl", "cost_per_hire: yes", "expected a number, found a yes/no value"),
    ("nl", "cost_per_hire: 0x1F40", "YAML reads 0x1F40 as the hexadecimal number 8000"),
    ("nl", "hires_per_year: 012", "YAML reads 012 as the octal number 10"),
    ("nl", "hires_per_year: 0b101", "YAML reads 0b101 as the binary number 5"),
    ("nl", "cost_per_hire: 1:30", "YAML reads 1:30 as the base-60 number 90"),
    ("nl", "cost_per_hire: 1e3", "expected a number, found the text '1e3'"),
    ("nl", 'cost_per_hire: "٣"', "expected a number, found the text '٣'"),
]


@pytest.mark.parametrize(("language", "line", "amount"), READ)
def test_a_number_is_read_as_its_writer_meant(language: str, line: str, amount: float) -> None:
    section = "benefits"
    q = load_text(_with(language, section, line)).questionnaire
    field = line.split(":", 1)[0]
    assert getattr(q.benefits, field) == amount


@pytest.mark.parametrize(("language", "line", "says"), REFUSED)
def test_a_number_that_could_mean_two_things_is_refused_with_the_fix(
    language: str, line: str, says: str
) -> None:
    found = "\n".join(_problems(_with(language, "benefits", line)))
    assert says in found


def test_hours_and_months_in_other_bases_are_refused() -> None:
    hours = "\n".join(_problems(_with("nl", "facilitation", "hours_per_week: 1:30")))
    assert "YAML reads 1:30 as the base-60 number 90" in hours
    months = "\n".join(
        _problems(MINIMAL.replace("  owner:", "  review_cycle_months: 012\n  owner:"))
    )
    assert "YAML reads 012 as the octal number 10" in months


@pytest.mark.parametrize(
    ("language", "per_hire", "total", "saving"),
    [
        ("nl", "€ 4.500", "€ 540.000", "€ 54.000"),
        ("en", "€4,500", "€540,000", "€54,000"),
    ],
)
def test_the_plan_computes_with_the_amount_as_written(
    language: str, per_hire: str, total: str, saving: str
) -> None:
    """120 hires × € 4.500 = € 540.000 a year; 10 % of that is € 54.000 (worked out by hand)."""
    written = '"4.500"' if language == "nl" else '"4,500"'
    text = _with(
        language,
        "benefits",
        f"cost_per_hire: {written}\n  hires_per_year: 120\n  expected_saving_percent: 10",
    )
    plan = render_markdown(load_text(text).questionnaire, PLAN)
    estimate = plan[plan.index("{#savings-estimate}") :]
    assert per_hire in estimate and total in estimate and f"**{saving}**" in estimate
    budget = _with(
        language,
        "facilitation",
        'budget_per_year: "12.500"' if language == "nl" else 'budget_per_year: "12,500"',
    )
    assert load_text(budget).questionnaire.facilitation.budget_per_year == 12_500


# --- Dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "says"),
    [
        (
            "01-03-2026",
            "'01-03-2026' is not a date as YYYY-MM-DD; write `effective_date: 2026-03-01`",
        ),
        ("1 maart 2026", "write `effective_date: 2026-03-01`"),
        ("March 1, 2026", "is not a date as YYYY-MM-DD"),
        (
            "20260401",
            "YAML reads 20260401 as a number, not a date; write `effective_date: 2026-04-01`",
        ),
        ("0", "YAML reads 0 as a number, not a date"),
        ("1775001600.0", "YAML reads 1775001600.0 as a number, not a date"),
        (
            "2026-04-01 10:00:00",
            "has a time as well; write only the date: `effective_date: 2026-04-01`",
        ),
        ("yes", "expected a date, found a yes/no value"),
    ],
)
def test_a_date_is_yyyy_mm_dd_or_refused_with_that_form(written: str, says: str) -> None:
    found = "\n".join(_problems(MINIMAL.replace("2026-03-01", written)))
    assert says in found


def test_a_date_for_text_says_to_quote_it() -> None:
    found = _problems(MINIMAL.replace("owner: manager Communicatie", "owner: 2026-04-01"))
    assert found == [
        'YAML reads 2026-04-01 as a date, not text; put it in quotes: `owner: "2026-04-01"`'
    ]


# --- Every message says what to type ------------------------------------------------------------

LIBRARY_WORDING = re.compile(
    r"Input should|input should|valid (dictionary|list|integer|string|date|number)|instance of|"
    r"Value error|greater than or equal|less than or equal|should have|could not determine|"
    r"constructor|while (scanning|parsing)|<block end>|<scalar>|cannot start any token|"
    r"mapping values are not allowed|found character|expected ',' or|did not find expected|"
    r"day is out of range|unhashable|Exceeds the limit|as a (int|float|bool)\b|type=|pydantic"
)

EVERY_ERROR = {
    # pydantic error types a user can cause
    "missing": MINIMAL.replace("  name: Voorbeeld BV\n", ""),
    "extra_forbidden": MINIMAL + "encouragment:\n  level: neutral\n",
    "model_type": MINIMAL + "encouragement: ja\n",
    "list_type": MINIMAL + "monitoring:\n  tools: Coosto\n",
    "string_type (bool)": MINIMAL.replace("Voorbeeld BV", "No"),
    "string_type (number)": MINIMAL.replace('"1.0"', "1.10"),
    "string_type (null)": MINIMAL.replace("Voorbeeld BV", ""),
    "string_type (list)": MINIMAL.replace("Voorbeeld BV", "[a, b]"),
    "string_too_long": MINIMAL.replace("Voorbeeld BV", "x" * 201),
    "string_pattern_mismatch (url)": MINIMAL + "communication_policy:\n  url: www.example.org\n",
    "string_pattern_mismatch (email)": MINIMAL.replace("    role:", "    email: info@\n    role:"),
    "string_unicode": MINIMAL.replace("Voorbeeld BV", '"\\ud800"'),
    "enum": MINIMAL
    + "accounts:\n  managed:\n  - {platform: twitter, handle: '@a', purpose: p, owner: o}\n",
    "literal_error": MINIMAL.replace("policygen: 1", "policygen: 7"),
    "bool_type": MINIMAL + "introduction:\n  acknowledgement_required: misschien\n",
    "greater_than_equal": MINIMAL.replace("  owner:", "  review_cycle_months: 0\n  owner:"),
    "less_than_equal": MINIMAL.replace("  owner:", "  review_cycle_months: 61\n  owner:"),
    "too_short": MINIMAL + "roles:\n  others:\n  - {role: r, responsibilities: []}\n",
    "too_long": MINIMAL + "facilitation:\n  tools: [" + ", ".join(["t"] * 21) + "]\n",
    "value_error (control)": MINIMAL.replace("Voorbeeld BV", '"a\\x07b"'),
    "value_error (empty)": MINIMAL.replace("Voorbeeld BV", '"  "'),
    "value_error (year)": MINIMAL.replace("2026-03-01", "9999-01-01"),
    "value_error (number)": MINIMAL + "benefits:\n  cost_per_hire: 4.500\n",
    "value_error (date)": MINIMAL.replace("2026-03-01", "01-03-2026"),
    # YAML syntax error classes
    "@ cannot start a token": MINIMAL + "accounts:\n  managed:\n  - handle: @acme\n",
    "` cannot start a token": MINIMAL.replace("Voorbeeld BV", "`Voorbeeld`"),
    "% cannot start a token": MINIMAL.replace("Voorbeeld BV", "%Voorbeeld"),
    "tab": MINIMAL.replace("    role:", "\trole:"),
    "colon in a value": MINIMAL.replace("Voorbeeld BV", "Voorbeeld: BV"),
    "bad indentation": MINIMAL.replace("  contact:", "    contact:"),
    "block end": MINIMAL.replace("document:\n  owner", "document:\n  owner: x\n owner"),
    "unclosed quote": MINIMAL.replace("Voorbeeld BV", '"Voorbeeld BV'),
    "unclosed quote at the end": MINIMAL + 'benefits:\n  cost_per_hire: "4500\n',
    "text after a closing quote": MINIMAL.replace("Voorbeeld BV", '"Voorbeeld" BV'),
    "unclosed flow list": MINIMAL + "facilitation:\n  tools: [Canva, Buffer\n",
    "unclosed flow mapping": MINIMAL.replace("role: afdeling Communicatie", "{role: x"),
    "alias": MINIMAL.replace("Voorbeeld BV", "*vet*"),
    "anchor": MINIMAL.replace("Voorbeeld BV", "& Co"),
    "unknown escape": MINIMAL.replace("Voorbeeld BV", '"C:\\map"'),
    "tag": MINIMAL.replace("Voorbeeld BV", "!include x.yaml"),
    "python tag": MINIMAL.replace("Voorbeeld BV", "!!python/object/apply:os.system [id]"),
    "two documents": MINIMAL + "---\na: 1\n",
    "missing colon": MINIMAL.replace("document:", "document"),
    "long key": MINIMAL + "x" * 1100 + ": 1\n",
    "unhashable key": MINIMAL + "[a, b]: 1\n",
    "set": MINIMAL + "monitoring:\n  tools: !!set {Coosto: null, Buffer: null}\n",
    "line separator": MINIMAL.replace("policygen: 1", "policygen: 1  # a\u2028b: c"),
}


@pytest.mark.parametrize("case", list(EVERY_ERROR), ids=list(EVERY_ERROR))
def test_every_message_is_ours_and_names_where(case: str) -> None:
    found = _problems(EVERY_ERROR[case])
    assert found, case
    for message in found:
        assert not LIBRARY_WORDING.search(message), f"{case}: {message}"


@pytest.mark.parametrize(
    ("case", "says"),
    [
        (
            "@ cannot start a token",
            'a value that starts with @ must be in quotes; write `- handle: "@acme"`',
        ),
        ("colon in a value", 'put the text in quotes: `name: "Voorbeeld: BV"`'),
        ("alias", 'a value that starts with * must be in quotes; write `name: "*vet*"`'),
        (
            "model_type",
            "expected the section `encouragement:` with its fields on the lines below it, found the text 'ja'",
        ),
        ("enum", "'twitter' is not a valid choice; did you mean `platform: x`?"),
        ("extra_forbidden", "unknown field 'encouragment'; did you mean 'encouragement'?"),
        ("set", "a YAML set (!!set) is not allowed: its order is not kept"),
        ("line separator", "the invisible line-break character U+2028 (LINE SEPARATOR)"),
        ("long key", "this line is over 1024 characters without a `key:`"),
        (
            "unclosed quote",
            'the quote opened here is not closed on this line; write `name: "Voorbeeld BV"`',
        ),
    ],
)
def test_a_message_shows_the_corrected_line(case: str, says: str) -> None:
    assert says in "\n".join(_problems(EVERY_ERROR[case]))


def test_a_typo_gets_a_suggestion_and_a_different_word_does_not() -> None:
    unknown = MINIMAL + "encouragement:\n  content_calendar: true\n"
    found = "\n".join(_problems(unknown))
    assert "unknown field 'content_calendar'; allowed here:" in found
    assert "did you mean" not in found


def test_invisible_line_break_is_named_at_its_real_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        MINIMAL.replace("language: nl", "language: nl  # taal\u2028organisatie"), encoding="utf-8"
    )
    with pytest.raises(QuestionnaireError) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}:2:")


def test_utf32_is_named_as_utf32(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(MINIMAL.encode("utf-32"))
    with pytest.raises(QuestionnaireError, match="the file is UTF-32; save it as UTF-8"):
        load(path)


# --- One YAML writer ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "No",
        "yes",
        "on",
        "~",
        "null",
        "1.10",
        "012",
        "0x1F",
        "1:30",
        "2026-04-01",
        "@acme",
        "#1",
        "a #b",
        "*vet*",
        "& Co",
        "a: b",
        "- x",
        "[x]",
        "{x}",
        " x",
        "x ",
        "",
        "'x",
        '"x',
        "%x",
        "!x",
        "a\u2028b",
        "a\nb",
        "?",
        "|",
        ">",
    ],
)
def test_text_that_yaml_would_read_otherwise_is_quoted(text: str) -> None:
    assert needs_quotes(text)
    line = f"name: {scalar(text)}"
    assert yaml.safe_load(line) == {"name": text}


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=60))
@settings(max_examples=400, deadline=None)
def test_any_text_the_writer_writes_loads_back_identical(text: str) -> None:
    document = (
        MINIMAL.replace("Voorbeeld BV", "x") + f"private_use:\n  consequences: {scalar(text)}\n"
    )
    assert yaml.load(document, Loader=yaml.SafeLoader)["private_use"]["consequences"] == text


@given(st.floats(0, 10**6, allow_nan=False).map(lambda n: round(n, 3)))
@settings(max_examples=200, deadline=None)
def test_any_amount_the_writer_writes_loads_back_identical(amount: float) -> None:
    document = MINIMAL + f"benefits:\n  cost_per_hire: {scalar(amount)}\n"
    assert load_text(document).questionnaire.benefits.cost_per_hire == amount


# --- Conventions and hardening ------------------------------------------------------------------


def test_prose_survives_a_one_column_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "get_terminal_size", lambda: os.terminal_size((1, 24)))
    lines = prose("Een uitleg van een paar woorden.", "  ")
    assert lines and all(line.startswith("  ") for line in lines)


def test_answers_from_dev_zero_are_refused_by_the_bounded_reader(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "p.yaml"), "--answers", "/dev/zero"])
    assert result.exit_code == 1
    assert "this is a device, pipe or socket, not a questionnaire file" in result.output
    assert not (tmp_path / "p.yaml").exists()


def test_validate_warns_about_sample_answers_and_strict_fails(tmp_path: Path) -> None:
    target = tmp_path / "policy.yaml"
    assert runner.invoke(app, ["init", "--defaults", str(target)]).exit_code == 0
    warned = runner.invoke(app, ["validate", str(target)])
    assert warned.exit_code == 0
    for field in (
        "organisation.name: 'Mijn organisatie'",
        "organisation.contact.role",
        "document.owner",
    ):
        assert field in warned.output
    assert "is the sample answer `policygen init` wrote; replace it" in warned.output
    assert runner.invoke(app, ["validate", "--strict", str(target)]).exit_code == 1
    english = tmp_path / "english.yaml"
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "language: en\norganisation:\n  contact:\n    role: HR\n    email: hr@example.org\n"
    )
    runner.invoke(app, ["init", str(english), "--answers", str(answers)])
    output = runner.invoke(app, ["validate", str(english)]).output
    assert "'My organisation' is the sample answer" in output
    assert "'hr@example.org' is an example address" in output


def test_choices_on_the_command_line_ignore_case(
    tmp_path: Path, write_yaml: Callable[..., Path]
) -> None:
    source = write_yaml(MINIMAL.replace("Voorbeeld BV", "Acme"))
    result = runner.invoke(
        app,
        [
            "build",
            str(source),
            "-f",
            "MD",
            "--pdf-variant",
            "PDF/UA-1",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 0, result.output
    refused = runner.invoke(app, ["build", str(source), "--pdf-variant", "pdf/x"])
    assert refused.exit_code == 2 and "pdf/ua-1 or pdf/a-3b" in refused.output


def test_bash_completion_completes_commands_and_options() -> None:
    script = subprocess.run(
        [str(Path(sys.executable).parent / "policygen"), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
    ).stdout
    assert "_policygen_completion" in script
    shim = Path(sys.executable).parent
    probe = (
        f"{script}\n"
        'COMP_WORDS=(policygen bui); COMP_CWORD=1; _policygen_completion policygen; echo "${COMPREPLY[@]}"\n'
        'COMP_WORDS=(policygen build --pdf); COMP_CWORD=2; _policygen_completion policygen; echo "${COMPREPLY[@]}"\n'
    )
    completed = subprocess.run(
        ["bash", "--norc", "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}"},
    )
    assert completed.stdout.splitlines() == ["build", "--pdf-variant"]


def test_a_unicode_digit_at_a_choice_prompt_is_asked_again(tmp_path: Path) -> None:
    respondent = Respondent({"1-2 [1]": "1", "waarde [4]": ["²", "①", "1"]})
    run_init(InitOptions(tmp_path / "p.yaml"), respondent, interactive=True)
    transcript = "\n".join(respondent.transcript)
    assert transcript.count("! Kies een nummer van 1 tot 5") == 2
    assert load(tmp_path / "p.yaml").questionnaire.organisation.sector.value == "healthcare"


def test_the_wizard_echoes_a_number_as_it_understood_it(tmp_path: Path) -> None:
    respondent = Respondent(
        {
            "1-2 [1]": "1",
            "Meer details": "11",
            "wervingskosten per jaar": "",
            "werven van een medewerker": "4.500",
            "nieuwe medewerkers": ["1,400", "1.400"],
        }
    )
    run_init(InitOptions(tmp_path / "p.yaml"), respondent, interactive=True)
    transcript = "\n".join(respondent.transcript)
    assert "→ begrepen als 4500" in transcript
    assert "! 1,400 kan 1,4 of 1400 betekenen. Typ 1400 of 1,4." in transcript
    q = load(tmp_path / "p.yaml").questionnaire
    assert q.benefits.cost_per_hire == 4500 and q.benefits.hires_per_year == 1400
    assert "cost_per_hire: 4500\n" in (tmp_path / "p.yaml").read_text(encoding="utf-8")


def test_max_text_length_is_what_the_writer_round_trips() -> None:
    text = "é" * MAX_TEXT_LENGTH
    assert Questionnaire.model_validate(
        yaml.safe_load(MINIMAL + f"private_use:\n  consequences: {scalar(text)}\n")
    )
    assert dt.date(2026, 3, 1).isoformat() == scalar(dt.date(2026, 3, 1))
