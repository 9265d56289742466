"""`policygen init`: full interviews through the CLI with scripted input, and the files they write.

The interviews are scripted by question, not by position: a `Respondent` answers the library's
interview by matching the question it is shown, and records what it typed. That recording is then
typed into the real command through CliRunner, so a new question in the model does not break the
scripts, and the CLI is tested with exactly the input a person would give.
"""

from __future__ import annotations

import difflib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from tests.helpers import EXAMPLES, ROOT, Respondent
from typer.testing import CliRunner

from policygen import wizard
from policygen.cli import app
from policygen.questionnaire import Questionnaire, consistency_warnings, load
from policygen.questionnaire.choices import EncouragementLevel
from policygen.render import DOCUMENTS, render_markdown
from policygen.resources import schema_file
from policygen.wizard.questions import HAND_EDITED
from policygen.wizard.shapes import shape

runner = CliRunner()


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """CliRunner's stdin is not a TTY; these tests play the person at a terminal."""
    monkeypatch.setattr(wizard, "stdin_is_terminal", lambda: True)


INTERVIEWS: dict[str, dict[str, str | list[str]]] = {
    "restrained": {
        "1-2 [1]": "1",
        "Hoe heet je organisatie?": "Gemeente Veldhoven-Oost",
        "In welke sector": "public_sector",
        "Hoeveel medewerkers": "640",
        "een ondernemingsraad (OR)": "j",
        "Bij wie kunnen medewerkers terecht": "team Communicatie",
        "Vanaf welke datum": "2026-04-01",
        "Welke rol is eigenaar van het beleid": "adviseur communicatie",
        "Hoe sterk stimuleert": "1",
        "Welke informatie delen medewerkers nooit": ["besluiten die nog niet openbaar zijn", ""],
    },
    "neutral": {
        "1-2 [1]": "2",
        "What is your organisation called?": "Northwind Trading Ltd",
        "How many employees": "85",
        "Who can employees ask": "marketing team",
        "What is the e-mail address": "marketing@northwind.example",
        "From which date": "2026-05-01",
        "Which role owns the policy": "head of marketing",
        "Do you want to add an account?": "y",
        "Add another account?": "n",
        "On which platform?": "other",
        "What is this platform called?": "Pixelfed",
        "What is the account's name": "@northwind",
        "What is the account for": "product news",
        "Which role owns the account?": "marketing team",
        "Who do you call when a post": "head of marketing",
        "How strongly does the organisation encourage": "neutral",
    },
    "encouraged": {
        "1-2 [1]": "1",
        "Hoe heet je organisatie?": "Hogeschool De Kempen",
        "In welke sector": "3",
        "Bij wie kunnen medewerkers terecht": "dienst Marketing & Communicatie",
        "Welke rol is eigenaar van het beleid": "hoofd Marketing & Communicatie",
        "Hoe sterk stimuleert": "3",
        "Biedt de organisatie berichten aan": "j",
        "Waar vinden medewerkers die berichten?": "het intranet",
        "Hoeveel uur per maand": "2,5",
        "Hoe waardeert de organisatie": "een vermelding in de nieuwsbrief",
        "Krijgen medewerkers een training": "j",
        "Wil je een activiteit toevoegen?": "j",
        "Nog een activiteit toevoegen?": "n",
        "Wat voor activiteit?": "kickoff",
        "Wanneer (JJJJ-MM-DD)?": "2026-09-01",
        "Wil je een kengetal toevoegen?": "j",
        "Nog een kengetal toevoegen?": "n",
        "Wat meet je?": "aantal gedeelde berichten per maand",
        "Wat is het doel?": "50",
    },
    "ambassadors": {
        "1-2 [1]": "1",
        "Hoe heet je organisatie?": "Zorggroep Maasland",
        "In welke sector": "1",
        "een ondernemingsraad (OR)": "j",
        "Bij wie kunnen medewerkers terecht": "team Communicatie",
        "Welke rol is eigenaar van het beleid": "manager Communicatie",
        "Wil je een account toevoegen?": "j",
        "Nog een account toevoegen?": "n",
        "Op welk platform?": "1",
        "Wat is de naam van het account": "Zorggroep Maasland",
        "Waar is het account voor": "werving van nieuwe collega's",
        "Welke rol is eigenaar van het account?": "team Communicatie",
        "Welke rollen mogen op het account posten?": ["team Communicatie", "recruiters", ""],
        "Welke informatie delen medewerkers nooit": ["patiëntgegevens", ""],
        "Hoe sterk stimuleert": "ambassadors",
        "Welke rol begeleidt de ambassadeurs?": "coördinator employer branding",
        "Volgt de organisatie openbare berichten": "j",
        "Op welke grondslag": "1",
    },
}


def _record(level: str, tmp_path: Path) -> tuple[Respondent, Path]:
    """Run the interview in the library and return what the respondent typed."""
    respondent = Respondent(INTERVIEWS[level])
    target = tmp_path / "recorded.yaml"
    wizard.run_init(wizard.InitOptions(target, full=True), respondent, interactive=True)
    return respondent, target


@pytest.mark.parametrize("level", [level.value for level in EncouragementLevel])
def test_full_interview_at_each_level(level: str, tmp_path: Path, terminal: None) -> None:
    respondent, recorded = _record(level, tmp_path)
    target = tmp_path / "policy.yaml"
    result = runner.invoke(
        app, ["init", "--full", str(target)], input="\n".join(respondent.typed) + "\n"
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == recorded.read_bytes().replace(b"recorded.yaml", b"policy.yaml")
    loaded = load(target)
    assert consistency_warnings(loaded) == []
    q = loaded.questionnaire
    assert q.encouragement.level.value == level
    for kind in DOCUMENTS:
        markdown = render_markdown(q, kind)
        assert q.organisation.name.replace("&", "&amp;") in markdown
    assert f"policygen build {target}" in result.output

    asked = result.output
    if level in ("restrained", "neutral"):
        for question in (
            "ambassadeursprogramma waar",
            "ambassador programme employees",
            "voorlopers",
        ):
            assert question not in asked
        for question in ("berichten aan die medewerkers", "posts that employees can share"):
            assert question not in asked
    if level != "ambassadors":
        assert not q.encouragement.ambassador_programme
    if q.organisation.sector.value != "healthcare":
        assert "Denk aan patiëntgegevens" not in asked and "Think of patient data" not in asked
    if not q.monitoring.monitors_public_posts:
        assert "grondslag" not in asked and "GDPR basis" not in asked


def test_each_level_gets_what_it_answered(tmp_path: Path) -> None:
    """The answers reach the file: a spot check per interview."""
    checks: dict[str, Callable[[Questionnaire], object]] = {
        "restrained": lambda q: (
            q.organisation.sector.value == "public_sector" and q.organisation.works_council
        ),
        "neutral": lambda q: (
            q.accounts.managed[0].name == "Pixelfed" and q.accounts.crisis is not None
        ),
        "encouraged": lambda q: (
            q.encouragement.time_allowance_hours_per_month == 2.5
            and str(q.introduction.steps[0].date) == "2026-09-01"
            and q.monitoring.kpis[0].target == "50"
        ),
        "ambassadors": lambda q: (
            q.encouragement.ambassador_programme
            and q.monitoring.announced_in_advance
            and q.accounts.managed[0].posters == ["team Communicatie", "recruiters"]
            and q.private_use.confidential_examples == ["patiëntgegevens"]
        ),
    }
    for level, holds in checks.items():
        folder = tmp_path / level
        folder.mkdir()
        respondent, target = _record(level, folder)
        assert holds(load(target).questionnaire), "\n".join(respondent.transcript)


def test_healthcare_shows_patient_examples_and_others_do_not(tmp_path: Path) -> None:
    respondent, _ = _record("ambassadors", tmp_path)
    assert any("patiëntgegevens" in line for line in respondent.transcript)
    (tmp_path / "education").mkdir()
    other, _ = _record("encouraged", tmp_path / "education")
    assert not any("Denk aan patiëntgegevens" in line for line in other.transcript)
    assert any("leerlingen" in line for line in other.transcript)


def test_wrong_answer_is_asked_again_with_the_reason(tmp_path: Path, terminal: None) -> None:
    target = tmp_path / "policy.yaml"
    typed = [
        "1",
        "Acme",
        "zorgsector",
        "4",
        "veel",
        "120",
        "n",
        "",
        "",
        "",
        "Communicatie",
        "info@",
        "info@acme.example",
    ]
    result = runner.invoke(
        app, ["init", "--full", str(target), "--force"], input="\n".join(typed) + "\n" * 400
    )
    assert result.exit_code == 0, result.output
    output = result.output
    assert output.count("In welke sector werkt je organisatie?") == 1
    # CliRunner does not echo typed input: each refused answer shows as prompt, reason, prompt.
    sector = "Kies een nummer of typ de waarde [4]: "
    refused = "Kies een nummer van 1 tot 5, of typ een van: zorg / overheid / onderwijs /"
    assert f"{sector}  ! {refused}" in output
    size = "Hoeveel medewerkers heeft je organisatie ongeveer? [leeg]: "
    assert f"{size}  ! Typ een getal, bijvoorbeeld 12 of 2,5.\n{size}" in output
    email = "Wat is het e-mailadres van dit contactpunt? [leeg]: "
    assert (
        f"{email}  ! Dit is geen e-mailadres. Typ het als naam@organisatie.nl.\n{email}" in output
    )
    q = load(target).questionnaire
    assert q.organisation.size == 120
    assert q.organisation.contact.email == "info@acme.example"


def test_a_choice_can_be_typed_as_the_label_shown(tmp_path: Path) -> None:
    """Typed as shown in the list, in any case and with spaces around: ``1. zorg — healthcare``."""
    script = {
        **INTERVIEWS["ambassadors"],
        "In welke sector": " Zorg ",
        "Hoe sterk stimuleert": "AMBASSADEURS",
        "waar ze werken?": "toegestaan, met een disclaimer",
        "Op welk platform?": "ander platform",
        "Hoe heet dit platform?": "Pixelfed",
    }
    respondent = Respondent(script)
    wizard.run_init(
        wizard.InitOptions(tmp_path / "p.yaml", full=True), respondent, interactive=True
    )
    transcript = "\n".join(respondent.transcript)
    assert "  ! " not in transcript.replace("  ! Advies", "")
    q = load(tmp_path / "p.yaml").questionnaire
    assert q.organisation.sector.value == "healthcare"
    assert q.encouragement.level.value == "ambassadors"
    assert q.private_use.mention_employer.value == "with_disclaimer"
    assert q.accounts.managed[0].platform.value == "other"


def test_an_english_interview_takes_its_own_labels(tmp_path: Path) -> None:
    script = {
        **INTERVIEWS["neutral"],
        "1-2 [1]": "english",
        "In which sector": "Public Sector",
        "How strongly does the organisation encourage": "encouraged",
    }
    respondent = Respondent(script)
    wizard.run_init(
        wizard.InitOptions(tmp_path / "p.yaml", full=True), respondent, interactive=True
    )
    q = load(tmp_path / "p.yaml").questionnaire
    assert q.language.value == "en"
    assert q.organisation.sector.value == "public_sector"
    assert q.encouragement.level.value == "encouraged"


def test_an_unknown_choice_is_asked_again_naming_the_labels_shown(tmp_path: Path) -> None:
    script = {
        **INTERVIEWS["ambassadors"],
        "In welke sector": "zorgsector",
        "Hoe sterk stimuleert": "veel",
        "1 tot 5, of typ een van": "zorg",  # asked again: the reason is all that is shown
        "1 tot 4, of typ een van": "stimulerend",
    }
    respondent = Respondent(script)
    wizard.run_init(
        wizard.InitOptions(tmp_path / "p.yaml", full=True), respondent, interactive=True
    )
    transcript = "\n".join(respondent.transcript)
    assert (
        "  ! Kies een nummer van 1 tot 5, of typ een van: "
        "zorg / overheid / onderwijs / bedrijfsleven / non-profit."
    ) in transcript
    assert (
        "  ! Kies een nummer van 1 tot 4, of typ een van: "
        "terughoudend / neutraal / stimulerend / ambassadeurs."
    ) in transcript
    assert respondent.typed.count("zorgsector") == 1 and respondent.typed.count("veel") == 1
    q = load(tmp_path / "p.yaml").questionnaire
    assert q.organisation.sector.value == "healthcare"
    assert q.encouragement.level.value == "encouraged"


def test_a_too_long_and_an_empty_required_answer_are_refused(tmp_path: Path) -> None:
    respondent = Respondent({"Hoe heet je organisatie?": ["x" * 201, "-", "Acme"], "1-2 [1]": "1"})
    wizard.run_init(
        wizard.InitOptions(tmp_path / "p.yaml", full=True), respondent, interactive=True
    )
    text = "\n".join(respondent.transcript)
    assert "Dit is te lang: maximaal 200 tekens." in text
    assert load(tmp_path / "p.yaml").questionnaire.organisation.name == "Acme"


def test_as_chapter_makes_the_chapter_number_required(tmp_path: Path) -> None:
    respondent = Respondent(
        {"1-2 [1]": "1", "als hoofdstuk": "j", "Welk hoofdstuknummer": ["", "0", "4"]}
    )
    wizard.run_init(
        wizard.InitOptions(tmp_path / "p.yaml", full=True), respondent, interactive=True
    )
    text = "\n".join(respondent.transcript)
    assert "daarvoor is een hoofdstuknummer nodig" in text
    assert "Dit moet minstens 1 zijn." in text
    loaded = load(tmp_path / "p.yaml")
    assert loaded.questionnaire.communication_policy.chapter == 4
    assert consistency_warnings(loaded) == []


def test_an_unwise_answer_is_accepted_with_advice_at_once(tmp_path: Path) -> None:
    script = {**INTERVIEWS["ambassadors"], "Hoeveel mensen hebben beheerrechten?": "1"}
    respondent = Respondent(script)
    wizard.run_init(
        wizard.InitOptions(tmp_path / "p.yaml", full=True), respondent, interactive=True
    )
    text = "\n".join(respondent.transcript)
    assert "Advies: geef minstens twee mensen beheerrechten" in text
    assert "Advies: vertel het medewerkers vooraf" not in text  # announced: the suggestion was yes
    loaded = load(tmp_path / "p.yaml")
    assert loaded.questionnaire.accounts.managed[0].administrators == 1
    assert [w.field for w in consistency_warnings(loaded)] == ["accounts.managed[0].administrators"]


def test_help_is_shown_on_a_question_mark(tmp_path: Path) -> None:
    respondent = Respondent({"1-2 [1]": "1", "In welke sector": ["?", "2"]})
    wizard.run_init(
        wizard.InitOptions(tmp_path / "p.yaml", full=True), respondent, interactive=True
    )
    text = "\n".join(respondent.transcript)
    assert "De sector zet extra onderdelen aan" in text
    assert "healthcare = zorg" in text


# --- Non-interactive use -----------------------------------------------------------------------


def test_defaults_round_trip_validate_and_build(tmp_path: Path) -> None:
    target = tmp_path / "policy.yaml"
    result = runner.invoke(app, ["init", "--defaults", str(target)])
    assert result.exit_code == 0, result.output
    assert "organisation.name, organisation.contact.role, document.owner" in result.output
    validated = runner.invoke(app, ["validate", str(target)])
    assert validated.exit_code == 0, validated.output
    warnings = [line for line in validated.output.splitlines() if line.startswith("warning")]
    assert len(warnings) == 3 and all("is the sample answer" in line for line in warnings)
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(target), "--out", str(out), "--format", "md,html"])
    assert built.exit_code == 0, built.output
    names = sorted(path.suffix for path in out.rglob("*.*") if not path.name.startswith("."))
    assert names.count(".md") == 2 and names.count(".html") == 2
    markdown = next(out.rglob("*.md")).read_text(encoding="utf-8")
    assert "Mijn organisatie" in markdown


def test_without_a_terminal_it_stops_and_names_the_options(tmp_path: Path) -> None:
    target = tmp_path / "policy.yaml"
    result = runner.invoke(app, ["init", str(target)], input="1\n")
    assert result.exit_code == 1
    assert "--defaults" in result.output and "--answers" in result.output
    assert "Traceback" not in result.output
    assert not target.exists()


def test_answers_file_fills_in_and_the_rest_takes_defaults(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "language: en\norganisation:\n  name: Contoso\n  sector: education\n"
        "encouragement:\n  level: encouraged\n  training: true\n",
        encoding="utf-8",
    )
    target = tmp_path / "policy.yaml"
    result = runner.invoke(app, ["init", str(target), "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    q = load(target).questionnaire
    assert (q.language.value, q.organisation.name, q.organisation.sector.value) == (
        "en",
        "Contoso",
        "education",
    )
    assert q.encouragement.training and q.encouragement.level.value == "encouraged"
    assert q.document.owner == "communication manager"  # the English sample answer


def test_the_interview_keeps_a_hand_written_customisation(tmp_path: Path) -> None:
    custom = {"remove": ["contact-with-journalists"], "replace": {"summary": "clauses/yes.md"}}
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"customisation": custom}), encoding="utf-8")
    target = tmp_path / "policy.yaml"
    result = runner.invoke(app, ["init", str(target), "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    assert load(target).questionnaire.customisation.model_dump(exclude_defaults=True) == custom
    plain = tmp_path / "plain.yaml"
    runner.invoke(app, ["init", "--defaults", str(plain)])
    assert "customisation" not in plain.read_text(encoding="utf-8")


def test_answers_file_asks_only_the_missing_questions(tmp_path: Path, terminal: None) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("language: nl\norganisation:\n  name: Contoso\n", encoding="utf-8")
    target = tmp_path / "policy.yaml"
    result = runner.invoke(app, ["init", str(target), "--answers", str(answers)], input="\n" * 400)
    assert result.exit_code == 0, result.output
    assert "Hoe heet je organisatie?" not in result.output
    assert "Taal van het beleid" not in result.output
    assert "In welke sector werkt je organisatie?" in result.output
    assert load(target).questionnaire.organisation.name == "Contoso"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "organisation:\n  size: many\n",
            "answers.yaml:2:3: organisation.size: expected a number, found the text 'many'",
        ),
        ("organisation:\n  naam: X\n", "answers.yaml:2:3: organisation.naam: unknown field 'naam'"),
        (
            "document:\n  effective_date: 2026-02-30\n",
            "answers.yaml:2:19: document.effective_date: 2026-02-30 does not exist",
        ),
        (
            "organisation: Acme\n",
            "answers.yaml:1:1: organisation: expected the section `organisation:` with its fields",
        ),
        (
            "accounts:\n  managed: linkedin\n",
            "answers.yaml:2:3: accounts.managed: expected a list: `managed:` with one item per line",
        ),
    ],
)
def test_a_wrong_answers_file_is_reported(tmp_path: Path, content: str, expected: str) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(content, encoding="utf-8")
    target = tmp_path / "policy.yaml"
    result = runner.invoke(app, ["init", str(target), "--answers", str(answers)])
    assert result.exit_code == 1
    assert expected in result.output
    assert not target.exists()


# --- Safety -------------------------------------------------------------------------------------


def test_an_existing_file_is_never_overwritten_without_consent(
    tmp_path: Path, terminal: None
) -> None:
    target = tmp_path / "policy.yaml"
    target.write_text("mine\n", encoding="utf-8")
    refused = runner.invoke(app, ["init", "--defaults", str(target)])
    assert refused.exit_code == 1
    assert "--force" in refused.output
    said_no = runner.invoke(app, ["init", str(target)], input="1\nn\n")
    assert said_no.exit_code == 1
    assert "bestaat al" in said_no.output
    assert target.read_text(encoding="utf-8") == "mine\n"
    said_yes = runner.invoke(app, ["init", str(target)], input="1\nj\n" + "\n" * 400)
    assert said_yes.exit_code == 0, said_yes.output
    assert load(target).questionnaire.organisation.name == "Mijn organisatie"
    forced = runner.invoke(app, ["init", "--defaults", "--force", str(tmp_path / "policy.yaml")])
    assert forced.exit_code == 0


def test_end_of_input_halfway_writes_nothing(tmp_path: Path, terminal: None) -> None:
    target = tmp_path / "policy.yaml"
    result = runner.invoke(app, ["init", str(target)], input="1\nAcme\n4\n")
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_halfway_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    answers = iter(["1", "Acme"])

    def ask(self: object, prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(wizard.TerminalConversation, "ask", ask)
    result = runner.invoke(app, ["init", str(tmp_path / "policy.yaml")])
    assert result.exit_code == 130
    assert "Interrupted; nothing was written." in result.output
    assert list(tmp_path.iterdir()) == []


# --- Update -------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_update_accepting_every_default_changes_nothing(
    example: Path, tmp_path: Path, terminal: None
) -> None:
    copy = tmp_path / example.name
    shutil.copy(example, copy)
    result = runner.invoke(app, ["init", "--update", str(copy)], input="\n" * 3000)
    assert result.exit_code == 0, result.output[-2000:]
    assert copy.read_bytes() == example.read_bytes()
    assert not (tmp_path / f"{example.name}.bak").exists()
    assert "niet veranderd" in result.output or "not changed" in result.output


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_update_writes_only_what_changed_and_keeps_comments(example: Path, tmp_path: Path) -> None:
    copy = tmp_path / example.name
    shutil.copy(example, copy)
    original = example.read_text(encoding="utf-8")
    respondent = Respondent(
        {"versienummer": "9.9", "version number": "9.9", "1-2 [1]": "", "1-2 [2]": ""}
    )
    wizard.run_init(wizard.InitOptions(copy, update=True, full=True), respondent, interactive=True)
    changed = [
        line
        for line in difflib.unified_diff(
            original.splitlines(), copy.read_text(encoding="utf-8").splitlines(), lineterm="", n=0
        )
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]
    assert len(changed) == 2, changed
    assert re.fullmatch(r"-  version: .*", changed[0]) and changed[1] == '+  version: "9.9"'
    assert (tmp_path / f"{example.name}.bak").read_text(encoding="utf-8") == original
    before, after = load(example).questionnaire, load(copy).questionnaire
    assert after == before.model_copy(
        update={"document": before.document.model_copy(update={"version": "9.9"})}
    )


def test_update_keeps_a_hand_written_layout(tmp_path: Path) -> None:
    """Dashes level with their key, flow lists, quotes and comments all survive a change."""
    target = tmp_path / "policy.yaml"
    original = (
        "policygen: 1  # format\n"
        "organisation:\n"
        "    name: 'Acme'\n"
        "    contact: {role: communicatie}\n"
        "document:\n"
        "    owner: manager   # wie\n"
        "facilitation:\n"
        "    tools:\n"
        "    - Canva\n"
        "    - Buffer\n"
        "\n"
        "# einde\n"
    )
    target.write_text(original, encoding="utf-8")
    respondent = Respondent({"1-2 [1]": "", "Hoe heet je organisatie?": "Acme Nederland"})
    wizard.run_init(wizard.InitOptions(target, update=True), respondent, interactive=True)
    assert target.read_text(encoding="utf-8") == original.replace("'Acme'", "'Acme Nederland'")


def test_update_can_add_and_remove_answers(tmp_path: Path) -> None:
    target = tmp_path / "policy.yaml"
    runner.invoke(app, ["init", "--defaults", str(target)])
    respondent = Respondent(
        {
            "1-2 [1]": "",
            "Hoe heet je organisatie?": "Nieuwe naam",
            "Hoeveel medewerkers": "12",
            "Welke tools en apps": ["Canva", ""],
        }
    )
    wizard.run_init(
        wizard.InitOptions(target, update=True, full=True), respondent, interactive=True
    )
    text = target.read_text(encoding="utf-8")
    assert "name: Nieuwe naam" in text and "size: 12" in text
    assert "  tools:\n    - Canva\n" in text
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# De naam zoals die in de documenten staat." in text
    second = Respondent({"1-2 [1]": "", "Hoeveel medewerkers": "-"})
    wizard.run_init(wizard.InitOptions(target, update=True, full=True), second, interactive=True)
    assert load(target).questionnaire.organisation.size is None
    # Cleared as the writer writes an empty answer: the key stays, empty, under its own comment.
    assert "# Het aantal medewerkers, ongeveer.\n  size:\n" in target.read_text(encoding="utf-8")


def test_update_without_a_terminal_needs_defaults_and_then_keeps_the_file(tmp_path: Path) -> None:
    copy = tmp_path / EXAMPLES[0].name
    shutil.copy(EXAMPLES[0], copy)
    refused = runner.invoke(app, ["init", "--update", str(copy)])
    assert refused.exit_code == 1
    assert "no terminal to ask questions on; use --defaults (keep every answer)" in refused.output
    kept = runner.invoke(app, ["init", "--update", str(copy), "--defaults"])
    assert kept.exit_code == 0, kept.output
    assert copy.read_bytes() == EXAMPLES[0].read_bytes()


def test_update_interrupted_leaves_the_file_alone(tmp_path: Path, terminal: None) -> None:
    copy = tmp_path / EXAMPLES[0].name
    shutil.copy(EXAMPLES[0], copy)
    result = runner.invoke(app, ["init", "--update", str(copy)], input="\n\nAnders\n")
    assert result.exit_code == 1
    assert copy.read_bytes() == EXAMPLES[0].read_bytes()
    assert sorted(path.name for path in tmp_path.iterdir()) == [copy.name]


# --- The file it writes -------------------------------------------------------------------------


def test_written_file_has_schema_header_and_a_comment_above_every_field(tmp_path: Path) -> None:
    target = tmp_path / "policy.yaml"
    runner.invoke(app, ["init", "--defaults", str(target)])
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# yaml-language-server: $schema=")
    schema = lines[0].split("$schema=", 1)[1]
    schema_path = (
        Path(schema.removeprefix("file://")) if schema.startswith("file://") else tmp_path / schema
    )
    assert schema_path.is_file()
    header = "\n".join(line for line in lines[:12] if line.startswith("#"))
    assert f"policygen build {target.name}" in header
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert list(data) == [name for name in Questionnaire.model_fields if name not in HAND_EDITED]
    for number, line in enumerate(lines):
        key = re.match(r"^(\s+)([a-z_]+):", line)
        if key and number > 0:
            above = lines[number - 1].strip()
            assert above.startswith("#"), f"no comment above line {number + 1}: {line}"
    assert "Keuzes: healthcare = zorg; public_sector = overheid" in "\n".join(lines).replace(
        "\n  # ", " "
    )


def test_schema_line_names_the_shipped_schema_relative_when_nearby() -> None:
    shipped = schema_file()
    assert shipped.is_file()
    assert wizard.schema_reference(shipped.parent / "policies" / "new.yaml") == f"../{shipped.name}"


def test_wording_covers_every_field_in_both_languages() -> None:
    def paths(model: type, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = []
        for name in model.model_fields:  # type: ignore[attr-defined]
            kind = shape(model, name)
            found.append((*prefix, name))
            if kind.model is not None:
                found += paths(kind.model, (*prefix, name))
        return found

    for language in ("nl", "en"):
        words = wizard.wording(language)
        for path in paths(Questionnaire, ()):
            if path == ("policygen",) or (len(path) == 1 and path[0] != "language"):
                continue
            text = words.field(path)
            assert text.get("help"), f"{language}: no help for {'.'.join(path)}"
            kind = shape(*_owner(path))
            if kind.kind not in ("model",):
                assert text.get("question"), f"{language}: no question for {'.'.join(path)}"
        for section in Questionnaire.model_fields:
            if shape(Questionnaire, section).kind == "model":
                assert words.data["sections"][section]["intro"]


def _owner(path: tuple[str, ...]) -> tuple[type, str]:
    model: type = Questionnaire
    for name in path[:-1]:
        model = shape(model, name).model  # type: ignore[assignment]
    return model, path[-1]


# --- How long an interview takes ----------------------------------------------------------------

GP_PRACTICE: dict[str, str | list[str]] = {
    "1-2 [1]": "1",
    "Hoe heet je organisatie?": "Huisartsenpraktijk De Linde",
    "In welke sector": "zorg",
    "Bij wie kunnen medewerkers terecht": "praktijkmanager",
    "Vanaf welke datum": "2026-04-01",
    "Welke rol is eigenaar van het beleid": "praktijkmanager",
    "Wil je een account toevoegen?": "j",
    "Op welk platform?": "facebook",
    "Wat is de naam van het account": "@delinde",
    "Waar is het account voor": "praktijknieuws en openingstijden",
    "Welke rol is eigenaar van het account?": "praktijkmanager",
    "Welke informatie delen medewerkers nooit": ["medische gegevens van patiënten", ""],
    "Hoe sterk stimuleert": "terughoudend",
    "Meer details?": "12",
    "Hoeveel nieuwe medewerkers": "3",
    "werven van een medewerker": "€ 4.500",
    "vertrekt per jaar": "12,5",
}
"""A 14-person GP practice: one Facebook page, guardrails only, recruitment figures for the plan."""


def questions_asked(respondent: Respondent) -> int:
    """Questions, not prompts: the next line of a list and a question asked again do not count."""
    return sum(
        1
        for before, prompt in zip(["", *respondent.prompts], respondent.prompts, strict=False)
        if prompt != before
    )


def interview_length(script: dict[str, str | list[str]], folder: Path, *, full: bool) -> int:
    respondent = Respondent(script)
    wizard.run_init(wizard.InitOptions(folder / "p.yaml", full=full), respondent, interactive=True)
    assert consistency_warnings(load(folder / "p.yaml")) == []
    return questions_asked(respondent)


def test_interview_lengths_are_the_ones_the_readme_states(tmp_path: Path) -> None:
    lengths = {}
    language_only: dict[str, str | list[str]] = {"1-2 [1]": "1"}
    for name, script, full in (
        ("minimal", language_only, False),
        ("typical", GP_PRACTICE, False),
        ("full", language_only, True),
    ):
        (tmp_path / name).mkdir()
        lengths[name] = interview_length(script, tmp_path / name, full=full)
    assert lengths["typical"] < 25, lengths
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = (
        f"a minimal interview takes {lengths['minimal']} questions, the 14-person GP practice "
        f"in `tests/test_wizard.py` {lengths['typical']}, and `--full` {lengths['full']}"
    )
    assert stated in " ".join(readme.split()), lengths


def test_update_keeps_the_comments_of_untouched_fields_when_clearing_and_adding(
    tmp_path: Path,
) -> None:
    """Clearing a field once deleted the comment of the next one; inserting moved it."""
    target = tmp_path / "policy.yaml"
    original = (
        "policygen: 1\n"
        "organisation:\n"
        "  name: Acme\n"
        "  # size comment\n"
        "  size: 40\n"
        "  # works council comment\n"
        "  works_council: true\n"
        "  contact:\n"
        "    role: communicatie\n"
        "  # after contact\n"
        "document:\n"
        "  owner: manager\n"
        "  # review comment\n"
        "  review_cycle_months: 12\n"
    )
    target.write_text(original, encoding="utf-8")
    respondent = Respondent(
        {"1-2 [1]": "", "Hoeveel medewerkers": "-", "Welk versienummer": "2.0", "Hoe heet": "No"}
    )
    wizard.run_init(
        wizard.InitOptions(target, update=True, full=True), respondent, interactive=True
    )
    text = target.read_text(encoding="utf-8")
    assert text == (
        original.replace("name: Acme", 'name: "No"')
        .replace("size: 40", "size:")
        .replace("  owner: manager\n", '  version: "2.0"\n  owner: manager\n')
    )
    assert load(target).questionnaire.organisation.name == "No"
