"""The questionnaire: one pydantic model per section of the design's table.

The sections the policy is written from live in ``sections``, their value types in ``fields`` and
their choices in ``choices``; here are the implementation plan's sections, the organisation's own
clauses and house style, and the root model. Every field has a description: it becomes the JSON
Schema text editors show, and the comment the wizard writes above the field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, ModelWrapValidatorHandler, StrictBool, model_validator

from policygen.questionnaire.choices import (
    AcknowledgementPlacement,
    ConditionStatus,
    IntroductionKind,
    Language,
    LegalBasis,
)
from policygen.questionnaire.fields import (
    WHOLE,
    ClauseFile,
    ClauseId,
    Colour,
    Count,
    Date,
    Fte,
    Hours,
    Money,
    OwnFile,
    Percent,
    ShortText,
    Text,
)
from policygen.questionnaire.sections import (
    Accounts,
    CommunicationPolicy,
    DocumentControl,
    Encouragement,
    Organisation,
    PrivateUse,
    Section,
)
from policygen.questionnaire.values import reading_in

FORMAT_VERSION = 1


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
    works_council_consent_date: Date | None = Field(
        default=None,
        description="The date the works council consented to the monitoring rules (YYYY-MM-DD), "
        "if it has; until then they wait for its consent.",
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
