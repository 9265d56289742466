"""Six everyday clauses speak to the reader's own sector (issue 10, item 8): reporting wrongdoing,
being filmed at work, the principles, chat groups, portrait rights and confidential information
each name the sector's own situations, and never another sector's."""

from __future__ import annotations

import pytest
from tests.helpers import SECTOR_ANSWERS, assert_each_sector_alone, policy, section

SECTORS = SECTOR_ANSWERS

SAYS = {
    "reporting-wrongdoing": {
        "nl": {
            "healthcare": "onveilige zorg, het verwaarlozen van patiënten en cliënten",
            "public_sector": "misbruik van belastinggeld, belangenverstrengeling",
            "school": "een onveilige situatie voor leerlingen",
            "higher": "fraude met onderzoek, examens of diploma's",
            "business": "verboden afspraken met concurrenten over prijzen",
            "nonprofit": "misbruik van giften",
        },
        "en": {
            "healthcare": "unsafe care, neglect of patients and clients",
            "public_sector": "misuse of public money, a conflict of interest",
            "school": "an unsafe situation for pupils",
            "higher": "fraud in research, exams or degrees",
            "business": "unlawful price agreements with competitors",
            "nonprofit": "misuse of donations",
        },
    },
    "principles": {
        "nl": {
            "healthcare": "Je beroepsgeheim geldt online net zo",
            "public_sector": "Als ambtenaar werk je voor alle inwoners.",
            "school": "Voor leerlingen ben je ook online een voorbeeld.",
            "higher": "zorgvuldig met feiten en bronnen omgaat",
            "business": "Wat je weet over klanten, prijzen en plannen, houd je voor je",
            "nonprofit": "Donateurs en vrijwilligers geven ons hun geld en tijd",
        },
        "en": {
            "healthcare": "Your professional secrecy applies online too",
            "public_sector": "As a public servant you work for all residents.",
            "school": "You are a role model for pupils, online too.",
            "higher": "handle facts and sources with care",
            "business": "What you know about customers, prices and plans, you keep to yourself",
            "nonprofit": "Donors and volunteers give us their money and time",
        },
    },
    "messaging-groups": {
        "nl": {
            "healthcare": "in het dossier of in een beveiligd systeem",
            "public_sector": "bijvoorbeeld in een buurtapp",
            "school": "App dus nooit één op één privé met een van de leerlingen.",
            "higher": "Studenten hebben vaak eigen appgroepen",
            "business": "ook geen prijzen, offertes of contracten",
            "nonprofit": "ook geen lijsten met namen of bedragen van giften",
        },
        "en": {
            "healthcare": "in their record or in a secure system",
            "public_sector": "in a neighbourhood chat group",
            "school": "So never chat one to one in private with any of the pupils.",
            "higher": "Students often have their own group chats",
            "business": "nor prices, quotes or contracts",
            "nonprofit": "not even lists of names or amounts donated",
        },
    },
    "portrait-rights-and-copyright": {
        "nl": {
            "healthcare": "Een patiënt in de wachtkamer",
            "public_sector": "zoals een inloopavond of een opening",
            "school": "bij een schoolfeest staan al snel leerlingen",
            "higher": "een practicum of een open dag staan al snel studenten",
            "business": "Het logo of de naam van een klant gebruik je alleen",
            "nonprofit": "mensen in een kwetsbare situatie",
        },
        "en": {
            "healthcare": "A patient in the waiting room",
            "public_sector": "such as an open evening or an opening",
            "school": "at a school party soon shows pupils",
            "higher": "a practical or an open day soon shows students",
            "business": "You only use a customer's logo or name",
            "nonprofit": "people in a vulnerable situation",
        },
    },
    "confidential-information": {
        "nl": {
            "healthcare": "Gegevens over iemands gezondheid zijn extra gevoelig.",
            "public_sector": "Bij de overheid weet je vaak eerder dan anderen",
            "school": "zoals een scheiding, een ziekte of geldzorgen",
            "higher": "afspraken gemaakt over geheimhouding van onderzoek",
            "business": "Prijzen, klanten en plannen zijn voor concurrenten veel waard.",
            "nonprofit": "Wie een gift geeft en hoeveel, deel je nooit",
        },
        "en": {
            "healthcare": "Information about someone's health is especially sensitive.",
            "public_sector": "Working in the public sector, you often know before others",
            "school": "such as a divorce, an illness or money worries",
            "higher": "agreed with a client or partner to keep research confidential",
            "business": "Prices, customers and plans are worth a lot to competitors.",
            "nonprofit": "You never share who gives a donation and how much",
        },
    },
}

FILMED = {
    "nl": {
        "healthcare": "in de spreekkamer, aan de balie of bij iemand thuis",
        "public_sector": "bij een huisbezoek of bij een controle op straat",
        "school": "over telefoons in de klas",
        "higher": "Neemt een student een college op",
    },
    "en": {
        "healthcare": "in the consulting room, at the front desk or in someone's home",
        "public_sector": "on a home visit or during an inspection in the street",
        "school": "on phones in class",
        "higher": "Does a student record a lecture",
    },
}
"""Only sectors that meet the public get the clause; business and nonprofit have none."""


def _sections(clause: str, language: str) -> dict[str, str]:
    return {name: section(policy(answers, language), clause) for name, answers in SECTORS.items()}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("clause", sorted(SAYS))
def test_each_sector_reads_its_own_situation_and_no_other(clause: str, language: str) -> None:
    assert_each_sector_alone(_sections(clause, language), SAYS[clause][language])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_staff_who_meet_the_public_are_filmed_in_their_own_setting(language: str) -> None:
    texts = {
        name: section(policy(SECTORS[name], language), "filmed-at-work")
        for name in FILMED[language]
    }
    for sector, sentence in FILMED[language].items():
        assert sentence in texts[sector], sector
        assert [o for o, text in texts.items() if o != sector and sentence in text] == [], sector


@pytest.mark.parametrize("language", ["nl", "en"])
def test_supervisors_are_named_only_under_dutch_law(language: str) -> None:
    dutch_care = section(policy(SECTORS["healthcare"], language), "reporting-wrongdoing")
    dutch_firm = section(policy(SECTORS["business"], language), "reporting-wrongdoing")
    foreign_care = section(
        policy({"organisation": {"sector": "healthcare", "country": "BE"}}, language),
        "reporting-wrongdoing",
    )
    foreign_firm = section(
        policy({"organisation": {"country": "BE"}}, language), "reporting-wrongdoing"
    )
    assert "(IGJ)" in dutch_care and "(NZa)" in dutch_care
    assert "(ACM)" in dutch_firm and "(IGJ)" not in dutch_firm
    assert "IGJ" not in foreign_care and "NZa" not in foreign_care
    assert "ACM" not in foreign_firm


@pytest.mark.parametrize("language", ["nl", "en"])
def test_public_records_and_woo_only_for_a_dutch_public_body(language: str) -> None:
    dutch = section(policy(SECTORS["public_sector"], language), "confidential-information")
    foreign = section(
        policy({"organisation": {"sector": "public_sector", "country": "BE"}}, language),
        "confidential-information",
    )
    assert "Woo" in dutch
    assert "Woo" not in foreign


def test_the_portrait_right_is_its_own_paragraph() -> None:
    text = section(policy({}), "portrait-rights-and-copyright")
    assert "of een foto iemand schaadt.\n\n" in text
