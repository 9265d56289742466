"""Domain rules about answers, stated once: what an encouragement level implies, when a
programme runs, when a field is needed.

They take plain values (an enum member or its text), so the wizard can apply them to answers
still being collected, the consistency checks to a loaded questionnaire, and the render context
to the facts it computes.
"""

from __future__ import annotations

from policygen.questionnaire.choices import (
    EducationLevel,
    EncouragementLevel,
    MentionEmployer,
    Platform,
)

LEVEL_ORDER: tuple[EncouragementLevel, ...] = (
    EncouragementLevel.restrained,
    EncouragementLevel.neutral,
    EncouragementLevel.encouraged,
    EncouragementLevel.ambassadors,
)
"""From guardrails only to an ambassador programme; each level includes what the one before offers."""


def level_at_least(level: EncouragementLevel | str, minimum: EncouragementLevel) -> bool:
    """Whether ``level`` stimulates social media at least as much as ``minimum``."""
    return LEVEL_ORDER.index(EncouragementLevel(level)) >= LEVEL_ORDER.index(minimum)


def encourages_use(level: EncouragementLevel | str) -> bool:
    """Levels 'encouraged' and 'ambassadors': content, time and recognition are offered."""
    return level_at_least(level, EncouragementLevel.encouraged)


def allows_ambassadors(level: EncouragementLevel | str) -> bool:
    """Only the 'ambassadors' level has an ambassador programme."""
    return level_at_least(level, EncouragementLevel.ambassadors)


def runs_ambassador_programme(level: EncouragementLevel | str, programme: bool) -> bool:
    """A programme runs only at the 'ambassadors' level, and only when the organisation has one."""
    return allows_ambassadors(level) and programme


def asks_for_disclaimer(mention_employer: MentionEmployer | str) -> bool:
    """Employees who name their employer add a disclaimer (whose text may be customised)."""
    return MentionEmployer(mention_employer) is MentionEmployer.with_disclaimer


def needs_works_council_consent(works_council: bool, monitors_public_posts: bool) -> bool:
    """Following employees' public posts needs the works council's consent, where there is one."""
    return works_council and monitors_public_posts


def needs_platform_name(platform: Platform | str) -> bool:
    """An account on a platform not in the list needs the platform's name."""
    return Platform(platform) is Platform.other


MIN_ADMINISTRATORS = 2
"""Fewer people with administrator rights, and an account is lost when one of them leaves."""

EU_EEA_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)
"""Where the GDPR (AVG) applies: the EU member states and the EEA."""

SMALL_ORGANISATION = 50
"""Below this many employees an organisation rarely has a management team or an HR department."""


def applies_dutch_law(country: str) -> bool:
    """Dutch statutes (BW, WOR, Wet bescherming klokkenluiders...) are cited only for NL."""
    return country == "NL"


def privacy_law(country: str) -> str | None:
    """The data-protection regulation that applies: 'GDPR', 'UK GDPR', or none we can name."""
    if country in EU_EEA_COUNTRIES:
        return "GDPR"
    return "UK GDPR" if country == "GB" else None


def has_minors(level: EducationLevel | str | None) -> bool:
    """Pupils may be minors everywhere below higher education (and when the level is not given)."""
    return level is None or EducationLevel(level) is not EducationLevel.higher


def is_small(size: int | None) -> bool:
    """A small organisation: its text names no management team, HR department or intranet."""
    return size is not None and size < SMALL_ORGANISATION
