"""Consistency checks: answers that are valid one by one but do not fit together.

These are warnings, not errors: the documents still build. ``--strict`` makes them fail.
"""

from __future__ import annotations

from policygen.errors import Problem
from policygen.questionnaire.answer_language import language_warnings
from policygen.questionnaire.choices import EncouragementLevel, Sector
from policygen.questionnaire.fields import MAX_MARKS, most_marks
from policygen.questionnaire.loader import LoadedQuestionnaire
from policygen.questionnaire.rules import (
    MIN_ADMINISTRATORS,
    allows_ambassadors,
    needs_platform_name,
    needs_works_council_consent,
)


def consistency_warnings(loaded: LoadedQuestionnaire) -> list[Problem]:
    """Every consistency warning for one questionnaire, in file order."""
    q = loaded.questionnaire
    warn = loaded.source.problem
    found: list[Problem] = []
    encouragement = q.encouragement

    if q.organisation.education_level and q.organisation.sector is not Sector.education:
        found.append(
            warn(
                ("organisation", "education_level"),
                "education_level only counts for sector education, so the text ignores it; "
                "remove it, or set sector: education",
            )
        )
    if allows_ambassadors(encouragement.level) and not encouragement.ambassador_programme:
        found.append(
            warn(
                ("encouragement", "ambassador_programme"),
                "the level is 'ambassadors' but there is no ambassador programme; "
                "set ambassador_programme: true or choose the level 'encouraged'",
            )
        )
    if encouragement.level is EncouragementLevel.restrained and (
        encouragement.ambassador_programme or encouragement.time_allowance_hours_per_month
    ):
        found.append(
            warn(
                ("encouragement", "level"),
                "the level is 'restrained' but ambassadors or a time allowance are offered; "
                "choose the level 'encouraged' or 'ambassadors', or remove them",
            )
        )
    if encouragement.ambassador_programme and not encouragement.ambassador_coordinator:
        found.append(
            warn(
                ("encouragement", "ambassador_coordinator"),
                "there is an ambassador programme but nobody coordinates it; name a role",
            )
        )
    for index, account in enumerate(q.accounts.managed):
        if account.administrators < MIN_ADMINISTRATORS:
            found.append(
                warn(
                    ("accounts", "managed", index, "administrators"),
                    f"the account {account.handle} has one administrator; "
                    "give at least two people access so it cannot be lost",
                )
            )
        if needs_platform_name(account.platform) and not account.name:
            found.append(
                warn(
                    ("accounts", "managed", index, "platform"),
                    "the platform is 'other'; add name: with the platform's name",
                )
            )
    if q.accounts.managed and q.accounts.crisis is None:
        found.append(
            warn(
                ("accounts",),
                "the organisation has accounts but no crisis contact; add accounts.crisis.contact_role",
            )
        )
    if q.monitoring.monitors_public_posts and not q.monitoring.announced_in_advance:
        found.append(
            warn(
                ("monitoring", "announced_in_advance"),
                "monitoring is switched on but not announced in advance; the GDPR requires telling "
                "employees first (set announced_in_advance: true once you have)",
            )
        )
    consented = q.monitoring.works_council_consent_date
    if consented and not needs_works_council_consent(
        q.organisation.works_council, q.monitoring.monitors_public_posts
    ):
        found.append(
            warn(
                ("monitoring", "works_council_consent_date"),
                "works_council_consent_date only counts with organisation.works_council: true and "
                "monitoring.monitors_public_posts: true, so the text ignores it",
            )
        )
    for location, text in loaded.source.scalars.items():
        if (marks := most_marks(text)) > MAX_MARKS:
            found.append(
                warn(
                    location,
                    f"{marks} combining marks are stacked on one character; the documents keep "
                    f"the first {MAX_MARKS}, since more would paint over the lines above",
                )
            )
    chapter_wanted = q.document.as_chapter
    if chapter_wanted and q.communication_policy.chapter is None:
        found.append(
            warn(
                ("communication_policy", "chapter"),
                "the documents are built as a chapter but no chapter number is given; add chapter:",
            )
        )
    return found + language_warnings(loaded)
