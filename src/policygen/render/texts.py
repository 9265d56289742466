"""Clause texts: one file per clause and language, its heading on the first line, its text below.

``templates/<lang>/<document>/<id>.md.j2`` starts with ``## Title`` (``#`` for a document's title,
``###`` for a subsection: the same level as in the registry). The heading's anchor id and number
are added when the document is assembled, so a text never repeats them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

from policygen.errors import RenderError
from policygen.render.documents import DocumentKind
from policygen.render.environment import environment
from policygen.resources import templates_dir

_HEADING = re.compile(r"^(#{1,6}) (\S.*?)\s*$")


@dataclass(frozen=True)
class ClauseText:
    """A clause as rendered: its heading level and title as written, and its Markdown text."""

    level: int
    title: str
    body: str


def template_name(language: str, kind: DocumentKind, clause_id: str) -> str:
    return f"{language}/{kind.key}/{clause_id}.md.j2"


def split_heading(text: str, where: str) -> ClauseText:
    """The heading line and the text below it; a clause text must start with its heading."""
    first, _, body = text.partition("\n")
    match = _HEADING.match(first)
    if not match:
        raise RenderError(f"{where}: the first line must be the clause's heading, like '## Title'")
    return ClauseText(len(match.group(1)), match.group(2), body.strip("\n"))


def render_clause(
    language: str, kind: DocumentKind, clause_id: str, names: Mapping[str, Any]
) -> ClauseText:
    """One built-in clause rendered with a document's facts."""
    name = template_name(language, kind, clause_id)
    try:
        text = environment().get_template(name).render(names)
    except jinja2.TemplateError as error:
        where = f" (line {error.lineno})" if isinstance(error, jinja2.TemplateSyntaxError) else ""
        raise RenderError(f"template {name}{where}: {error}") from None
    return split_heading(text, name)


def clause_source(language: str, kind: DocumentKind, clause_id: str) -> ClauseText:
    """A clause text as written, unrendered: for the index and the registry's checks."""
    name = template_name(language, kind, clause_id)
    return split_heading((templates_dir() / name).read_text(encoding="utf-8"), name)


def clause_title(language: str, kind: DocumentKind, clause_id: str) -> str:
    return clause_source(language, kind, clause_id).title
