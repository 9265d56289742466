"""The facts: every decision the clause texts need, computed once per questionnaire, typed and frozen.

Clause texts only test these names (``{% if needs_works_council_consent %}``) and print values;
the reasoning behind each clause lives here and in the modules of each group, where it can be
tested. The facts come in three groups: the shared ones (:mod:`~policygen.render.shared_facts`),
the policy's own (:mod:`~policygen.render.policy_facts`) and the plan's own
(:mod:`~policygen.render.plan_facts`). A document's texts see its group merged with the shared one.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from policygen.errors import RenderError
from policygen.questionnaire.model import Questionnaire
from policygen.render.language import Formatter
from policygen.render.plan_facts import PlanFacts, plan_facts
from policygen.render.policy_facts import PolicyFacts, policy_facts
from policygen.render.shared_facts import SharedFacts, shared_facts, switches_of


@dataclass(frozen=True)
class DocumentKind:
    """One of the documents a questionnaire produces; its clause texts are in ``<lang>/<key>/``."""

    key: str
    document_id: str
    """The anchor id of the document's title, the root of its clause tree."""


POLICY = DocumentKind("policy", "social-media-policy")
PLAN = DocumentKind("plan", "implementation-plan")
DOCUMENTS = (POLICY, PLAN)


def _as_names(group: object) -> dict[str, Any]:
    return {item.name: getattr(group, item.name) for item in fields(group)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class Facts:
    """All facts of one questionnaire: built once, read by both documents and the file names."""

    shared: SharedFacts
    policy: PolicyFacts
    plan: PlanFacts

    def names(self, kind: DocumentKind) -> dict[str, Any]:
        """The names one document's clause texts may use: shared facts plus its own."""
        own = self.policy if kind is POLICY else self.plan
        return _as_names(self.shared) | _as_names(own)

    def holds(self, name: str, kind: DocumentKind) -> bool:
        """Whether the true/false fact ``name`` holds for this document."""
        value = self.names(kind)[name]
        if not isinstance(value, bool):
            raise RenderError(f"'{name}' is not a true/false fact; this is a bug, please report it")
        return value


def switches(kind: DocumentKind) -> dict[str, str]:
    """Every fact that can switch a clause of this document on, with the answers behind it."""
    own = PolicyFacts if kind is POLICY else PlanFacts
    return switches_of(SharedFacts) | switches_of(own)


def build_facts(q: Questionnaire, *, as_chapter: bool | None = None) -> Facts:
    """The facts of both documents of one questionnaire."""
    shared = shared_facts(q, as_chapter=as_chapter)
    fmt = Formatter(shared.language)
    return Facts(
        shared=shared,
        policy=policy_facts(q, shared, fmt),
        plan=plan_facts(q, shared, fmt),
    )
