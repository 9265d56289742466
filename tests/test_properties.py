"""Property tests (hypothesis): whatever a questionnaire says, policygen answers cleanly.

Questionnaires are drawn from the JSON Schema (random choices, optional sections present or not,
hostile text in every text field): each either renders both documents to Markdown and HTML or is
refused with a ``PolicygenError``; and every answer a document prints reads as the same text in
the HTML and in the Markdown as rendered, never as a tag, attribute, link or image. Example counts
stay modest so ``make test`` stays quick; ``--hypothesis-show-statistics`` shows what ran.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from tests.conftest import MINIMAL
from tests.hardening import (
    PAGE_ALLOWED_TAGS,
    live_markup,
    questionnaires,
    rendered_markdown,
    text_fields,
    visible_text,
)

from policygen.errors import PolicygenError
from policygen.questionnaire import load_text
from policygen.render import DOCUMENTS, page_meta, render_markdown, render_page
from policygen.render.environment import escape_markdown
from policygen.render.html import ALLOWED_TAGS

EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def rendered(data: Any) -> list[tuple[str, str]] | None:
    """``(markdown, html page)`` of each document, or None when the questionnaire is refused."""
    try:
        questionnaire = load_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        ).questionnaire
        documents = []
        for kind in DOCUMENTS:
            markdown_text = render_markdown(questionnaire, kind)
            documents.append(
                (markdown_text, render_page(markdown_text, page_meta(questionnaire, kind)))
            )
    except PolicygenError as error:
        event(f"refused: {type(error).__name__}")
        return None
    event("built")
    return documents


@EXAMPLES
@given(questionnaires())
def test_any_questionnaire_builds_or_is_refused_and_its_answers_stay_text(data: Any) -> None:
    documents = rendered(data)
    if documents is None:
        return
    shown_texts = []
    for markdown_text, page in documents:
        as_markdown_tools_show_it = rendered_markdown(markdown_text)
        assert live_markup(as_markdown_tools_show_it, ALLOWED_TAGS) == []
        assert live_markup(page, PAGE_ALLOWED_TAGS) == []
        shown_texts.append(
            (markdown_text, visible_text(as_markdown_tools_show_it), visible_text(page))
        )
    printed = 0
    for path, value in text_fields(data):
        shown = " ".join(value.split())
        for markdown_text, markdown_shows, page_shows in shown_texts:
            if escape_markdown(value) not in markdown_text:
                continue  # this document does not print this answer
            printed += 1
            assert shown in markdown_shows, f"{path} in the Markdown"
            assert shown in page_shows, f"{path} in the HTML"
    assert printed >= 1, "not even the organisation's name was found: the property tested nothing"


@EXAMPLES
@given(st.text(max_size=300))
def test_any_text_is_loaded_or_refused_with_a_policygen_error(text: str) -> None:
    with contextlib.suppress(PolicygenError):
        load_text(text)


@EXAMPLES
@given(st.integers(0, len(MINIMAL)), st.text(min_size=1, max_size=20))
def test_a_valid_questionnaire_with_inserted_characters_is_loaded_or_refused_cleanly(
    position: int, inserted: str
) -> None:
    with contextlib.suppress(PolicygenError):
        load_text(MINIMAL[:position] + inserted + MINIMAL[position:])


@pytest.mark.parametrize("value", ["---", "===", "***", "- - -", "___", "1.", "#", "> "])
def test_an_answer_that_looks_like_a_markdown_rule_or_heading_stays_text(value: str) -> None:
    """Values printed alone on a line: setext underlines and rules must not change the document."""
    html = rendered_markdown(f"Inleiding\n{escape_markdown(value)}\n")
    assert live_markup(html, {"p"}) == [], html
    assert value.strip() in visible_text(html)
