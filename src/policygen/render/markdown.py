"""Questionnaire -> Markdown: the document's clauses in registry order, numbered and tidied.

Templates write plain headings (``## Purpose {#purpose}``); numbering and the shift into a chapter
of the communication policy are done here, so the wording never depends on the mode.
"""

from __future__ import annotations

import re

from policygen.questionnaire.model import Questionnaire
from policygen.render.clauses import present_clauses
from policygen.render.facts import DocumentKind, Facts, build_facts
from policygen.render.texts import render_clause

_HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$")
_UNNUMBERED = " .unnumbered"


def number_headings(markdown: str, *, chapter_mode: bool, chapter: int | None) -> str:
    """Number sections ``1``, ``1.1`` (standalone) or ``N.1``, ``N.1.1`` (chapter ``N``).

    In chapter mode every heading moves one level down and the title becomes ``## N Title``,
    so the document drops into the communication policy under its own chapter heading.
    Headings marked ``{... .unnumbered}`` keep their text without a number.
    """
    counters = [0] * 7
    lines = []
    for line in markdown.split("\n"):
        match = _HEADING.match(line)
        if not match:
            lines.append(line)
            continue
        level, text = len(match.group(1)), match.group(2)
        unnumbered = _UNNUMBERED in text
        if unnumbered:  # tidy the attribute block only then: answers in headings may hold "{ "
            text = (
                text.replace(_UNNUMBERED, "")
                .replace("{ ", "{")
                .replace(" }", "}")
                .replace(" {}", "")
            )
        new_level = level + 1 if chapter_mode else level
        if level == 1:
            prefix = f"{chapter} " if chapter_mode and chapter is not None else ""
        elif unnumbered:
            prefix = ""
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


def render_markdown(
    q: Questionnaire,
    kind: DocumentKind,
    *,
    as_chapter: bool | None = None,
    facts: Facts | None = None,
) -> str:
    """The Markdown text of one document; pass ``facts`` to reuse those built for both documents.

    The registry decides which clauses appear and in what order; each clause's text comes from
    its own file, and the heading gets its level and anchor id here.
    """
    if facts is None:
        facts = build_facts(q, as_chapter=as_chapter)
    names = facts.names(kind)
    parts = []
    for placed in present_clauses(facts, kind):
        text = render_clause(facts.shared.language, kind, placed.clause.id, names)
        heading = f"{'#' * placed.level} {text.title} {{#{placed.clause.id}}}"
        parts.append(f"{heading}\n\n{text.body}")
    numbered = number_headings(
        tidy("\n\n".join(parts)),
        chapter_mode=facts.shared.chapter_mode,
        chapter=facts.shared.chapter_number,
    )
    return tidy(numbered)
