"""The implementation plan's own facts: the introduction timeline, facilitation with its totals,
preconditions with their next steps, review dates and the savings estimate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from policygen.questionnaire import rules
from policygen.questionnaire.choices import ConditionStatus, EncouragementLevel, IntroductionKind
from policygen.questionnaire.model import Questionnaire
from policygen.render.customisation import Adaptations
from policygen.render.environment import MarkdownSafe
from policygen.render.language import Formatter, account_name, capitalised
from policygen.render.shared_facts import SharedFacts, Switch, add_months

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

NEEDS_A_LARGER_ORGANISATION = (IntroductionKind.intranet, IntroductionKind.video)
"""A practice of 14 people has no intranet and needs no video: the team meeting reaches everyone."""

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
    no_time_set_aside: bool
    """An explicit 0 hours or 0 fte: a decision, written as one, never as 'not yet'."""
    no_budget_set_aside: bool
    """An explicit budget of 0: a decision as well."""

    @property
    def has_time_or_staff(self) -> bool:
        return any((self.staff_hours_per_week, self.staff_fte, self.employee_hours_per_month))

    @property
    def has_budget(self) -> bool:
        return bool(self.budget or self.training_budget)

    @property
    def is_empty(self) -> bool:
        """Nothing said at all; an explicit 0 is an answer."""
        return not (
            self.has_time_or_staff
            or self.has_budget
            or self.tools
            or self.ict
            or self.training
            or self.no_time_set_aside
            or self.no_budget_set_aside
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
        no_time_set_aside=0 in (given.hours_per_week, given.staff_fte)
        and not (given.hours_per_week or given.staff_fte),
        no_budget_set_aside=given.budget_per_year == 0,
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


@dataclass(frozen=True)
class KpiRow:
    """A key figure and its target, if one is set."""

    name: str
    target: str | None


@dataclass(frozen=True)
class AdaptationRow:
    """One place where the organisation departs from the standard text."""

    title: str
    change: str
    file: str | None


def _adaptation_rows(adaptations: Adaptations, words: dict[str, Any]) -> list[AdaptationRow]:
    """Removed, replaced and added clauses, as management reads them."""
    change, titles = words["adaptation"], adaptations.built_in_titles
    rows = [
        AdaptationRow(titles[clause_id], change["removed"], None)
        for clause_id in adaptations.removed
    ]
    rows += [
        AdaptationRow(titles[clause_id], change["replaced"], own.file)
        for clause_id, own in adaptations.replaced.items()
    ]
    rows += [
        AdaptationRow(
            own.title or own.id,
            change["added"].format(after=titles.get(after) or adaptations.own_title(after)),
            own.file,
        )
        for after, own in adaptations.added
    ]
    return rows


@dataclass(frozen=True)
class PlanFacts:
    """What only the implementation plan reads."""

    introduction_timeline: list[TimelineStep]
    introduction_start: MarkdownSafe | None
    introduction_end: MarkdownSafe | None
    missing_introduction_steps: list[str]
    facilitation: FacilitationSummary
    preconditions: list[PreconditionRow]
    unmet_preconditions: list[str]
    has_unknown_preconditions: bool
    review_dates: list[MarkdownSafe]
    first_review_date: MarkdownSafe | None
    review_months: int
    savings_estimate: SavingsEstimate | None
    named_ambassador_coordinator: str | None
    monitoring_role: str | None
    monitoring_tools_listed: str | None
    announces_monitoring: bool
    kpis: list[KpiRow]
    community_activities: list[str]
    adaptations: list[AdaptationRow]
    adapts_standard_text: Annotated[
        bool, Switch("`customisation` removes, replaces or adds at least one clause")
    ]
    has_introduction_timeline: Annotated[
        bool, Switch("`introduction.steps` lists at least one step")
    ]
    plans_video: Annotated[bool, Switch("`introduction.steps` has a step of kind `video`")]
    has_introduction_focus: Annotated[
        bool,
        Switch("`organisation.sector: healthcare` or `education`, or political guidance is given"),
    ]
    has_open_introduction_steps: Annotated[
        bool,
        Switch(
            "a step advised for the level (or the acknowledgement) is missing from `introduction.steps`"
        ),
    ]
    sets_aside_time_or_staff: Annotated[
        bool,
        Switch("`facilitation.hours_per_week` or `staff_fte`, or a time allowance for employees"),
    ]
    has_budget: Annotated[
        bool,
        Switch("`facilitation.budget_per_year` or `facilitation.training_budget_per_year` above 0"),
    ]
    has_tools: Annotated[bool, Switch("`facilitation.tools` lists at least one tool")]
    has_ict: Annotated[bool, Switch("`facilitation.ict` is filled in")]
    has_unmet_preconditions: Annotated[
        bool, Switch("a precondition is `partly_met`, `not_met` or `unknown`")
    ]
    keeps_community_active: Annotated[
        bool,
        Switch(
            "`monitoring.community_activation` is filled in, or level `encouraged` or `ambassadors`"
        ),
    ]
    has_savings_estimate: Annotated[
        bool, Switch("`benefits.hires_per_year` and `benefits.cost_per_hire` are both given")
    ]
    single_administrator_accounts: str
    single_administrator_count: int
    has_accounts_with_one_administrator: Annotated[
        bool, Switch("an account in `accounts.managed` has `administrators: 1`")
    ]
    assumed_security_measures: str
    """The account-security rules the policy states although the questionnaire left them
    unanswered (they default to the common practice), as it reads in a sentence."""
    assumes_account_security: Annotated[
        bool,
        Switch("`accounts.managed` lists an account and `accounts.security` leaves a measure out"),
    ]


def plan_facts(
    q: Questionnaire, shared: SharedFacts, fmt: Formatter, adaptations: Adaptations
) -> PlanFacts:
    """The implementation plan's facts: timeline, facilitation, preconditions, reviews, savings."""
    level = q.encouragement.level
    encourages_use = shared.encourages_use
    monitoring = q.monitoring
    steps = sorted(
        q.introduction.steps, key=lambda step: (step.date is None, step.date or dt.date.min)
    )
    dated = [step.date for step in steps if step.date is not None]
    planned_kinds = {step.kind for step in steps}
    recommended = [
        kind
        for kind in RECOMMENDED_INTRODUCTION[level]
        if not (shared.is_small_organisation and kind in NEEDS_A_LARGER_ORGANISATION)
    ]
    alone = [
        account_name(account, shared.labels)
        for account in q.accounts.managed
        if account.administrators < rules.MIN_ADMINISTRATORS
    ]
    if q.introduction.acknowledgement_required:
        recommended.append(IntroductionKind.acknowledgement)
    assumed = _assumed_security_measures(q, shared.labels) if q.accounts.managed else []
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
    reviews = _review_dates(shared.effective, monitoring.review_months, shared.next_review)
    facilitation = _facilitation(q, fmt, encourages_use)
    missing_steps = [kind.value for kind in recommended if kind not in planned_kinds]
    unmet = [row.key for row in preconditions if row.needs_next_step]
    savings = _savings_estimate(q, fmt)
    return PlanFacts(
        introduction_timeline=[
            TimelineStep(
                kind=step.kind.value,
                date=fmt.date(step.date) if step.date else None,
                owner=step.owner,
                description=step.description,
            )
            for step in steps
        ],
        introduction_start=fmt.date(dated[0]) if dated else None,
        introduction_end=fmt.date(dated[-1]) if dated and dated[-1] != dated[0] else None,
        missing_introduction_steps=missing_steps,
        facilitation=facilitation,
        preconditions=preconditions,
        unmet_preconditions=unmet,
        has_unknown_preconditions=any(row.status == "unknown" for row in preconditions),
        review_dates=[fmt.date(day) for day in reviews],
        first_review_date=fmt.date(reviews[0]) if reviews else None,
        review_months=monitoring.review_months,
        savings_estimate=savings,
        named_ambassador_coordinator=q.encouragement.ambassador_coordinator,
        monitoring_role=q.roles.monitoring,
        monitoring_tools_listed=", ".join(monitoring.tools) if monitoring.tools else None,
        announces_monitoring=monitoring.announced_in_advance,
        kpis=[KpiRow(kpi.name, kpi.target) for kpi in monitoring.kpis],
        community_activities=list(monitoring.community_activation),
        adaptations=_adaptation_rows(adaptations, shared.labels),
        adapts_standard_text=not adaptations.is_empty,
        has_introduction_timeline=bool(steps),
        plans_video=IntroductionKind.video in planned_kinds,
        has_introduction_focus=shared.is_healthcare
        or shared.is_education
        or shared.gives_political_guidance,
        has_open_introduction_steps=bool(missing_steps),
        sets_aside_time_or_staff=facilitation.has_time_or_staff,
        has_budget=facilitation.has_budget,
        has_tools=bool(facilitation.tools),
        has_ict=facilitation.ict is not None,
        has_unmet_preconditions=bool(unmet),
        keeps_community_active=bool(monitoring.community_activation) or encourages_use,
        has_savings_estimate=savings is not None,
        single_administrator_accounts=capitalised(fmt.joined(alone)) if alone else "",
        single_administrator_count=len(alone),
        has_accounts_with_one_administrator=bool(alone),
        assumed_security_measures=fmt.joined(assumed),
        assumes_account_security=bool(assumed),
    )


def _assumed_security_measures(q: Questionnaire, words: dict[str, Any]) -> list[str]:
    """The measures the policy requires by default: those ``accounts.security`` does not answer."""
    security = q.accounts.security
    answered = security.model_fields_set if "security" in q.accounts.model_fields_set else set()
    return [
        words["security_measures"][name]
        for name in type(security).model_fields
        if name not in answered and getattr(security, name)
    ]
