"""The incident clauses speak to a small organisation's own situation (everyone knows each other,
one or two people do everything, the manager may be the one involved) and to a business's (its
customers, suppliers and products), and no organisation of another size or sector gets that."""

from __future__ import annotations

from typing import Any

import pytest
from tests.helpers import SECTOR_ANSWERS, merged, policy, section

SMALL = {"organisation": {"size": 14}}
LEADERS = {"nl": "de praktijkhouders", "en": "the partners"}
LARGE = {"organisation": {"size": 400}}

SECTORS = {
    **SECTOR_ANSWERS,
    "school": {"organisation": {"sector": "education", "education_level": "primary"}},
}


def _clause(language: str, clause: str, *changes: dict[str, Any]) -> str:
    answers: dict[str, Any] = {"document": {"approved_by": LEADERS[language]}}
    for change in changes:
        answers = merged(answers, change)
    return " ".join(section(policy(answers, language), clause).split())


SMALL_SAYS: dict[str, dict[str, str]] = {
    "nl": {
        "violations": "Bij Voorbeeld BV kent iedereen elkaar. Wat er in een gesprek over een "
        "overtreding gezegd wordt, blijft daarom tussen jou, de manager Communicatie en wie",
        "crisis-and-escalation": "zodat iedereen hetzelfde antwoord geeft",
        "targeted-online": "De manager Communicatie helpt je aangifte te doen en gaat mee",
        "respect-and-harassment": "Is de manager Communicatie er zelf bij betrokken? "
        "Meld het dan bij de praktijkhouders.",
        "reporting-wrongdoing": "Gaat het over de afdeling Communicatie of de praktijkhouders, "
        "of ben je bang dat collega's merken dat jij het meldde?",
    },
    "en": {
        "violations": "At Example Ltd everyone knows each other. What is said in a conversation "
        "about a breach therefore stays between you, the Head of HR and whoever",
        "crisis-and-escalation": "so that everyone gives the same answer",
        "targeted-online": "The Head of HR helps you report it to the police and goes with you",
        "respect-and-harassment": "Is the Head of HR the person involved? "
        "Then report it to the partners.",
        "reporting-wrongdoing": "Is it about the HR team or the partners, "
        "or are you afraid colleagues will notice that you reported it?",
    },
}
SIZE_CASES = [(language, clause) for language, says in SMALL_SAYS.items() for clause in says]


@pytest.mark.parametrize(("language", "clause"), SIZE_CASES)
@pytest.mark.parametrize("sector", ["healthcare", "business"])
def test_a_small_organisation_reads_who_does_what_there_and_a_large_one_does_not(
    language: str, clause: str, sector: str
) -> None:
    sentence = SMALL_SAYS[language][clause]
    assert sentence in _clause(language, clause, SECTORS[sector], SMALL)
    assert sentence not in _clause(language, clause, SECTORS[sector], LARGE)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_large_organisation_keeps_the_reference_to_who_decides(language: str) -> None:
    decides = "Wie over een maatregel beslist" if language == "nl" else "Who decides on a measure"
    assert decides in _clause(language, "violations", LARGE)
    assert decides not in _clause(language, "violations", SMALL)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_small_care_organisation_has_no_ward(language: str) -> None:
    ward = "op een afdeling" if language == "nl" else "on a ward"
    visit = "bij een huisbezoek" if language == "nl" else "on a home visit"
    small = _clause(language, "crisis-and-escalation", SECTORS["healthcare"], SMALL)
    large = _clause(language, "crisis-and-escalation", SECTORS["healthcare"], LARGE)
    assert ward not in small
    assert visit in small
    assert ward in large


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_team_answers_in_a_crisis_in_the_words_of_its_own_sector(language: str) -> None:
    desk = (
        "aan de telefoon of als ze je zien" if language == "nl" else "on the phone or when they see"
    )
    suppliers = (
        "klanten en leveranciers vragen" if language == "nl" else "customers and suppliers ask"
    )
    care = _clause(language, "crisis-and-escalation", SECTORS["healthcare"], SMALL)
    shop = _clause(language, "crisis-and-escalation", SECTORS["business"], SMALL)
    assert desk in care and desk not in shop
    assert suppliers in shop and suppliers not in care


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_union_is_offered_in_every_country_and_the_company_doctor_nowhere(
    language: str,
) -> None:
    """A company doctor is no confidential adviser for harassment (HR review): only the union."""
    doctor = "bedrijfsarts" if language == "nl" else "occupational health doctor"
    union = "vakbond" if language == "nl" else "trade union"
    dutch = _clause(language, "respect-and-harassment", SMALL)
    belgian = _clause(
        language, "respect-and-harassment", SMALL, {"organisation": {"country": "BE"}}
    )
    assert doctor not in dutch and union in dutch
    assert doctor not in belgian and union in belgian
    assert union not in _clause(language, "respect-and-harassment", LARGE)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_manager_who_also_leads_is_not_sent_to_themselves(language: str) -> None:
    owner = {"document": {"owner": "directeur", "approved_by": "directeur"}}
    text = _clause(language, "respect-and-harassment", SMALL, owner)
    involved = "er zelf bij betrokken" if language == "nl" else "the person involved"
    assert involved not in text
    assert ("vakbond" if language == "nl" else "trade union") in text


BUSINESS_SAYS: dict[str, dict[str, str]] = {
    "nl": {
        "violations": "de voorwaarden van een leverancier",
        "crisis-and-escalation": "Zegt iemand dat een product onveilig is?",
        "targeted-online": "ook stoppen met die klant",
        "reporting-wrongdoing": "steekpenningen van een leverancier",
        "paid-private-channels": "hoe lang het meegaat",
    },
    "en": {
        "violations": "a supplier's terms",
        "crisis-and-escalation": "Does someone say that a product is unsafe?",
        "targeted-online": "stop doing business with that customer",
        "reporting-wrongdoing": "bribes from a supplier",
        "paid-private-channels": "how long it lasts",
    },
}
BUSINESS_CASES = [(language, clause) for language, says in BUSINESS_SAYS.items() for clause in says]


@pytest.mark.parametrize(("language", "clause"), BUSINESS_CASES)
def test_a_business_reads_its_customers_suppliers_and_products_and_no_other_sector_does(
    language: str, clause: str
) -> None:
    sentence = BUSINESS_SAYS[language][clause]
    assert sentence in _clause(language, clause, SECTORS["business"])
    for other in SECTORS:
        if other != "business":
            assert sentence not in _clause(language, clause, SECTORS[other]), other


NEVER_PART_OF_THE_JOB: dict[str, dict[str, str]] = {
    "nl": {
        "healthcare": "ook niet als een patiënt of familielid boos of bang is",
        "public_sector": "ook niet als een inwoner boos is over een besluit",
        "school": "ook niet als een ouder zich zorgen maakt om een kind",
        "higher": "ook niet als een student het oneens is met een beoordeling",
        "business": "ook niet als het van een belangrijke klant komt",
        "nonprofit": "ook niet als het van een trouwe donateur komt",
    },
    "en": {
        "healthcare": "not even when a patient or relative is angry or frightened",
        "public_sector": "not even when a resident is angry about a decision",
        "school": "not even when a parent is worried about a child",
        "higher": "not even when a student disagrees with a mark",
        "business": "not even when it comes from an important customer",
        "nonprofit": "not even when it comes from a loyal donor",
    },
}
ANOTHER_ORGANISATION: dict[str, dict[str, str]] = {
    "nl": {
        "healthcare": "een andere zorgaanbieder waarmee je samenwerkt",
        "public_sector": "een bedrijf dat werk uitvoert voor Voorbeeld BV",
        "school": "een organisatie die lessen of uitjes voor leerlingen verzorgt",
        "higher": "een bedrijf of instelling waarmee je samen onderzoek doet",
        "business": "zoals een klant of een leverancier.",
        "nonprofit": "een partnerorganisatie",
    },
    "en": {
        "healthcare": "another care provider you work with",
        "public_sector": "a company that carries out work for Example Ltd",
        "school": "an organisation that provides lessons or trips for pupils",
        "higher": "a company or institution you do research with",
        "business": "such as a customer or a supplier.",
        "nonprofit": "a partner organisation",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("sector", list(SECTORS))
def test_each_sector_hears_harassment_is_no_part_of_its_own_work(
    language: str, sector: str
) -> None:
    sentence = NEVER_PART_OF_THE_JOB[language][sector]
    assert sentence in _clause(language, "respect-and-harassment", SECTORS[sector])
    for other in SECTORS:
        if other != sector:
            assert sentence not in _clause(language, "respect-and-harassment", SECTORS[other])


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("sector", list(SECTORS))
def test_wrongdoing_at_another_organisation_is_named_per_sector_only_under_dutch_law(
    language: str, sector: str
) -> None:
    example = ANOTHER_ORGANISATION[language][sector]
    assert example in _clause(language, "reporting-wrongdoing", SECTORS[sector])
    abroad = _clause(
        language, "reporting-wrongdoing", SECTORS[sector], {"organisation": {"country": "BE"}}
    )
    assert example not in abroad
    for other in SECTORS:
        if other != sector:
            assert example not in _clause(language, "reporting-wrongdoing", SECTORS[other])
