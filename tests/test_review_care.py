"""Fixes from the HR review of the care policies (a 14-person GP practice, a large care group):
each test fails on the wording the reviewers found wrong."""

from __future__ import annotations

from typing import Any

import pytest
from tests.helpers import ROOT, merged, policy, section

from policygen.render.clauses import POLICY_TREE
from policygen.render.policy_facts import _DUTY_CLAUSES

CARE = {"organisation": {"sector": "healthcare"}}
SMALL_CARE = {"organisation": {"sector": "healthcare", "size": 14}}
LARGE_CARE = {"organisation": {"sector": "healthcare", "size": 400}}
LANGUAGES = ("nl", "en")


def _clause(language: str, clause: str, *changes: dict[str, Any]) -> str:
    answers: dict[str, Any] = {}
    for change in changes:
        answers = merged(answers, change)
    return " ".join(section(policy(answers, language), clause).split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_small_practice_lists_no_volunteers_and_a_large_care_group_does(language: str) -> None:
    volunteers = "vrijwilligers" if language == "nl" else "volunteers"
    assert volunteers not in _clause(language, "who-this-applies-to", SMALL_CARE)
    assert volunteers in _clause(language, "who-this-applies-to", LARGE_CARE)


def _roles(language: str, changes: dict[str, Any]) -> list[str]:
    text = section(policy(merged(SMALL_CARE, changes), language), "roles-and-responsibilities")
    return [line for line in text.splitlines() if line.startswith("| ")][2:]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_removed_clause_takes_its_duty_out_of_the_roles_table(language: str) -> None:
    new_accounts = "nieuwe accounts" if language == "nl" else "new accounts"
    manager = {"roles": {"account_manager": "praktijkmanager"}}
    kept = _roles(language, manager)
    removed = _roles(language, merged(manager, {"customisation": {"remove": ["new-accounts"]}}))
    assert any(new_accounts in row for row in kept)
    assert not any(new_accounts in row for row in removed)
    assert any(row.startswith("| Praktijkmanager |") for row in removed)  # its other duties stay
    parent = {"customisation": {"remove": ["organisation-accounts"]}}
    assert not any(new_accounts in row for row in _roles(language, merged(manager, parent)))


def test_every_duty_tied_to_a_clause_names_a_clause_that_exists() -> None:
    def ids(clause: Any) -> set[str]:
        return {clause.id}.union(*(ids(child) for child in clause.children))

    known = ids(POLICY_TREE)
    assert {c for clauses in _DUTY_CLAUSES.values() for c in clauses} <= known


@pytest.mark.parametrize(
    ("language", "leaders", "verb"),
    [("nl", "de praktijkhouders", "Beslissen over"), ("en", "the partners", "Decide on")],
)
def test_a_duty_reads_well_for_a_plural_role(language: str, leaders: str, verb: str) -> None:
    rows = _roles(language, {"roles": {"violations": leaders}})
    row = next(row for row in rows if row.startswith(f"| {leaders[0].upper()}{leaders[1:]} |"))
    assert row.split(" | ")[1].startswith(verb)
    singular = (
        ("Beslist ", "Beheert ", "Is eigenaar", "Houdt ")
        if language == "nl"
        else ("Decides ", "Manages ", "Owns ", "Follows ")
    )
    assert not any(row.split(" | ")[1].startswith(singular) for row in rows)


@pytest.mark.parametrize("language", LANGUAGES)
def test_disciplinary_law_is_for_the_big_register_only(language: str) -> None:
    codes = _clause(language, "professional-codes", CARE)
    old = (
        "kun je een tuchtklacht krijgen"
        if language == "nl"
        else "can also lead to a complaint before a disciplinary board"
    )
    assert old not in codes
    register = "in het BIG-register staat" if language == "nl" else "in the Dutch BIG register"
    law = "tuchtrecht" if language == "nl" else "disciplinary law"
    sentence = next(s for s in codes.split(". ") if law in s)
    assert register in sentence
    abroad = _clause(
        language, "professional-codes", merged(CARE, {"organisation": {"country": "BE"}})
    )
    assert law not in abroad and "tucht" not in abroad


@pytest.mark.parametrize("language", LANGUAGES)
def test_doctors_assistants_get_their_own_code_under_dutch_law(language: str) -> None:
    assert "NVDA" in _clause(language, "professional-codes", CARE)
    abroad = merged(CARE, {"organisation": {"country": "BE"}})
    assert "NVDA" not in _clause(language, "professional-codes", abroad)


@pytest.mark.parametrize("language", LANGUAGES)
def test_friend_requests_are_refused_only_from_people_known_through_care(language: str) -> None:
    text = _clause(language, "patient-confidentiality", SMALL_CARE)
    old = (
        "Je neemt geen vriendschaps- of volgverzoeken van patiënten of cliënten aan"
        if language == "nl"
        else "You do not accept friend or follow requests from patients or clients"
    )
    assert old not in text
    assert (
        "alleen via de zorg die je geeft" if language == "nl" else "only through the care"
    ) in text
    assert (
        "familie, vrienden of buren" if language == "nl" else "family, friends or neighbours"
    ) in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_asking_consent_belongs_to_colleagues_not_to_patients(language: str) -> None:
    text = _clause(language, "privacy-of-others", CARE)
    ask = "Vraag het vooraf" if language == "nl" else "Ask beforehand"
    never = "plaats je nooit iets" if language == "nl" else "You never post anything about"
    colleagues = "van collega's" if language == "nl" else "of colleagues"
    assert text.index(colleagues) < text.index(ask) < text.index(never)
    other = _clause(language, "privacy-of-others", {"organisation": {"sector": "business"}})
    assert ask in other


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_company_doctor_for_harassment_and_no_guess_about_who_pays(language: str) -> None:
    respect = _clause(language, "respect-and-harassment", SMALL_CARE)
    assert ("bedrijfsarts" if language == "nl" else "occupational health doctor") not in respect
    devices = _clause(language, "own-devices-and-accounts", SMALL_CARE)
    assert ("betalingen" if language == "nl" else "makes the payments") not in devices
    assert ("nummer dat je al had" if language == "nl" else "number you already had") in devices


@pytest.mark.parametrize("language", LANGUAGES)
def test_online_complaints_and_reviews_have_one_rule_in_patient_confidentiality(
    language: str,
) -> None:
    speaking = _clause(language, "speaking-for-the-organisation", CARE)
    assert ("vriendelijk weten" if language == "nl" else "kindly") not in speaking
    assert "(#patient-confidentiality)" in speaking
    rule = _clause(language, "patient-confidentiality", CARE)
    review = "beoordeling" if language == "nl" else "review"
    assert review in rule and "e-mail" not in rule
    assert ("per telefoon" if language == "nl" else "by phone") in rule
    assert "e-mail" not in _clause(
        language, "tone-of-voice", CARE, {"accounts": {"managed": [_ACCOUNT]}}
    )
    school = {"organisation": {"sector": "education", "education_level": "primary"}}
    assert ("vriendelijk weten" if language == "nl" else "kindly") in _clause(
        language, "speaking-for-the-organisation", school
    )


_ACCOUNT = {
    "platform": "facebook",
    "handle": "Voorbeeld",
    "url": "https://www.facebook.com/voorbeeld",
    "purpose": "nieuws",
    "owner": "praktijkmanager",
    "response_time_hours": 24,
}


def test_the_example_practices_own_review_clause_refers_to_the_one_rule() -> None:
    own = (ROOT / "examples" / "huisartsenpraktijk-de-brug" / "online-beoordelingen.md").read_text(
        encoding="utf-8"
    )
    assert "Je reageert niet zelf op een beoordeling" not in own
    assert "(#patient-confidentiality)" in own


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_small_care_organisation_has_no_front_desk_in_a_crisis(language: str) -> None:
    text = _clause(language, "crisis-and-escalation", SMALL_CARE)
    assert ("balie" if language == "nl" else "at the desk") not in text
    assert ("aan de telefoon" if language == "nl" else "on the phone") in text
