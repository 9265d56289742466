"""Questionnaire -> Markdown: the document's clauses in registry order, numbered and tidied.

Templates write plain headings (``## Purpose {#purpose}``); numbering and the shift into a chapter
of the communication policy are done here, so the wording never depends on the mode.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import jinja2

from policygen.errors import RenderError
from policygen.questionnaire.model import Questionnaire
from policygen.render.clauses import placed_clauses, present_clauses
from policygen.render.customisation import PLACEHOLDERS, OwnClause, placeholder_values
from policygen.render.environment import MarkdownSafe, escape_markdown, sandboxed_environment
from policygen.render.facts import POLICY, DocumentKind, Facts, build_facts
from policygen.render.texts import ClauseText, clause_title, render_clause

_HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$")


def number_headings(markdown: str, *, chapter_mode: bool, chapter: int | None) -> str:
    """Number sections ``1``, ``1.1`` (standalone) or ``N.1``, ``N.1.1`` (chapter ``N``).

    In chapter mode every heading moves one level down and the title becomes ``## N Title``,
    so the document drops into the communication policy under its own chapter heading.
    The heading's text is never changed: it may hold an answer (the title), which is escaped
    Markdown, so ``.unnumbered`` or ``{ }`` in it is the organisation's text, not a marker.
    """
    counters = [0] * 7
    lines = []
    for line in markdown.split("\n"):
        match = _HEADING.match(line)
        if not match:
            lines.append(line)
            continue
        level, text = len(match.group(1)), match.group(2)
        new_level = level + 1 if chapter_mode else level
        if level == 1:
            prefix = f"{chapter} " if chapter_mode and chapter is not None else ""
        else:
            counters[level] += 1
            for deeper in range(level + 1, 7):
                counters[deeper] = 0
            parts = [str(counters[n]) for n in range(2, level + 1)]
            if chapter_mode and chapter is not None:
                parts.insert(0, str(chapter))
            prefix = ".".join(parts) + " "
        lines.append(f"{'#' * min(new_level, 6)} {prefix}{text}")
    return "\n".join(lines)


def tidy(markdown: str) -> str:
    """One blank line between blocks, no trailing spaces, no doubled spaces, one final newline."""
    lines = [re.sub(r"(?<=\S) {2,}", " ", line.rstrip()) for line in markdown.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n"


def _cross_reference(titles: dict[str, str], present: set[str]) -> Callable[[str], MarkdownSafe]:
    """``ref("time-allowance")`` in a clause text: a link with the clause's current title, or the
    title alone when the organisation removed the clause (a warning names the reference)."""

    def ref(clause_id: str) -> MarkdownSafe:
        title = titles[clause_id]
        return MarkdownSafe(f"[{title}](#{clause_id})" if clause_id in present else title)

    return ref


def _own_clause(own: OwnClause, facts: Facts) -> ClauseText:
    """The organisation's clause, rendered in the sandbox with the documented placeholders only."""
    values = placeholder_values(facts.names(POLICY))
    for name, value in values.items():
        if value is None and name in own.body + (own.title or ""):
            raise RenderError(
                f"{own.file}: the placeholder {{{{ {name} }}}} has no value in this questionnaire"
                f" ({PLACEHOLDERS[name]}); fill it in or take the placeholder out"
            )
    env = sandboxed_environment()
    try:
        title = env.from_string(own.title).render(values) if own.title is not None else ""
        body = env.from_string(own.body).render(values)
    except jinja2.TemplateError as error:
        raise RenderError(f"{own.file}: {error}") from None
    return ClauseText(level=0, title=title, body=body)


def render_markdown(
    q: Questionnaire,
    kind: DocumentKind,
    *,
    as_chapter: bool | None = None,
    facts: Facts | None = None,
) -> str:
    """The Markdown text of one document; pass ``facts`` to reuse those built for both documents.

    The registry decides which clauses appear and in what order; each clause's text comes from
    its own file (or the organisation's), and the heading gets its level and anchor id here.
    """
    if facts is None:
        facts = build_facts(q, as_chapter=as_chapter)
    language = facts.shared.language
    present = present_clauses(facts, kind)
    texts: dict[str, ClauseText] = {}
    for placed in present:
        own = facts.adaptations.own_text(placed.clause.id)
        if own is not None:
            texts[placed.clause.id] = _own_clause(own, facts)
    titles = {
        placed.clause.id: texts[placed.clause.id].title
        if placed.clause.id in texts and texts[placed.clause.id].title
        else escape_markdown(clause_title(language, kind, placed.clause.id))
        for placed in placed_clauses(kind)
    } | {clause_id: text.title for clause_id, text in texts.items() if text.title}
    names = {**facts.names(kind), "ref": _cross_reference(titles, {p.clause.id for p in present})}
    parts = []
    for placed in present:
        clause_id = placed.clause.id
        text = texts.get(clause_id) or render_clause(language, kind, clause_id, names)
        title = text.title or titles[clause_id]
        heading = f"{'#' * placed.level} {title} {{#{clause_id}}}"
        parts.append(f"{heading}\n\n{text.body}")
    numbered = number_headings(
        tidy("\n\n".join(parts)),
        chapter_mode=facts.shared.chapter_mode,
        chapter=facts.shared.chapter_number,
    )
    return tidy(numbered)
