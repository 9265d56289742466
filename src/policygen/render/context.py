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
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal
from babel.units import format_unit

from policygen.errors import RenderError
from policygen.questionnaire.model import (
    Approval,
    ConditionStatus,
    EncouragementLevel,
    IntroductionKind,
    MentionEmployer,
    Platform,
    Questionnaire,
    RelatedKind,
    Sector,
    WorkHoursUse,
)
from policygen.render.environment import MarkdownSafe, escape_markdown, link, templates_dir

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
        raise RenderError(
            f"cannot read the labels of language '{language}' ({path}): {error}"
        ) from None
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
        raise RenderError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}"
        ) from None


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
        # Whole euros, in each language's own way: "€ 38.000" in Dutch, "€38,000" in English.
        pattern = "¤ #,##0" if self.locale.startswith("nl") else "¤#,##0"
        text = format_currency(
            value, "EUR", format=pattern, locale=self.locale, currency_digits=False
        )
        return MarkdownSafe(text.replace("\xa0", " "))

    def joined(self, items: list[str]) -> str:
        """'a, b and c' in the document's language (plain text: escaped when printed)."""
        return format_list(items, locale=self.locale)

    def duration(self, value: float, unit: str) -> MarkdownSafe:
        """'24 hours', '1 uur', '60 minutes': ``unit`` is hour, minute or month (CLDR names)."""
        return MarkdownSafe(format_unit(value, f"duration-{unit}", locale=self.locale))


def _level_at_least(level: EncouragementLevel, minimum: EncouragementLevel) -> bool:
    return LEVEL_ORDER.index(level) >= LEVEL_ORDER.index(minimum)


def level_encourages_use(q: Questionnaire) -> bool:
    """Levels 'encouraged' and 'ambassadors': content, time and recognition are offered."""
    return _level_at_least(q.encouragement.level, EncouragementLevel.encouraged)


def runs_ambassador_programme(q: Questionnaire) -> bool:
    """A programme only at the 'ambassadors' level, and only when the organisation runs one."""
    programme = q.encouragement.ambassador_programme
    return q.encouragement.level is EncouragementLevel.ambassadors and programme


def trains_employees(q: Questionnaire) -> bool:
    return q.encouragement.training or bool(q.facilitation.training)


RECOMMENDED_INTRODUCTION = {
    EncouragementLevel.restrained: (IntroductionKind.intranet, IntroductionKind.team_meetings),
    EncouragementLevel.neutral: (
        IntroductionKind.video,
        IntroductionKind.intranet,
        IntroductionKind.team_meetings,
    ),
    EncouragementLevel.encouraged: (
        IntroductionKind.kickoff,
        IntroductionKind.video,
        IntroductionKind.intranet,
        IntroductionKind.team_meetings,
        IntroductionKind.training,
    ),
}
RECOMMENDED_INTRODUCTION[EncouragementLevel.ambassadors] = RECOMMENDED_INTRODUCTION[
    EncouragementLevel.encouraged
]
"""Introduction steps the plan advises for each level; those not yet planned are listed as to-dos."""

MAX_REVIEW_MOMENTS = 4
UNMET_STATUSES = (ConditionStatus.not_met, ConditionStatus.partly_met, ConditionStatus.unknown)


@dataclass(frozen=True)
class TimelineStep:
    """One row of the introduction timeline."""

    kind: str
    date: MarkdownSafe | None
    owner: str | None
    description: str | None


@dataclass(frozen=True)
class PreconditionRow:
    """A precondition with its status; ``needs_next_step`` when it is not (fully) in place."""

    key: str
    status: str
    note: str | None
    needs_next_step: bool


@dataclass(frozen=True)
class FacilitationSummary:
    """What is made available, formatted; ``None`` where the questionnaire is silent."""

    staff_hours_per_week: MarkdownSafe | None
    staff_fte: MarkdownSafe | None
    employee_hours_per_month: MarkdownSafe | None
    employee_hours_per_year: MarkdownSafe | None
    budget: MarkdownSafe | None
    training_budget: MarkdownSafe | None
    total_budget: MarkdownSafe | None
    tools: list[str]
    ict: str | None
    training: list[str]

    @property
    def has_time_or_staff(self) -> bool:
        return any((self.staff_hours_per_week, self.staff_fte, self.employee_hours_per_month))

    @property
    def has_budget(self) -> bool:
        return bool(self.budget or self.training_budget)

    @property
    def is_empty(self) -> bool:
        return not (
            self.has_time_or_staff or self.has_budget or self.tools or self.ict or self.training
        )


@dataclass(frozen=True)
class TurnoverEstimate:
    """What one percentage point less staff turnover saves in recruitment costs alone."""

    turnover_percent: MarkdownSafe
    leavers_per_year: MarkdownSafe
    leavers_per_point: MarkdownSafe
    saving_per_point: MarkdownSafe


@dataclass(frozen=True)
class SavingsEstimate:
    """The plan's labelled estimate of recruitment savings, with the figures it rests on."""

    hires_per_year: MarkdownSafe
    cost_per_hire: MarkdownSafe
    yearly_recruitment_cost: MarkdownSafe
    saving_percent: MarkdownSafe
    expected_saving: MarkdownSafe
    turnover: TurnoverEstimate | None


def _savings_estimate(q: Questionnaire, fmt: Formatter) -> SavingsEstimate | None:
    """Only when hires per year and cost per hire are both given; turnover adds a second figure."""
    benefits, size = q.benefits, q.organisation.size
    if not (benefits.hires_per_year and benefits.cost_per_hire):
        return None
    yearly_cost = benefits.hires_per_year * benefits.cost_per_hire
    turnover = None
    if benefits.turnover_percent and size:
        turnover = TurnoverEstimate(
            turnover_percent=fmt.number(benefits.turnover_percent),
            leavers_per_year=fmt.number(round(size * benefits.turnover_percent / 100)),
            leavers_per_point=fmt.number(round(size / 100, 1)),
            saving_per_point=fmt.money(size / 100 * benefits.cost_per_hire),
        )
    return SavingsEstimate(
        hires_per_year=fmt.number(benefits.hires_per_year),
        cost_per_hire=fmt.money(benefits.cost_per_hire),
        yearly_recruitment_cost=fmt.money(yearly_cost),
        saving_percent=fmt.number(benefits.expected_saving_percent),
        expected_saving=fmt.money(yearly_cost * benefits.expected_saving_percent / 100),
        turnover=turnover,
    )


def _facilitation(q: Questionnaire, fmt: Formatter, encourages_use: bool) -> FacilitationSummary:
    given = q.facilitation
    allowance = q.encouragement.time_allowance_hours_per_month if encourages_use else None
    budgets = [
        amount for amount in (given.budget_per_year, given.training_budget_per_year) if amount
    ]
    return FacilitationSummary(
        staff_hours_per_week=fmt.number(given.hours_per_week) if given.hours_per_week else None,
        staff_fte=fmt.number(given.staff_fte) if given.staff_fte else None,
        employee_hours_per_month=fmt.number(allowance) if allowance else None,
        employee_hours_per_year=fmt.number(allowance * 12) if allowance else None,
        budget=fmt.money(given.budget_per_year) if given.budget_per_year else None,
        training_budget=fmt.money(given.training_budget_per_year)
        if given.training_budget_per_year
        else None,
        total_budget=fmt.money(sum(budgets)) if len(budgets) > 1 else None,
        tools=list(given.tools),
        ict=given.ict,
        training=list(given.training),
    )


def _review_dates(
    effective: dt.date | None, every_months: int, policy_review: dt.date | None
) -> list[dt.date]:
    """Result reviews from the effective date up to the policy's own review (a few at most)."""
    if effective is None or policy_review is None:
        return []
    dates = []
    for step in range(1, MAX_REVIEW_MOMENTS + 1):
        moment = add_months(effective, every_months * step)
        if moment > policy_review:
            break
        dates.append(moment)
    return dates or [policy_review]


def plan_context(
    q: Questionnaire, fmt: Formatter, effective: dt.date | None, policy_review: dt.date | None
) -> dict[str, Any]:
    """The implementation plan's facts: timeline, facilitation, preconditions, reviews, savings."""
    level = q.encouragement.level
    encourages_use = _level_at_least(level, EncouragementLevel.encouraged)
    steps = sorted(
        q.introduction.steps, key=lambda step: (step.date is None, step.date or dt.date.min)
    )
    dated = [step.date for step in steps if step.date is not None]
    planned_kinds = {step.kind for step in steps}
    recommended = list(RECOMMENDED_INTRODUCTION[level])
    if q.introduction.acknowledgement_required:
        recommended.append(IntroductionKind.acknowledgement)
    preconditions = [
        PreconditionRow(
            key=name,
            status=condition.status.value,
            note=condition.note,
            needs_next_step=condition.status in UNMET_STATUSES,
        )
        for name, condition in q.preconditions
        if name != "ambassadors" or encourages_use
    ]
    reviews = _review_dates(effective, q.monitoring.review_months, policy_review)
    return {
        "introduction_timeline": [
            TimelineStep(
                kind=step.kind.value,
                date=fmt.date(step.date) if step.date else None,
                owner=step.owner,
                description=step.description,
            )
            for step in steps
        ],
        "introduction_start": fmt.date(dated[0]) if dated else None,
        "introduction_end": fmt.date(dated[-1]) if dated and dated[-1] != dated[0] else None,
        "missing_introduction_steps": [
            kind.value for kind in recommended if kind not in planned_kinds
        ],
        "plans_video": IntroductionKind.video in planned_kinds,
        "facilitation": _facilitation(q, fmt, encourages_use),
        "preconditions": preconditions,
        "unmet_preconditions": [row.key for row in preconditions if row.needs_next_step],
        "has_unknown_preconditions": any(row.status == "unknown" for row in preconditions),
        "review_dates": [fmt.date(day) for day in reviews],
        "first_review_date": fmt.date(reviews[0]) if reviews else None,
        "has_community_activation": bool(q.monitoring.community_activation),
        "savings_estimate": _savings_estimate(q, fmt),
        "requires_acknowledgement": q.introduction.acknowledgement_required,
    }


def _capitalised(text: str) -> str:
    """A role or phrase opening a table cell: 'team Communicatie' -> 'Team Communicatie'."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class AccountRow:
    """One organisation account in the policy's register and working-agreements tables."""

    platform: str
    handle: MarkdownSafe
    purpose: str
    owner: str
    posters: str
    approval: str
    response_time: MarkdownSafe | None


@dataclass(frozen=True)
class RoleRow:
    """One role in the policy's roles table, with every duty the questionnaire gives it."""

    role: str
    duties: str


def reference(title: str, url: str | None) -> MarkdownSafe:
    """A document or account name, linked when its address is known."""
    return link(title, url) if url else MarkdownSafe(escape_markdown(title))


def role_in_sentence(role: str, words: dict[str, Any]) -> str:
    """A role as it reads inside a sentence: 'Marketing Manager' -> 'the Marketing Manager'.

    The article rules are language data (``role_article`` in labels.yaml): roles that already
    start with an article or a team word stay as they are, a few Dutch words take 'het'.
    """
    rules = words["role_article"]
    first = role.split()[0]
    if first.lower() in rules["bare_words"] or (first.isupper() and first == role):
        return role
    if rules["capitalised_is_bare"] and first[:1].isupper():
        return role
    article = rules["neuter"] if first.lower() in rules["neuter_words"] else rules["default"]
    return f"{article} {role}"


def _account_rows(q: Questionnaire, fmt: Formatter, words: dict[str, Any]) -> list[AccountRow]:
    return [
        AccountRow(
            platform=account.name
            if account.platform is Platform.other and account.name
            else words["platform"][account.platform.value],
            handle=reference(account.handle, account.url),
            purpose=_capitalised(account.purpose),
            owner=_capitalised(account.owner),
            posters=_capitalised(fmt.joined(list(account.posters) or [account.owner])),
            approval=_capitalised(words["approval"][account.approval.value]),
            response_time=fmt.duration(account.response_time_hours, "hour")
            if account.response_time_hours
            else None,
        )
        for account in q.accounts.managed
    ]


def _role_rows(
    q: Questionnaire, words: dict[str, Any], duties_of: dict[str, str | None]
) -> list[RoleRow]:
    """Roles with fallbacks; a role named twice gets one row with all its duties."""
    duty_text = words["policy"]["duties"]
    assigned: dict[str, tuple[str, list[str]]] = {}
    named = [(role, duty_text[duty]) for duty, role in duties_of.items() if role]
    named += [(other.role, "; ".join(other.responsibilities)) for other in q.roles.others]
    for role, duty in named:
        key = role.casefold()
        assigned.setdefault(key, (role, []))[1].append(duty)
    return [
        RoleRow(_capitalised(role), _capitalised("; ".join(duties)))
        for role, duties in assigned.values()
    ]


def _response_time(minutes: int, fmt: Formatter) -> MarkdownSafe:
    """Whole hours read as hours ('2 hours'), anything else as minutes ('90 minutes')."""
    if minutes % 60 == 0:
        return fmt.duration(minutes // 60, "hour")
    return fmt.duration(minutes, "minute")


_PLACE_PREPOSITIONS = {
    "nl": ("in ", "op ", "via ", "bij "),
    "en": ("in ", "on ", "via ", "at ", "through "),
}


def place_phrase(place: str | None, language: str) -> str | None:
    """``in the app`` from ``the app``; an answer that brings its own preposition stays as it is."""
    if place is None:
        return None
    return place if place.lower().startswith(_PLACE_PREPOSITIONS[language]) else f"in {place}"


def policy_context(q: Questionnaire, fmt: Formatter, words: dict[str, Any]) -> dict[str, Any]:
    """The policy's facts: tables, fallbacks for unanswered roles, and the switches of its clauses."""
    org, roles, private, encouragement = q.organisation, q.roles, q.private_use, q.encouragement
    security, monitoring = q.accounts.security, q.monitoring
    encourages_use, has_programme = level_encourages_use(q), runs_ambassador_programme(q)
    account_manager = roles.account_manager or (
        q.accounts.managed[0].owner if q.accounts.managed else org.contact.role
    )
    coordinator = encouragement.ambassador_coordinator or account_manager
    allowance = encouragement.time_allowance_hours_per_month if encourages_use else None
    policy_words = words["policy"]
    communication_policy = q.communication_policy
    related = communication_policy.related_documents
    trainer = (roles.training or org.contact.role) if trains_employees(q) else None
    duties_of = {
        "policy_owner": roles.policy_owner or q.document.owner,
        "account_manager": account_manager,
        "monitoring": (roles.monitoring or account_manager)
        if monitoring.monitors_public_posts
        else None,
        "training": trainer,
        "ambassador_coordinator": coordinator if has_programme else None,
        "violations": roles.violations or policy_words["violations_fallback"],
        "managers": policy_words["managers"],
        "everyone": policy_words["everyone"],
    }
    return {
        "service_users": words["service_users"][org.sector.value],
        "account_rows": _account_rows(q, fmt, words),
        "uses_four_eyes_approval": any(
            a.approval is Approval.four_eyes for a in q.accounts.managed
        ),
        "account_manager": role_in_sentence(account_manager, words),
        "uses_two_factor": security.two_factor,
        "uses_password_manager": security.password_manager,
        "removes_access_on_leaving": security.offboarding,
        "crisis_response_time": _response_time(q.accounts.crisis.response_minutes, fmt)
        if q.accounts.crisis
        else None,
        "communication_policy_reference": reference(
            communication_policy.title, communication_policy.url
        )
        if communication_policy.title
        else None,
        "related_references": [reference(d.title, d.url) for d in related],
        "related_reference": {
            kind.value: next((reference(d.title, d.url) for d in related if d.kind is kind), None)
            for kind in RelatedKind
        },
        "work_hours": private.work_hours.value,
        "disclaimer_text": private.disclaimer_text
        or policy_words["disclaimer"].format(organisation=org.name),
        "spokesperson": role_in_sentence(private.spokesperson_role or account_manager, words),
        "contact_role": role_in_sentence(org.contact.role, words),
        "harassment_contact": role_in_sentence(private.harassment_contact, words)
        if private.harassment_contact
        else None,
        "time_allowance": fmt.duration(allowance, "hour") if allowance else None,
        "review_cycle": fmt.duration(q.document.review_cycle_months, "month"),
        "document_owner": _capitalised(q.document.owner),
        "approved_by": _capitalised(q.document.approved_by) if q.document.approved_by else None,
        "ambassador_coordinator": role_in_sentence(coordinator, words),
        "recognises_contributions": encourages_use
        and bool(encouragement.recognition or has_programme),
        "trainer": role_in_sentence(trainer, words) if trainer else None,
        "role_rows": _role_rows(q, words, duties_of),
        "monitoring_legal_basis": words["legal_basis"][monitoring.legal_basis.value],
        "monitoring_tools": fmt.joined(list(monitoring.tools)) if monitoring.tools else None,
    }


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
        # Adopted once it has an approval date: from then on the notice speaks of later changes.
        "is_adopted": q.document.approval_date is not None,
        "content_channel_place": place_phrase(q.encouragement.content_channel, language),
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
        "discourages_mentioning_employer": q.private_use.mention_employer
        is MentionEmployer.discouraged,
        "gives_political_guidance": q.private_use.political_expression_guidance
        if q.private_use.political_expression_guidance is not None
        else org.sector is Sector.public_sector,
        # Encouragement
        "level": level.value,
        "is_restrained": level is EncouragementLevel.restrained,
        "is_neutral": level is EncouragementLevel.neutral,
        "encourages_use": level_encourages_use(q),
        "has_ambassador_programme": runs_ambassador_programme(q),
        "offers_content_to_share": q.encouragement.content_to_share and level_encourages_use(q),
        "offers_time_allowance": bool(q.encouragement.time_allowance_hours_per_month)
        and level_encourages_use(q),
        "offers_training": trains_employees(q),
        # Monitoring
        "monitors_public_posts": monitoring.monitors_public_posts,
        "needs_works_council_consent": org.works_council and monitoring.monitors_public_posts,
        "has_kpis": bool(monitoring.kpis),
        # Plan
        **plan_context(q, fmt, effective, next_review),
        **policy_context(q, fmt, words),
    }
