"""The security clauses speak to the organisation's sector: account security, own devices, AI,
comment moderation and accessible posts each say something only that sector recognises, in
Dutch and in English, and the Dutch rules they name appear only under Dutch law."""

from __future__ import annotations

import pytest
from tests.helpers import ACCOUNT, SECTOR_ORGANISATIONS, policy, section

SECTORS = SECTOR_ORGANISATIONS

# clause -> sector -> (Dutch phrase, English phrase) that only that sector gets
SAYS: dict[str, dict[str, tuple[str, str]]] = {
    "account-security": {
        "healthcare": (
            "als een van onze artsen of zorgverleners",
            "one of our doctors or care staff",
        ),
        "public_sector": (
            "als een bestuurder of medewerker",
            "one of our elected officials or staff",
        ),
        "school": ("Log altijd uit op het digibord", "log out of the interactive whiteboard"),
        "higher": ("Onderzoekers zijn een bekend doelwit.", "Researchers are a known target."),
        "business": ("Zie je een nepwinkel", "Do you see a fake shop"),
        "nonprofit": ("link naar een nepinzameling", "link to a fake fundraiser"),
    },
    "own-devices-and-accounts": {
        "healthcare": ("zoals van een wond", "such as of a wound"),
        "public_sector": (
            "een besluit, een boete of een controle",
            "a decision, a fine or an inspection",
        ),
        "school": ("nooit ontgrendeld in de klas", "unlocked in the classroom"),
        "higher": ("aparte telefoon of laptop", "separate phone or laptop"),
        "business": ("offertes en andere bestanden", "quotes and other work files"),
        "nonprofit": (
            "Gegevens van donateurs en deelnemers bewaar je",
            "details of donors and participants in the systems",
        ),
    },
    "generative-ai": {
        "healthcare": ("nakijken door een zorgverlener", "checked by a care professional"),
        "public_sector": (
            "Rond verkiezingen is dit extra belangrijk.",
            "Around elections this matters even more.",
        ),
        "school": ("seksueel beeld van iemand onder de 18", "sexual image of someone under 18"),
        "higher": (
            "AI verzint soms bronnen en citaten.",
            "AI sometimes invents sources and quotes.",
        ),
        "business": (
            "nagemaakte beoordeling of ervaring van een klant",
            "fake review or customer story",
        ),
        "nonprofit": ("verhaal van iemand die we helpen", "story of someone we help"),
    },
    "comment-moderation": {
        "healthcare": (
            "over de eigen gezondheid of behandeling",
            "about their own health or treatment",
        ),
        "public_sector": (
            "Rond verkiezingen behandelen we reacties",
            "Around elections we treat comments",
        ),
        "school": ("nooit in gesprek met leerlingen", "conversation with pupils in the comments"),
        "higher": ("persoonlijk aanvalt", "attacks a researcher, lecturer or student"),
        "business": ("nooit om een ordernummer", "never ask for an order number"),
        "nonprofit": ("inzameling die niet van ons is", "fundraiser that is not ours"),
    },
    "accessible-posts": {
        "healthcare": ("'bloeddruk', en niet 'RR' of 'tensie'", "'blood pressure', not 'BP'"),
        "public_sector": (
            "Niet iedereen gebruikt social media.",
            "Not everyone uses social media.",
        ),
        "school": ("bij een ouderavond of een vrije dag", "for a parents' evening or a day off"),
        "higher": (
            "Voor veel van hen is Engels ook een tweede taal.",
            "For many international students it is a second language.",
        ),
        "business": ("de einddatum van een aanbieding", "the end date of an offer"),
        "nonprofit": ("een oproep om te geven of mee te helpen", "an appeal to give or to help"),
    },
}


def clause(sector: str, clause_id: str, language: str, country: str = "NL") -> str:
    organisation = {**SECTORS[sector], "country": country}
    text = policy({"organisation": organisation, "accounts": {"managed": [ACCOUNT]}}, language)
    return section(text, clause_id)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("clause_id", sorted(SAYS))
def test_each_sector_reads_its_own_situation_and_no_other(clause_id: str, language: str) -> None:
    index = 0 if language == "nl" else 1
    texts = {sector: clause(sector, clause_id, language) for sector in SECTORS}
    for sector, phrases in SAYS[clause_id].items():
        phrase = phrases[index]
        assert phrase in texts[sector], (sector, phrase)
        others = [other for other, text in texts.items() if other != sector and phrase in text]
        assert others == [], (phrase, others)


@pytest.mark.parametrize(
    ("language", "decree"),
    [
        ("nl", "Besluit digitale toegankelijkheid overheid"),
        ("en", "Besluit digitale toegankelijkheid overheid"),
    ],
)
def test_the_accessibility_decree_is_named_only_for_a_dutch_public_body(
    language: str, decree: str
) -> None:
    assert decree in clause("public_sector", "accessible-posts", language)
    assert decree not in clause("public_sector", "accessible-posts", language, country="BE")
    assert decree not in clause("healthcare", "accessible-posts", language)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_lost_phone_with_patient_data_names_the_dutch_authority_only_under_dutch_law(
    language: str,
) -> None:
    dutch = clause("healthcare", "own-devices-and-accounts", language)
    belgian = clause("healthcare", "own-devices-and-accounts", language, country="BE")
    assert "Autoriteit Persoonsgegevens" in dutch
    assert "Autoriteit Persoonsgegevens" not in belgian
    assert ("72 uur" if language == "nl" else "72 hours") in belgian


def test_outside_the_eu_no_data_breach_deadline_is_invented() -> None:
    text = clause("healthcare", "own-devices-and-accounts", "en", country="US")
    assert "72 hours" not in text
    assert "data breach" not in clause("business", "account-security", "en", country="US")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_public_body_keeps_removed_comments_and_points_to_where_that_rule_lives(
    language: str,
) -> None:
    text = clause("public_sector", "comment-moderation", language)
    assert "(#posting-and-approval)" in text
    assert "(#posting-and-approval)" not in clause("business", "comment-moderation", language)
