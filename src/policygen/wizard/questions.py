"""Which questions are asked, and which defaults follow from earlier answers.

The domain rules themselves (what a level implies, when a programme runs) live in
``questionnaire.rules``; this module says how the interview applies them to answers being given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from policygen.questionnaire import rules
from policygen.questionnaire.choices import EncouragementLevel
from policygen.wizard.shapes import Answers
from policygen.wizard.wording import FieldPath


@dataclass
class State:
    """The answers so far, for the rules below: the whole questionnaire and the current list item."""

    root: Answers
    item: Answers

    def get(self, dotted: str) -> Any:
        value: Any = self.root
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    @property
    def level(self) -> str:
        return str(self.get("encouragement.level") or EncouragementLevel.neutral.value)


Rule = Callable[[State], bool]


def _has_accounts(state: State) -> bool:
    return bool(state.get("accounts.managed"))


def _at_ambassadors(state: State) -> bool:
    return rules.allows_ambassadors(state.level)


def _encourages(state: State) -> bool:
    return rules.encourages_use(state.level)


def _monitors(state: State) -> bool:
    return bool(state.get("monitoring.monitors_public_posts"))


def _other_platform(state: State) -> bool:
    return "platform" in state.item and rules.needs_platform_name(state.item["platform"])


def _has_programme(state: State) -> bool:
    programme = bool(state.get("encouragement.ambassador_programme"))
    return rules.runs_ambassador_programme(state.level, programme)


HAND_EDITED = frozenset({"customisation", "branding"})
"""Sections the interview never asks (they name files the organisation writes itself); an
answers file or ``--update`` keeps them as they are, and a new file leaves them out."""

ASKED_ONLY_WHEN: dict[str, Rule] = {
    "document.approval_date": lambda state: state.get("document.approved_by") is not None,
    "monitoring.works_council_consent_date": lambda state: rules.needs_works_council_consent(
        bool(state.get("organisation.works_council")),
        bool(state.get("monitoring.monitors_public_posts")),
    ),
    "organisation.education_level": lambda state: state.get("organisation.sector") == "education",
    "private_use.image_consent": lambda state: (
        state.get("organisation.sector") in ("education", "healthcare")
    ),
    "accounts.managed.name": _other_platform,
    "accounts.tone_of_voice": _has_accounts,
    "accounts.security": _has_accounts,
    "accounts.crisis": _has_accounts,
    "private_use.disclaimer_text": lambda state: rules.asks_for_disclaimer(
        state.get("private_use.mention_employer")
    ),
    "encouragement.ambassador_programme": _at_ambassadors,
    "encouragement.ambassador_coordinator": _has_programme,
    "encouragement.content_to_share": _encourages,
    "encouragement.content_channel": lambda state: (
        _encourages(state) and bool(state.get("encouragement.content_to_share"))
    ),
    "encouragement.time_allowance_hours_per_month": _encourages,
    "introduction.acknowledgement": lambda state: bool(
        state.get("introduction.acknowledgement_required")
    ),
    "encouragement.recognition": _encourages,
    "preconditions.ambassadors": _encourages,
    "monitoring.announced_in_advance": _monitors,
    "monitoring.legal_basis": _monitors,
    "monitoring.tools": _monitors,
}
"""Questions that do not apply are skipped; a skipped field keeps its current value."""

REQUIRED_WHEN: dict[str, Rule] = {
    "communication_policy.chapter": lambda state: bool(state.get("document.as_chapter")),
    "accounts.managed.name": _other_platform,
    "encouragement.ambassador_coordinator": _has_programme,
}
"""Optional fields that another answer makes necessary (else the file would build with a warning)."""

SUGGESTED: dict[str, Callable[[State], Any]] = {
    "encouragement.ambassador_programme": _at_ambassadors,
    "monitoring.announced_in_advance": _monitors,
    "accounts.crisis.contact_role": lambda state: state.get("document.owner"),
}
"""Defaults that follow from earlier answers, so that Enter gives a file without warnings."""

ADVICE: dict[str, Callable[[Any], bool]] = {
    "accounts.managed.administrators": lambda value: value < rules.MIN_ADMINISTRATORS,
    "monitoring.announced_in_advance": lambda value: value is False,
}
"""Answers that are valid but unwise: accepted, with the field's ``advice`` shown at once."""

PLACEHOLDERS: tuple[FieldPath, ...] = (
    ("organisation", "name"),
    ("organisation", "contact", "role"),
    ("document", "owner"),
)
"""Required fields whose default is a sample answer (``--defaults`` needs one for each)."""

ESSENTIAL: frozenset[str] = frozenset(
    {
        "organisation.name",
        "organisation.sector",
        "organisation.works_council",
        "organisation.country",
        "organisation.contact.role",
        "document.owner",
        "document.effective_date",
        "accounts.managed",
        "accounts.managed.platform",
        "accounts.managed.name",
        "accounts.managed.handle",
        "accounts.managed.purpose",
        "accounts.managed.owner",
        "private_use.work_hours",
        "private_use.mention_employer",
        "private_use.confidential_examples",
        "encouragement.level",
        "encouragement.ambassador_programme",
        "encouragement.ambassador_coordinator",
        "encouragement.content_to_share",
        "monitoring.monitors_public_posts",
        "monitoring.announced_in_advance",
    }
)
"""What a short interview asks: fields without a safe default, and those that change the text most
(sector, works council, the accounts, private use, the encouragement level, monitoring). The
rest keeps its default unless the person asks for more detail on that section, or ``--full``."""


def is_essential(path: FieldPath) -> bool:
    """Whether a field belongs to the short interview (a required field always does)."""
    return ".".join(path) in ESSENTIAL
