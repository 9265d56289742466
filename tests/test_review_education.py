"""Fixes from an HR review of the education texts: a school outside the Netherlands sends every
child protection concern to its child protection lead, a sexual image of a minor goes to child
protection and the police, and higher education states each rule once and without contradiction
(journalists, comment removal, threats, research funding, who the policy applies to)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.helpers import ACCOUNT, policy, section

IRISH_SCHOOL: dict[str, Any] = {
    "organisation": {"country": "IE", "sector": "education", "education_level": "secondary"},
    "accounts": {"managed": [ACCOUNT]},
}
DUTCH_SCHOOL: dict[str, Any] = {
    "organisation": {"sector": "education", "education_level": "secondary"},
    "accounts": {"managed": [ACCOUNT]},
}
HOGESCHOOL: dict[str, Any] = {
    "organisation": {"sector": "education", "education_level": "higher"},
    "accounts": {"managed": [ACCOUNT]},
}


def test_a_school_outside_the_netherlands_sends_any_child_protection_concern_to_its_lead() -> None:
    text = section(policy(IRISH_SCHOOL, "en"), "respect-and-harassment")
    assert "worried that a child is at risk of harm" in text
    assert "person responsible for child protection (safeguarding)" in text
    assert "personal legal duty to report" in text
    assert "Check what the law of Ireland requires of you." in text
    assert "leadership of" not in text
    dutch_words = section(policy(IRISH_SCHOOL, "nl"), "respect-and-harassment")
    assert "verantwoordelijk is voor de bescherming van kinderen" in dutch_words
    assert "Ga na wat de wet van Ierland van jou vraagt." in dutch_words
    assert "leiding van" not in dutch_words


def test_a_dutch_school_keeps_the_checked_reporting_duty_to_the_school_board() -> None:
    text = section(policy(DUTCH_SCHOOL), "respect-and-harassment")
    assert "volgens de wet meteen melden bij het schoolbestuur" in text
    assert "bescherming van kinderen" not in text


@pytest.mark.parametrize(
    ("changes", "language", "route"),
    [
        (
            IRISH_SCHOOL,
            "en",
            "Report it at once to the person responsible for child protection (safeguarding) at "
            "Example Ltd and to the police.",
        ),
        (DUTCH_SCHOOL, "nl", "Meld het meteen bij de schoolleiding en bij de politie."),
    ],
)
def test_a_sexual_image_of_a_minor_goes_to_child_protection_and_the_police(
    changes: dict[str, Any], language: str, route: str
) -> None:
    text = section(policy(changes, language), "generative-ai")
    assert route in text
    assert ("child sexual abuse material" if language == "en" else "seksueel misbruik") in text
    assert "nude image? Do not share it" not in text
    assert "naaktbeeld? Deel het niet" not in text


def test_a_company_gets_no_child_protection_route_for_fake_images() -> None:
    text = section(policy({"accounts": {"managed": [ACCOUNT]}}), "generative-ai")
    assert "politie" not in text


@pytest.mark.parametrize(
    ("language", "own_research", "not_yourself"),
    [
        (
            "nl",
            "Dan mag je als deskundige zelf antwoorden.",
            "Gaat de vraag over Voorbeeld BV zelf, bijvoorbeeld over een besluit, een incident of "
            "een student? Geef dan zelf geen inhoudelijke reactie.",
        ),
        (
            "en",
            "Then you may answer yourself, as an expert.",
            "Is the question about Example Ltd itself, for example about a decision, an incident "
            "or a student? Then do not give a response on the substance yourself.",
        ),
    ],
)
def test_higher_education_journalists_one_flow_with_the_exception_first(
    language: str, own_research: str, not_yourself: str
) -> None:
    text = section(policy(HOGESCHOOL, language), "contact-with-journalists")
    assert own_research in text
    assert not_yourself in text
    assert text.index(own_research) < text.index(not_yourself)
    assert "Vraagt een journalist naar je vak" not in text
    assert "ask about your profession" not in text
    school = section(policy(DUTCH_SCHOOL), "contact-with-journalists")
    assert "Geef dan zelf geen inhoudelijke reactie." in school
    assert "deskundige" not in school


@pytest.mark.parametrize(
    ("language", "bullet", "old"),
    [
        ("nl", "- een onderzoeker, docent of student persoonlijk aanvalt", "Dan halen we die"),
        ("en", "- attacks a researcher, lecturer or student personally", "Then we remove those"),
    ],
)
def test_higher_education_removes_a_personal_attack_by_the_one_list(
    language: str, bullet: str, old: str
) -> None:
    text = section(policy(HOGESCHOOL, language), "comment-moderation")
    assert bullet in text
    assert old not in text
    assert "(#targeted-online)" in text
    assert bullet not in section(policy(DUTCH_SCHOOL, language), "comment-moderation")


@pytest.mark.parametrize(
    ("language", "old", "new"),
    [
        ("nl", "promovendi", "onderzoekers (ook wie promoveert)"),
        ("en", "PhD candidates", "researchers (including those working towards a doctorate)"),
    ],
)
def test_a_hogeschool_names_no_doctoral_candidates_of_its_own(
    language: str, old: str, new: str
) -> None:
    text = section(policy(HOGESCHOOL, language), "who-this-applies-to")
    assert old not in text
    assert new in text


@pytest.mark.parametrize(
    ("language", "old"), [("nl", "de vertrouwenspersoon"), ("en", "the confidential adviser")]
)
def test_threats_over_research_have_one_reporting_route(language: str, old: str) -> None:
    text = policy(HOGESCHOOL, language)
    freedom = section(text, "students-and-academic-freedom")
    assert "(#targeted-online)" in freedom
    assert old not in freedom
    named = policy(
        {**HOGESCHOOL, "private_use": {"harassment_contact": "de ombudsfunctionaris"}}, language
    )
    assert "ombudsfunctionaris" not in section(named, "students-and-academic-freedom")


@pytest.mark.parametrize(
    ("language", "rule", "reference"),
    [
        ("nl", "wie het betaalt", "Ook dan noem je wie het betaalt (zie ["),
        ("en", "who funds it", "Then you also say who funds it (see ["),
    ],
)
def test_the_research_funding_rule_stands_once(language: str, rule: str, reference: str) -> None:
    text = policy(HOGESCHOOL, language)
    assert rule in section(text, "mentioning-your-employer")
    channels = section(text, "paid-private-channels")
    assert reference in channels
    assert "(#mentioning-your-employer)" in channels
    assert "Zeg er dan bij wie dat onderzoek betaalt" not in channels
    assert "say who pays for that research" not in channels


def test_an_english_school_speaks_of_a_sanction_not_a_measure() -> None:
    text = section(policy(IRISH_SCHOOL, "en"), "targeted-online")
    assert "disagrees with a mark or a sanction" in text
