"""Rendering: context -> Markdown -> HTML -> PDF. Pure functions of the questionnaire."""

from __future__ import annotations

from typing import Any

from policygen.questionnaire.model import Questionnaire
from policygen.render.context import (
    DOCUMENTS,
    PLAN,
    POLICY,
    DocumentKind,
    build_context,
    source_date,
)
from policygen.render.html import PageMeta, render_page
from policygen.render.markdown import render_markdown

__all__ = [
    "DOCUMENTS",
    "PLAN",
    "POLICY",
    "DocumentKind",
    "PageMeta",
    "page_meta",
    "render_markdown",
    "render_page",
]


def page_meta(
    q: Questionnaire,
    kind: DocumentKind,
    *,
    as_chapter: bool | None = None,
    context: dict[str, Any] | None = None,
) -> PageMeta:
    """Title block, metadata and page wording for one document."""
    if context is None:
        context = build_context(q, as_chapter=as_chapter)
    words = context["labels"]
    effective = q.document.effective_date or source_date()
    return PageMeta(
        language=context["language"],
        title=context["title"] if kind is POLICY else context["plan_title"],
        organisation=context["organisation_name"],
        subject=words["subjects"][kind.key],
        version=q.document.version,
        effective_date=context["effective_date"],
        iso_date=effective.isoformat() if effective else None,
        chapter_mode=context["chapter_mode"],
        words=words["page"],
    )
