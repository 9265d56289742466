"""The clause registry: every section of both documents, defined once.

A clause is its stable anchor id, its place (its parent and its order among its siblings) and the
true/false fact that switches it on. Its wording lives per language beside it, in
``templates/<lang>/<document>/<id>.md.j2``: the first line is the heading (``## Title``), the
rest is the text. A translator edits those files only; which clauses appear, in which order and
at which level is decided here. ``docs/clauses.md`` (:mod:`policygen.render.clause_index`),
the nl/en parity checks and the tests that each clause appears exactly when its fact holds are
all derived from this registry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policygen.errors import Problem
from policygen.questionnaire.checks import consistency_warnings
from policygen.questionnaire.loader import LoadedQuestionnaire
from policygen.render.customisation import (
    NO_ADAPTATIONS,
    Adaptations,
    resolve_customisation,
)
from policygen.render.facts import (
    DOCUMENTS,
    PLAN,
    POLICY,
    DocumentKind,
    Facts,
    build_facts,
)
from policygen.render.texts import clause_source, clause_title

LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Clause:
    """One section of a document, with its subsections."""

    id: str
    when: str | None = None
    """The true/false fact that switches the clause on; ``None``: always there."""
    varies_with: str = ""
    """Answers that change the clause's text without removing it (for the index)."""
    children: tuple[Clause, ...] = ()


@dataclass(frozen=True)
class Placed:
    """A clause at its place in a document: its heading level (1 for the title) and parent."""

    clause: Clause
    level: int
    parent: str | None


LEVEL = "`encouragement.level`"
SECTOR = "`organisation.sector`"

POLICY_TREE = Clause(
    POLICY.document_id,
    children=(
        Clause("summary", varies_with=f"{LEVEL}, {SECTOR}"),
        Clause(
            "purpose-and-scope",
            varies_with=SECTOR,
            children=(
                Clause("who-this-applies-to"),
                Clause("which-media"),
                Clause("place-in-communication-policy", varies_with="`communication_policy`"),
                Clause("related-documents", "has_related_documents"),
            ),
        ),
        Clause(
            "our-stance",
            varies_with=f"{LEVEL}, `encouragement.ambassador_programme`",
            children=(Clause("principles", varies_with=LEVEL),),
        ),
        Clause(
            "organisation-accounts",
            varies_with="`accounts.managed`",
            children=(
                Clause("account-register", "has_accounts"),
                Clause(
                    "posting-and-approval",
                    "has_accounts",
                    "`accounts.managed[].approval`, `organisation.sector`",
                ),
                Clause("tone-of-voice", "has_accounts", "`accounts.tone_of_voice`"),
                Clause("accessible-posts", "has_accounts"),
                Clause("comment-moderation", "has_accounts", SECTOR),
                Clause("new-accounts"),
            ),
        ),
        Clause("account-security", "has_accounts", "`accounts.security`"),
        Clause(
            "crisis-and-escalation",
            varies_with="`communication_policy.related_documents`",
            children=(Clause("crisis-contact", "has_crisis_contact"),),
        ),
        Clause(
            "private-use",
            varies_with=LEVEL,
            children=(
                Clause(
                    "during-working-hours",
                    varies_with="`private_use.work_hours`, time allowance",
                ),
                Clause("mentioning-your-employer", varies_with="`private_use.mention_employer`"),
                Clause("disclaimer", "requires_disclaimer", "`private_use.disclaimer_text`"),
                Clause("paid-private-channels", varies_with=SECTOR),
                Clause(
                    "confidential-information", varies_with="`private_use.confidential_examples`"
                ),
                Clause("privacy-of-others", varies_with=SECTOR),
                Clause("messaging-groups", varies_with=SECTOR),
                Clause("portrait-rights-and-copyright"),
                Clause("generative-ai", varies_with="`accounts.managed`"),
                Clause("respect-and-harassment", varies_with="`private_use.harassment_contact`"),
                Clause("targeted-online", varies_with="`private_use.harassment_contact`"),
                Clause("sensitive-roles", "has_staff_in_sensitive_roles"),
                Clause("working-remotely", "works_remotely"),
                Clause("own-devices-and-accounts", varies_with=SECTOR),
                Clause("filmed-at-work", "meets_the_public", SECTOR),
                Clause(
                    "speaking-for-the-organisation",
                    varies_with=f"`private_use.spokesperson_role`, {LEVEL}",
                ),
                Clause("contact-with-journalists", varies_with="`private_use.spokesperson_role`"),
                Clause(
                    "reporting-wrongdoing",
                    varies_with="`organisation.country`, `organisation.size`",
                ),
                Clause("political-expression", "gives_political_guidance", SECTOR),
            ),
        ),
        Clause(
            "patient-confidentiality",
            "is_healthcare",
            children=(Clause("professional-codes", "is_healthcare"),),
        ),
        Clause("integrity-and-neutrality", "is_public_sector"),
        Clause(
            "pupils-and-students",
            "has_minors",
            "`organisation.education_level`, `private_use.image_consent`",
        ),
        Clause("students-and-academic-freedom", "is_higher_education"),
        Clause("guardrails", "is_restrained"),
        Clause("your-choice", "is_neutral"),
        Clause(
            "sharing-our-story",
            "encourages_use",
            children=(
                Clause(
                    "content-to-share", "offers_content_to_share", "`encouragement.content_channel`"
                ),
                Clause("time-allowance", "offers_time_allowance"),
                Clause("recognition", "recognises_contributions", "`encouragement.recognition`"),
                Clause("posting-tips", "encourages_use"),
            ),
        ),
        Clause(
            "ambassador-programme",
            "has_ambassador_programme",
            "`encouragement.ambassador_coordinator`",
            children=(
                Clause("joining-the-programme", "has_ambassador_programme"),
                Clause("voluntary-participation", "has_ambassador_programme"),
                Clause("ambassador-training", "has_ambassador_programme"),
                Clause("content-calendar", "has_ambassador_programme"),
            ),
        ),
        Clause(
            "roles-and-responsibilities",
            varies_with="`roles`, `customisation.remove`, and fallbacks for roles left empty",
        ),
        Clause(
            "support-and-training",
            varies_with=LEVEL,
            children=(Clause("training", "offers_training", "`facilitation.training`"),),
        ),
        Clause(
            "monitoring",
            varies_with="`monitoring.monitors_public_posts`",
            children=(
                Clause(
                    "what-we-follow",
                    "monitors_public_posts",
                    "`monitoring.tools`, `monitoring.legal_basis`",
                ),
                Clause("monitoring-limits"),
                Clause(
                    "works-council-consent",
                    "needs_works_council_consent",
                    "`monitoring.works_council_consent_date`",
                ),
            ),
        ),
        Clause("violations", varies_with="`private_use.consequences`"),
        Clause("questions-and-contact", varies_with="`organisation.contact`"),
        Clause(
            "document-control",
            varies_with="`document`",
            children=(Clause("acknowledgement", "requires_acknowledgement"),),
        ),
        Clause("acknowledgement-form", "acknowledgement_on_last_page", "`document`"),
    ),
)
"""The social media policy, for every employee."""

ALTERNATIVES = (
    ("guardrails", "your-choice"),
    ("guardrails", "sharing-our-story"),
    ("guardrails", "ambassador-programme"),
    ("your-choice", "sharing-our-story"),
    ("your-choice", "ambassador-programme"),
    ("patient-confidentiality", "integrity-and-neutrality"),
    ("patient-confidentiality", "pupils-and-students"),
    ("integrity-and-neutrality", "pupils-and-students"),
)
"""Pairs of policy clauses that are alternatives, never in one document: each states the rule
its own way (the stance of one encouragement level, the duties of one sector), so both together
would contradict each other. The tests scan every built policy for such a pair."""

PLAN_TREE = Clause(
    PLAN.document_id,
    children=(
        Clause(
            "plan-purpose",
            varies_with="`communication_policy`",
            children=(
                Clause("policy-adaptations", "adapts_standard_text", "`customisation`"),
                Clause(
                    "legal-review",
                    varies_with="`organisation.country`, `organisation.works_council`, "
                    "`document.approval_date`",
                ),
            ),
        ),
        Clause("plan-summary", varies_with=f"{LEVEL}, dates, budget, preconditions, benefits"),
        Clause(
            "introduction-plan",
            children=(
                Clause("introduction-timeline", "has_introduction_timeline"),
                Clause("introduction-video", "plans_video"),
                Clause("ambassador-recruitment", "has_ambassador_programme"),
                Clause("launch-content", "offers_content_to_share"),
                Clause("acknowledgement-plan", "requires_acknowledgement"),
                Clause("introduction-focus", "has_introduction_focus", SECTOR),
                Clause("introduction-open-steps", "has_open_introduction_steps"),
            ),
        ),
        Clause(
            "facilitation",
            varies_with="`facilitation`",
            children=(
                Clause("facilitation-time", "sets_aside_time_or_staff"),
                Clause("facilitation-budget", "has_budget"),
                Clause("facilitation-tools", "has_tools"),
                Clause("facilitation-ict", "has_ict"),
                Clause("facilitation-training", "offers_training", "`facilitation.training`"),
            ),
        ),
        Clause(
            "preconditions",
            varies_with="`preconditions`, " + LEVEL,
            children=(
                Clause("precondition-next-steps", "has_unmet_preconditions"),
                Clause(
                    "second-administrator",
                    "has_accounts_with_one_administrator",
                    "`accounts.managed[].administrators`",
                ),
                Clause("security-check", "assumes_account_security", "`accounts.security`"),
            ),
        ),
        Clause("goals-and-timeline", varies_with=f"{LEVEL}, dates, `monitoring.kpis`"),
        Clause(
            "plan-monitoring",
            children=(
                Clause("plan-public-posts", "monitors_public_posts", "`monitoring`"),
                Clause("kpis", "has_kpis"),
                Clause(
                    "community-activation",
                    "keeps_community_active",
                    "`monitoring.community_activation`",
                ),
                Clause("review-moments", varies_with="`monitoring.review_months`"),
            ),
        ),
        Clause(
            "expected-benefits",
            varies_with=LEVEL,
            children=(Clause("savings-estimate", "has_savings_estimate", "`benefits`"),),
        ),
    ),
)
"""The implementation plan, for management and HR."""

TREES = {POLICY.key: POLICY_TREE, PLAN.key: PLAN_TREE}


def placed_clauses(
    kind: DocumentKind, adaptations: Adaptations = NO_ADAPTATIONS
) -> Iterator[Placed]:
    """Every clause of a document in reading order, the title first, as the organisation adapted
    it: removed clauses left out with their subsections, added ones after their anchor's."""

    def walk(clause: Clause, level: int, parent: str | None) -> Iterator[Placed]:
        if clause.id in adaptations.removed:
            return
        yield Placed(clause, level, parent)
        for child in clause.children:
            yield from walk(child, level + 1, clause.id)
        yield from added_after(clause.id, level, parent)

    def added_after(anchor: str, level: int, parent: str | None) -> Iterator[Placed]:
        for after, own in adaptations.added:
            if after == anchor:
                yield Placed(Clause(own.id), level, parent)
                yield from added_after(own.id, level, parent)

    return walk(TREES[kind.key], 1, None)


def applies(placed: Placed, facts: Facts, kind: DocumentKind) -> bool:
    """Whether the clause's own fact holds (its parent's is checked by :func:`present_clauses`)."""
    name = placed.clause.when
    return name is None or facts.holds(name, kind)


def present_clauses(facts: Facts, kind: DocumentKind) -> list[Placed]:
    """The clauses a document with these facts contains: its fact holds, and its parent's."""
    present: list[Placed] = []
    shown: set[str | None] = {None}
    for placed in placed_clauses(kind, facts.adaptations):
        if placed.parent in shown and applies(placed, facts, kind):
            present.append(placed)
            shown.add(placed.clause.id)
    return present


_REFERENCE = re.compile(r"""ref\(["']([a-z0-9-]+)["']\)""")


def adaptation_warnings(loaded: LoadedQuestionnaire, adaptations: Adaptations) -> list[Problem]:
    """Removed clauses that others refer to, and adapted clauses this questionnaire never shows."""
    if adaptations.is_empty:
        return []
    facts = build_facts(loaded.questionnaire, adaptations=adaptations)
    language, source = facts.shared.language, loaded.source
    warnings = []
    for kind in DOCUMENTS:
        present = {placed.clause.id for placed in present_clauses(facts, kind)}
        for placed in placed_clauses(kind, adaptations):
            clause_id = placed.clause.id
            if adaptations.own_text(clause_id) is None and clause_id in present:
                body = clause_source(language, kind, clause_id).body
                for target in sorted(set(_REFERENCE.findall(body)) & set(adaptations.removed)):
                    index = adaptations.removed.index(target)
                    warnings.append(
                        source.problem(
                            ("customisation", "remove", index),
                            f"'{clause_id}' refers to '{target}', which is removed; its reader "
                            "is sent to a section that is not there (replace it, or also adapt "
                            f"'{clause_id}')",
                        )
                    )
    shown = {placed.clause.id for kind in DOCUMENTS for placed in present_clauses(facts, kind)}
    for clause_id in adaptations.replaced:
        if clause_id not in shown:
            warnings.append(
                source.problem(
                    ("customisation", "replace", clause_id),
                    f"'{clause_id}' does not appear for these answers, so its replacement is not "
                    "used either (docs/clauses.md says when it appears)",
                )
            )
    for index, (after, own) in enumerate(adaptations.added):
        if own.id not in shown:
            warnings.append(
                source.problem(
                    ("customisation", "add", index),
                    f"'{own.id}' is added inside a section that does not appear for these "
                    f"answers ('{after}' or its parent); add it after another clause",
                )
            )
    return warnings


def inspect_questionnaire(loaded: LoadedQuestionnaire) -> tuple[Adaptations, list[Problem]]:
    """What ``validate`` and ``build`` check beyond the model: the organisation's adaptations,
    read and checked (errors raise), and every warning, consistency and adaptations alike."""
    adaptations = read_customisation(loaded)
    return adaptations, consistency_warnings(loaded) + adaptation_warnings(loaded, adaptations)


def read_customisation(loaded: LoadedQuestionnaire) -> Adaptations:
    """The questionnaire's ``customisation``, checked against the registry, its files read."""
    language = loaded.questionnaire.language.value
    titles = {
        placed.clause.id: clause_title(language, kind, placed.clause.id)
        for kind in DOCUMENTS
        for placed in placed_clauses(kind)
        if placed.level > 1
    }
    return resolve_customisation(loaded, titles)


def expected_ids(facts: Facts, kind: DocumentKind = POLICY) -> set[str]:
    """The anchor ids a document rendered with these facts must contain."""
    return {placed.clause.id for placed in present_clauses(facts, kind)}
