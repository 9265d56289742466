"""An organisation adapts the policy: clauses removed, replaced by its own text, or added.

Its clause files are untrusted: read only from inside the questionnaire's folder and within the
limits, rendered with the documented placeholders only, their markup kept inert.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from tests.conftest import MINIMAL
from typer.testing import CliRunner

from policygen.build import render_outputs
from policygen.cli import app
from policygen.errors import QuestionnaireError
from policygen.options import BuildOptions
from policygen.questionnaire import load
from policygen.render import PLAN, POLICY, build_facts, render_markdown
from policygen.render.clauses import inspect_questionnaire, read_customisation
from policygen.render.customisation import MAX_CLAUSE_BYTES, PLACEHOLDERS

runner = CliRunner()
ENGLISH = MINIMAL.replace("language: nl", "language: en").replace(
    "afdeling Communicatie", "the HR team"
)
_ANCHOR = re.compile(r"^#{1,6} .*\{#([a-z0-9-]+)\}$", re.MULTILINE)

PUPILS = """\
## Pupils and parents

At {{ organisation_name }} we ask the parents' consent **for every photo** of a pupil.

- Photos of pupils only go on the school's own channels.
"""
CRISIS_24_7 = """\
## Our crisis account never sleeps

The crisis account is watched **around the clock**. Call {{ contact_role }} when in doubt.
"""


def questionnaire(
    folder: Path, customisation: str, files: dict[str, str], text: str = MINIMAL
) -> Path:
    """A questionnaire with a ``customisation`` section and its clause files, in ``folder``."""
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    path = folder / "policy.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "customisation:\n" + customisation, encoding="utf-8")
    return path


def policy_of(path: Path, *, as_chapter: bool = False) -> str:
    loaded = load(path)
    adaptations = read_customisation(loaded)
    facts = build_facts(loaded.questionnaire, as_chapter=as_chapter, adaptations=adaptations)
    return render_markdown(loaded.questionnaire, POLICY, facts=facts)


def plan_of(path: Path) -> str:
    loaded = load(path)
    facts = build_facts(loaded.questionnaire, adaptations=read_customisation(loaded))
    return render_markdown(loaded.questionnaire, PLAN, facts=facts)


def ids(markdown: str) -> list[str]:
    return _ANCHOR.findall(markdown)


def refusal(path: Path) -> str:
    with pytest.raises(QuestionnaireError) as raised:
        read_customisation(load(path))
    return str(raised.value)


@pytest.mark.parametrize("text", [MINIMAL, ENGLISH], ids=["nl", "en"])
def test_remove_takes_the_clause_and_its_subsections(tmp_path: Path, text: str) -> None:
    plain = ids(policy_of(questionnaire(tmp_path, "  remove: []\n", {}, text)))
    path = questionnaire(tmp_path, "  remove: [contact-with-journalists, monitoring]\n", {}, text)
    adapted = ids(policy_of(path))
    assert "contact-with-journalists" in plain and "monitoring-limits" in plain
    gone = {"contact-with-journalists", "monitoring", "monitoring-limits"}
    assert set(plain) - set(adapted) == gone
    assert [clause for clause in plain if clause not in gone] == adapted


@pytest.mark.parametrize("text", [MINIMAL, ENGLISH], ids=["nl", "en"])
def test_replace_keeps_the_id_and_place_and_uses_the_own_title(tmp_path: Path, text: str) -> None:
    text = text.replace("organisation:\n", "organisation:\n  sector: education\n")
    path = questionnaire(
        tmp_path,
        "  replace:\n    pupils-and-students: clauses/pupils.md\n",
        {"clauses/pupils.md": PUPILS},
        text,
    )
    markdown = policy_of(path)
    plain = ids(policy_of(questionnaire(tmp_path / "x", "  remove: []\n", {}, text)))
    assert ids(markdown) == plain
    section = markdown.split("{#pupils-and-students}")[1].split("\n## ")[0]
    heading = next(line for line in markdown.splitlines() if "{#pupils-and-students}" in line)
    assert re.match(r"^## \d+ Pupils and parents \{#pupils-and-students\}$", heading)
    assert "At Voorbeeld BV we ask the parents' consent **for every photo**" in section
    assert "16" not in section  # the built-in age rule is gone


def test_replace_without_a_heading_keeps_the_built_in_title(tmp_path: Path) -> None:
    path = questionnaire(
        tmp_path,
        "  replace:\n    violations: violations.md\n",
        {"violations.md": "Wie zich niet aan dit beleid houdt, spreekt de directeur."},
    )
    markdown = policy_of(path)
    assert re.search(
        r"^## \d+ Als je je niet aan de afspraken houdt \{#violations\}$", markdown, re.M
    )
    assert "Wie zich niet aan dit beleid houdt, spreekt de directeur." in markdown
    assert "tot en met ontslag" not in markdown


@pytest.mark.parametrize("as_chapter", [False, True], ids=["standalone", "chapter"])
def test_add_places_the_clause_after_its_anchor_and_numbers_it(
    tmp_path: Path, as_chapter: bool
) -> None:
    path = questionnaire(
        tmp_path,
        "  add:\n    - after: crisis-and-escalation\n      file: clauses/crisis-account-24-7.md\n"
        "    - after: crisis-account-24-7\n      file: clauses/night.md\n",
        {
            "clauses/crisis-account-24-7.md": CRISIS_24_7,
            "clauses/night.md": "## Nachtdienst\n\nTekst.",
        },
        MINIMAL.replace("document:", "communication_policy:\n  chapter: 4\ndocument:"),
    )
    markdown = policy_of(path, as_chapter=as_chapter)
    order = ids(markdown)
    crisis = order.index("crisis-and-escalation")
    assert order[crisis + 1 : crisis + 3] == ["crisis-account-24-7", "night"]
    heading = next(
        line for line in markdown.splitlines() if line.endswith("{#crisis-account-24-7}")
    )
    number = re.escape("4.") if as_chapter else ""
    hashes = "###" if as_chapter else "##"
    assert re.match(rf"^{hashes} {number}\d+ Our crisis account never sleeps", heading)
    assert "Call de afdeling Communicatie when in doubt." in markdown


def test_the_plan_lists_every_departure_from_the_standard_text(tmp_path: Path) -> None:
    path = questionnaire(
        tmp_path,
        "  remove: [contact-with-journalists]\n"
        "  replace:\n    violations: clauses/violations.md\n"
        "  add:\n    - after: crisis-and-escalation\n      file: clauses/crisis-account-24-7.md\n",
        {"clauses/violations.md": "Eigen tekst.", "clauses/crisis-account-24-7.md": CRISIS_24_7},
    )
    plan = plan_of(path)
    rows = [
        line
        for line in plan.split("{#policy-adaptations}")[1].split("\n#")[0].splitlines()
        if line.startswith("| ")
    ]
    assert rows[2:] == [
        "| Contact met journalisten | weggelaten | – |",
        "| Als je je niet aan de afspraken houdt | vervangen door een eigen tekst | clauses/violations.md |",
        "| Our crisis account never sleeps | toegevoegd, na ‘Crisis en escalatie’ | clauses/crisis-account-24-7.md |",
    ]
    assert "policy-adaptations" not in ids(
        plan_of(questionnaire(tmp_path / "x", "  remove: []\n", {}))
    )


def test_removing_a_referenced_clause_warns_and_leaves_no_dead_link(tmp_path: Path) -> None:
    text = MINIMAL + "encouragement:\n  level: restrained\n"
    path = questionnaire(tmp_path, "  remove: [guardrails]\n", {}, text)
    _, warnings = inspect_questionnaire(load(path))
    assert any("'our-stance' refers to 'guardrails', which is removed" in str(w) for w in warnings)
    markdown = policy_of(path)
    assert "](#guardrails)" not in markdown and "Grenzen bij werkonderwerpen" in markdown


def test_adapting_a_clause_these_answers_never_show_warns(tmp_path: Path) -> None:
    path = questionnaire(
        tmp_path,
        "  replace:\n    pupils-and-students: clauses/pupils.md\n",
        {"clauses/pupils.md": PUPILS},
    )
    _, warnings = inspect_questionnaire(load(path))
    assert [w.field for w in warnings] == ["customisation.replace.pupils-and-students"]
    assert "does not appear for these answers" in warnings[0].message


# Each row: the customisation section, its files, the field and message the error must give.
REFUSED = [
    pytest.param("  remove: [contact-with-journalist]\n", {}, "customisation.remove[0]", "did you mean 'contact-with-journalists'", id="unknown-id"),
    pytest.param("  remove: [zzzz]\n", {}, "customisation.remove[0]", "docs/clauses.md lists the clause ids", id="unknown-id-no-match"),
    pytest.param("  replace:\n    summary: /etc/passwd\n", {}, "customisation.replace.summary", "absolute path", id="absolute"),
    pytest.param("  replace:\n    summary: ../outside.md\n", {"../outside.md": "x"}, "customisation.replace.summary", "leaves the questionnaire's folder", id="dot-dot"),
    pytest.param("  replace:\n    summary: missing.md\n", {}, "customisation.replace.summary", "file not found: 'missing.md'", id="missing"),
    pytest.param("  replace:\n    summary: big.md\n", {"big.md": "x" * (MAX_CLAUSE_BYTES + 1)}, "customisation.replace.summary", "at most 64 KiB", id="too-big"),
    pytest.param("  replace:\n    summary: dir\n", {"dir/x.md": "x"}, "customisation.replace.summary", "this is a folder, not a clause file", id="folder"),
    pytest.param("  replace:\n    summary: s.md\n", {"s.md": "{{ ''.__class__.__mro__ }}"}, "customisation.replace.summary", "is not a placeholder", id="sandbox-escape"),
    pytest.param("  replace:\n    summary: s.md\n", {"s.md": "{% include '/etc/passwd' %}"}, "customisation.replace.summary", "only placeholders are allowed", id="include"),
    pytest.param("  replace:\n    summary: s.md\n", {"s.md": "{{ secret }}"}, "customisation.replace.summary", "'secret' is not a placeholder", id="unknown-placeholder"),
    pytest.param("  replace:\n    summary: s.md\n", {"s.md": "{{ organisation_name | upper }}"}, "customisation.replace.summary", "is not a placeholder", id="filter"),
    pytest.param("  replace:\n    summary: s.md\n", {"s.md": "{{ oops"}, "customisation.replace.summary", "line 1", id="syntax"),
    pytest.param("  replace:\n    summary: s.md\n", {"s.md": "## 3.2 In het kort\n\nTekst."}, "customisation.replace.summary", "leave the number out of the title", id="numbered-title"),
    pytest.param("  replace:\n    summary: s.md\n", {"s.md": "Tekst.\n\n## Tweede kop\n"}, "customisation.replace.summary", "one heading, on its first line", id="second-heading"),
    pytest.param("  replace:\n    summary: s.md\n", {"s.md": "Tekst\n---\n"}, "customisation.replace.summary", "turns the line above into a heading", id="setext"),
    pytest.param("  replace:\n    summary: s.md\n", {"s.md": "![x](http://example.org/x.png)"}, "customisation.replace.summary", "images are not supported", id="image"),
    pytest.param("  replace:\n    summary: s.md\n", {"s.md": "[klik](javascript:alert(1))"}, "customisation.replace.summary", "not to 'javascript:alert(1'", id="javascript-link"),
    pytest.param("  replace:\n    summary: s.md\n", {"s.md": "[klik][x]\n\n[x]: file:///etc/passwd"}, "customisation.replace.summary", "not to 'file:///etc/passwd'", id="file-link-definition"),
    pytest.param("  replace:\n    summary: s.md\n  remove: [summary]\n", {"s.md": "x"}, "customisation.replace.summary", "is also removed", id="removed-and-replaced"),
    pytest.param("  add:\n    - after: summary\n      file: summary.md\n", {"summary.md": "## X\n\nx"}, "customisation.add[0].file", "'summary', which is already taken", id="id-taken"),
    pytest.param("  add:\n    - after: summary\n      file: extra.md\n", {"extra.md": "Geen kop."}, "customisation.add[0].file", "needs a heading on its first line", id="added-without-heading"),
    pytest.param("  add:\n    - after: sumary\n      file: extra.md\n", {"extra.md": "## X\n\nx"}, "customisation.add[0].after", "did you mean 'summary'", id="add-after-unknown"),
]  # fmt: skip


@pytest.mark.parametrize(("section", "files", "field", "says"), REFUSED)
def test_refused_adaptations_say_where_and_why(
    tmp_path: Path, section: str, files: dict[str, str], field: str, says: str
) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    path = questionnaire(folder, section, {})
    message = refusal(path)
    assert re.search(rf"policy\.yaml:\d+:\d+: {re.escape(field)}: .*{re.escape(says)}", message), (
        message
    )


def test_a_symlink_that_leaves_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("geheim", encoding="utf-8")
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "clause.md").symlink_to(tmp_path / "secret.md")
    path = questionnaire(folder, "  replace:\n    summary: clause.md\n", {})
    assert "is a link that leaves its folder" in refusal(path)


def test_invalid_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "s.md").write_bytes(b"Regel een.\nRegel \xff twee.\n")
    path = questionnaire(tmp_path, "  replace:\n    summary: s.md\n", {})
    assert "'s.md' line 2 is not valid UTF-8" in refusal(path)


def test_hostile_markup_stays_text(tmp_path: Path) -> None:
    hostile = (
        "<script>alert(1)</script> and <img src=http://127.0.0.1:9/x.png> "
        "and a paragraph that sets an id {: #summary } and {{ organisation_name }}"
    )
    path = questionnaire(tmp_path, "  replace:\n    violations: v.md\n", {"v.md": hostile})
    files, _ = render_outputs(load(path), BuildOptions(formats=("md", "html")))
    page = next(
        data
        for name, data in files.items()
        if name.endswith(".html") and "implementatie" not in name
    ).decode()
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count('id="summary"') == 1
    assert "{: #summary } and Voorbeeld BV" in page


def test_placeholder_without_a_value_names_the_file(tmp_path: Path) -> None:
    from policygen.errors import RenderError

    text = MINIMAL.replace("  effective_date: 2026-03-01\n", "")
    path = questionnaire(
        tmp_path,
        "  replace:\n    violations: v.md\n",
        {"v.md": "Sinds {{ effective_date }}."},
        text,
    )
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    with pytest.raises(
        RenderError, match=r"v\.md: the placeholder \{\{ effective_date \}\} has no value"
    ):
        policy_of(path)


def test_every_placeholder_is_a_fact_of_the_policy() -> None:
    from policygen.questionnaire import load_text

    names = build_facts(load_text(MINIMAL).questionnaire).names(POLICY)
    assert set(PLACEHOLDERS) <= set(names)


def test_validate_reports_customisation_errors_and_builds_nothing(tmp_path: Path) -> None:
    path = questionnaire(tmp_path, "  replace:\n    summary: missing.md\n", {})
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "customisation.replace.summary: file not found" in result.output
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "--out", str(out), "-f", "md"])
    assert result.exit_code == 1
    assert not any(out.rglob("*.md"))
