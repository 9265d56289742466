""" "More detail?": after the essential questions, each section that kept defaults is offered
with what those defaults are, and the person picks the sections to fill in further."""

from __future__ import annotations

import re
from string import Template
from typing import TYPE_CHECKING, Any

from policygen.questionnaire.numbers import shown

if TYPE_CHECKING:
    from policygen.wizard.interview import Interview
    from policygen.wizard.wording import Wording


class _Dotted(Template):
    """``${contact.email}``: a placeholder may name a field inside a nested section."""

    idpattern = r"[a-z_][a-z0-9_.]*"


def _value(value: Any, name: str, words: Wording) -> str:
    """A current answer as the overview shows it: labels for choices, a count for lists."""
    if value is None or value == []:
        return words.ui("empty")
    if isinstance(value, bool):
        return words.ui("answer_yes") if value else words.ui("answer_no")
    if isinstance(value, int | float):
        return shown(value, words.language)
    if isinstance(value, list):
        if all(isinstance(item, str) for item in value):
            return ", ".join(value)
        return str(len(value))
    return words.choice_label(name, str(value)) if isinstance(value, str) else str(value)


def _flat(answers: Any, words: Wording, prefix: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for name, value in answers.items() if isinstance(answers, dict) else ():
        if isinstance(value, dict):
            found.update(_flat(value, words, f"{prefix}{name}."))
        found[f"{prefix}{name}"] = _value(value, name, words)
    return found


def summary(name: str, answers: Any, words: Wording) -> str:
    """The section's current answers in one line, from its ``summary`` wording."""
    template = _Dotted(str(words.data["sections"][name]["summary"]))
    return template.safe_substitute(_flat(answers, words))


def _chosen_sections(typed: str, offered: list[str], words: Wording) -> list[str] | None:
    """``2,5`` or ``2 5`` or section titles -> the sections, in questionnaire order; None if unclear."""
    titles = {str(words.data["sections"][name]["title"]).casefold(): name for name in offered}
    picked: set[str] = set()
    for part in filter(None, re.split(r"[,;\s]+", typed)):
        if part.isascii() and part.isdigit() and 1 <= int(part) <= len(offered):
            picked.add(offered[int(part) - 1])
        elif part.casefold() in titles:
            picked.add(titles[part.casefold()])
        else:
            return None
    return [name for name in offered if name in picked]


def offer_detail(interview: Interview) -> list[str]:
    """Show each section that kept defaults and what they are; return the sections picked."""
    words, conversation = interview.words, interview.conversation
    offered = interview.deferred
    conversation.say()
    conversation.say(words.ui("detail_title"), bold=True)
    conversation.say(words.ui("detail_intro"))
    for number, name in enumerate(offered, start=1):
        title = words.data["sections"][name]["title"]
        conversation.say(f"  {number}. {title}: {summary(name, interview.answers[name], words)}")
    while True:
        typed = interview.ask(words.ui("detail_prompt", count=len(offered))).strip()
        if typed == "":
            return []
        chosen = _chosen_sections(typed, offered, words)
        if chosen:
            return chosen
        conversation.say(f"  ! {words.ui('detail_refused', count=len(offered))}")
