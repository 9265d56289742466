"""The policy's clause registry: every section's stable anchor id and the answers that switch it on.

The wording stays in the templates: titles are read from ``templates/<lang>/policy.md.j2``, so
there is one source for them. The registry adds what the templates cannot say about themselves:
which context names (computed in :mod:`policygen.render.context`) must hold for a clause to
appear, and the questionnaire answers behind those names. It feeds ``docs/clauses.md`` and the
tests that check every clause appears exactly when its condition holds, in both languages.

Regenerate the index with ``make clauses``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from policygen.render.context import POLICY
from policygen.render.environment import templates_dir

LANGUAGES = ("nl", "en")
DOCUMENT_ID = "social-media-policy"
_HEADING = re.compile(r"^(#{2,6}) (.+?) \{#([a-z0-9-]+)\}\s*$", re.MULTILINE)

CONDITIONS: dict[str, str] = {
    "has_related_documents": "`communication_policy.related_documents` lists at least one document",
    "has_accounts": "`accounts.managed` lists at least one account",
    "has_crisis_contact": "`accounts.crisis` is filled in",
    "requires_disclaimer": "`private_use.mention_employer: with_disclaimer`",
    "gives_political_guidance": "`private_use.political_expression_guidance: true`, "
    "or left empty with `organisation.sector: public_sector`",
    "is_healthcare": "`organisation.sector: healthcare`",
    "is_public_sector": "`organisation.sector: public_sector`",
    "is_education": "`organisation.sector: education`",
    "is_restrained": "`encouragement.level: restrained`",
    "is_neutral": "`encouragement.level: neutral`",
    "encourages_use": "`encouragement.level: encouraged` or `ambassadors`",
    "offers_content_to_share": "`encouragement.content_to_share: true`, at level `encouraged` or `ambassadors`",
    "offers_time_allowance": "`encouragement.time_allowance_hours_per_month` above 0, "
    "at level `encouraged` or `ambassadors`",
    "recognises_contributions": "level `encouraged` or `ambassadors`, with `encouragement.recognition` "
    "or an ambassador programme",
    "has_ambassador_programme": "`encouragement.level: ambassadors` and `encouragement.ambassador_programme: true`",
    "offers_training": "`encouragement.training: true`, or `facilitation.training` lists a course",
    "monitors_public_posts": "`monitoring.monitors_public_posts: true`",
    "needs_works_council_consent": "`organisation.works_council: true` and `monitoring.monitors_public_posts: true`",
    "requires_acknowledgement": "`introduction.acknowledgement_required: true`",
}
"""Every context name a clause may depend on, with the answers that make it true."""


@dataclass(frozen=True)
class Clause:
    """One section (``##``) or subsection (``###``) of the policy."""

    id: str
    requires: tuple[str, ...] = ()
    varies_with: str = ""
    """Answers that change the clause's text without removing it (for the index)."""

    def applies(self, context: Mapping[str, Any]) -> bool:
        """Whether the clause appears for a questionnaire with this render context."""
        return all(context[name] for name in self.requires)


LEVEL = "`encouragement.level`"
SECTOR = "`organisation.sector`"

CLAUSES: tuple[Clause, ...] = (
    Clause("summary", varies_with=f"{LEVEL}, {SECTOR}"),
    Clause("purpose-and-scope", varies_with=SECTOR),
    Clause("who-this-applies-to"),
    Clause("which-media"),
    Clause("place-in-communication-policy", varies_with="`communication_policy`"),
    Clause("related-documents", ("has_related_documents",)),
    Clause("our-stance", varies_with=f"{LEVEL}, `encouragement.ambassador_programme`"),
    Clause("principles", varies_with=LEVEL),
    Clause("organisation-accounts", varies_with="`accounts.managed`"),
    Clause("account-register", ("has_accounts",)),
    Clause(
        "posting-and-approval",
        ("has_accounts",),
        "`accounts.managed[].approval`, `organisation.sector`",
    ),
    Clause("tone-of-voice", ("has_accounts",), "`accounts.tone_of_voice`"),
    Clause("new-accounts"),
    Clause("account-security", ("has_accounts",), "`accounts.security`"),
    Clause("crisis-and-escalation", varies_with="`communication_policy.related_documents`"),
    Clause("crisis-contact", ("has_crisis_contact",)),
    Clause("private-use", varies_with=LEVEL),
    Clause("during-working-hours", varies_with="`private_use.work_hours`, time allowance, sector"),
    Clause("mentioning-your-employer", varies_with="`private_use.mention_employer`"),
    Clause("disclaimer", ("requires_disclaimer",), "`private_use.disclaimer_text`"),
    Clause("confidential-information", varies_with="`private_use.confidential_examples`"),
    Clause("privacy-of-others", varies_with=SECTOR),
    Clause("portrait-rights-and-copyright"),
    Clause("respect-and-harassment", varies_with="`private_use.harassment_contact`"),
    Clause(
        "speaking-for-the-organisation", varies_with=f"`private_use.spokesperson_role`, {LEVEL}"
    ),
    Clause("contact-with-journalists", varies_with="`private_use.spokesperson_role`"),
    Clause("political-expression", ("gives_political_guidance",), SECTOR),
    Clause("patient-confidentiality", ("is_healthcare",)),
    Clause("professional-codes", ("is_healthcare",)),
    Clause("integrity-and-neutrality", ("is_public_sector",)),
    Clause("pupils-and-students", ("is_education",)),
    Clause("guardrails", ("is_restrained",)),
    Clause("your-choice", ("is_neutral",)),
    Clause("sharing-our-story", ("encourages_use",)),
    Clause("content-to-share", ("offers_content_to_share",), "`encouragement.content_channel`"),
    Clause("time-allowance", ("offers_time_allowance",)),
    Clause("recognition", ("recognises_contributions",), "`encouragement.recognition`"),
    Clause("posting-tips", ("encourages_use",)),
    Clause(
        "ambassador-programme",
        ("has_ambassador_programme",),
        "`encouragement.ambassador_coordinator`",
    ),
    Clause("joining-the-programme", ("has_ambassador_programme",)),
    Clause("voluntary-participation", ("has_ambassador_programme",)),
    Clause("ambassador-training", ("has_ambassador_programme",)),
    Clause("content-calendar", ("has_ambassador_programme",)),
    Clause("roles-and-responsibilities", varies_with="`roles`, and fallbacks for roles left empty"),
    Clause("support-and-training", varies_with=LEVEL),
    Clause("training", ("offers_training",), "`facilitation.training`"),
    Clause("monitoring", varies_with="`monitoring.monitors_public_posts`"),
    Clause(
        "what-we-follow", ("monitors_public_posts",), "`monitoring.tools`, `monitoring.legal_basis`"
    ),
    Clause("monitoring-limits"),
    Clause("works-council-consent", ("needs_works_council_consent",)),
    Clause("violations", varies_with="`private_use.consequences`"),
    Clause("questions-and-contact", varies_with="`organisation.contact`"),
    Clause("document-control", varies_with="`document`"),
    Clause("acknowledgement", ("requires_acknowledgement",)),
    Clause("legal-review", varies_with="`organisation.works_council`, `document.approval_date`"),
)
"""Every clause of the policy, in the order of the templates."""


@dataclass(frozen=True)
class Heading:
    """A heading as written in a template: its level (2 or 3), title and anchor id."""

    level: int
    title: str
    id: str


def template_headings(language: str) -> list[Heading]:
    """The headings of the policy template of one language, in order."""
    source = (templates_dir() / language / POLICY.template).read_text(encoding="utf-8")
    return [
        Heading(len(hashes), title, anchor) for hashes, title, anchor in _HEADING.findall(source)
    ]


def expected_ids(context: Mapping[str, Any]) -> set[str]:
    """The anchor ids a policy rendered with this context must contain."""
    return {DOCUMENT_ID} | {clause.id for clause in CLAUSES if clause.applies(context)}


def _condition_text(clause: Clause) -> str:
    return " and ".join(CONDITIONS[name] for name in clause.requires) or "always"


def clause_index() -> str:
    """The Markdown of ``docs/clauses.md``."""
    titles = {
        language: {h.id: h.title for h in template_headings(language)} for language in LANGUAGES
    }
    levels = {h.id: h.level for h in template_headings(LANGUAGES[0])}
    lines = [
        "# Clause index of the social media policy",
        "",
        "Generated by `make clauses` from `src/policygen/render/clauses.py` and the templates",
        "`templates/nl/policy.md.j2` and `templates/en/policy.md.j2`; do not edit by hand.",
        "",
        "Every clause has a stable anchor id, the same in both languages, so a communication policy",
        "can link to it (for example `social-media-policy-v1.0.html#account-security`). Subsections",
        "are marked with ↳. A clause appears when all its conditions hold; *text varies with* names",
        "answers that change its wording without removing it.",
        "",
        "| Id | Nederlands | English | Appears when | Text varies with |",
        "| --- | --- | --- | --- | --- |",
    ]
    for clause in CLAUSES:
        marker = "↳ " if levels[clause.id] > 2 else ""
        lines.append(
            f"| {marker}`{clause.id}` | {titles['nl'][clause.id]} | {titles['en'][clause.id]} "
            f"| {_condition_text(clause)} | {clause.varies_with or '—'} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(clause_index())
