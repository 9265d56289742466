"""The sections the social media policy is written from: organisation, document control,
the wider communication policy, accounts, private use and encouragement.

Every field has a description: it becomes the JSON Schema text editors show, and the comment the
wizard writes above the field.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from policygen.questionnaire.choices import (
    Approval,
    EducationLevel,
    EncouragementLevel,
    ImageConsent,
    MentionEmployer,
    Platform,
    RelatedKind,
    Sector,
    WorkHoursUse,
)
from policygen.questionnaire.fields import (
    WHOLE,
    Count,
    CountryCode,
    Date,
    Email,
    Hours,
    ShortText,
    Text,
    Url,
)


class Section(BaseModel):
    """Base for every section: unknown keys are errors, values are immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(Section):
    role: ShortText = Field(
        description="Who employees ask about this policy (a role or team, not a person's name)."
    )
    email: Email | None = Field(default=None, description="E-mail address of that contact point.")
    phone: ShortText | None = Field(default=None, description="Phone number of that contact point.")


class Organisation(Section):
    name: ShortText = Field(description="The organisation's name as it appears in the documents.")
    sector: Sector = Field(
        default=Sector.business,
        description="Sector; switches sector modules on (patient confidentiality, civil-service integrity, pupils and students).",
    )
    education_level: EducationLevel | None = Field(
        default=None,
        description="For sector education: primary, secondary, vocational or higher. Minors and parents are named only below higher education.",
    )
    size: Count | None = Field(default=None, description="Number of employees (approximately).")
    works_council: StrictBool = Field(
        default=False,
        description="Does the organisation have a works council (ondernemingsraad, OR)?",
    )
    country: CountryCode = Field(
        default="NL",
        description="Country whose law applies, as a two-letter code (NL, BE, GB, DE...). Dutch statutes are cited only for NL.",
    )
    sensitive_roles: list[ShortText] = Field(
        default_factory=list,
        max_length=20,
        description="Roles that are at risk of being targeted online (enforcement, security, crisis team...).",
    )
    works_remotely: StrictBool = Field(
        default=False,
        description="Do teams work mostly remotely, meeting each other online?",
    )
    contact: Contact = Field(description="Contact point for questions about the policy.")


class DocumentControl(Section):
    title: ShortText | None = Field(
        default=None,
        description="Title of the policy; leave empty for the default title in the chosen language.",
    )
    version: ShortText = Field(
        default="1.0", description='Version of this policy, in quotes (e.g. "1.0").'
    )
    effective_date: Date | None = Field(
        default=None,
        description="Date the policy takes effect (YYYY-MM-DD). Empty: SOURCE_DATE_EPOCH, or the date is left open.",
    )
    owner: ShortText = Field(description="Role that owns and maintains the policy.")
    approved_by: ShortText | None = Field(
        default=None, description="Body or role that approved the policy."
    )
    approval_date: Date | None = Field(default=None, description="Date of approval (YYYY-MM-DD).")
    review_cycle_months: Annotated[int, Field(ge=1, le=60, strict=True), WHOLE] = Field(
        default=12, description="How often the policy is reviewed, in months."
    )
    as_chapter: StrictBool = Field(
        default=False,
        description="Build the documents as a chapter of the communication policy (numbered, no title block).",
    )


class RelatedDocument(Section):
    kind: RelatedKind = Field(description="What kind of document this is.")
    title: ShortText = Field(description="Its title.")
    url: Url | None = Field(default=None, description="Where employees find it.")


class CommunicationPolicy(Section):
    title: ShortText | None = Field(
        default=None, description="Title of the wider communication policy."
    )
    chapter: Annotated[int, Field(ge=1, le=99, strict=True), WHOLE] | None = Field(
        default=None, description="Chapter number of this policy within the communication policy."
    )
    url: Url | None = Field(
        default=None, description="Where the communication policy is published."
    )
    related_documents: list[RelatedDocument] = Field(
        default_factory=list,
        max_length=20,
        description="Related documents: crisis communication, press policy, house style, code of conduct.",
    )


class Account(Section):
    platform: Platform = Field(description="The platform.")
    name: ShortText | None = Field(default=None, description="Name shown for 'other' platforms.")
    handle: ShortText = Field(description="The account name or handle, e.g. @organisation.")
    url: Url | None = Field(default=None, description="Address of the account.")
    purpose: Text = Field(description="What the account is for, in a few words.")
    owner: ShortText = Field(description="Role that owns the account.")
    posters: list[ShortText] = Field(
        default_factory=list, max_length=20, description="Roles that may post on the account."
    )
    approval: Approval = Field(
        default=Approval.none, description="Approval needed before a post goes out."
    )
    response_time_hours: Annotated[int, Field(ge=1, le=720, strict=True), WHOLE] | None = Field(
        default=None,
        description="How quickly messages and comments are answered, in hours (working hours).",
    )
    broadcast_only: StrictBool = Field(
        default=False,
        description="The account only sends (a WhatsApp channel, an alert account): nobody can reply.",
    )
    round_the_clock: StrictBool = Field(
        default=False,
        description="The account is watched day and night, also at weekends (a crisis or service account).",
    )
    administrators: Annotated[int, Field(ge=1, le=50, strict=True), WHOLE] = Field(
        default=2,
        description="Number of people with administrator rights (at least two is advised).",
    )


class AccountSecurity(Section):
    two_factor: StrictBool = Field(
        default=True, description="Two-factor authentication on every account."
    )
    password_manager: StrictBool = Field(
        default=True, description="Log-ins kept in a shared password manager."
    )
    offboarding: StrictBool = Field(
        default=True,
        description="Access is removed and passwords changed when someone leaves or changes role.",
    )


class Crisis(Section):
    contact_role: ShortText = Field(
        description="Who is called when a post causes harm or a storm of reactions."
    )
    phone: ShortText | None = Field(
        default=None, description="Phone number for urgent cases, outside office hours too."
    )
    response_minutes: Annotated[int, Field(ge=5, le=1440, strict=True), WHOLE] = Field(
        default=60, description="Within how many minutes a first response is given in a crisis."
    )


class Accounts(Section):
    managed: list[Account] = Field(
        default_factory=list, max_length=50, description="The accounts the organisation manages."
    )
    tone_of_voice: Text | None = Field(
        default=None, description="How the organisation sounds online."
    )
    security: AccountSecurity = Field(
        default_factory=AccountSecurity, description="How accounts are secured."
    )
    crisis: Crisis | None = Field(
        default=None, description="Crisis and escalation for the organisation's accounts."
    )


class PrivateUse(Section):
    work_hours: WorkHoursUse = Field(
        default=WorkHoursUse.limited,
        description="Private use of social media during working hours.",
    )
    mention_employer: MentionEmployer = Field(
        default=MentionEmployer.with_disclaimer,
        description="May employees say where they work on private accounts?",
    )
    disclaimer_text: Text | None = Field(
        default=None,
        description="The disclaimer employees add; empty for the default text in the chosen language.",
    )
    confidential_examples: list[ShortText] = Field(
        default_factory=list,
        max_length=20,
        description="Examples of information that is never shared.",
    )
    spokesperson_role: ShortText | None = Field(
        default=None,
        description="Who speaks on behalf of the organisation (press office, communication team).",
    )
    harassment_contact: ShortText | None = Field(
        default=None,
        description="Where employees report online harassment (e.g. the confidential adviser).",
    )
    political_expression_guidance: StrictBool | None = Field(
        default=None,
        description="Add guidance on political expression; empty: on for the public sector.",
    )
    consequences: Text | None = Field(
        default=None,
        description="Extra words on the consequences of violations; the standard clause always appears.",
    )
    image_consent: ImageConsent = Field(
        default=ImageConsent.by_age,
        description="Pictures of pupils or patients: by_age (parents decide for children under 16) or always (written consent for every picture, whatever the age).",
    )
    handles_embargoed_information: StrictBool = Field(
        default=False,
        description="Do employees see information under embargo (results, announcements) before it is public?",
    )


class Encouragement(Section):
    level: EncouragementLevel = Field(
        default=EncouragementLevel.neutral,
        description="restrained: guardrails only; neutral: allowed, not stimulated; encouraged: content, training, some time; ambassadors: a programme.",
    )
    ambassador_programme: StrictBool = Field(
        default=False, description="An ambassador programme that employees may join."
    )
    ambassador_coordinator: ShortText | None = Field(
        default=None, description="Role that coordinates the ambassadors."
    )
    content_to_share: StrictBool = Field(
        default=False, description="The organisation offers ready content to share."
    )
    content_channel: ShortText | None = Field(
        default=None,
        description="Where shareable content is offered (an app, the intranet, a channel).",
    )
    time_allowance_hours_per_month: Hours | None = Field(
        default=None,
        description="Working time per month employees may spend on social media for work.",
    )
    recognition: Text | None = Field(default=None, description="How contributions are recognised.")
    training: StrictBool = Field(
        default=False, description="Social media training is offered to employees."
    )
