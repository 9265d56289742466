"""The clauses the research in docs/sources.md added: each appears exactly when its answers ask
for it, and says what the organisation does for the reader (issue 10)."""

from __future__ import annotations

import pytest
from tests.helpers import ACCOUNT, anchor_ids, policy, section

from policygen.render.clauses import LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_wrongdoing_route_under_dutch_law(language: str) -> None:
    # Every organisation is Dutch until `organisation.country` exists; then add the case "GB".
    assert "reporting-wrongdoing" in anchor_ids(policy({}, language))


def test_wrongdoing_may_go_outside_straight_away() -> None:
    text = section(policy({}), "reporting-wrongdoing")
    assert "Huis voor Klokkenluiders" in text
    assert "Je hoeft niet eerst binnen Voorbeeld BV te melden." in text


def test_wrongdoing_route_follows_the_size() -> None:
    large = section(policy({"organisation": {"size": 50}}), "reporting-wrongdoing")
    small = section(policy({"organisation": {"size": 14}}), "reporting-wrongdoing")
    assert "volgens de meldregeling" in large
    assert "meldregeling" not in small


def test_internal_first_excludes_wrongdoing_for_public_bodies() -> None:
    text = section(
        policy({"organisation": {"sector": "public_sector"}}), "integrity-and-neutrality"
    )
    assert "Bespreek het dan liefst eerst intern" in text
    assert "[Een misstand melden](#reporting-wrongdoing)" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_policy_says_what_happens_when_staff_are_targeted(language: str) -> None:
    text = policy({}, language)
    assert "targeted-online" in anchor_ids(text)
    assert "(#targeted-online)" in section(text, "respect-and-harassment")


def test_targeted_staff_report_to_whom_acts_and_may_confide_in_the_named_contact() -> None:
    """A threat goes to the manager, who can act for the employer; the confidential adviser
    listens but does not act, so the organisation might never hear of it."""
    text = policy({"private_use": {"harassment_contact": "de vertrouwenspersoon"}})
    assert "Meld het meteen bij je leidinggevende." in section(text, "targeted-online")
    harassment = section(text, "respect-and-harassment")
    assert "Meld het dan bij je leidinggevende, of bij de vertrouwenspersoon als je" in harassment


@pytest.mark.parametrize("language", LANGUAGES)
def test_ai_labels_only_for_the_organisations_own_accounts(language: str) -> None:
    with_accounts = section(policy({"accounts": {"managed": [ACCOUNT]}}, language), "generative-ai")
    without = section(policy({}, language), "generative-ai")
    label = {
        "nl": "Zet er dan bij dat het met AI is gemaakt.",
        "en": "say that it was made with AI",
    }
    assert label[language] in with_accounts
    assert label[language] not in without


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("sector", "shown"),
    [("healthcare", True), ("public_sector", True), ("education", True), ("business", False), ("nonprofit", False)],
)  # fmt: skip
def test_staff_who_meet_the_public_learn_what_to_do_when_filmed(
    sector: str, shown: bool, language: str
) -> None:
    ids = anchor_ids(policy({"organisation": {"sector": sector}}, language))
    assert ("filmed-at-work" in ids) is shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_comment_rules_only_for_organisations_with_accounts(language: str) -> None:
    assert "comment-moderation" in anchor_ids(
        policy({"accounts": {"managed": [ACCOUNT]}}, language)
    )
    assert "comment-moderation" not in anchor_ids(policy({}, language))


def test_public_bodies_keep_removed_comments() -> None:
    accounts = {"accounts": {"managed": [ACCOUNT]}}
    public = policy({**accounts, "organisation": {"sector": "public_sector"}})
    assert "weggehaalde reactie moet worden bewaard" in section(public, "comment-moderation")
    assert "bewaard" not in section(policy(accounts), "comment-moderation")


def test_civil_servants_report_a_paid_channel_as_a_side_activity() -> None:
    public = section(policy({"organisation": {"sector": "public_sector"}}), "paid-private-channels")
    business = section(policy({}), "paid-private-channels")
    assert "als nevenwerkzaamheid" in public
    assert "nevenwerkzaamheid" not in business


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_bodies_keep_chat_messages_about_work(language: str) -> None:
    public = section(
        policy({"organisation": {"sector": "public_sector"}}, language), "messaging-groups"
    )
    business = section(policy({}, language), "messaging-groups")
    assert "Woo" in public
    assert "Woo" not in business


def test_staff_who_meet_the_public_may_leave_their_surname_off() -> None:
    public = section(policy({"organisation": {"sector": "healthcare"}}), "own-devices-and-accounts")
    assert "achternaam" in public
    assert "achternaam" not in section(policy({}), "own-devices-and-accounts")


@pytest.mark.parametrize("language", LANGUAGES)
def test_accessible_posts_only_for_organisations_with_accounts(language: str) -> None:
    assert "accessible-posts" in anchor_ids(policy({"accounts": {"managed": [ACCOUNT]}}, language))
    assert "accessible-posts" not in anchor_ids(policy({}, language))
