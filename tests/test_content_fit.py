"""The text fits the organisation: it follows every answer, cites only the law that applies, and
never assumes a management team, an HR department, minors or an intranet that are not there."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from tests.helpers import ACCOUNT, MINIMAL, merged, plan, policy, questionnaire, section

from policygen.errors import QuestionnaireError
from policygen.questionnaire import load_text
from policygen.questionnaire.checks import consistency_warnings
from policygen.questionnaire.choices import Approval, Platform
from policygen.render.language import labels

DUTCH_LAW = [
    "7:660",
    "Klokkenluiders",
    "Wet op de ondernemingsraden",
    "Ambtenarenwet",
    "BIG-register",
    "Archiefwet",
]
ENGLISH_DUTCH_LAW = [
    "Dutch Civil Code",
    "Works Councils Act",
    "Public Servants Act",
    "BIG register",
]
FOREIGN_PUBLIC_BODY = {
    "organisation": {"country": "BE", "sector": "public_sector", "works_council": True},
    "monitoring": {"monitors_public_posts": True},
    "accounts": {"managed": [ACCOUNT]},
}


@pytest.mark.parametrize(("language", "statutes"), [("nl", DUTCH_LAW), ("en", ENGLISH_DUTCH_LAW)])
def test_dutch_statutes_are_cited_only_for_a_dutch_organisation(
    language: str, statutes: list[str]
) -> None:
    dutch = policy({**FOREIGN_PUBLIC_BODY, "organisation": {"sector": "public_sector"}}, language)
    dutch += policy({"organisation": {"sector": "healthcare"}}, language)
    foreign = policy(FOREIGN_PUBLIC_BODY, language)
    foreign += policy({"organisation": {"country": "BE", "sector": "healthcare"}}, language)
    foreign += plan(FOREIGN_PUBLIC_BODY, language)
    assert any(statute in dutch for statute in statutes)
    assert [statute for statute in statutes if statute in foreign] == []


def test_a_british_company_gets_uk_gdpr_and_no_dutch_law() -> None:
    text = policy(
        {"organisation": {"country": "GB"}, "monitoring": {"monitors_public_posts": True}}, "en"
    )
    assert "Article 6(1)(f) UK GDPR" in text
    assert "Dutch" not in text
    assert "employment law of the United Kingdom" in section(text, "violations")
    route = section(text, "reporting-wrongdoing")
    assert "The law of the United Kingdom protects people who report wrongdoing" in route


def test_outside_the_eu_no_privacy_regulation_is_invented() -> None:
    text = policy(
        {"organisation": {"country": "US"}, "monitoring": {"monitors_public_posts": True}}, "en"
    )
    assert "The legal basis is legitimate interest." in text
    assert "GDPR" not in text


@pytest.mark.parametrize(
    ("country", "says"),
    [("UK", "is GB"), ("nl", "in capitals: NL"), ("XX", "two-letter country code")],
)
def test_a_country_is_a_known_code_in_capitals(country: str, says: str) -> None:
    with pytest.raises(QuestionnaireError, match=says):
        questionnaire({"organisation": {"country": country}})


def test_higher_education_has_adult_students_and_academic_freedom() -> None:
    text = policy({"organisation": {"sector": "education", "education_level": "higher"}})
    assert "students-and-academic-freedom" in text
    assert "{#pupils-and-students}" not in text
    for minors_only in ("minderjarig", "mentor", "ouders", "leerling"):
        assert minors_only not in text


@pytest.mark.parametrize(
    ("level", "learners", "guide"),
    [("primary", "leerlingen", "de groepsleerkracht"), ("secondary", "leerlingen", "de mentor")],
)
def test_schools_with_minors_name_their_pupils_and_who_looks_after_them(
    level: str, learners: str, guide: str
) -> None:
    text = policy({"organisation": {"sector": "education", "education_level": level}})
    pupils = section(text, "pupils-and-students")
    assert f"contact met {learners}" in pupils and f"Meld het bij {guide}" in pupils
    assert "studenten" not in pupils.replace("leerling of student", "")


def test_an_education_level_outside_education_is_named_and_ignored() -> None:
    text = yaml.safe_dump(
        merged(yaml.safe_load(MINIMAL), {"organisation": {"education_level": "higher"}})
    )
    warnings = consistency_warnings(load_text(text))
    assert any("education_level only counts for sector education" in w.message for w in warnings)


def test_a_consent_date_without_monitoring_is_named_and_ignored() -> None:
    answers = {"monitoring": {"works_council_consent_date": "2026-02-17"}}
    text = yaml.safe_dump(merged(yaml.safe_load(MINIMAL), answers))
    [warning] = [
        w for w in consistency_warnings(load_text(text)) if "works_council_consent_date" in w.field
    ]
    assert "the text ignores it" in warning.message


def test_consent_for_every_image_is_written_as_the_rule() -> None:
    by_age = section(policy({"organisation": {"sector": "education"}}), "pupils-and-students")
    always = section(
        policy(
            {"organisation": {"sector": "education"}, "private_use": {"image_consent": "always"}}
        ),
        "pupils-and-students",
    )
    assert "Voor elke foto of video" in always and "Zonder toestemming plaats je niets" in always
    assert "Voor elke foto of video" not in by_age


@pytest.mark.parametrize("language", ["nl", "en"])
def test_approval_column_never_reads_as_consent_not_needed(language: str) -> None:
    text = section(policy({"accounts": {"managed": [ACCOUNT]}}, language), "posting-and-approval")
    assert "niet nodig" not in text and "not needed" not in text
    assert "Toestemming vooraf" not in text


def test_approval_by_the_communication_team_uses_the_organisations_own_name() -> None:
    account = {**ACCOUNT, "approval": "communication_department"}
    text = policy(
        {"accounts": {"managed": [account]}, "roles": {"account_manager": "team Communicatie"}}
    )
    row = section(text, "posting-and-approval")
    assert "| Team Communicatie |" in row
    assert "afdeling Communicatie" not in row


@pytest.mark.parametrize(
    ("account", "cell", "days"),
    [
        ({"round_the_clock": True}, "24 uur, ook 's nachts en in het weekend", "elke dag"),
        ({"broadcast_only": True}, "Geen reacties, het account zendt alleen", None),
        ({}, "24 uur", "op werkdagen"),
    ],
)
def test_response_times_follow_how_the_account_is_watched(
    account: dict[str, Any], cell: str, days: str | None
) -> None:
    text = section(
        policy({"accounts": {"managed": [{**ACCOUNT, **account}]}}), "posting-and-approval"
    )
    assert f"| {cell} |" in text
    if days is None:
        assert "reactietijd" not in text and "Kun je een vraag" not in text
    else:
        assert f"De reactietijd geldt {days}" in text


def test_one_administrator_is_not_called_two_and_the_plan_advises_a_second() -> None:
    one = {"accounts": {"managed": [{**ACCOUNT, "administrators": 1}]}}
    assert "minstens twee beheerders" not in policy(one)
    advice = section(plan(one), "second-administrator")
    assert "LinkedIn Voorbeeld BV heeft nu één beheerder" in advice
    two = {"accounts": {"managed": [ACCOUNT]}}
    assert "minstens twee beheerders" in policy(two)
    assert "second-administrator" not in plan(two)


@pytest.mark.parametrize(
    ("language", "waiting", "consented"),
    [
        ("nl", "gaat pas in als de ondernemingsraad heeft ingestemd", "heeft op 17 februari 2026"),
        ("en", "only takes effect once the works council", "consented to the part about following"),
    ],
)
def test_works_council_consent_already_given_is_stated_not_awaited(
    language: str, waiting: str, consented: str
) -> None:
    monitoring: dict[str, object] = {"monitors_public_posts": True, "announced_in_advance": True}
    answers = {"organisation": {"works_council": True}, "monitoring": monitoring}
    assert waiting in section(policy(answers, language), "works-council-consent")
    monitoring["works_council_consent_date"] = "2026-02-17"
    text = section(policy(answers, language), "works-council-consent")
    assert consented in text and waiting not in text


def test_security_rules_the_questionnaire_left_open_are_flagged_in_the_plan() -> None:
    """The policy states the common practice; the plan says which of it nobody confirmed."""
    unanswered = {"accounts": {"managed": [ACCOUNT]}}
    assert "tweestapsverificatie" in policy(unanswered)
    check = section(plan(unanswered), "security-check")
    assert "tweestapsverificatie op elk account, wachtwoorden in een gedeelde" in check
    partly = {"accounts": {"managed": [ACCOUNT], "security": {"two_factor": True}}}
    check = section(plan(partly), "security-check")
    assert "tweestapsverificatie" not in check and "wachtwoordkluis" in check
    answered = {"two_factor": True, "password_manager": False, "offboarding": True}
    full = plan({"accounts": {"managed": [ACCOUNT], "security": answered}})
    assert "security-check" not in full
    assert "security-check" not in plan({}), "no accounts, no account rules"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_staff_policy_carries_no_tool_disclaimer_the_plan_does(language: str) -> None:
    staff = policy({}, language)
    assert "policygen" not in staff and "legal-review" not in staff
    assert "juridisch advies" not in staff and "legal advice" not in staff
    review = section(plan({}, language), "legal-review")
    assert "policygen" in review


def test_the_plan_asks_for_a_lawyer_who_knows_the_local_law_abroad() -> None:
    review = section(plan({"organisation": {"country": "BE"}}, "en"), "legal-review")
    assert "who knows the law of Belgium" in review
    adopted = section(plan({"document": {"approval_date": "2026-02-01"}}), "legal-review")
    assert "nieuwe versie" in adopted


SMALL_PRACTICE = {
    "organisation": {"size": 14, "sector": "healthcare"},
    "document": {"owner": "praktijkmanager", "approved_by": "de praktijkhouders"},
    "introduction": {"acknowledgement_required": True},
    "encouragement": {"training": True},
    "preconditions": {"management_support": {"status": "unknown"}},
}


def test_a_small_organisation_gets_no_management_team_hr_or_intranet() -> None:
    text = plan(SMALL_PRACTICE) + policy(SMALL_PRACTICE)
    for assumed in ("managementteam", "management", "HR", "intranet", "Intranet"):
        assert assumed not in text, assumed
    assert "De praktijkmanager houdt bij wie dat heeft gedaan" in text
    assert "bespreken de praktijkhouders en de praktijkmanager samen" in text


def test_a_large_organisation_keeps_its_management_and_hr() -> None:
    large = {**SMALL_PRACTICE, "organisation": {"size": 900}}
    text = plan(large)
    assert "HR houdt bij" in text and "het management" in text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_explicit_zero_is_a_decision_not_a_gap(language: str) -> None:
    zero = section(
        plan({"facilitation": {"hours_per_week": 0, "budget_per_year": 0}}, language),
        "facilitation",
    )
    silent = section(plan({}, language), "facilitation")
    not_yet = {"nl": "nog geen", "en": "has been set aside yet"}[language]
    assert not_yet in silent
    assert not_yet not in zero
    assert {"nl": "geen aparte werktijd", "en": "No separate working time"}[language] in zero
    assert {"nl": "geen budget", "en": "No budget"}[language] in zero


def test_mistakes_have_one_rule_take_it_down_when_it_breaks_the_policy() -> None:
    text = policy({})
    crisis = section(text, "crisis-and-escalation")
    assert "Samen bepalen we of je het weghaalt" not in crisis
    assert "Haal het dan meteen weg" in crisis and "Haal het weg" in section(text, "violations")


def test_a_public_servant_may_give_an_opinion_and_is_told_where_the_limits_are() -> None:
    text = policy({"organisation": {"sector": "public_sector"}})
    integrity = section(text, "integrity-and-neutrality")
    assert "neutraal over" not in integrity
    assert "](#political-expression)" in integrity
    assert "](#reporting-wrongdoing)" in integrity


def test_information_under_embargo_gets_its_rule() -> None:
    embargo = {"private_use": {"handles_embargoed_information": True}}
    assert "onder embargo" in section(policy(embargo), "confidential-information")
    assert "embargo" not in policy({})


def test_sensitive_roles_and_remote_teams_get_their_own_agreements() -> None:
    text = policy(
        {
            "organisation": {
                "sensitive_roles": ["handhavers", "het crisisteam"],
                "works_remotely": True,
            }
        }
    )
    assert "handhavers en het crisisteam" in section(text, "sensitive-roles")
    assert "schermafbeeldingen" in section(text, "working-remotely")
    assert "sensitive-roles" not in policy({}) and "working-remotely" not in policy({})


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_platform_and_account_choice_has_a_label(language: str) -> None:
    words = labels(language)
    assert {p.value for p in Platform} <= set(words["platform"])
    assert {a.value for a in Approval} <= set(words["approval"])


def test_a_small_organisation_reports_to_its_owner_not_to_a_manager_it_lacks() -> None:
    text = policy(SMALL_PRACTICE)
    assert "leidinggevende" not in text
    assert "Haal het weg en meld het bij de praktijkmanager." in section(text, "violations")


def test_patients_are_never_posted_even_with_consent() -> None:
    privacy = section(policy({"organisation": {"sector": "healthcare"}}), "privacy-of-others")
    assert "plaats je nooit iets, ook niet met toestemming" in privacy
    assert "of van patiënten en cliënten zonder hun toestemming" not in privacy


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_spokesperson_rule_leaves_room_for_the_assigned_account_posters(language: str) -> None:
    text = policy({"accounts": {"managed": [ACCOUNT]}}, language)
    assert "](#posting-and-approval)" in section(text, "speaking-for-the-organisation")
    assert "](#posting-and-approval)" not in section(
        policy({}, language), "speaking-for-the-organisation"
    )


def test_portrait_right_is_named_only_under_dutch_law() -> None:
    assert "portrait right" not in policy({"organisation": {"country": "GB"}}, "en")
    assert "portretrecht" in policy({})


def test_an_online_confirmation_prints_no_form_to_sign() -> None:
    online = {"introduction": {"acknowledgement_required": True, "acknowledgement": "online"}}
    text = section(policy(online), "acknowledgement")
    assert "Dat doe je online" in text and "formulier" not in text


def test_a_lost_phone_is_a_possible_data_breach_only_where_a_privacy_law_applies() -> None:
    assert "72 uur" in section(policy({}), "own-devices-and-accounts")
    us = section(policy({"organisation": {"country": "US"}}, "en"), "own-devices-and-accounts")
    assert "72 hours" not in us


@pytest.mark.parametrize("language", ["nl", "en"])
def test_people_not_employed_get_their_own_consequence(language: str) -> None:
    violations = section(policy({}, language), "violations")
    assert {"nl": "samenwerking beëindigen", "en": "end the arrangement"}[language] in violations


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_consent_rule_for_photos_is_ours_not_presented_as_the_law(language: str) -> None:
    """HR review: the law asks for a weighing, not always consent; the policy's rule is stricter."""
    text = section(policy({}, language), "portrait-rights-and-copyright")
    assert "strenger dan de wet" in text or "stricter than the law" in text
    assert "Dat heet portretrecht" not in text and "calls this portrait right" not in text


def test_no_reporting_procedure_is_assumed_outside_the_eu() -> None:
    british = {"organisation": {"country": "GB", "size": 400}}
    text = section(policy(british, "en"), "reporting-wrongdoing")
    assert "reporting procedure" not in text
    dutch = section(policy({"organisation": {"size": 400}}), "reporting-wrongdoing")
    assert "volgens de meldregeling" in dutch


def test_a_foreign_policy_names_no_dutch_good_employee_duty() -> None:
    british = policy({"organisation": {"country": "GB"}}, "en")
    assert "good employee" not in british
    assert "good employee" in policy({}, "en")
