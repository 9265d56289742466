"""The clause registry is the one source: every clause has its text in both languages, at the
registry's level, with the same Jinja skeleton, and every switch is a true/false fact."""

from __future__ import annotations

import re
from dataclasses import fields

import pytest
from tests.conftest import MINIMAL

from policygen.questionnaire import load_text
from policygen.render import DOCUMENTS, DocumentKind, build_facts
from policygen.render.clauses import LANGUAGES, TREES, placed_clauses
from policygen.render.facts import switches
from policygen.render.texts import clause_source, template_name
from policygen.resources import templates_dir

_TAG = re.compile(r"\{%-?\s*(.*?)\s*-?\+?%\}")


@pytest.mark.parametrize("kind", DOCUMENTS, ids=lambda kind: kind.key)
def test_ids_are_unique_and_start_with_the_document(kind: DocumentKind) -> None:
    ids = [placed.clause.id for placed in placed_clauses(kind)]
    assert len(ids) == len(set(ids))
    assert ids[0] == kind.document_id == TREES[kind.key].id


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", DOCUMENTS, ids=lambda kind: kind.key)
def test_every_clause_has_a_text_at_its_level(kind: DocumentKind, language: str) -> None:
    for placed in placed_clauses(kind):
        text = clause_source(language, kind, placed.clause.id)
        assert text.level == placed.level, template_name(language, kind, placed.clause.id)
        assert text.title


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", DOCUMENTS, ids=lambda kind: kind.key)
def test_no_text_without_a_clause(kind: DocumentKind, language: str) -> None:
    registered = {placed.clause.id for placed in placed_clauses(kind)}
    on_disk = {
        path.name.removesuffix(".md.j2")
        for path in (templates_dir() / language / kind.key).iterdir()
    }
    assert on_disk == registered


@pytest.mark.parametrize("kind", DOCUMENTS, ids=lambda kind: kind.key)
def test_languages_share_each_clause_skeleton(kind: DocumentKind) -> None:
    """A translation changes wording only: the same tags, in the same order, in every language."""
    for placed in placed_clauses(kind):
        skeletons = {
            language: _TAG.findall(clause_source(language, kind, placed.clause.id).body)
            for language in LANGUAGES
        }
        assert skeletons["nl"] == skeletons["en"], placed.clause.id


@pytest.mark.parametrize("kind", DOCUMENTS, ids=lambda kind: kind.key)
def test_every_switch_is_a_true_or_false_fact(kind: DocumentKind) -> None:
    facts = build_facts(load_text(MINIMAL).questionnaire)
    used = {placed.clause.when for placed in placed_clauses(kind)} - {None}
    assert used <= set(switches(kind))
    names = facts.names(kind)
    for name in switches(kind):
        assert isinstance(names[name], bool), name


def test_every_switch_switches_a_clause() -> None:
    used = {placed.clause.when for kind in DOCUMENTS for placed in placed_clauses(kind)}
    documented = {name for kind in DOCUMENTS for name in switches(kind)}
    assert documented == used - {None}


def test_document_groups_do_not_shadow_shared_facts() -> None:
    facts = build_facts(load_text(MINIMAL).questionnaire)
    shared = {item.name for item in fields(facts.shared)}
    for group in (facts.policy, facts.plan):
        assert shared.isdisjoint(item.name for item in fields(group))
