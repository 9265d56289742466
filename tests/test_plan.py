"""The implementation plan: sections follow the answers, both languages match, figures are right."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.helpers import EXAMPLES, MINIMAL, merged

from policygen.questionnaire import load
from policygen.questionnaire.choices import Language
from policygen.questionnaire.model import Questionnaire
from policygen.render import PLAN, render_markdown

ANCHOR = re.compile(r"^#+ .*\{#([a-z0-9-]+)\}$", re.MULTILINE)


def questionnaire(answers: dict[str, Any] | None = None, language: str = "nl") -> Questionnaire:
    """The minimal questionnaire of conftest with ``answers`` merged in."""
    data = merged(yaml.safe_load(MINIMAL), answers or {})
    data["language"] = language
    return Questionnaire.model_validate(data)


def plan(answers: dict[str, Any] | None = None, language: str = "nl") -> str:
    return render_markdown(questionnaire(answers, language), PLAN)


def anchors(markdown: str) -> list[str]:
    return ANCHOR.findall(markdown)


ALL_MET = {
    "preconditions": {
        name: {"status": "met"}
        for name in (
            "management_support",
            "trust_in_employees",
            "open_culture",
            "ambassadors",
            "realistic_goals",
        )
    }
}
NEUTRAL_STEPS = {
    "introduction": {
        "steps": [
            {"kind": "video", "date": "2026-02-01"},
            {"kind": "intranet", "date": "2026-02-02"},
            {"kind": "team_meetings", "date": "2026-02-10"},
        ]
    }
}

# (anchor, answers that switch the section on, answers that leave it off)
SECTIONS: list[tuple[str, dict[str, Any], Any]] = [
    (
        "introduction-timeline",
        {"introduction": {"steps": [{"kind": "intranet", "date": "2026-02-01"}]}},
        {},
    ),
    (
        "introduction-video",
        {"introduction": {"steps": [{"kind": "video"}]}},
        {"introduction": {"steps": [{"kind": "intranet"}]}},
    ),
    (
        "ambassador-recruitment",
        {
            "encouragement": {
                "level": "ambassadors",
                "ambassador_programme": True,
                "ambassador_coordinator": "HR",
            }
        },
        {"encouragement": {"level": "encouraged", "ambassador_programme": True}},
    ),
    (
        "launch-content",
        {"encouragement": {"level": "encouraged", "content_to_share": True}},
        {"encouragement": {"content_to_share": True}},
    ),
    ("acknowledgement-plan", {"introduction": {"acknowledgement_required": True}}, {}),
    ("introduction-open-steps", {}, NEUTRAL_STEPS),
    (
        "introduction-focus",
        {"organisation": {"sector": "healthcare"}},
        {"organisation": {"sector": "business"}},
    ),
    ("facilitation-time", {"facilitation": {"hours_per_week": 8}}, {}),
    ("facilitation-budget", {"facilitation": {"budget_per_year": 5000}}, {}),
    ("facilitation-tools", {"facilitation": {"tools": ["Buffer"]}}, {}),
    ("facilitation-ict", {"facilitation": {"ict": "Laptops with the sharing app."}}, {}),
    ("facilitation-training", {"facilitation": {"training": ["Online safety"]}}, {}),
    ("precondition-next-steps", {}, ALL_MET),
    (
        "plan-public-posts",
        {"monitoring": {"monitors_public_posts": True, "announced_in_advance": True}},
        {},
    ),
    ("kpis", {"monitoring": {"kpis": [{"name": "applications", "target": "+10%"}]}}, {}),
    ("community-activation", {"monitoring": {"community_activation": ["monthly meet-up"]}}, {}),
    (
        "savings-estimate",
        {"benefits": {"hires_per_year": 20, "cost_per_hire": 3000}},
        {"benefits": {"hires_per_year": 20}},
    ),
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("anchor", "on", "off"), SECTIONS, ids=[case[0] for case in SECTIONS])
def test_section_follows_its_answers(
    anchor: str, on: dict[str, Any], off: dict[str, Any], language: str
) -> None:
    assert anchor in anchors(plan(on, language))
    assert anchor not in anchors(plan(off, language))


def test_each_level_gives_a_different_plan() -> None:
    rendered = {
        level: plan(
            {
                "encouragement": {
                    "level": level,
                    "ambassador_programme": level == "ambassadors",
                    "ambassador_coordinator": "HR",
                    "content_to_share": True,
                }
            }
        )
        for level in ("restrained", "neutral", "encouraged", "ambassadors")
    }
    assert len(set(rendered.values())) == 4
    assert "ambassador-recruitment" not in anchors(rendered["restrained"])
    assert "community-activation" not in anchors(rendered["restrained"])
    assert "community-activation" in anchors(rendered["encouraged"])
    # Front-runners are a precondition only where social media use is stimulated.
    assert "Enthousiaste voortrekkers |" not in rendered["restrained"]
    assert "Enthousiaste voortrekkers |" in rendered["ambassadors"]


def test_facilitation_without_answers_says_nothing_is_arranged() -> None:
    text = plan()
    assert "Er is nog geen tijd, personeel of budget vrijgemaakt." in text
    assert "Dit stellen we beschikbaar." not in text


@pytest.mark.parametrize(("language", "total"), [("nl", "**€ 7.500**"), ("en", "**€7,500**")])
def test_budget_total_only_when_there_is_something_to_add(language: str, total: str) -> None:
    both = plan(
        {"facilitation": {"budget_per_year": 5000, "training_budget_per_year": 2500}}, language
    )
    assert total in both
    one = plan({"facilitation": {"budget_per_year": 5000}}, language)
    assert "**€" not in one


@pytest.mark.parametrize(
    ("language", "saving", "per_point", "leavers"),
    [("nl", "€ 20.000", "€ 40.000", "120"), ("en", "€20,000", "€40,000", "120")],
)
def test_savings_estimate_shows_the_computed_amounts(
    language: str, saving: str, per_point: str, leavers: str
) -> None:
    answers = {
        "organisation": {"size": 1000},
        "benefits": {
            "hires_per_year": 50,
            "cost_per_hire": 4000,
            "turnover_percent": 12,
            "expected_saving_percent": 10,
        },
    }
    text = plan(answers, language)
    estimate = text[text.index("{#savings-estimate}") :]
    assert f"**{saving}**" in estimate  # 50 hires x € 4,000 x 10%
    assert per_point in estimate  # 1% of 1,000 employees x € 4,000
    assert f" {leavers} " in estimate  # 12% of 1,000 employees leave each year
    assert "10%" in estimate


def test_turnover_figure_needs_the_organisation_size() -> None:
    text = plan({"benefits": {"hires_per_year": 50, "cost_per_hire": 4000, "turnover_percent": 12}})
    assert "{#savings-estimate}" in text
    assert "procentpunt" not in text


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_both_languages_have_the_same_anchor_ids(example: Path) -> None:
    q = load(example).questionnaire
    dutch = render_markdown(q.model_copy(update={"language": Language.nl}), PLAN)
    english = render_markdown(q.model_copy(update={"language": Language.en}), PLAN)
    assert anchors(dutch) == anchors(english)
    assert len(anchors(dutch)) == len(set(anchors(dutch))), "an anchor id is used twice"


def test_anchor_parity_with_every_section_switched_on() -> None:
    everything: dict[str, Any] = {}
    for _, on, _ in SECTIONS:
        everything = merged(everything, on)
    assert anchors(plan(everything, "nl")) == anchors(plan(everything, "en"))


def test_timeline_is_sorted_by_date_with_unplanned_steps_last() -> None:
    steps = [
        {"kind": "training", "date": "2026-04-20", "description": "third"},
        {"kind": "team_meetings", "description": "unplanned"},
        {"kind": "kickoff", "date": "2026-02-03", "description": "first"},
        {"kind": "intranet", "date": "2026-03-15", "description": "second"},
    ]
    text = plan({"introduction": {"steps": steps}}, "en")
    rows = [line for line in text.splitlines() if line.startswith("| ") and line.endswith(" |")]
    order = [
        word
        for row in rows
        for word in ("first", "second", "third", "unplanned")
        if f"| {word} |" in row
    ]
    assert order == ["first", "second", "third", "unplanned"]
    assert "| 3 February 2026 | Kick-off |" in text
    assert "| to be planned | Team meetings |" in text


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_plan_of_every_example_is_clean(example: Path, language: str) -> None:
    q = load(example).questionnaire.model_copy(update={"language": Language(language)})
    text = render_markdown(q, PLAN)
    for leftover in ("None", "True", "False", "[]", "  "):
        assert leftover not in text
    sections = re.split(r"^(#+ .*)$", text, flags=re.MULTILINE)[1:]
    headings, bodies = sections[0::2], sections[1::2]
    for index, (heading, body) in enumerate(zip(headings, bodies, strict=True)):
        level = len(heading) - len(heading.lstrip("#"))
        opens_subsection = index + 1 < len(headings) and headings[index + 1].startswith(
            "#" * (level + 1)
        )
        assert body.strip() or opens_subsection, f"empty section: {heading}"


def test_introduction_on_one_day_is_not_a_period() -> None:
    steps = [{"kind": "intranet", "date": "2026-02-03"}, {"kind": "video", "date": "2026-02-03"}]
    text = plan({"introduction": {"steps": steps}}, "en")
    assert "The introduction starts on 3 February 2026." in text
    assert "3 February 2026 to 3 February 2026" not in text
