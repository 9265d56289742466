"""The facts both documents share: names, dates, the mode, and the switches they have in common.

A fact that switches a clause on carries, in its field metadata, the answers that make it true;
``docs/clauses.md`` is generated from them.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Annotated, Any, get_type_hints

from babel import Locale

from policygen.errors import RenderError
from policygen.questionnaire import rules
from policygen.questionnaire.choices import (
    AcknowledgementPlacement,
    EncouragementLevel,
    MentionEmployer,
    Sector,
)
from policygen.questionnaire.model import Questionnaire
from policygen.render.environment import MarkdownSafe
from policygen.render.language import Formatter, labels, place_phrase, role_in_sentence


@dataclass(frozen=True)
class Switch:
    """Marks a true/false fact that switches clauses on: ``Annotated[bool, Switch("…")]``.

    ``answers`` says, for the clause index, which answers make the fact true.
    """

    answers: str


def switches_of(group: type) -> dict[str, str]:
    """The switch facts of one group of facts, with the answers behind each."""
    hints = get_type_hints(group, include_extras=True)
    return {
        name: marker.answers
        for name, hint in hints.items()
        for marker in getattr(hint, "__metadata__", ())
        if isinstance(marker, Switch)
    }


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


@dataclass(frozen=True)
class SharedFacts:
    """What both documents read: names, dates, the mode, and the switches they have in common."""

    language: str
    labels: dict[str, Any]
    organisation_name: str
    title: str
    plan_title: str
    chapter_mode: bool
    chapter_number: int | None
    communication_policy_title: str | None
    communication_policy_chapter: int | None
    version: str
    effective: dt.date | None
    """The effective date itself (for metadata); ``effective_date`` is how the reader sees it."""
    effective_date: MarkdownSafe | None
    next_review: dt.date | None
    next_review_date: MarkdownSafe | None
    approval_date: MarkdownSafe | None
    is_adopted: bool
    """Adopted once it has an approval date: from then on the notice speaks of later changes."""
    content_channel_place: str | None
    recognition: str | None
    has_works_council: bool
    country_name: str
    """The country as it reads in a sentence ("Belgium", "the United Kingdom"), for local law."""
    applies_dutch_law: bool
    """Dutch statutes and bodies (BW, WOR, Huis voor Klokkenluiders, Archiefwet) are named only
    then."""
    privacy_law: str | None
    """'AVG' or 'GDPR', 'UK GDPR', or ``None`` where no regulation we know of applies."""
    is_small_organisation: bool
    """Fewer than 50 employees: no management team, HR department or intranet is assumed."""
    management: str
    """Who leads, as it reads in a sentence: 'het management', or 'de praktijkhouders'."""
    hr: str
    """Who keeps the personnel records, as it reads in a sentence: 'HR', or the policy's owner."""
    has_minors: Annotated[
        bool,
        Switch(
            "`organisation.sector: education`, with `organisation.education_level` "
            "primary, secondary, vocational or left empty"
        ),
    ]
    """Pupils who may be minors: every education level below higher education."""
    is_higher_education: Annotated[
        bool, Switch("`organisation.sector: education` with `organisation.education_level: higher`")
    ]
    has_staff_in_sensitive_roles: Annotated[
        bool, Switch("`organisation.sensitive_roles` lists at least one role")
    ]
    sensitive_roles_joined: str
    works_remotely: Annotated[bool, Switch("`organisation.works_remotely: true`")]
    is_healthcare: Annotated[bool, Switch("`organisation.sector: healthcare`")]
    is_public_sector: Annotated[bool, Switch("`organisation.sector: public_sector`")]
    is_education: bool
    is_business: bool
    is_nonprofit: bool
    has_accounts: Annotated[bool, Switch("`accounts.managed` lists at least one account")]
    has_crisis_contact: Annotated[bool, Switch("`accounts.crisis` is filled in")]
    has_related_documents: Annotated[
        bool, Switch("`communication_policy.related_documents` lists at least one document")
    ]
    is_part_of_communication_policy: bool
    requires_disclaimer: Annotated[bool, Switch("`private_use.mention_employer: with_disclaimer`")]
    discourages_mentioning_employer: bool
    gives_political_guidance: Annotated[
        bool,
        Switch(
            "`private_use.political_expression_guidance: true`, "
            "or left empty with `organisation.sector: public_sector`"
        ),
    ]
    is_restrained: Annotated[bool, Switch("`encouragement.level: restrained`")]
    is_neutral: Annotated[bool, Switch("`encouragement.level: neutral`")]
    encourages_use: Annotated[bool, Switch("`encouragement.level: encouraged` or `ambassadors`")]
    has_ambassador_programme: Annotated[
        bool,
        Switch("`encouragement.level: ambassadors` and `encouragement.ambassador_programme: true`"),
    ]
    offers_content_to_share: Annotated[
        bool,
        Switch("`encouragement.content_to_share: true`, at level `encouraged` or `ambassadors`"),
    ]
    offers_time_allowance: Annotated[
        bool,
        Switch(
            "`encouragement.time_allowance_hours_per_month` above 0, "
            "at level `encouraged` or `ambassadors`"
        ),
    ]
    offers_training: Annotated[
        bool, Switch("`encouragement.training: true`, or `facilitation.training` lists a course")
    ]
    monitors_public_posts: Annotated[bool, Switch("`monitoring.monitors_public_posts: true`")]
    needs_works_council_consent: Annotated[
        bool,
        Switch("`organisation.works_council: true` and `monitoring.monitors_public_posts: true`"),
    ]
    has_kpis: Annotated[bool, Switch("`monitoring.kpis` lists at least one key figure")]
    requires_acknowledgement: Annotated[
        bool, Switch("`introduction.acknowledgement_required: true`")
    ]
    acknowledgement_on_last_page: Annotated[
        bool,
        Switch(
            "`introduction.acknowledgement_required: true` and "
            "`introduction.acknowledgement: last_page`"
        ),
    ]
    acknowledgement_form: bool
    """A separate sign-off form is built beside the documents."""


def shared_facts(q: Questionnaire, *, as_chapter: bool | None) -> SharedFacts:
    language = q.language.value
    fmt = Formatter(language)
    words = labels(language)
    level, org, monitoring = q.encouragement.level, q.organisation, q.monitoring
    encourages_use = rules.encourages_use(level)
    small = rules.is_small(org.size)
    people = words["people"]
    leaders = q.document.approved_by if small and q.document.approved_by else None
    privacy_law = rules.privacy_law(org.country)
    effective = q.document.effective_date or source_date()
    next_review = add_months(effective, q.document.review_cycle_months) if effective else None
    chapter_mode = q.document.as_chapter if as_chapter is None else as_chapter
    return SharedFacts(
        language=language,
        labels=words,
        organisation_name=org.name,
        title=q.document.title or words["titles"]["policy"],
        plan_title=words["titles"]["plan"],
        chapter_mode=chapter_mode,
        chapter_number=q.communication_policy.chapter if chapter_mode else None,
        communication_policy_title=q.communication_policy.title,
        communication_policy_chapter=q.communication_policy.chapter,
        version=q.document.version,
        effective=effective,
        effective_date=fmt.date(effective) if effective else None,
        next_review=next_review,
        next_review_date=fmt.date(next_review) if next_review else None,
        approval_date=fmt.date(q.document.approval_date) if q.document.approval_date else None,
        is_adopted=q.document.approval_date is not None,
        content_channel_place=place_phrase(q.encouragement.content_channel, language),
        recognition=q.encouragement.recognition,
        has_works_council=org.works_council,
        country_name=words["country_in_sentence"].get(org.country)
        or Locale.parse(fmt.locale).territories.get(org.country, org.country),
        applies_dutch_law=rules.applies_dutch_law(org.country),
        privacy_law=words["privacy_law"][privacy_law] if privacy_law else None,
        is_small_organisation=small,
        management=role_in_sentence(leaders, words)
        if leaders
        else people["management_small" if small else "management"],
        hr=role_in_sentence(q.roles.policy_owner or q.document.owner, words)
        if small
        else people["hr"],
        has_minors=org.sector is Sector.education and rules.has_minors(org.education_level),
        is_higher_education=org.sector is Sector.education
        and not rules.has_minors(org.education_level),
        has_staff_in_sensitive_roles=bool(org.sensitive_roles),
        sensitive_roles_joined=fmt.joined(list(org.sensitive_roles)),
        works_remotely=org.works_remotely,
        is_healthcare=org.sector is Sector.healthcare,
        is_public_sector=org.sector is Sector.public_sector,
        is_education=org.sector is Sector.education,
        is_business=org.sector is Sector.business,
        is_nonprofit=org.sector is Sector.nonprofit,
        has_accounts=bool(q.accounts.managed),
        has_crisis_contact=q.accounts.crisis is not None,
        has_related_documents=bool(q.communication_policy.related_documents),
        is_part_of_communication_policy=q.communication_policy.title is not None,
        requires_disclaimer=rules.asks_for_disclaimer(q.private_use.mention_employer),
        discourages_mentioning_employer=q.private_use.mention_employer
        is MentionEmployer.discouraged,
        gives_political_guidance=q.private_use.political_expression_guidance
        if q.private_use.political_expression_guidance is not None
        else org.sector is Sector.public_sector,
        is_restrained=level is EncouragementLevel.restrained,
        is_neutral=level is EncouragementLevel.neutral,
        encourages_use=encourages_use,
        has_ambassador_programme=rules.runs_ambassador_programme(
            level, q.encouragement.ambassador_programme
        ),
        offers_content_to_share=q.encouragement.content_to_share and encourages_use,
        offers_time_allowance=bool(q.encouragement.time_allowance_hours_per_month)
        and encourages_use,
        offers_training=q.encouragement.training or bool(q.facilitation.training),
        monitors_public_posts=monitoring.monitors_public_posts,
        needs_works_council_consent=rules.needs_works_council_consent(
            org.works_council, monitoring.monitors_public_posts
        ),
        has_kpis=bool(monitoring.kpis),
        requires_acknowledgement=q.introduction.acknowledgement_required,
        acknowledgement_on_last_page=q.introduction.acknowledgement_required
        and q.introduction.acknowledgement is AcknowledgementPlacement.last_page,
        acknowledgement_form=q.introduction.acknowledgement_required
        and q.introduction.acknowledgement is AcknowledgementPlacement.form,
    )
