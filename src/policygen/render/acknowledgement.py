"""The acknowledgement form: the policy's sign-off clause as a one-page document of its own.

With ``introduction.acknowledgement: last_page`` the clause ``acknowledgement-form`` is the
policy's last section (the registry switches it on); with ``form`` the same text becomes its own
file per document version, so HR can hand it out and keep the signed copies. One text, two places.
"""

from __future__ import annotations

from dataclasses import replace

from policygen.questionnaire.model import Questionnaire
from policygen.render import POLICY, Facts, PageMeta, page_meta
from policygen.render.markdown import tidy
from policygen.render.texts import render_clause

FORM_ID = "acknowledgement-form"


def acknowledgement_form(q: Questionnaire, facts: Facts) -> tuple[str, PageMeta] | None:
    """The form's Markdown and page, or None when no separate form is asked for."""
    if not facts.shared.acknowledgement_form:
        return None
    text = render_clause(facts.shared.language, POLICY, FORM_ID, facts.names(POLICY))
    meta = replace(
        page_meta(q, POLICY, facts=facts),
        title=text.title,
        subject=facts.shared.title,
        chapter_mode=False,  # a sheet of paper to sign, also when the policy is a chapter
    )
    return tidy(f"# {text.title} {{#{FORM_ID}}}\n\n{text.body}"), meta
