"""The render context: every decision the templates need, computed once, named like the policy.

Templates only test these names (``{% if needs_works_council_consent %}``) and print values; the
reasoning behind each clause lives here, where it can be tested.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from policygen.errors import RenderError
from policygen.questionnaire.model import (
    ConditionStatus,
    EncouragementLevel,
    MentionEmployer,
    Questionnaire,
    Sector,
    WorkHoursUse,
)
from policygen.render.environment import MarkdownSafe, templates_dir

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
LEVEL_ORDER = list(EncouragementLevel)


@dataclass(frozen=True)
class DocumentKind:
    """One of the documents a questionnaire produces."""

    key: str
    template: str


POLICY = DocumentKind("policy", "policy.md.j2")
PLAN = DocumentKind("plan", "plan.md.j2")
DOCUMENTS = (POLICY, PLAN)


@cache
def labels(language: str) -> dict[str, Any]:
    """Wording for choices (platform names, statuses), from ``templates/<lang>/labels.yaml``."""
    path = templates_dir() / language / "labels.yaml"
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RenderError(f"cannot read the labels of language '{language}' ({path}): {error}") from None
    if not isinstance(loaded, dict):
        raise RenderError(f"{path} must be a mapping of label groups")
    return loaded


def source_date() -> dt.date | None:
    """The build date for reproducible builds: ``SOURCE_DATE_EPOCH``, never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    except (ValueError, OverflowError):
        raise RenderError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


class Formatter:
    """Dates, numbers and money in the document's language (Babel)."""

    def __init__(self, language: str) -> None:
        self.locale = LOCALES[language]

    def date(self, day: dt.date) -> MarkdownSafe:
        return MarkdownSafe(format_date(day, format="long", locale=self.locale))

    def number(self, value: float) -> MarkdownSafe:
        return MarkdownSafe(format_decimal(value, format="#,##0.##", locale=self.locale))

    def money(self, value: float) -> MarkdownSafe:
        text = format_currency(value, "EUR", format="¤ #,##0", locale=self.locale, currency_digits=False)
        return MarkdownSafe(text.replace("\xa0", " "))


def _level_at_least(level: EncouragementLevel, minimum: EncouragementLevel) -> bool:
    return LEVEL_ORDER.index(level) >= LEVEL_ORDER.index(minimum)


def build_context(q: Questionnaire, *, as_chapter: bool | None = None) -> dict[str, Any]:
    """Everything the templates of both documents may use."""
    language = q.language.value
    fmt = Formatter(language)
    words = labels(language)
    level = q.encouragement.level
    monitoring = q.monitoring
    org = q.organisation

    effective = q.document.effective_date or source_date()
    next_review = add_months(effective, q.document.review_cycle_months) if effective else None
    chapter_mode = q.document.as_chapter if as_chapter is None else as_chapter

    savings = None
    benefits = q.benefits
    if benefits.hires_per_year and benefits.cost_per_hire:
        yearly_cost = benefits.hires_per_year * benefits.cost_per_hire
        savings = {
            "yearly_recruitment_cost": fmt.money(yearly_cost),
            "expected_saving": fmt.money(yearly_cost * benefits.expected_saving_percent / 100),
            "saving_percent": fmt.number(benefits.expected_saving_percent),
        }

    unmet_preconditions = [
        name
        for name, condition in q.preconditions
        if condition.status in (ConditionStatus.not_met, ConditionStatus.partly_met, ConditionStatus.unknown)
    ]

    return {
        "q": q,
        "fmt": fmt,
        "labels": words,
        "language": language,
        "organisation_name": org.name,
        "title": q.document.title or words["titles"]["policy"],
        "plan_title": words["titles"]["plan"],
        "chapter_mode": chapter_mode,
        "chapter_number": q.communication_policy.chapter if chapter_mode else None,
        # Dates
        "effective_date": fmt.date(effective) if effective else None,
        "next_review_date": fmt.date(next_review) if next_review else None,
        "approval_date": fmt.date(q.document.approval_date) if q.document.approval_date else None,
        # Organisation
        "has_works_council": org.works_council,
        "is_healthcare": org.sector is Sector.healthcare,
        "is_public_sector": org.sector is Sector.public_sector,
        "is_education": org.sector is Sector.education,
        "has_accounts": bool(q.accounts.managed),
        "has_crisis_contact": q.accounts.crisis is not None,
        "has_related_documents": bool(q.communication_policy.related_documents),
        "is_part_of_communication_policy": q.communication_policy.title is not None,
        # Private use
        "allows_private_use_at_work": q.private_use.work_hours
        in (WorkHoursUse.allowed, WorkHoursUse.limited),
        "requires_disclaimer": q.private_use.mention_employer is MentionEmployer.with_disclaimer,
        "discourages_mentioning_employer": q.private_use.mention_employer is MentionEmployer.discouraged,
        "gives_political_guidance": q.private_use.political_expression_guidance
        if q.private_use.political_expression_guidance is not None
        else org.sector is Sector.public_sector,
        # Encouragement
        "level": level.value,
        "is_restrained": level is EncouragementLevel.restrained,
        "is_neutral": level is EncouragementLevel.neutral,
        "encourages_use": _level_at_least(level, EncouragementLevel.encouraged),
        "has_ambassador_programme": level is EncouragementLevel.ambassadors
        and q.encouragement.ambassador_programme,
        "offers_content_to_share": q.encouragement.content_to_share
        and _level_at_least(level, EncouragementLevel.encouraged),
        "offers_time_allowance": bool(q.encouragement.time_allowance_hours_per_month)
        and _level_at_least(level, EncouragementLevel.encouraged),
        "offers_training": q.encouragement.training or bool(q.facilitation.training),
        # Monitoring
        "monitors_public_posts": monitoring.monitors_public_posts,
        "needs_works_council_consent": org.works_council and monitoring.monitors_public_posts,
        "has_kpis": bool(monitoring.kpis),
        # Plan
        "savings_estimate": savings,
        "unmet_preconditions": unmet_preconditions,
        "requires_acknowledgement": q.introduction.acknowledgement_required,
    }
