"""The policy's clause library: every answer visibly shapes the policy, the same in both languages."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from tests.helpers import (
    ACCOUNT,
    EVERY_OFFER,
    EXAMPLES,
    LEVELS,
    ROOT,
    anchor_ids,
    merged,
    policy,
    questionnaire,
    section,
    stray_words,
)

from policygen.questionnaire import load
from policygen.questionnaire.model import Questionnaire
from policygen.render import DOCUMENTS, POLICY, build_facts, render_markdown
from policygen.render.clause_index import clause_index, varies_with
from policygen.render.clauses import LANGUAGES, expected_ids, placed_clauses

# Each row: answers that switch clauses on, answers that switch them off, the clauses.
SWITCHES = [
    pytest.param({"accounts": {"managed": [ACCOUNT]}}, {}, ["account-register", "posting-and-approval", "tone-of-voice", "account-security"], id="accounts"),
    pytest.param({"accounts": {"crisis": {"contact_role": "woordvoerder"}}}, {}, ["crisis-contact"], id="crisis"),
    pytest.param(
        {"communication_policy": {"related_documents": [{"kind": "press_policy", "title": "Persbeleid"}]}},
        {},
        ["related-documents"],
        id="related-documents",
    ),
    pytest.param({"private_use": {"mention_employer": "with_disclaimer"}}, {"private_use": {"mention_employer": "allowed"}}, ["disclaimer"], id="disclaimer"),
    pytest.param({"private_use": {"political_expression_guidance": True}}, {"private_use": {"political_expression_guidance": False}}, ["political-expression"], id="political-guidance"),
    pytest.param({"organisation": {"sector": "public_sector"}}, {"organisation": {"sector": "business"}}, ["political-expression", "integrity-and-neutrality"], id="public-sector"),
    pytest.param({"organisation": {"sector": "healthcare"}}, {"organisation": {"sector": "business"}}, ["patient-confidentiality", "professional-codes"], id="healthcare"),
    pytest.param({"organisation": {"sector": "education"}}, {"organisation": {"sector": "nonprofit"}}, ["pupils-and-students"], id="education"),
    pytest.param({"encouragement": {"level": "restrained"}}, {"encouragement": {"level": "neutral"}}, ["guardrails"], id="restrained"),
    pytest.param({"encouragement": {"level": "neutral"}}, {"encouragement": {"level": "encouraged"}}, ["your-choice"], id="neutral"),
    pytest.param({"encouragement": {"level": "encouraged"}}, {"encouragement": {"level": "neutral"}}, ["sharing-our-story", "posting-tips"], id="encouraged"),
    pytest.param({"encouragement": {"level": "encouraged", "content_to_share": True}}, {"encouragement": {"level": "encouraged"}}, ["content-to-share"], id="content"),
    pytest.param({"encouragement": {"level": "encouraged", "content_to_share": True}}, {"encouragement": {"level": "neutral", "content_to_share": True}}, ["content-to-share"], id="content-needs-level"),
    pytest.param({"encouragement": {"level": "encouraged", "time_allowance_hours_per_month": 2}}, {"encouragement": {"level": "encouraged"}}, ["time-allowance"], id="time-allowance"),
    pytest.param({"encouragement": {"level": "ambassadors", "time_allowance_hours_per_month": 2}}, {"encouragement": {"level": "restrained", "time_allowance_hours_per_month": 2}}, ["time-allowance"], id="time-needs-level"),
    pytest.param({"encouragement": {"level": "encouraged", "recognition": "Een taart."}}, {"encouragement": {"level": "encouraged"}}, ["recognition"], id="recognition"),
    pytest.param(
        {"encouragement": {"level": "ambassadors", "ambassador_programme": True}},
        {"encouragement": {"level": "ambassadors", "ambassador_programme": False}},
        ["ambassador-programme", "joining-the-programme", "voluntary-participation", "ambassador-training", "content-calendar", "recognition"],
        id="ambassador-programme",
    ),
    pytest.param({"encouragement": {"training": True}}, {"encouragement": {"training": False}}, ["training"], id="training"),
    pytest.param({"facilitation": {"training": ["workshop LinkedIn"]}}, {}, ["training"], id="training-course"),
    pytest.param({"monitoring": {"monitors_public_posts": True}}, {"monitoring": {"monitors_public_posts": False}}, ["what-we-follow"], id="monitoring"),
    pytest.param(
        {"organisation": {"works_council": True}, "monitoring": {"monitors_public_posts": True}},
        {"organisation": {"works_council": True}, "monitoring": {"monitors_public_posts": False}},
        ["works-council-consent"],
        id="consent-needs-monitoring",
    ),
    pytest.param(
        {"organisation": {"works_council": True}, "monitoring": {"monitors_public_posts": True}},
        {"organisation": {"works_council": False}, "monitoring": {"monitors_public_posts": True}},
        ["works-council-consent"],
        id="consent-needs-council",
    ),
    pytest.param({"introduction": {"acknowledgement_required": True}}, {}, ["acknowledgement"], id="acknowledgement"),
]  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("on", "off", "clauses"), SWITCHES)
def test_answer_switches_clauses(
    on: dict[str, Any], off: dict[str, Any], clauses: list[str], language: str
) -> None:
    shown, hidden = anchor_ids(policy(on, language)), anchor_ids(policy(off, language))
    for clause in clauses:
        assert clause in shown
        assert clause not in hidden


# Each row: two sets of answers that keep a clause but must change its text.
VARIANTS = [
    pytest.param("during-working-hours", {"private_use": {"work_hours": "allowed"}}, {"private_use": {"work_hours": "limited"}}, id="work-hours-allowed"),
    pytest.param("during-working-hours", {"private_use": {"work_hours": "breaks_only"}}, {"private_use": {"work_hours": "work_related_only"}}, id="work-hours-breaks"),
    pytest.param("during-working-hours", {"organisation": {"sector": "healthcare"}}, {}, id="work-hours-healthcare"),
    pytest.param("mentioning-your-employer", {"private_use": {"mention_employer": "allowed"}}, {"private_use": {"mention_employer": "discouraged"}}, id="mention-employer"),
    pytest.param("our-stance", {"encouragement": {"level": "encouraged"}}, {"encouragement": {"level": "ambassadors", "ambassador_programme": True}}, id="stance-programme"),
    pytest.param("tone-of-voice", {"accounts": {"managed": [ACCOUNT], "tone_of_voice": "Warm en helder."}}, {"accounts": {"managed": [ACCOUNT]}}, id="tone"),
    pytest.param("account-security", {"accounts": {"managed": [ACCOUNT]}}, {"accounts": {"managed": [ACCOUNT], "security": {"two_factor": False, "offboarding": False}}}, id="security"),
    pytest.param("respect-and-harassment", {"private_use": {"harassment_contact": "de vertrouwenspersoon"}}, {}, id="harassment-contact"),
    pytest.param("speaking-for-the-organisation", {"private_use": {"spokesperson_role": "de woordvoerder"}}, {}, id="spokesperson"),
    pytest.param("confidential-information", {"private_use": {"confidential_examples": ["offertes"]}}, {}, id="confidential-examples"),
    pytest.param("privacy-of-others", {"organisation": {"sector": "healthcare"}}, {"organisation": {"sector": "education"}}, id="service-users"),
    pytest.param("what-we-follow", {"monitoring": {"monitors_public_posts": True, "legal_basis": "public_task"}}, {"monitoring": {"monitors_public_posts": True}}, id="legal-basis"),
    pytest.param("monitoring", {"monitoring": {"monitors_public_posts": True}}, {}, id="monitoring-intro"),
    pytest.param("summary", {"monitoring": {"monitors_public_posts": True}}, {}, id="monitoring-summary"),
    pytest.param("violations", {"private_use": {"consequences": "Eerst volgt altijd een gesprek met HR."}}, {}, id="consequences"),
    pytest.param("place-in-communication-policy", {"communication_policy": {"title": "Communicatiebeleid", "chapter": 4}}, {}, id="communication-policy"),
]  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("anchor", "first", "second"), VARIANTS)
def test_answer_changes_clause_text(
    anchor: str, first: dict[str, Any], second: dict[str, Any], language: str
) -> None:
    assert section(policy(first, language), anchor) != section(policy(second, language), anchor)


def test_answers_appear_in_their_clauses() -> None:
    text = policy(
        {
            "accounts": {"managed": [ACCOUNT], "tone_of_voice": "Warm en helder."},
            "private_use": {"disclaimer_text": "Mijn woorden, niet die van mijn werkgever."},
            "encouragement": {"level": "encouraged", "time_allowance_hours_per_month": 1.5},
        }
    )
    assert "> Warm en helder." in section(text, "tone-of-voice")
    assert "> Mijn woorden, niet die van mijn werkgever." in section(text, "disclaimer")
    assert "1,5 uur per maand" in section(text, "time-allowance")
    assert "[Voorbeeld BV](https://www.linkedin.com/company/voorbeeld)" in section(
        text, "account-register"
    )
    assert "| 24 uur |" in section(text, "posting-and-approval")


def test_default_disclaimer_names_the_organisation_in_each_language() -> None:
    assert "niet die van Voorbeeld BV." in section(policy({}), "disclaimer")
    assert "not that of Example Ltd." in section(policy({}, "en"), "disclaimer")


def test_roles_table_has_fallbacks_and_one_row_per_role() -> None:
    text = policy(
        {"accounts": {"managed": [ACCOUNT]}, "roles": {"violations": "team Communicatie"}}
    )
    rows = [
        line
        for line in section(text, "roles-and-responsibilities").splitlines()
        if line.startswith("| ")
    ]
    assert rows[2].startswith(
        "| Manager Communicatie | Eigenaar zijn van dit beleid"
    )  # document owner
    communication = [row for row in rows if row.startswith("| Team Communicatie |")]
    assert len(communication) == 1  # account owner and violations merged into one row
    assert (
        "De accounts van de organisatie beheren" in communication[0]
        and "beslissen over maatregelen" in communication[0]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_encouragement_level_gives_its_own_sections(language: str) -> None:
    rendered = {
        level: policy({"encouragement": {**EVERY_OFFER, "level": level}}, language)
        for level in LEVELS
    }
    id_sets = {level: frozenset(anchor_ids(text)) for level, text in rendered.items()}
    assert len(set(id_sets.values())) == len(LEVELS)
    assert (
        "guardrails" in id_sets["restrained"] and "sharing-our-story" not in id_sets["restrained"]
    )
    assert "your-choice" in id_sets["neutral"] and "time-allowance" not in id_sets["neutral"]
    assert {"sharing-our-story", "content-to-share", "time-allowance"} <= id_sets["encouraged"]
    assert "ambassador-programme" not in id_sets["encouraged"]
    assert {"ambassador-programme", "content-calendar"} <= id_sets["ambassadors"]
    stances = {section(text, "our-stance") for text in rendered.values()}
    assert len(stances) == len(LEVELS)  # a different voice, not only other sections


def _parity_questionnaires() -> list[dict[str, Any]]:
    return [
        {},
        {"organisation": {"sector": "healthcare", "works_council": True}, "monitoring": {"monitors_public_posts": True}},
        {"organisation": {"sector": "public_sector"}, "encouragement": {"level": "restrained"}, "accounts": {"managed": [ACCOUNT]}},
        {"organisation": {"sector": "education"}, "encouragement": {**EVERY_OFFER, "level": "encouraged"}},
        {"encouragement": {**EVERY_OFFER, "level": "ambassadors"}, "introduction": {"acknowledgement_required": True}},
    ]  # fmt: skip


@pytest.mark.parametrize("changes", _parity_questionnaires())
def test_both_languages_render_the_same_anchor_ids(changes: dict[str, Any]) -> None:
    assert anchor_ids(policy(changes, "nl")) == anchor_ids(policy(changes, "en"))


def _grid() -> list[Questionnaire]:
    """Sector x level x works council x monitoring, plus the examples."""
    found = [load(example).questionnaire for example in EXAMPLES]
    for sector, level, council in itertools.product(
        ("healthcare", "public_sector", "education", "business"), LEVELS, (True, False)
    ):
        found.append(
            questionnaire(
                {
                    "organisation": {"sector": sector, "works_council": council},
                    "encouragement": {**EVERY_OFFER, "level": level},
                    "monitoring": {"monitors_public_posts": council},
                }
            )
        )
    return found


def test_every_clause_appears_exactly_when_its_condition_holds() -> None:
    for q in _grid():
        facts = build_facts(q)
        for kind in DOCUMENTS:
            assert set(anchor_ids(render_markdown(q, kind))) == expected_ids(facts, kind)


def test_clause_index_is_current() -> None:
    index = ROOT / "docs" / "clauses.md"
    assert index.read_text(encoding="utf-8") == clause_index(), "run `make clauses`"


def test_chapter_mode_keeps_the_anchor_ids() -> None:
    q = questionnaire({"communication_policy": {"chapter": 5}})
    standalone = render_markdown(q, POLICY, as_chapter=False)
    chapter = render_markdown(q, POLICY, as_chapter=True)
    assert anchor_ids(chapter) == anchor_ids(standalone)
    assert chapter.startswith("## 5 ") and "### 5.1 " in chapter


def _rich_answers() -> list[dict[str, Any]]:
    full = {
        "accounts": {
            "managed": [ACCOUNT],
            "crisis": {"contact_role": "woordvoerder", "phone": "010 123"},
        },
        "private_use": {"harassment_contact": "de vertrouwenspersoon"},
        "communication_policy": {
            "related_documents": [{"kind": "code_of_conduct", "title": "Gedragscode"}]
        },
        "introduction": {"acknowledgement_required": True},
        "monitoring": {"monitors_public_posts": True, "tools": ["Coosto"]},
        "organisation": {"works_council": True},
    }
    return [
        merged(
            full,
            {"organisation": {"sector": sector}, "encouragement": {**EVERY_OFFER, "level": level}},
        )
        for sector, level in zip(
            ("healthcare", "public_sector", "education", "business"), LEVELS, strict=True
        )
    ]


@pytest.mark.parametrize("changes", _rich_answers())
def test_dutch_text_has_no_english_words(changes: dict[str, Any]) -> None:
    assert stray_words(policy(changes, "nl"), "nl") == set()


@pytest.mark.parametrize("changes", _rich_answers())
def test_english_text_has_no_dutch_words(changes: dict[str, Any]) -> None:
    english: dict[str, Any] = {"private_use": {"harassment_contact": "the confidential adviser"}}
    english |= {"accounts": {"crisis": {"contact_role": "press officer"}}}
    english |= {"encouragement": {"recognition": "A thank-you in the newsletter."}}
    english |= {
        "communication_policy": {
            "related_documents": [{"kind": "code_of_conduct", "title": "Code of conduct"}]
        }
    }
    assert stray_words(policy(merged(changes, english), "en"), "en") == set()


def _clean_output_cases() -> list[tuple[str, str]]:
    cases = [
        (example.stem, render_markdown(load(example).questionnaire, POLICY)) for example in EXAMPLES
    ]
    for index, changes in enumerate(_rich_answers() + _parity_questionnaires()):
        for language in LANGUAGES:
            cases.append((f"{language}-{index}", policy(changes, language)))
    return cases


def test_output_is_clean_and_never_leaves_a_section_empty() -> None:
    for name, text in _clean_output_cases():
        for leftover in ("None", "True", "False", "[]", "  ", "{%", "{{", "\n\n\n"):
            assert leftover not in text, f"{name}: {leftover!r}"
        lines = [line for line in text.splitlines() if line.strip()]
        for line, following in itertools.pairwise([*lines, "# end"]):
            if line.startswith("#"):
                level = len(line) - len(line.lstrip("#"))
                next_level = len(following) - len(following.lstrip("#"))
                assert not 0 < next_level <= level, f"{name}: empty section {line!r}"
        ids = set(anchor_ids(text))
        for target in re.findall(r"\]\(#([a-z0-9-]+)\)", text):
            assert target in ids, f"{name}: link to missing #{target}"


def test_policy_title_line_and_document_id() -> None:
    text = policy({})
    assert text.startswith(f"# Socialemediabeleid {{#{POLICY.document_id}}}\n")


@pytest.mark.parametrize(
    ("language", "role", "in_sentence"),
    [
        ("en", "Marketing Manager", "the Marketing Manager"),
        ("en", "your line manager", "your line manager"),
        ("en", "HR", "HR"),
        ("nl", "woordvoerder van de gemeente", "de woordvoerder van de gemeente"),
        ("nl", "hoofd Communicatie", "het hoofd Communicatie"),
        ("nl", "team Communicatie", "team Communicatie"),
        ("nl", "de vertrouwenspersoon", "de vertrouwenspersoon"),
    ],
)
def test_roles_read_naturally_inside_sentences(language: str, role: str, in_sentence: str) -> None:
    text = policy({"private_use": {"spokesperson_role": role}}, language)
    assert f" {in_sentence} " in section(text, "speaking-for-the-organisation")


def test_answers_cannot_break_a_table() -> None:
    account = {**ACCOUNT, "purpose": "vacatures | nieuws", "owner": "team *Communicatie*"}
    text = section(policy({"accounts": {"managed": [account]}}), "account-register")
    row = next(line for line in text.splitlines() if line.startswith("| LinkedIn"))
    assert row.count("|") == 5
    assert "Vacatures &#124; nieuws" in row and r"\*Communicatie\*" in row


@pytest.mark.parametrize(
    ("language", "channel", "sentence"),
    [
        ("nl", "op het intranet", "Je vindt ze op het intranet."),
        ("nl", "de deel-app", "Je vindt ze in de deel-app."),
        ("en", "on the intranet", "You can find them on the intranet."),
        ("en", "the sharing app", "You can find them in the sharing app."),
    ],
)
def test_content_channel_reads_as_a_place(language: str, channel: str, sentence: str) -> None:
    answers = {"encouragement": {"level": "encouraged", "content_to_share": True}}
    answers["encouragement"]["content_channel"] = channel
    assert sentence in section(policy(answers, language), "content-to-share")


def test_the_index_finds_the_answers_a_clause_reads_through_shared_facts() -> None:
    """Sector, size and country wording is found in the texts, so the index cannot fall behind."""

    by_id = {placed.clause.id: placed.clause for placed in placed_clauses(POLICY)}
    assert "`organisation.sector`" in varies_with(by_id["messaging-groups"], POLICY)
    assert "`organisation.country`" in varies_with(by_id["reporting-wrongdoing"], POLICY)
    assert varies_with(by_id["disclaimer"], POLICY) == "`private_use.disclaimer_text`"
