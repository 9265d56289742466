"""The questionnaire: one pydantic model per section of the design's table.

Every field has a description: it becomes the JSON Schema text editors show, and the comment the
wizard writes above the field. Text fields are strict strings, so YAML 1.1 surprises (``no`` read
as ``false``, ``1.10`` read as ``1.1``) are caught instead of silently rendered.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import StrEnum
from functools import partial
from typing import Annotated, Any, Literal

from babel import Locale
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    StrictBool,
    StrictStr,
    model_validator,
)

from policygen.questionnaire.colour import (
    AA_TEXT,
    WHITE,
    contrast,
    lowest_contrast,
    nearest_passing,
)
from policygen.questionnaire.dates import read_date
from policygen.questionnaire.numbers import read_number
from policygen.questionnaire.values import Unreadable, reading_in

FORMAT_VERSION = 1
MAX_TEXT_LENGTH = 2000
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


MAX_MARKS = 4
"""Combining marks kept on one character: Vietnamese, pointed Hebrew with cantillation and
Tibetan stacks need up to four; more only paint over the lines above (``e`` + 50 × U+0301)."""


def _is_mark(character: str) -> bool:
    return unicodedata.category(character) in ("Mn", "Me")


def most_marks(text: str) -> int:
    """The most combining marks stacked on one character of ``text``."""
    most = run = 0
    for character in text:
        run = run + 1 if _is_mark(character) else 0
        most = max(most, run)
    return most


def cap_marks(text: str) -> str:
    """``text`` with at most ``MAX_MARKS`` combining marks on each character."""
    kept = []
    run = 0
    for character in text:
        run = run + 1 if _is_mark(character) else 0
        if run <= MAX_MARKS:
            kept.append(character)
    return "".join(kept)


def _clean_text(value: str) -> str:
    """Reject characters no policy text needs, cap stacked combining marks (a warning names the
    field), and trim surrounding blanks."""
    if found := _CONTROL_CHARACTERS.search(value):
        raise Unreadable("control", character=f"U+{ord(found.group()):04X}")
    return cap_marks(value).strip()


def _not_blank(value: str) -> str:
    if not value:
        raise Unreadable("empty")
    return value


Text = Annotated[
    StrictStr,
    Field(max_length=MAX_TEXT_LENGTH),
    AfterValidator(_clean_text),
    AfterValidator(_not_blank),
]
"""A piece of text that appears in the documents (a name, a role, a sentence)."""

ShortText = Annotated[
    StrictStr, Field(max_length=200), AfterValidator(_clean_text), AfterValidator(_not_blank)
]
"""A name, role or label: one line."""

Url = Annotated[
    StrictStr,
    Field(max_length=500, pattern=r"^(https://|http://|mailto:)[^\s<>\"]+$"),
]
"""A web address (https://, http://) or an e-mail link (mailto:)."""

MIN_YEAR, MAX_YEAR = 1900, 2200


def _plausible_year(value: dt.date) -> dt.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise Unreadable("year_range", low=MIN_YEAR, high=MAX_YEAR, year=value.year)
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(read_date),
    AfterValidator(_plausible_year),
]
"""A calendar date written as YYYY-MM-DD; a year like 9999 is a typo, and review dates computed
from it would overflow."""

COUNTRY_PATTERN = "^[A-Za-z]{2}$"


def _known_country(code: str) -> str:
    if code == "UK":
        raise ValueError("the country code of the United Kingdom is GB; write country: GB")
    if code.upper() in _COUNTRY_CODES and code not in _COUNTRY_CODES:
        raise ValueError(f"write the country code in capitals: {code.upper()}")
    if code not in _COUNTRY_CODES:
        raise ValueError(
            f"'{code}' is not a two-letter country code; write it in capitals, e.g. NL, BE, DE or GB"
        )
    return code


_COUNTRY_CODES = frozenset(
    code for code in map(str, Locale("en").territories) if len(code) == 2 and code.isalpha()
)
CountryCode = Annotated[StrictStr, Field(pattern=COUNTRY_PATTERN), AfterValidator(_known_country)]
"""An ISO 3166 country code in capitals (NL, BE, GB); it decides which law the text cites."""

Email = Annotated[StrictStr, Field(max_length=254, pattern=r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")]


def _number(*, whole: bool, amount: bool) -> BeforeValidator:
    """Numbers may also be written as text in the questionnaire's language (``"€ 4.500,50"``);
    the JSON Schema keeps showing the plain number, the form the wizard writes."""
    return BeforeValidator(partial(read_number, whole=whole, amount=amount))


WHOLE = _number(whole=True, amount=False)
"""For whole numbers in a small range (months, a chapter number, people): ``"12"`` is 12."""


Count = Annotated[int, Field(ge=0, le=1_000_000, strict=True), _number(whole=True, amount=True)]
"""A number of people or hires; ``1.400`` is never 1.4 people."""
Hours = Annotated[float, Field(ge=0, le=168), _number(whole=False, amount=True)]
Money = Annotated[float, Field(ge=0, le=1_000_000_000), _number(whole=False, amount=True)]
"""Euros; ``4.500`` is refused (YAML reads 4.5), ``"4.500"`` is read in the questionnaire's language."""
Percent = Annotated[float, Field(ge=0, le=100), _number(whole=False, amount=False)]
Fte = Annotated[float, Field(ge=0, le=1000), _number(whole=False, amount=False)]


class Section(BaseModel):
    """Base for every section: unknown keys are errors, values are immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Language(StrEnum):
    """The language of every generated document."""

    nl = "nl"
    en = "en"


class Sector(StrEnum):
    healthcare = "healthcare"
    public_sector = "public_sector"
    education = "education"
    business = "business"
    nonprofit = "nonprofit"


class EducationLevel(StrEnum):
    """The level taught: minors and parents exist only below higher education."""

    primary = "primary"
    secondary = "secondary"
    vocational = "vocational"
    higher = "higher"


class ImageConsent(StrEnum):
    """Whose consent a picture of a pupil or patient needs before it is posted."""

    by_age = "by_age"
    always = "always"


class Platform(StrEnum):
    linkedin = "linkedin"
    instagram = "instagram"
    facebook = "facebook"
    x = "x"
    youtube = "youtube"
    tiktok = "tiktok"
    mastodon = "mastodon"
    bluesky = "bluesky"
    threads = "threads"
    whatsapp = "whatsapp"
    signal = "signal"
    telegram = "telegram"
    pinterest = "pinterest"
    other = "other"


class Approval(StrEnum):
    none = "none"
    four_eyes = "four_eyes"
    communication_department = "communication_department"
    management = "management"


class WorkHoursUse(StrEnum):
    allowed = "allowed"
    limited = "limited"
    breaks_only = "breaks_only"
    work_related_only = "work_related_only"


class MentionEmployer(StrEnum):
    allowed = "allowed"
    with_disclaimer = "with_disclaimer"
    discouraged = "discouraged"


class EncouragementLevel(StrEnum):
    restrained = "restrained"
    neutral = "neutral"
    encouraged = "encouraged"
    ambassadors = "ambassadors"


class ConditionStatus(StrEnum):
    met = "met"
    partly_met = "partly_met"
    not_met = "not_met"
    unknown = "unknown"


class LegalBasis(StrEnum):
    legitimate_interest = "legitimate_interest"
    legal_obligation = "legal_obligation"
    public_task = "public_task"


class RelatedKind(StrEnum):
    crisis_communication = "crisis_communication"
    press_policy = "press_policy"
    house_style = "house_style"
    code_of_conduct = "code_of_conduct"
    privacy_policy = "privacy_policy"
    integrity_code = "integrity_code"
    other = "other"


class AcknowledgementPlacement(StrEnum):
    form = "form"
    last_page = "last_page"
    online = "online"


class IntroductionKind(StrEnum):
    kickoff = "kickoff"
    video = "video"
    intranet = "intranet"
    team_meetings = "team_meetings"
    training = "training"
    acknowledgement = "acknowledgement"
    newsletter = "newsletter"


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


class Responsibility(Section):
    role: ShortText = Field(description="The role.")
    responsibilities: list[Text] = Field(
        min_length=1, max_length=20, description="What this role does."
    )


class Roles(Section):
    policy_owner: ShortText | None = Field(
        default=None, description="Owns the policy; empty: the document owner."
    )
    account_manager: ShortText | None = Field(
        default=None, description="Manages the organisation's accounts."
    )
    monitoring: ShortText | None = Field(
        default=None, description="Follows what is said about the organisation."
    )
    training: ShortText | None = Field(default=None, description="Organises training and support.")
    violations: ShortText | None = Field(
        default=None, description="Decides on violations (usually the manager with HR)."
    )
    others: list[Responsibility] = Field(
        default_factory=list, max_length=20, description="Any other roles."
    )


class IntroductionStep(Section):
    kind: IntroductionKind = Field(description="The kind of activity.")
    date: Date | None = Field(default=None, description="When it happens (YYYY-MM-DD).")
    owner: ShortText | None = Field(default=None, description="Role responsible for it.")
    description: Text | None = Field(default=None, description="What happens, in a sentence.")


class Introduction(Section):
    steps: list[IntroductionStep] = Field(
        default_factory=list,
        max_length=30,
        description="How the policy is introduced: kick-off, video, intranet, team meetings.",
    )
    acknowledgement_required: StrictBool = Field(
        default=False, description="Employees confirm they have read the policy."
    )
    acknowledgement: AcknowledgementPlacement = Field(
        default=AcknowledgementPlacement.form,
        description="Where employees confirm: a one-page form of its own per version (form), "
        "the policy's last page (last_page), or the organisation's own system, such as a staff "
        "portal (online: no form is printed).",
    )


class Facilitation(Section):
    hours_per_week: Hours | None = Field(
        default=None, description="Staff hours per week for social media and this policy."
    )
    staff_fte: Fte | None = Field(default=None, description="Staff in full-time equivalents.")
    budget_per_year: Money | None = Field(default=None, description="Yearly budget in euros.")
    training_budget_per_year: Money | None = Field(
        default=None, description="Yearly training budget in euros."
    )
    tools: list[ShortText] = Field(
        default_factory=list, max_length=20, description="Tools and applications."
    )
    ict: Text | None = Field(
        default=None, description="ICT infrastructure that is needed or made available."
    )
    training: list[ShortText] = Field(
        default_factory=list, max_length=20, description="Training offered."
    )


class Precondition(Section):
    status: ConditionStatus = Field(
        default=ConditionStatus.unknown, description="met, partly_met, not_met or unknown."
    )
    note: Text | None = Field(default=None, description="What is in place, or the next step.")


class Preconditions(Section):
    management_support: Precondition = Field(
        default_factory=Precondition,
        description="Management supports the policy and sets an example.",
    )
    trust_in_employees: Precondition = Field(
        default_factory=Precondition, description="Employees get freedom and responsibility."
    )
    open_culture: Precondition = Field(
        default_factory=Precondition,
        description="An open culture, transparency, willingness to share.",
    )
    ambassadors: Precondition = Field(
        default_factory=Precondition, description="Enthusiastic front-runners are present."
    )
    realistic_goals: Precondition = Field(
        default_factory=Precondition, description="Realistic goals and time to see results."
    )


class Kpi(Section):
    name: ShortText = Field(description="What is measured.")
    target: ShortText | None = Field(default=None, description="The target value.")


class Monitoring(Section):
    monitors_public_posts: StrictBool = Field(
        default=False,
        description="The organisation follows public posts about itself (online listening).",
    )
    announced_in_advance: StrictBool = Field(
        default=False, description="Employees are told in advance how and why."
    )
    legal_basis: LegalBasis = Field(
        default=LegalBasis.legitimate_interest, description="The GDPR basis for monitoring."
    )
    tools: list[ShortText] = Field(
        default_factory=list, max_length=20, description="Monitoring tools used."
    )
    kpis: list[Kpi] = Field(
        default_factory=list, max_length=20, description="Key figures that are followed."
    )
    community_activation: list[Text] = Field(
        default_factory=list,
        max_length=20,
        description="How the employee community is kept active.",
    )
    review_months: Annotated[int, Field(ge=1, le=24, strict=True), WHOLE] = Field(
        default=6, description="How often results are reviewed, in months."
    )


class Benefits(Section):
    hires_per_year: Count | None = Field(default=None, description="New hires per year.")
    cost_per_hire: Money | None = Field(
        default=None, description="Average recruitment cost per hire, in euros."
    )
    turnover_percent: Percent | None = Field(
        default=None, description="Yearly staff turnover, percent."
    )
    expected_saving_percent: Percent = Field(
        default=10,
        description="Expected saving on recruitment costs, percent (an assumption, stated in the plan).",
    )


ClauseId = Annotated[
    StrictStr,
    Field(max_length=80, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$"),
]
"""A clause's anchor id, as listed in docs/clauses.md (``contact-with-journalists``)."""

ClauseFile = Annotated[StrictStr, Field(min_length=1, max_length=300)]
"""A Markdown file with the organisation's own clause text, relative to the questionnaire's folder."""


class AddedClause(Section):
    after: ClauseId = Field(
        description="The id of the clause after which this one goes (after its subsections too)."
    )
    file: ClauseFile = Field(
        description="The clause's Markdown file, relative to the questionnaire's folder; its name gives the new clause's id."
    )


class Customisation(Section):
    remove: list[ClauseId] = Field(
        default_factory=list,
        max_length=100,
        description="Ids of built-in clauses to leave out; their subsections go too.",
    )
    replace: dict[ClauseId, ClauseFile] = Field(
        default_factory=dict,
        max_length=100,
        description="Built-in clauses to replace by the organisation's own text: clause id -> Markdown file.",
    )
    add: list[AddedClause] = Field(
        default_factory=list, max_length=50, description="The organisation's own clauses."
    )


OwnFile = Annotated[StrictStr, Field(min_length=1, max_length=300)]
"""A file of the organisation's, relative to the questionnaire's folder."""


def _readable_colour(value: str) -> str:
    """Refuse a house colour that headings and links cannot be read in (WCAG AA for text)."""
    colour = value.lower()
    if lowest_contrast(colour) < AA_TEXT:
        raise ValueError(
            f"'{value}' has a contrast of {contrast(colour, WHITE):.1f}:1 with white; headings, "
            f"links and table headers in this colour need at least {AA_TEXT}:1 (WCAG AA), also "
            f"on the light tint behind the contents; the nearest shade that passes is "
            f"'{nearest_passing(colour)}'"
        )
    return colour


Colour = Annotated[
    StrictStr,
    Field(pattern=r"^#[0-9A-Fa-f]{6}$", examples=["#00594F"]),
    AfterValidator(_readable_colour),
]


class Branding(Section):
    logo: OwnFile | None = Field(
        default=None,
        description="The organisation's logo: a PNG, JPEG or SVG file of at most 1 MiB, relative to the questionnaire's folder; shown in the title block and at the top of every printed page.",
    )
    logo_alt: ShortText | None = Field(
        default=None,
        description="What the logo says, for screen readers (e.g. 'Logo Zorggroep Rivierenland'); without it: 'Logo' and the organisation's name.",
    )
    colour: Colour | None = Field(
        default=None,
        description="Accent colour for headings, rules and table headers, as #RRGGBB; it needs a contrast of at least 4.5:1 with white (WCAG AA).",
    )
    font: OwnFile | None = Field(
        default=None,
        description="The house typeface: a TTF, OTF, WOFF or WOFF2 file relative to the questionnaire's folder, or the name of a font family installed on this machine.",
    )
    cover_page: StrictBool = Field(
        default=False,
        description="Give each document a title page of its own, with the contents on the next page.",
    )


class Questionnaire(Section):
    """A complete questionnaire; the root of the YAML file."""

    policygen: Literal[1] = Field(description="Format version of this file. Always 1 for now.")
    language: Language = Field(
        default=Language.nl, description="Language of every document: nl or en."
    )
    organisation: Organisation = Field(description="The organisation this policy is for.")
    document: DocumentControl = Field(
        description="Document control: title, version, dates, owner, approval."
    )
    communication_policy: CommunicationPolicy = Field(
        default_factory=CommunicationPolicy,
        description="The wider communication policy this policy is part of.",
    )
    accounts: Accounts = Field(
        default_factory=Accounts,
        description="The organisation's own accounts, their security, and crisis escalation.",
    )
    private_use: PrivateUse = Field(
        default_factory=PrivateUse, description="Employees' private use of social media."
    )
    encouragement: Encouragement = Field(
        default_factory=Encouragement,
        description="How strongly the organisation encourages social media use, and what it offers.",
    )
    roles: Roles = Field(
        default_factory=Roles, description="Roles, functions and responsibilities."
    )
    introduction: Introduction = Field(
        default_factory=Introduction, description="How the policy is introduced to employees."
    )
    facilitation: Facilitation = Field(
        default_factory=Facilitation,
        description="Time, staff, budget, tools and training made available.",
    )
    preconditions: Preconditions = Field(
        default_factory=Preconditions,
        description="Preconditions for success, each with its status.",
    )
    monitoring: Monitoring = Field(
        default_factory=Monitoring,
        description="Monitoring, key figures, community activation, reviews.",
    )
    benefits: Benefits = Field(
        default_factory=Benefits,
        description="Figures for the expected benefits in the implementation plan.",
    )
    customisation: Customisation = Field(
        default_factory=Customisation,
        description="The organisation's own adaptations of the built-in text: clauses removed, replaced or added.",
    )
    branding: Branding = Field(
        default_factory=Branding,
        description="The organisation's house style: logo, colour, typeface and cover page, the same in HTML and PDF.",
    )

    @model_validator(mode="wrap")
    @classmethod
    def _read_in_its_language(
        cls, data: Any, handler: ModelWrapValidatorHandler[Questionnaire]
    ) -> Questionnaire:
        """Numbers written as text are read in the questionnaire's own language."""
        with reading_in(data.get("language", "nl") if isinstance(data, dict) else None):
            return handler(data)
