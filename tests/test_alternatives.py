"""One rule, one place (issue 10, item 5): clauses the registry marks as alternatives never
appear together, in any example's policy or in any generated variation."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tests.conftest import EXAMPLES
from tests.hardening import questionnaires
from tests.test_policy_clauses import EVERY_OFFER, LEVELS, anchor_ids, questionnaire
from tests.test_properties import rendered

from policygen.questionnaire import load
from policygen.questionnaire.model import Questionnaire
from policygen.render import POLICY, render_markdown
from policygen.render.clauses import ALTERNATIVES, placed_clauses


def together(ids: list[str]) -> list[tuple[str, str]]:
    """The pairs of alternatives that both appear among these anchor ids."""
    return [pair for pair in ALTERNATIVES if set(pair) <= set(ids)]


def test_alternatives_name_policy_clauses() -> None:
    registered = {placed.clause.id for placed in placed_clauses(POLICY)}
    for pair in ALTERNATIVES:
        assert set(pair) <= registered, pair
        assert pair[0] != pair[1]


def test_the_scan_finds_a_pair() -> None:
    assert together(["summary", "guardrails", "your-choice"]) == [("guardrails", "your-choice")]


def _variations() -> list[Questionnaire]:
    """Every sector, level, works council and account choice, with every offer made."""
    account = {"platform": "linkedin", "handle": "Voorbeeld", "purpose": "nieuws", "owner": "HR"}
    found = []
    for sector, level, council, accounts in itertools.product(
        ("healthcare", "public_sector", "education", "business", "nonprofit"),
        LEVELS,
        (True, False),
        ([], [account]),
    ):
        changes: dict[str, Any] = {
            "organisation": {"sector": sector, "works_council": council},
            "encouragement": {**EVERY_OFFER, "level": level},
            "monitoring": {"monitors_public_posts": council},
            "accounts": {"managed": accounts},
        }
        found.append(questionnaire(changes))
    return found


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_no_example_states_a_rule_twice(example: Any) -> None:
    ids = anchor_ids(render_markdown(load(example).questionnaire, POLICY))
    assert together(ids) == []


def test_no_variation_states_a_rule_twice() -> None:
    for q in _variations():
        assert together(anchor_ids(render_markdown(q, POLICY))) == [], q.organisation


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questionnaires())
def test_no_generated_questionnaire_states_a_rule_twice(data: Any) -> None:
    documents = rendered(data)
    if documents is not None:
        policy_markdown = documents[0][0]
        assert together(anchor_ids(policy_markdown)) == []
