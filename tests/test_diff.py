"""`policygen diff`: clause sets of example variations, word marks, the employee document in the
questionnaire's language, exit codes, and refusals that write nothing."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import EXAMPLES, merged
from typer.testing import CliRunner

from policygen.cli import app
from policygen.diff import Section, compare, compare_sections
from policygen.questionnaire import load
from policygen.render import DOCUMENTS, build_facts, render_markdown
from policygen.render.clauses import expected_ids

runner = CliRunner()
DUTCH = next(e for e in EXAMPLES if "language: nl" in e.read_text(encoding="utf-8"))
ENGLISH = next(e for e in EXAMPLES if "language: en" in e.read_text(encoding="utf-8"))
LEVELS = ("restrained", "neutral", "encouraged", "ambassadors")
SECTORS = ("healthcare", "public_sector", "education", "business", "nonprofit")


def variant(tmp_path: Path, base: Path, name: str, changes: dict[str, Any]) -> Path:
    data = merged(yaml.safe_load(base.read_text(encoding="utf-8")), changes)
    data.pop("customisation", None)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def clause_ids(path: Path) -> dict[str, set[str]]:
    facts = build_facts(load(path).questionnaire, as_chapter=False)
    return {kind.key: expected_ids(facts, kind) for kind in DOCUMENTS}


def documents_text(path: Path) -> str:
    q = load(path).questionnaire
    return "".join(render_markdown(q, kind, as_chapter=False) for kind in DOCUMENTS)


VARIATIONS = [
    *(("encouragement", {"encouragement": {"level": a}}, {"encouragement": {"level": b}})
      for a, b in itertools.combinations(LEVELS, 2)),
    *(("organisation", {"organisation": {"sector": a}}, {"organisation": {"sector": b}})
      for a, b in itertools.combinations(SECTORS, 2)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("section", "before", "after"),
    VARIATIONS,
    ids=[f"{next(iter(b[s].values()))}-{next(iter(a[s].values()))}" for s, b, a in VARIATIONS],
)
def test_variations_of_an_example_differ_by_exactly_the_clauses_they_switch(
    tmp_path: Path, section: str, before: dict[str, Any], after: dict[str, Any]
) -> None:
    old = variant(tmp_path, DUTCH, "old", before)
    new = variant(tmp_path, DUTCH, "new", after)
    comparison = compare(load(old), load(new))
    assert comparison.has_changes == (documents_text(old) != documents_text(new))
    report = comparison.to_json()["documents"]
    old_ids, new_ids = clause_ids(old), clause_ids(new)
    for kind in DOCUMENTS:
        changes = report[kind.key]
        assert {c["id"] for c in changes["added"]} == new_ids[kind.key] - old_ids[kind.key]
        assert {c["id"] for c in changes["removed"]} == old_ids[kind.key] - new_ids[kind.key]
        assert changes["moved"] == []
        assert {c["id"] for c in changes["changed"]} <= old_ids[kind.key] & new_ids[kind.key]


def test_identical_versions_report_no_changes_and_exit_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(DUTCH), str(DUTCH), "--exit-code", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["changed"] is False
    assert "no changes" in result.stderr
    text = runner.invoke(app, ["diff", str(DUTCH), str(DUTCH)]).stdout
    assert "Er is niets veranderd aan de tekst van het beleid." in text


def test_a_reworded_answer_is_one_changed_sentence_with_its_new_words_marked(
    tmp_path: Path,
) -> None:
    q = yaml.safe_load(ENGLISH.read_text(encoding="utf-8"))
    tone = q["accounts"]["tone_of_voice"]
    new = variant(
        tmp_path,
        ENGLISH,
        "new",
        {
            "document": {"version": "9.1"},
            "accounts": {"tone_of_voice": tone.replace("friendly", "friendly and brief")},
        },
    )
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["diff", str(ENGLISH), str(new), "--exit-code", "--out", str(out), "-f", "md,docx"]
    )
    assert result.exit_code == 1, result.output
    written = sorted(path.name for path in out.iterdir())
    assert written == [
        "social-media-policy-v9.1-changes.docx",
        "social-media-policy-v9.1-changes.md",
    ]
    markdown = (out / "social-media-policy-v9.1-changes.md").read_text(encoding="utf-8")
    assert markdown.startswith("# What changed in version 9.1\n")
    assert (
        "**friendly and brief;**" in markdown and "**Was:** Practical and **friendly;**" in markdown
    )
    report = compare(load(ENGLISH), load(new)).to_json()["documents"]["policy"]
    tone_change = next(c for c in report["changed"] if c["id"] == "tone-of-voice")
    assert len(tone_change["sentences"]) == 1
    assert tone_change["sentences"][0]["new"].count("brief") == 1


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"organisation": {"name": "Andere Organisatie"}}, "one organisation's questionnaire"),
        ({"language": "en"}, "in the same language"),
    ],
)
def test_two_different_policies_are_refused_and_nothing_is_written(
    tmp_path: Path, changes: dict[str, Any], says: str
) -> None:
    other = variant(tmp_path, DUTCH, "other", changes)
    out = tmp_path / "out"
    result = runner.invoke(app, ["diff", str(DUTCH), str(other), "--out", str(out)])
    assert result.exit_code == 1
    assert says in result.stderr and str(other) in result.stderr
    assert not out.exists()


def test_an_invalid_version_gives_its_validate_errors_and_writes_nothing(tmp_path: Path) -> None:
    bad = Path(__file__).parent / "bad_inputs" / "invalid-sector.yaml"
    out = tmp_path / "out"
    result = runner.invoke(app, ["diff", str(DUTCH), str(bad), "--out", str(out)])
    validate = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == validate.exit_code == 1
    assert validate.stderr.strip() in result.stderr
    assert not out.exists()


def test_a_clause_under_another_parent_or_out_of_order_is_moved() -> None:
    def section(clause_id: str, parent: str | None, text: str = "Same.") -> Section:
        return Section(clause_id, clause_id.title(), parent, (text,))

    old = {s.id: s for s in [section("a", None), section("b", "a"), section("c", "a")]}
    new = {s.id: s for s in [section("a", None), section("c", "a"), section("b", None)]}
    kinds = {(c.kind, c.clause_id) for c in compare_sections(old, new)}
    assert kinds == {("moved", "b")}
