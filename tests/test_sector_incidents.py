"""The incident clauses (violations, crisis, attacks, harassment, paid channels) speak to each
sector's own situations: every sector gets its own sentence, and no other sector gets it."""

from __future__ import annotations

from typing import Any

import pytest
from tests.helpers import SECTOR_ANSWERS, policy, section

SECTORS = SECTOR_ANSWERS

SAYS: dict[str, dict[str, dict[str, str]]] = {
    "nl": {
        "violations": {
            "healthcare": "tuchtcollege voor de gezondheidszorg",
            "public_sector": "schending van de integriteit",
            "school": "een ouder die helpt bij een uitje",
            "higher": "nooit een reden voor een maatregel",
            "business": "afspraken over geheimhouding",
            "nonprofit": "het vertrouwen van donateurs",
        },
        "crisis-and-escalation": {
            "healthcare": "een incident in de wachtkamer",
            "public_sector": "crisisorganisatie van de veiligheidsregio",
            "school": "een vechtpartij op het schoolplein",
            "higher": "online geen afstand van die collega",
            "business": "geen korting of vergoeding",
            "nonprofit": "het geld van donateurs besteedt",
        },
        "targeted-online": {
            "healthcare": "bij huisbezoeken",
            "public_sector": "op brieven en besluiten",
            "school": "het niet eens is met een cijfer",
            "higher": "wetenschapveilig.nl",
            "business": "van een ontevreden klant",
            "nonprofit": "dezelfde hulp als een medewerker",
        },
        "respect-and-harassment": {
            "healthcare": "hoe lastig een dienst ook was",
            "public_sector": "een aanvraag, klacht of bezwaar",
            "school": "vertrouwensinspecteur",
            "higher": "Een scherp debat over je vak mag.",
            "business": "concurrenten maak je online niet belachelijk",
            "nonprofit": "het niet eens zijn met het doel",
        },
        "paid-private-channels": {
            "healthcare": "met je beroep als aanbeveling",
            "public_sector": "een subsidie of een aanbesteding",
            "school": "zoals bijles of lesmateriaal",
            "higher": "Praat je op je kanaal over je onderzoek?",
            "business": "dat je hier werkt",
            "nonprofit": "zamelt via je kanaal geen geld in",
        },
    },
    "en": {
        "violations": {
            "healthcare": "disciplinary tribunal for healthcare",
            "public_sector": "a breach of integrity",
            "school": "a parent who helps on a school trip",
            "higher": "never in itself a reason for a measure",
            "business": "confidentiality terms",
            "nonprofit": "the trust of donors",
        },
        "crisis-and-escalation": {
            "healthcare": "an incident in the waiting room",
            "public_sector": "crisis organisation of the safety region",
            "school": "a fight in the playground",
            "higher": "does not distance itself online from that colleague",
            "business": "a discount or compensation",
            "nonprofit": "spends donors' money",
        },
        "targeted-online": {
            "healthcare": "on home visits",
            "public_sector": "on letters and decisions",
            "school": "disagrees with a mark",
            "higher": "wetenschapveilig.nl",
            "business": "from a dissatisfied customer",
            "nonprofit": "the same help as an employee",
        },
        "respect-and-harassment": {
            "healthcare": "however hard a shift was",
            "public_sector": "an application, complaint or objection",
            "school": "confidential inspector",
            "higher": "A sharp debate about your field is fine.",
            "business": "ridicule customers, suppliers or competitors",
            "nonprofit": "disagree with the cause",
        },
        "paid-private-channels": {
            "healthcare": "on the strength of your profession",
            "public_sector": "a permit, a grant or a tender",
            "school": "such as private tutoring or teaching materials",
            "higher": "Do you talk about your research on your channel?",
            "business": "always say that you work here",
            "nonprofit": "raise money for",
        },
    },
}

CASES = [
    (language, clause, sector)
    for language, clauses in SAYS.items()
    for clause, by_sector in clauses.items()
    for sector in by_sector
]


def _clause(language: str, clause: str, sector: str, **organisation: Any) -> str:
    changes = {"organisation": {**SECTORS[sector]["organisation"], **organisation}}
    return " ".join(section(policy(changes, language), clause).split())


@pytest.mark.parametrize(("language", "clause", "sector"), CASES)
def test_each_sector_reads_its_own_situation_and_no_other_sector_does(
    language: str, clause: str, sector: str
) -> None:
    sentence = SAYS[language][clause][sector]
    assert sentence in _clause(language, clause, sector)
    for other in SECTORS:
        if other != sector:
            assert sentence not in _clause(language, clause, other), other


DUTCH_ONLY = [
    ("violations", "healthcare", {"nl": "tuchtcollege", "en": "BIG register"}),
    ("crisis-and-escalation", "public_sector", {"nl": "veiligheidsregio", "en": "safety region"}),
    ("crisis-and-escalation", "healthcare", {"nl": "Inspectie", "en": "Inspectorate"}),
    ("respect-and-harassment", "school", {"nl": "vertrouwensinspecteur", "en": "Inspectorate"}),
    ("targeted-online", "higher", {"nl": "wetenschapveilig", "en": "wetenschapveilig"}),
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("clause", "sector", "dutch"), DUTCH_ONLY)
def test_dutch_bodies_and_duties_are_named_only_for_a_dutch_organisation(
    language: str, clause: str, sector: str, dutch: dict[str, str]
) -> None:
    assert dutch[language] in _clause(language, clause, sector)
    assert dutch[language] not in _clause(language, clause, sector, country="BE")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_school_abroad_is_told_to_report_abuse_and_to_check_local_law(language: str) -> None:
    text = _clause(language, "respect-and-harassment", "school", country="BE")
    assert ("wat de wet van België" if language == "nl" else "what the law of Belgium") in text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_care_staff_may_not_film_where_patients_are_even_with_consent(language: str) -> None:
    care = _clause(language, "paid-private-channels", "healthcare")
    other = _clause(language, "paid-private-channels", "business")
    everyone_agrees = "iedereen in beeld" if language == "nl" else "everyone in the picture"
    assert everyone_agrees not in care
    assert everyone_agrees in other
