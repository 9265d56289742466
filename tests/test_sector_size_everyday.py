"""Fourteen everyday clauses speak to the reader's sector and, in a small organisation, to how a
small team works (issue 10, item 8): who reads along, what sits beside the policy, what the
official accounts are for and who checks a post, how to sound, when to call outside hours, who
looks you up, what a profile invites, what the organisation never looks into, whom you ask.

Each sector's sentence appears for that sector and for no other; each small-organisation sentence
appears below 50 staff and never in a large organisation."""

from __future__ import annotations

import pytest
from tests.helpers import ACCOUNT, SECTOR_ANSWERS, assert_each_sector_alone, merged, policy, section

WITH_ACCOUNTS = {
    "accounts": {
        "managed": [ACCOUNT],
        "crisis": {"contact_role": "woordvoerder", "phone": "06 12 34 56 78"},
    },
}

SECTORS = SECTOR_ANSWERS

SAYS = {
    "social-media-policy": {
        "nl": {
            "healthcare": "patiënten, cliënten, hun familie en andere zorgverleners mee",
            "public_sector": "inwoners, journalisten en politici mee",
            "school": "ook die van vorige schooljaren",
            "higher": "studenten, vakgenoten en partners in het werkveld mee",
            "business": "klanten, leveranciers en concurrenten mee",
            "nonprofit": "donateurs, vrijwilligers, deelnemers en fondsen mee",
        },
        "en": {
            "healthcare": "their families and other care providers read along",
            "public_sector": "residents, journalists and politicians read along",
            "school": "including those from earlier school years",
            "higher": "people in your field and partners in the professions",
            "business": "customers, suppliers and competitors read along",
            "nonprofit": "donors, volunteers, participants and funders read along",
        },
    },
    "place-in-communication-policy": {
        "nl": {
            "healthcare": "hoe we met klachten omgaan",
            "public_sector": "wat we doen bij een ramp of crisis",
            "school": "hoe we ouders informeren",
            "higher": "hoe we onderzoek naar buiten brengen",
            "business": "afspraken over geheimhouding? Die gelden online ook.",
            "nonprofit": "met een fonds of sponsor afgesproken",
        },
        "en": {
            "healthcare": "how we inform patients and clients and how we handle complaints",
            "public_sector": "what we do in an emergency",
            "school": "how we inform parents",
            "higher": "how we make research public",
            "business": "contain confidentiality terms? They apply online too.",
            "nonprofit": "agreed with a funder or sponsor",
        },
    },
    "organisation-accounts": {
        "nl": {
            "healthcare": "zoals over bereikbaarheid, afspraken en vaccinaties",
            "public_sector": "bij een ramp of crisis voor wat ze moeten doen",
            "school": "nieuws over de school en de open dag",
            "higher": "wat de onderzoekers zelf concluderen",
            "business": "een prijs of een levertijd, moet kloppen",
            "nonprofit": "hoe we geld besteden, moet kloppen en te controleren zijn",
        },
        "en": {
            "healthcare": "how to reach us, appointments and vaccinations",
            "public_sector": "in an emergency for what to do",
            "school": "news about the school and the open day",
            "higher": "what the researchers themselves conclude",
            "business": "a price or a delivery time must be correct",
            "nonprofit": "how we spend money must be correct and open to checking",
        },
    },
    "posting-and-approval": {
        "nl": {
            "healthcare": "Medische informatie in een bericht",
            "public_sector": "plaats je pas als het openbaar is",
            "school": "Kijk dan voor je iets plaatst of er toestemming is",
            "higher": "lezen door de onderzoeker zelf",
            "business": "met de actuele productgegevens en prijzen",
            "nonprofit": "de opbrengst van een actie",
        },
        "en": {
            "healthcare": "Medical information in a post",
            "public_sector": "Post about a decision or a plan only once it is public.",
            "school": "check that there is consent before you post",
            "higher": "the researcher reads it",
            "business": "against the current product details and prices",
            "nonprofit": "the proceeds of a campaign",
        },
    },
    "tone-of-voice": {
        "nl": {
            "healthcare": "Vervelend dat u zo lang moest wachten.",
            "public_sector": "zonder ambtelijke taal",
            "school": "Is een ouder boos over iets op school?",
            "higher": "Spreek studenten aan als volwassenen.",
            "business": "Zeg nooit iets negatiefs over een concurrent.",
            "nonprofit": "niet zielig, en niet alleen om geld op te halen",
        },
        "en": {
            "healthcare": "We are sorry you had to wait so long.",
            "public_sector": "without official jargon",
            "school": "Is a parent angry about something at school?",
            "higher": "Address students as adults.",
            "business": "Never say anything negative about a competitor.",
            "nonprofit": "not as objects of pity, and not just to raise money",
        },
    },
    "crisis-contact": {
        "nl": {
            "healthcare": "of als het gaat om een incident in de zorg",
            "public_sector": "als een bericht over een besluit veel boze reacties krijgt",
            "school": "als er online wordt gedreigd tegen de school",
            "higher": "als een student of collega online wordt bedreigd",
            "business": "een klacht over een product of een levering snel rondgaat",
            "nonprofit": "kritiek rondgaat over hoe we geld besteden",
        },
        "en": {
            "healthcare": "or if it is about an incident in care",
            "public_sector": "a post about a decision is drawing a lot of angry reactions",
            "school": "someone makes threats against the school online",
            "higher": "a student or colleague is being threatened online",
            "business": "a complaint about a product or a delivery is spreading fast",
            "nonprofit": "criticism of how we spend money is going round",
        },
    },
    "private-use": {
        "nl": {
            "healthcare": "neemt dat mee naar zijn volgende afspraak",
            "public_sector": "naar de balie of naar een gesprek over zijn aanvraag",
            "school": "nemen dat mee naar school",
            "higher": "nemen dat mee naar je les of je begeleiding",
            "business": "voor een afspraak of een beurs",
            "nonprofit": "zien daarin ook",
        },
        "en": {
            "healthcare": "takes it with them to their next appointment",
            "public_sector": "to the front desk or to a meeting about their application",
            "school": "bring it with them to school",
            "higher": "bring it with them to your classes and supervision",
            "business": "before a meeting or a trade fair",
            "nonprofit": "see Example Ltd in it as well",
        },
    },
    "mentioning-your-employer": {
        "nl": {
            "healthcare": "als het advies van een deskundige",
            "public_sector": "al snel als die van de overheid",
            "school": "Dan vinden leerlingen en ouders je makkelijk.",
            "higher": "Noem dan ook wie het betaalt",
            "business": "in de verkoop of de inkoop werkt",
            "nonprofit": "Vragen over een gift of over iemands situatie",
        },
        "en": {
            "healthcare": "as advice from an expert",
            "public_sector": "for its official position",
            "school": "Then pupils and parents can find you easily.",
            "higher": "Then also say who funds it",
            "business": "you work in sales or purchasing",
            "nonprofit": "questions about a donation or about someone's situation",
        },
    },
    "support-and-training": {
        "nl": {
            "healthcare": "iets verraadt over een patiënt of cliënt",
            "public_sector": "in de tijd voor verkiezingen",
            "school": "online contact met een leerling of een ouder",
            "higher": "onderzoek online wilt delen voordat het is gepubliceerd",
            "business": "een product dat nog niet op de markt is",
            "nonprofit": "een donateur mag noemen",
        },
        "en": {
            "healthcare": "gives something away about a patient or client",
            "public_sector": "in the run-up to an election",
            "school": "online contact with a pupil or a parent",
            "higher": "share research online before it has been published",
            "business": "a product that has not been launched yet",
            "nonprofit": "name a donor",
        },
    },
    "monitoring-limits": {
        "nl": {
            "healthcare": "besloten groep voor mensen uit je beroep",
            "public_sector": "de buurtapp van je eigen wijk",
            "school": "de appgroep van de klas van je eigen kind",
            "higher": "besloten groep van vakgenoten",
            "business": "van je vakbond",
            "nonprofit": "een vereniging of actie waar je privé bij hoort",
        },
        "en": {
            "healthcare": "a closed group for people in your profession",
            "public_sector": "the group chat of your own neighbourhood",
            "school": "the group chat for your own child's class",
            "higher": "a closed group of people in your field",
            "business": "your trade union",
            "nonprofit": "a club or campaign you belong to in private",
        },
    },
    "privacy-of-others": {
        "nl": {
            "public_sector": "bij een huisbezoek of een controle",
            "school": "Ook ouders vraag je eerst om toestemming",
            "higher": "Vraag het daarom zo dat nee zeggen makkelijk is.",
            "business": "Dan zien ook concurrenten met wie we zakendoen.",
            "nonprofit": "met een goed doel in verband worden gebracht",
        },
        "en": {
            "public_sector": "on a home visit or an inspection",
            "school": "Ask parents for permission first too",
            "higher": "So ask in a way that makes saying no easy.",
            "business": "Then competitors see who we do business with too.",
            "nonprofit": "not everyone wants to be linked online to a cause",
        },
    },
    "portrait-rights-and-copyright": {
        "nl": {"business": "productfoto's en teksten van een fabrikant of leverancier"},
        "en": {"business": "product photos and texts from a manufacturer or supplier"},
    },
    "confidential-information": {
        "nl": {"business": "de regels voor eerlijke concurrentie"},
        "en": {"business": "can break competition law"},
    },
}
"""Healthcare keeps its own privacy wording (nothing of a patient, not even with consent); the
portrait and confidentiality clauses had every other sector's sentence already."""

SMALL = {
    "principles": {
        "nl": "kennen patiënten en cliënten je bovendien vaak bij naam",
        "en": "patients and clients often know you by name as well",
    },
    "organisation-accounts": {
        "nl": "Heb je nieuws of een idee voor een bericht? Geef het dan door aan het team Communicatie.",
        "en": "Do you have news or an idea for a post? Then pass it on to the team Communicatie.",
    },
    "posting-and-approval": {
        "nl": "Zo blijft er ook in een klein team altijd iemand die antwoordt.",
        "en": "even in a small team, there is always someone who answers",
    },
    "crisis-contact": {
        "nl": "bepaalt de contactpersoon samen met de praktijkhouders wat er gebeurt",
        "en": "the contact decides together with the partners what happens next",
    },
    "privacy-of-others": {
        "nl": "Schrijf daarom ook zonder naam niet over een collega die ziek is",
        "en": "do not write about a colleague who is ill or going through a hard time",
    },
    "support-and-training": {
        "nl": "Wacht dan met plaatsen tot je het hebt kunnen vragen.",
        "en": "Then wait with posting until you have been able to ask.",
    },
}


def _sections(clause: str, language: str) -> dict[str, str]:
    return {
        name: section(policy(merged(WITH_ACCOUNTS, answers), language), clause)
        for name, answers in SECTORS.items()
    }


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("clause", sorted(SAYS))
def test_each_sector_reads_its_own_situation_and_no_other(clause: str, language: str) -> None:
    assert_each_sector_alone(_sections(clause, language), SAYS[clause][language])


def _practice(size: int, language: str) -> str:
    leaders = {"nl": "de praktijkhouders", "en": "the partners"}[language]
    answers = merged(
        WITH_ACCOUNTS,
        {
            "organisation": {"sector": "healthcare", "size": size},
            "document": {"approved_by": leaders},
        },
    )
    return policy(answers, language)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("clause", sorted(SMALL))
def test_a_small_team_reads_how_a_small_team_works(clause: str, language: str) -> None:
    sentence = SMALL[clause][language]
    assert sentence in section(_practice(14, language), clause)
    assert sentence not in section(_practice(900, language), clause)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_contact_who_is_the_leadership_does_not_decide_together_with_itself(
    language: str,
) -> None:
    leaders = {"nl": "de praktijkhouders", "en": "the partners"}[language]
    answers = merged(
        WITH_ACCOUNTS,
        {
            "organisation": {"sector": "healthcare", "size": 14},
            "document": {"approved_by": leaders},
            "accounts": {"crisis": {"contact_role": leaders.split()[-1]}},
        },
    )
    text = section(policy(answers, language), "crisis-contact")
    assert {"nl": "samen met", "en": "together with"}[language] not in text
    assert {"nl": "De contactpersoon bepaalt", "en": "The contact decides"}[language] in text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_outside_office_hours_is_a_call_only_when_there_is_a_number(language: str) -> None:
    with_phone = section(policy(WITH_ACCOUNTS, language), "crisis-contact")
    without = merged(WITH_ACCOUNTS, {"accounts": {"crisis": {"phone": None}}})
    no_phone = section(policy(without, language), "crisis-contact")
    call = {"nl": "Bel ook 's avonds of in het weekend", "en": "Call in the evening"}[language]
    report = {"nl": "Meld het meteen, ook buiten werktijd", "en": "Report it straight away"}[
        language
    ]
    assert call in with_phone and report not in with_phone
    assert report in no_phone and call not in no_phone


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_part_of_a_communication_policy_names_what_that_policy_covers(language: str) -> None:
    answers = merged(
        SECTORS["business"],
        {"communication_policy": {"title": "Communicatiebeleid", "chapter": 4}},
    )
    text = section(policy(answers, language), "place-in-communication-policy")
    example = {"nl": "bijvoorbeeld hoe we klanten informeren", "en": "for example how we inform"}
    assert example[language] in text
