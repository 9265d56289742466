"""Rendering: facts -> Markdown (clause by clause) -> HTML -> PDF. Pure functions of the questionnaire."""

from __future__ import annotations

from policygen.questionnaire.model import Questionnaire
from policygen.render.branding import HouseStyle
from policygen.render.facts import DOCUMENTS, PLAN, POLICY, DocumentKind, Facts, build_facts
from policygen.render.html import PageMeta, render_page
from policygen.render.markdown import render_markdown

__all__ = [
    "DOCUMENTS",
    "PLAN",
    "POLICY",
    "DocumentKind",
    "Facts",
    "PageMeta",
    "build_facts",
    "page_meta",
    "render_markdown",
    "render_page",
]


def page_meta(
    q: Questionnaire,
    kind: DocumentKind,
    *,
    as_chapter: bool | None = None,
    facts: Facts | None = None,
    style: HouseStyle | None = None,
) -> PageMeta:
    """Title block, metadata and page wording for one document."""
    if facts is None:
        facts = build_facts(q, as_chapter=as_chapter)
    shared = facts.shared
    words = shared.labels
    return PageMeta(
        language=shared.language,
        title=shared.title if kind is POLICY else shared.plan_title,
        organisation=shared.organisation_name,
        subject=words["subjects"][kind.key],
        version=shared.version,
        effective_date=shared.effective_date,
        iso_date=shared.effective.isoformat() if shared.effective else None,
        chapter_mode=shared.chapter_mode,
        words=words["page"],
        style=style,
    )
