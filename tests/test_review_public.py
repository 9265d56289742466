"""Fixes from the HR review for public-sector and restrained policies (wave 3).

1. At level ``restrained`` the guardrails are the one place for what you post about your work;
   the other clauses refer to them or state consistent exceptions (a professional profile, an
   account with permission, joining a neighbourhood discussion as a resident), and "discuss it
   internally first" is advice, never a ban and never a step before reporting wrongdoing.
2. A public servant's political activity: never "a member of the council" of one's own employer;
   outside the Netherlands, a pointer to legal limits on some posts.
3. Aldermen (wethouders) are appointed, not elected.
4. The oath only binds those who took it, and the list under it is a list, not a paragraph.
5. A British council is "a public body", not "the government" (a calque of "overheid").
6. A comment is not treated as a notice of objection; under Dutch law a complaint needs no form.
"""

from __future__ import annotations

import re

import pytest
from tests.helpers import ACCOUNT, policy, section

ACCOUNTS = {"accounts": {"managed": [ACCOUNT]}}
PUBLIC = {"organisation": {"sector": "public_sector"}, **ACCOUNTS}
RESTRAINED = {"encouragement": {"level": "restrained"}}
PUBLIC_GB = {"organisation": {"sector": "public_sector", "country": "GB"}, **ACCOUNTS}


def _restrained_public(language: str, **private_use: str) -> str:
    changes = {**PUBLIC, **RESTRAINED}
    if private_use:
        changes["private_use"] = dict(private_use)
    return policy(changes, language)


# 1. One coherent line at level restrained.


@pytest.mark.parametrize(
    ("language", "blanket_bans"),
    [
        (
            "nl",
            (
                "Je plaatst geen berichten over je werk",
                "Zet er geen eigen uitleg of mening over werkzaken bij",
                "Je gebruikt de naam, het logo",
                "Je maakt geen groepen, pagina's of accounts",
                "Je reageert niet op berichten over",
            ),
        ),
        (
            "en",
            (
                "You do not post about your work",
                "Do not add your own explanation or opinion on work matters",
                "You do not use the name, logo",
                "You do not create groups, pages or accounts",
                "You do not respond to posts about",
            ),
        ),
    ],
)
def test_guardrails_state_no_blanket_bans_that_other_clauses_contradict(
    language: str, blanket_bans: tuple[str, ...]
) -> None:
    text = section(_restrained_public(language), "guardrails")
    for ban in blanket_bans:
        assert ban not in text
    for exception in ("(#mentioning-your-employer)", "(#new-accounts)", "(#political-expression)"):
        assert exception in text
    assert "(#speaking-for-the-organisation)" in text


@pytest.mark.parametrize(
    ("language", "resident"),
    [
        ("nl", "Praat je als inwoner mee over je eigen buurt of woonplaats"),
        ("en", "Do you join a discussion about your own neighbourhood or town as a resident"),
    ],
)
def test_a_resident_may_join_a_neighbourhood_discussion(language: str, resident: str) -> None:
    assert resident in section(_restrained_public(language), "guardrails")
    healthcare = policy({"organisation": {"sector": "healthcare"}, **RESTRAINED}, language)
    assert resident not in section(healthcare, "guardrails")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_without_political_guidance_the_guardrails_state_the_opinion_rule_themselves(
    language: str,
) -> None:
    text = section(
        policy({"organisation": {"sector": "business"}, **RESTRAINED}, language), "guardrails"
    )
    assert "(#political-expression)" not in text
    assert ("waar je zelf aan werkt" if language == "nl" else "that you work on yourself") in text


@pytest.mark.parametrize("mention", ["allowed", "with_disclaimer"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_writing_about_your_work_refers_to_the_guardrails_when_restrained(
    language: str, mention: str
) -> None:
    restrained = _restrained_public(language, mention_employer=mention)
    assert "(#guardrails)" in section(restrained, "mentioning-your-employer")
    assert "(#guardrails)" in section(restrained, "speaking-for-the-organisation")
    neutral = policy({**PUBLIC, "private_use": {"mention_employer": mention}}, language)
    assert "(#guardrails)" not in section(neutral, "mentioning-your-employer")
    assert "(#guardrails)" not in section(neutral, "speaking-for-the-organisation")


@pytest.mark.parametrize(
    ("language", "old", "advice", "never_first"),
    [
        (
            "nl",
            "Bespreek het dan eerst intern.",
            "Het is een advies, geen verbod op je mening",
            "hoef je nooit eerst intern te bespreken",
        ),
        (
            "en",
            "Discuss it internally first.",
            "This is advice, not a ban on your opinion",
            "never has to be raised internally first",
        ),
    ],
)
def test_discussing_internally_first_is_advice_and_never_before_whistleblowing(
    language: str, old: str, advice: str, never_first: str
) -> None:
    text = section(_restrained_public(language), "integrity-and-neutrality")
    assert old not in text
    assert advice in text
    assert never_first in text
    assert "(#reporting-wrongdoing)" in text


# 2. Political activity of a public servant.


@pytest.mark.parametrize(
    ("language", "own_council", "elsewhere"),
    [
        ("nl", "als lid van een gemeenteraad", "als raadslid of kandidaat in een andere gemeente"),
        (
            "en",
            "as a council member or a candidate",
            "as a councillor or candidate for another council",
        ),
    ],
)
def test_a_public_servant_is_not_pointed_at_their_own_council(
    language: str, own_council: str, elsewhere: str
) -> None:
    public = section(policy(PUBLIC, language), "political-expression")
    assert own_council not in public
    assert elsewhere in public
    healthcare = policy(
        {
            "organisation": {"sector": "healthcare"},
            "private_use": {"political_expression_guidance": True},
        },
        language,
    )
    assert own_council in section(healthcare, "political-expression")


@pytest.mark.parametrize(
    ("language", "limits"),
    [
        ("nl", "Voor sommige functies stelt de wet grenzen aan politieke activiteiten"),
        ("en", "Some posts carry legal limits on political activity"),
    ],
)
def test_outside_the_netherlands_some_posts_carry_legal_limits(language: str, limits: str) -> None:
    abroad = {"organisation": {"sector": "public_sector", "country": "GB"}}
    assert limits in section(policy(abroad, language), "political-expression")
    assert limits not in section(policy(PUBLIC, language), "political-expression")


# 3. Aldermen are appointed.


def test_aldermen_are_not_called_elected() -> None:
    text = section(policy(PUBLIC), "who-this-applies-to")
    assert "gekozen bestuurders" not in text
    assert "Voor bestuurders, zoals raadsleden en wethouders," in text


# 4. The oath, and the list under it.


@pytest.mark.parametrize(
    ("language", "oath"),
    [
        ("nl", "Heb je de eed of belofte afgelegd? Dan geldt die ook online.\n\n- "),
        ("en", "Have you taken the oath or affirmation? Then it applies online too.\n\n- "),
    ],
)
def test_the_oath_binds_those_who_took_it_and_the_list_stands_apart(
    language: str, oath: str
) -> None:
    assert oath in section(policy(PUBLIC, language), "integrity-and-neutrality")


_CLAUSES = (
    "guardrails",
    "mentioning-your-employer",
    "speaking-for-the-organisation",
    "political-expression",
    "integrity-and-neutrality",
    "who-this-applies-to",
    "comment-moderation",
    "new-accounts",
)


@pytest.mark.parametrize("country", ["NL", "GB"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_list_runs_on_from_a_paragraph_line(language: str, country: str) -> None:
    text = policy(
        {"organisation": {"sector": "public_sector", "country": country}, **ACCOUNTS, **RESTRAINED},
        language,
    )
    for clause in _CLAUSES:
        body = section(text, clause)
        glued = re.search(r"^(?![-|]|\d+\. )\S.*\n(- |\d+\. )", body, re.MULTILINE)
        assert glued is None, f"{clause}: {glued.group(0) if glued else ''}"


# 5. A British council is a public body.


def test_a_british_council_is_not_the_government() -> None:
    text = policy({**PUBLIC_GB, **RESTRAINED}, "en")
    assert "the government" not in text
    assert "government information" not in text
    assert "for its official position" in section(text, "mentioning-your-employer")
    assert "are public records" in section(text, "posting-and-approval")


# 6. A comment and the formal routes.


def test_a_comment_is_not_a_notice_of_objection_under_dutch_law() -> None:
    text = section(policy(PUBLIC), "comment-moderation")
    assert "Een reactie is geen officiële klacht" not in text
    assert "Een reactie behandelen we niet als bezwaarschrift." in text
    assert "de procedure voor bezwaar of voor klachten" in text


def test_a_comment_is_not_a_formal_complaint_or_appeal_elsewhere() -> None:
    text = section(policy(PUBLIC_GB, "en"), "comment-moderation")
    assert "official complaint or objection" not in text
    assert "We do not treat a comment as a formal complaint or appeal." in text
    assert "bezwaarschrift" not in text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_support_points_to_the_guardrails_instead_of_repeating_them(language: str) -> None:
    text = section(_restrained_public(language), "support-and-training")
    assert "(#guardrails)" in text
    assert "buiten de grenzen van dit beleid" not in text
    assert "beyond the limits of this policy" not in text
