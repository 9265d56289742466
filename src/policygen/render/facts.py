"""The facts: every decision the clause texts need, computed once per questionnaire, typed and frozen.

Clause texts only test these names (``{% if needs_works_council_consent %}``) and print values;
the reasoning behind each clause lives here and in the modules of each group, where it can be
tested. The facts come in three groups: the shared ones (:mod:`~policygen.render.shared_facts`),
the policy's own (:mod:`~policygen.render.policy_facts`) and the plan's own
(:mod:`~policygen.render.plan_facts`). A document's texts see its group merged with the shared one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from types import MappingProxyType
from typing import Any

from policygen.errors import RenderError
from policygen.questionnaire.model import Questionnaire
from policygen.render.customisation import NO_ADAPTATIONS, Adaptations
from policygen.render.documents import DOCUMENTS, PLAN, POLICY, DocumentKind
from policygen.render.language import Formatter
from policygen.render.plan_facts import PlanFacts, plan_facts
from policygen.render.policy_facts import PolicyFacts, policy_facts
from policygen.render.shared_facts import SharedFacts, shared_facts, switches_of

__all__ = ["DOCUMENTS", "PLAN", "POLICY", "DocumentKind", "Facts", "build_facts", "switches"]


def _as_names(group: object) -> dict[str, Any]:
    return {item.name: getattr(group, item.name) for item in fields(group)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class Facts:
    """All facts of one questionnaire: built once, read by both documents and the file names."""

    shared: SharedFacts
    policy: PolicyFacts
    plan: PlanFacts
    adaptations: Adaptations

    def names(self, kind: DocumentKind) -> Mapping[str, Any]:
        """The names one document's clause texts may use: shared facts plus its own."""
        return self._names[kind.key]

    @cached_property
    def _names(self) -> dict[str, Mapping[str, Any]]:
        """Built once: every clause asks whether its switch holds."""
        shared = _as_names(self.shared)
        return {
            POLICY.key: MappingProxyType(shared | _as_names(self.policy)),
            PLAN.key: MappingProxyType(shared | _as_names(self.plan)),
        }

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


def build_facts(
    q: Questionnaire,
    *,
    as_chapter: bool | None = None,
    adaptations: Adaptations = NO_ADAPTATIONS,
) -> Facts:
    """The facts of both documents of one questionnaire, with the organisation's adaptations
    (read by :func:`policygen.render.clauses.read_customisation`)."""
    shared = shared_facts(q, as_chapter=as_chapter)
    fmt = Formatter(shared.language)
    return Facts(
        shared=shared,
        policy=policy_facts(q, shared, fmt),
        plan=plan_facts(q, shared, fmt, adaptations),
        adaptations=adaptations,
    )
