"""The security clauses speak to the organisation's size and to a business: a small team (one or
two people who manage every account, a shared password manager, a manager who does everything)
reads who does what there, a company reads its own risks (invoice fraud, agencies, competitors,
product photos), and no other organisation reads either, in Dutch and in English."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.helpers import ACCOUNT, SECTOR_ORGANISATIONS, policy, section

CLAUSES = (
    "account-security",
    "own-devices-and-accounts",
    "generative-ai",
    "comment-moderation",
    "accessible-posts",
    "messaging-groups",
    "filmed-at-work",
)
SECTORS = SECTOR_ORGANISATIONS

# clause -> (Dutch phrase, English phrase) that only a small organisation gets
SMALL_SAYS: dict[str, tuple[str, str]] = {
    "account-security": ("Bewaar dan ook de herstelcodes", "keep the backup codes"),
    "own-devices-and-accounts": ("vanaf een nieuw nummer", "from a new number"),
    "generative-ai": ("Vraag dan eerst aan", "Then first ask"),
    "comment-moderation": (
        "wie dat overneemt bij vakantie of ziekte",
        "who takes this over during holidays or illness",
    ),
    "accessible-posts": (
        "Veel platforms maken ondertitels automatisch.",
        "Many platforms make subtitles automatically.",
    ),
    "messaging-groups": ("in de appgroep van het hele team", "in the whole team's group chat"),
    "filmed-at-work": ("In een klein team werk je soms alleen", "In a small team you sometimes"),
}

# clause -> (Dutch phrase, English phrase) that only a business gets
BUSINESS_SAYS: dict[str, tuple[str, str]] = {
    "account-security": (
        "een nieuw rekeningnummer door? Bel dan eerst het nummer",
        "new bank details through social media? Then first phone",
    ),
    "own-devices-and-accounts": ("of leveranciers zijn", "or suppliers on your profile"),
    "generative-ai": ("Een productfoto laat het product", "A product photo always shows"),
    "comment-moderation": (
        "Vergelijkt iemand ons met een concurrent?",
        "Does someone compare us with a competitor?",
    ),
    "accessible-posts": (
        "Beschrijf een productfoto zoals je dat aan de telefoon",
        "Describe a product photo as you would on the phone",
    ),
    "messaging-groups": (
        "Begint iemand over prijzen, klanten of wie welk gebied krijgt?",
        "Does someone start on prices, customers or who gets which area?",
    ),
}

# sector -> (Dutch phrase, English phrase) in filmed-at-work that only that sector gets
FEELING_UNSAFE: dict[str, tuple[str, str]] = {
    "healthcare": ("Ben je bij iemand thuis? Ga dan weg", "in someone's home? Then leave"),
    "public_sector": ("Op straat loop je weg", "In the street, walk away"),
    "school": ("of de schoolleiding bij", "or the school leadership"),
}


def clause(
    clause_id: str, language: str, sector: str = "healthcare", size: int = 200, **security: bool
) -> str:
    changes: dict[str, Any] = {
        "organisation": {**SECTORS[sector], "size": size},
        "accounts": {"managed": [ACCOUNT], "security": security},
    }
    return section(policy(changes, language), clause_id)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("clause_id", sorted(SMALL_SAYS))
def test_a_small_team_reads_who_does_what_there_and_a_large_one_does_not(
    clause_id: str, language: str
) -> None:
    phrase = SMALL_SAYS[clause_id][0 if language == "nl" else 1]
    for sector in ("healthcare", "public_sector", "business"):
        if clause_id == "filmed-at-work" and sector == "business":
            continue  # a business's staff do not meet the public: the clause is not there
        assert phrase in clause(clause_id, language, sector, size=12), (sector, phrase)
        assert phrase not in clause(clause_id, language, sector, size=200), (sector, phrase)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("clause_id", sorted(BUSINESS_SAYS))
def test_a_business_reads_its_own_risks_and_no_other_sector_does(
    clause_id: str, language: str
) -> None:
    phrase = BUSINESS_SAYS[clause_id][0 if language == "nl" else 1]
    for size in (12, 200):
        assert phrase in clause(clause_id, language, "business", size), (size, phrase)
        others = [
            sector
            for sector in SECTORS
            if sector != "business" and phrase in clause(clause_id, language, sector, size)
        ]
        assert others == [], (phrase, others)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_feeling_unsafe_while_filmed_is_each_sectors_own_situation(language: str) -> None:
    index = 0 if language == "nl" else 1
    texts = {
        sector: clause("filmed-at-work", language, sector)
        for sector in SECTORS
        if sector != "business" and sector != "nonprofit"
    }
    for sector, phrases in FEELING_UNSAFE.items():
        assert phrases[index] in texts[sector], sector
        others = [
            other for other, text in texts.items() if other != sector and phrases[index] in text
        ]
        assert others == [], (phrases[index], others)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_small_team_without_a_password_manager_keeps_backup_codes_where_the_manager_knows(
    language: str,
) -> None:
    text = clause("account-security", language, size=12, password_manager=False)
    assert ("op een veilige plek die" if language == "nl" else "in a safe place that") in text
    assert ("wachtwoordkluis" if language == "nl" else "password manager") not in text
    with_vault = clause("account-security", language, size=12)
    assert (
        "in de wachtwoordkluis. Zo kan" if language == "nl" else "in the password manager."
    ) in (with_vault)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_small_team_sentences_keep_the_sectors_own_examples(language: str) -> None:
    small_care = clause("own-devices-and-accounts", language, "healthcare", size=12)
    assert ("zoals van een wond" if language == "nl" else "such as of a wound") in small_care
    small_business = clause("account-security", language, "business", size=12)
    assert ("invaller of stagiair" if language == "nl" else "temp or trainee") in small_business
    assert (
        "bureau of freelancer die niet meer" if language == "nl" else "no longer works"
    ) not in (small_business)
    large_business = clause("account-security", language, "business", size=200)
    assert ("bureau of freelancer die niet meer" if language == "nl" else "no longer works") in (
        large_business
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("size", [12, 200])
@pytest.mark.parametrize("sector", sorted(SECTORS))
def test_every_branch_reads_as_clean_text(sector: str, size: int, language: str) -> None:
    changes: dict[str, Any] = {
        "organisation": {**SECTORS[sector], "size": size},
        "accounts": {"managed": [ACCOUNT]},
    }
    text = policy(changes, language)
    for clause_id in CLAUSES:
        if f"{{#{clause_id}}}" not in text:
            continue
        body = section(text, clause_id)
        for line in body.splitlines():
            assert "  " not in line and line == line.rstrip(), (clause_id, line)
        assert not re.search(r"^-\s*$", body, re.MULTILINE), (clause_id, body)
        assert "None" not in body, clause_id
        assert "\n\n\n" not in body, clause_id
