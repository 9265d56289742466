"""The policy's own facts: its tables, the roles as they read in sentences, and fallbacks for roles
the questionnaire leaves empty."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from policygen.questionnaire import rules
from policygen.questionnaire.choices import Approval, ImageConsent, RelatedKind, Sector
from policygen.questionnaire.model import Questionnaire
from policygen.questionnaire.sections import Account
from policygen.render.environment import MarkdownSafe
from policygen.render.language import (
    Formatter,
    capitalised,
    platform_name,
    reference,
    role_in_sentence,
)
from policygen.render.shared_facts import SharedFacts, Switch

PUBLIC_FACING = frozenset({Sector.healthcare, Sector.public_sector, Sector.education})
"""Sectors whose staff work face to face with the people they serve."""

REPORTING_PROCEDURE_FROM = 50
"""Staff from which an employer must have a procedure for reporting wrongdoing."""


@dataclass(frozen=True)
class AccountRow:
    """One organisation account in the policy's register and working-agreements tables."""

    platform: str
    handle: MarkdownSafe
    purpose: str
    owner: str
    posters: str
    approval: str
    response_time: str


@dataclass(frozen=True)
class RoleRow:
    """One role in the policy's roles table, with every duty the questionnaire gives it."""

    role: str
    duties: str


@dataclass(frozen=True)
class PolicyFacts:
    """What only the policy reads."""

    service_users: str
    your_manager: str
    """Who an employee tells first: 'je leidinggevende', or in a small organisation the policy's
    owner ('de praktijkmanager'), since it has no layer of managers."""
    learners: str
    """Pupils or students, as the education level calls them ('leerlingen', 'studenten')."""
    learners_include_adults: bool
    pupil_guide: str
    """Who looks after a pupil: the mentor, or the class teacher in primary education."""
    consent_age: int
    """Below this age parents consent to a picture (16 under the Dutch GDPR implementation)."""
    asks_image_consent_always: bool
    account_rows: list[AccountRow]
    uses_four_eyes_approval: bool
    response_days: str | None
    takes_replies: bool
    """Some account can be answered; broadcast-only accounts (an alert channel) cannot."""
    every_account_has_a_second_administrator: bool
    account_manager: str
    uses_two_factor: bool
    uses_password_manager: bool
    removes_access_on_leaving: bool
    tone_of_voice: str | None
    crisis_contact_role: str | None
    crisis_phone: str | None
    crisis_response_time: MarkdownSafe | None
    communication_policy_reference: MarkdownSafe | None
    related_references: list[MarkdownSafe]
    related_reference: dict[str, MarkdownSafe | None]
    work_hours: str
    disclaimer_text: str
    confidential_examples: list[str]
    handles_embargoed_information: bool
    spokesperson: str
    contact_role: str
    contact_email: str | None
    contact_phone: str | None
    harassment_contact: str | None
    has_reporting_procedure: bool
    """A reporting procedure for wrongdoing: required from 50 staff in the EU and EEA (the
    Whistleblowing Directive; in the Netherlands the Wet bescherming klokkenluiders), so assumed
    there unless the organisation says it is smaller; elsewhere never assumed."""
    time_allowance: MarkdownSafe | None
    review_cycle: MarkdownSafe
    document_owner: str
    approved_by: str | None
    ambassador_coordinator: str
    recognises_contributions: Annotated[
        bool,
        Switch(
            "level `encouraged` or `ambassadors`, with `encouragement.recognition` "
            "or an ambassador programme"
        ),
    ]
    work_chats_are_public_records: bool
    """Chat messages about work are government information (Archiefwet, Woo) for a Dutch public
    body, also on an employee's own phone."""
    meets_the_public: Annotated[
        bool, Switch("`organisation.sector: healthcare`, `public_sector` or `education`")
    ]
    """Staff work face to face with patients, residents or pupils, who may film them."""
    trainer: str | None
    training_courses: list[str]
    role_rows: list[RoleRow]
    monitoring_legal_basis: str
    works_council_consent_date: MarkdownSafe | None
    """When the works council consented to the monitoring rules; ``None`` while it has not."""
    monitoring_tools: str | None
    consequences: str | None


def _response_time(account: Account, fmt: Formatter, words: dict[str, Any]) -> str:
    """'24 hours', '24 hours, also at night and at weekends', or why there is no time."""
    response = words["response"]
    if account.broadcast_only:
        return capitalised(response["broadcast"])
    if not account.response_time_hours:
        return capitalised(response["none"])
    time = fmt.duration(account.response_time_hours, "hour")
    return response["round_the_clock"].format(time=time) if account.round_the_clock else time


def _response_days(accounts: list[Account]) -> str | None:
    """When the response times run: 'every_day', 'working_days' or 'mixed' (None: no times)."""
    timed = [a for a in accounts if a.response_time_hours and not a.broadcast_only]
    if not timed:
        return None
    if all(a.round_the_clock for a in timed):
        return "every_day"
    return "mixed" if any(a.round_the_clock for a in timed) else "working_days"


def _approval(approval: Approval, q: Questionnaire, words: dict[str, Any]) -> str:
    """Who approves, in the organisation's own words where it named its communication team."""
    if approval is Approval.communication_department and q.roles.account_manager:
        return capitalised(q.roles.account_manager)
    return capitalised(words["approval"][approval.value])


def _account_rows(q: Questionnaire, fmt: Formatter, words: dict[str, Any]) -> list[AccountRow]:
    return [
        AccountRow(
            platform=platform_name(account, words),
            handle=reference(account.handle, account.url),
            purpose=capitalised(account.purpose),
            owner=capitalised(account.owner),
            posters=capitalised(fmt.joined(list(account.posters) or [account.owner])),
            approval=_approval(account.approval, q, words),
            response_time=_response_time(account, fmt, words),
        )
        for account in q.accounts.managed
    ]


_DUTY_CLAUSES: dict[str, tuple[str, ...]] = {
    "new_accounts": ("new-accounts", "organisation-accounts"),
    "monitoring": ("what-we-follow", "monitoring"),
    "training": ("training", "support-and-training"),
    "ambassador_coordinator": ("ambassador-programme",),
}
"""Duties the policy explains in one clause, with that clause and its parent: an organisation
that removes either (``customisation.remove``) has no such duty to list."""


def _role_rows(
    q: Questionnaire, words: dict[str, Any], duties_of: dict[str, str | None]
) -> list[RoleRow]:
    """Roles with fallbacks; a role named twice gets one row with all its duties. A duty whose
    clause the organisation removed is left out."""
    duty_text = words["policy"]["duties"]
    removed = set(q.customisation.remove)
    assigned: dict[str, tuple[str, list[str]]] = {}
    named = [
        (role, duty_text[duty])
        for duty, role in duties_of.items()
        if role and removed.isdisjoint(_DUTY_CLAUSES.get(duty, ()))
    ]
    named += [(other.role, "; ".join(other.responsibilities)) for other in q.roles.others]
    for role, duty in named:
        key = role.casefold()
        assigned.setdefault(key, (role, []))[1].append(duty)
    return [
        RoleRow(capitalised(role), capitalised("; ".join(duties)))
        for role, duties in assigned.values()
    ]


def _crisis_response_time(minutes: int, fmt: Formatter) -> MarkdownSafe:
    """Whole hours read as hours ('2 hours'), anything else as minutes ('90 minutes')."""
    if minutes % 60 == 0:
        return fmt.duration(minutes // 60, "hour")
    return fmt.duration(minutes, "minute")


def _legal_basis(q: Questionnaire, shared: SharedFacts) -> str:
    """The basis for following public posts, with its GDPR article where that regulation applies."""
    basis = q.monitoring.legal_basis.value
    text: str = shared.labels["legal_basis"][basis]
    if shared.privacy_law is None:
        return text
    article = shared.labels["legal_basis_article"][basis].format(law=shared.privacy_law)
    return f"{text} ({article})"


def policy_facts(q: Questionnaire, shared: SharedFacts, fmt: Formatter) -> PolicyFacts:
    """The policy's facts: tables, fallbacks for unanswered roles, and the people to turn to."""
    org, roles, private, encouragement = q.organisation, q.roles, q.private_use, q.encouragement
    security, monitoring, crisis = q.accounts.security, q.monitoring, q.accounts.crisis
    words = shared.labels
    account_manager = roles.account_manager or (
        q.accounts.managed[0].owner if q.accounts.managed else org.contact.role
    )
    coordinator = encouragement.ambassador_coordinator or account_manager
    allowance = encouragement.time_allowance_hours_per_month if shared.encourages_use else None
    policy_words = words["policy"]
    communication_policy = q.communication_policy
    related = communication_policy.related_documents
    trainer = (roles.training or org.contact.role) if shared.offers_training else None
    duties_of = {
        "policy_owner": roles.policy_owner or q.document.owner,
        "account_manager": account_manager,
        "new_accounts": account_manager,
        "monitoring": (roles.monitoring or account_manager)
        if monitoring.monitors_public_posts
        else None,
        "training": trainer,
        "ambassador_coordinator": coordinator if shared.has_ambassador_programme else None,
        "violations": roles.violations
        or (shared.management if shared.is_small_organisation else None)
        or policy_words["violations_fallback"],
        "managers": None if shared.is_small_organisation else policy_words["managers"],
        "everyone": policy_words["everyone"],
    }
    level = org.education_level.value if org.education_level else "unknown"
    learners = words["learners"][level]
    return PolicyFacts(
        service_users=learners
        if org.sector is Sector.education
        else words["service_users"][org.sector.value],
        learners=learners,
        your_manager=role_in_sentence(q.document.owner, words)
        if shared.is_small_organisation
        else words["policy"]["your_manager"],
        learners_include_adults=level != "primary",
        pupil_guide=words["pupil_guide"][level],
        consent_age=16 if shared.applies_dutch_law else 18,
        asks_image_consent_always=private.image_consent is ImageConsent.always,
        account_rows=_account_rows(q, fmt, words),
        uses_four_eyes_approval=any(a.approval is Approval.four_eyes for a in q.accounts.managed),
        response_days=_response_days(list(q.accounts.managed)),
        takes_replies=any(not a.broadcast_only for a in q.accounts.managed),
        every_account_has_a_second_administrator=all(
            a.administrators >= rules.MIN_ADMINISTRATORS for a in q.accounts.managed
        ),
        account_manager=role_in_sentence(account_manager, words),
        uses_two_factor=security.two_factor,
        uses_password_manager=security.password_manager,
        removes_access_on_leaving=security.offboarding,
        tone_of_voice=q.accounts.tone_of_voice,
        crisis_contact_role=crisis.contact_role if crisis else None,
        crisis_phone=crisis.phone if crisis else None,
        crisis_response_time=_crisis_response_time(crisis.response_minutes, fmt)
        if crisis
        else None,
        communication_policy_reference=reference(
            communication_policy.title, communication_policy.url
        )
        if communication_policy.title
        else None,
        related_references=[reference(d.title, d.url) for d in related],
        related_reference={
            kind.value: next((reference(d.title, d.url) for d in related if d.kind is kind), None)
            for kind in RelatedKind
        },
        work_hours=private.work_hours.value,
        disclaimer_text=private.disclaimer_text
        or policy_words["disclaimer"].format(organisation=org.name),
        confidential_examples=list(private.confidential_examples),
        handles_embargoed_information=private.handles_embargoed_information,
        spokesperson=role_in_sentence(private.spokesperson_role or account_manager, words),
        contact_role=role_in_sentence(org.contact.role, words),
        contact_email=org.contact.email,
        contact_phone=org.contact.phone,
        harassment_contact=role_in_sentence(private.harassment_contact, words)
        if private.harassment_contact
        else None,
        has_reporting_procedure=org.country in rules.EU_EEA_COUNTRIES
        and (org.size is None or org.size >= REPORTING_PROCEDURE_FROM),
        time_allowance=fmt.duration(allowance, "hour") if allowance else None,
        review_cycle=fmt.duration(q.document.review_cycle_months, "month"),
        document_owner=capitalised(q.document.owner),
        approved_by=capitalised(q.document.approved_by) if q.document.approved_by else None,
        ambassador_coordinator=role_in_sentence(coordinator, words),
        recognises_contributions=shared.encourages_use
        and bool(encouragement.recognition or shared.has_ambassador_programme),
        work_chats_are_public_records=shared.applies_dutch_law and shared.is_public_sector,
        meets_the_public=org.sector in PUBLIC_FACING,
        trainer=role_in_sentence(trainer, words) if trainer else None,
        training_courses=list(q.facilitation.training),
        role_rows=_role_rows(q, words, duties_of),
        monitoring_legal_basis=_legal_basis(q, shared),
        works_council_consent_date=fmt.date(monitoring.works_council_consent_date)
        if monitoring.works_council_consent_date
        else None,
        monitoring_tools=fmt.joined(list(monitoring.tools)) if monitoring.tools else None,
        consequences=private.consequences,
    )
