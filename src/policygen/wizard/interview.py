"""Asking and re-asking: the interview walks the model and fills in every field.

A field is asked, taken from earlier answers, or given its default. By default only the
essential questions are asked (``questions.ESSENTIAL``); afterwards the person may choose
sections to fill in further (``detail.offer_detail``); ``--full`` asks everything at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, TypeAdapter

from policygen.errors import Problem, QuestionnaireError
from policygen.questionnaire.model import FORMAT_VERSION, Questionnaire
from policygen.questionnaire.values import reading_in
from policygen.wizard import answers as reading
from policygen.wizard.answers import Refused
from policygen.wizard.conversation import Conversation, prose
from policygen.wizard.questions import (
    ADVICE,
    ASKED_ONLY_WHEN,
    HAND_EDITED,
    PLACEHOLDERS,
    REQUIRED_WHEN,
    SUGGESTED,
    State,
    is_essential,
)
from policygen.wizard.shapes import (
    YES_NO,
    Answers,
    Shape,
    field_adapter,
    item_adapter,
    model_default,
    shape,
)
from policygen.wizard.wording import FieldPath, Wording

Mode = Literal["full", "short", "detail", "repair"]
"""full: ask everything; short: the essential questions; detail: the rest of chosen sections;
repair: only what an answer in a detail round made necessary."""


def ask_yes_no(
    conversation: Conversation,
    words: Wording,
    question: str,
    default: bool,
    explain: Callable[[], None] | None = None,
) -> bool:
    """A yes/no question outside the model's fields: add another, keep this, overwrite."""
    prompt = f"{question} ({words.ui('yes_no')}) [{reading.show(default, YES_NO, words)}]: "
    while True:
        typed = conversation.ask(prompt).strip()
        if typed == "":
            return default
        if typed == "?" and explain is not None:
            explain()
            continue
        try:
            return bool(reading.convert(typed, YES_NO, words))
        except Refused as refused:
            conversation.say(f"  ! {refused}")


@dataclass
class Interview:
    """Walks the model and fills in every field: asked, taken from ``given``, or defaulted.

    ``given`` holds earlier answers (an ``--answers`` file, or the file being updated).
    ``ask_given``: ask those again with them as the default (``--update``) instead of taking them.
    ``can_ask``: someone is there to answer; otherwise missing answers take their defaults.
    """

    conversation: Conversation
    words: Wording
    given: Answers
    can_ask: bool
    ask_given: bool
    full: bool = False
    source: Path | None = None

    def __post_init__(self) -> None:
        self.answers: Answers = {}
        self.mode: Mode = "full" if self.full else "short"
        self.deferred: list[str] = []
        """Sections with questions the short interview did not ask, in order."""
        self._pending: list[tuple[str, str]] = []  # (text, "title" | "heading" | "intro")

    # The walk

    def run(self, language: str) -> Answers:
        from policygen.wizard.detail import offer_detail

        self.answers.update(policygen=FORMAT_VERSION, language=language)
        with reading_in(language):
            for name in Questionnaire.model_fields:
                if name in HAND_EDITED:
                    if self.given.get(name):
                        self.answers[name] = self.given[name]
                elif name not in self.answers:
                    given = self.given.get(name)
                    self.section(name, given if isinstance(given, dict) else {}, intro=True)
            chosen = offer_detail(self) if self.can_ask and self.deferred else []
            if chosen:
                self.ask_given, self.mode = True, "detail"
                for name in chosen:
                    self.section(name, self.answers[name], intro=False)
                self.mode = "repair"
                for name in Questionnaire.model_fields:
                    if name not in HAND_EDITED and isinstance(self.answers.get(name), dict):
                        self.section(name, self.answers[name], intro=False)
        return self.answers

    def section(self, name: str, given: Answers, *, intro: bool) -> None:
        """Fill in one top-level section; earlier answers in ``given``."""
        wording = self.words.data["sections"][name]
        self._pending.append((wording["title"], "title"))
        if intro:
            self._pending.append((wording["intro"], "intro"))
        self.answers[name] = {}  # filled in place: later rules read earlier answers
        section_model = shape(Questionnaire, name).model
        assert section_model is not None, f"top-level field {name} is not a section"
        self._model(section_model, (name,), given, self.answers[name])
        self._pending.clear()

    def _asks(self, path: FieldPath, given: Answers) -> bool:
        """Whether this round asks the field (a required field without an answer is always asked)."""
        if self.mode == "full":
            return True
        if self.mode == "short":
            return is_essential(path)
        if self.mode == "detail":
            return not is_essential(path) or path[-1] not in given
        return False

    def _defer(self, path: FieldPath) -> None:
        if self.mode == "short" and self.can_ask and path[0] not in self.deferred:
            self.deferred.append(path[0])

    def _model(
        self, model: type[BaseModel], path: FieldPath, given: Answers, into: Answers
    ) -> Answers:
        """Fill ``into`` with every field of ``model``; ``into`` is also the current list item."""
        for name in model.model_fields:
            field_path = (*path, name)
            state = State(self.answers, into)
            rule = ASKED_ONLY_WHEN.get(".".join(field_path))
            if rule is not None and not rule(state):
                into[name] = given[name] if name in given else model_default(model, name)
                continue
            kind = shape(model, name)
            if kind.kind == "model" and kind.model is not None:
                heading = str(self.words.field(field_path).get("question", ""))
                if heading:
                    self._pending.append((heading, "heading"))
                current = given.get(name)
                into[name] = {}
                self._model(
                    kind.model, field_path, current if isinstance(current, dict) else {}, into[name]
                )
                if (heading, "heading") in self._pending:  # nothing asked under it
                    self._pending.remove((heading, "heading"))
                continue
            if kind.kind == "models":
                into[name] = self._models(model, name, field_path, given)
            elif kind.kind == "texts":
                into[name] = self._texts(model, name, field_path, given)
            else:
                into[name] = self._scalar(model, name, field_path, given, state)
        return into

    # Scalars

    def _scalar(
        self, model: type[BaseModel], name: str, path: FieldPath, given: Answers, state: State
    ) -> Any:
        kind = shape(model, name)
        adapter = field_adapter(model, name)
        key = ".".join(path)
        required = not kind.optional or (key in REQUIRED_WHEN and REQUIRED_WHEN[key](state))
        default = self._default(model, name, path, state)
        asked = self._asks(path, given)
        reason = None
        if name in given:
            value, reason = self._earlier(
                path, lambda: self._valid(adapter, given[name], required, key)
            )
            if reason is None:
                if not (self.can_ask and self.ask_given and asked):
                    if not asked:
                        self._defer(path)
                    return value
                default = value
        if not self.can_ask:
            if default is None and required:
                raise self._problem(
                    path, "this field is required and has no default; give an answer"
                )
            return default
        if not asked and reason is None and not (required and default is None):
            self._defer(path)
            return default
        return self._ask_scalar(kind, adapter, path, default, required, reason)

    def _earlier(self, path: FieldPath, validate: Callable[[], Any]) -> tuple[Any, str | None]:
        """An earlier answer checked: ``(value, None)``, or ``(None, reason)`` to ask it again.

        Without anyone to ask, a wrong earlier answer is an error naming the field.
        """
        try:
            return validate(), None
        except Refused as refused:
            if not self.can_ask:
                raise self._problem(path, str(refused)) from None
            return None, str(refused)

    def _valid(self, adapter: TypeAdapter[Any], value: Any, required: bool, key: str) -> Any:
        if value is None and required:
            raise Refused(self._required_reason(key))
        return reading.check(adapter, value, self.words)

    def _default(self, model: type[BaseModel], name: str, path: FieldPath, state: State) -> Any:
        suggest = SUGGESTED.get(".".join(path))
        if suggest is not None and suggest(state) is not None:
            return suggest(state)
        if path in PLACEHOLDERS:
            return self.words.field(path)["placeholder"]
        if model.model_fields[name].is_required():
            return None
        return model_default(model, name)

    def _required_reason(self, key: str) -> str:
        return str(
            self.words.data["fields"].get(key, {}).get("required_reason")
            or self.words.error("required")
        )

    def _ask_scalar(
        self,
        kind: Shape,
        adapter: TypeAdapter[Any],
        path: FieldPath,
        default: Any,
        required: bool,
        reason: str | None,
    ) -> Any:
        text = self.words.field(path)
        question = text.get("question", path[-1])
        labels = tuple(self.words.choice_label(path[-1], value) for value in kind.choices)
        if kind.kind == "choice":
            self._flush()
            self.conversation.say(question)
            for number, (value, label) in enumerate(zip(kind.choices, labels, strict=True), 1):
                shown = label if label == value else f"{label} — {value}"
                self.conversation.say(f"  {number}. {shown}")
            question = self.words.ui("choose")
        elif kind.kind == "yes_no":
            question = f"{question} ({self.words.ui('yes_no')})"
        if default is not None or not required:
            prompt = f"{question} [{reading.show(default, kind, self.words)}]: "
        else:
            prompt = f"{question} " if question.endswith("?") else f"{question}: "
        while True:
            if reason:
                self.conversation.say(f"  ! {reason}")
            typed = self.ask(prompt).strip()
            if typed == "?":
                self._help(path, kind)
                reason = None
                continue
            try:
                if typed in ("", "-"):
                    value = self._valid(
                        adapter, None if typed else default, required, ".".join(path)
                    )
                else:
                    converted = reading.convert(typed, kind, self.words, labels)
                    value = reading.check(adapter, converted, self.words, typed)
            except Refused as refused:
                reason = str(refused)
                continue
            echo = reading.understood(typed, value, kind, self.words) if typed else None
            if echo:
                self.conversation.say(f"  {echo}")
            advised = ADVICE.get(".".join(path))
            if advised is not None and advised(value):
                self.conversation.say(f"  ! {text['advice']}")
            return value

    # Lists

    def _texts(
        self, model: type[BaseModel], name: str, path: FieldPath, given: Answers
    ) -> list[Any]:
        adapter = field_adapter(model, name)
        item = item_adapter(model, name)
        asked = self._asks(path, given)
        reason = None
        if name in given:
            earlier, reason = self._earlier(
                path, lambda: reading.check(adapter, given[name], self.words)
            )
            value: list[Any] = list(earlier or [])
            if reason is None:
                if not (self.can_ask and self.ask_given and asked):
                    if not asked:
                        self._defer(path)
                    return value
                if value and self.confirm(
                    self.words.ui("keep_list", items="; ".join(value)), True, path
                ):
                    return value
        if not self.can_ask or (not asked and reason is None):
            self._defer(path)
            return list(model_default(model, name))
        self._flush()
        self.conversation.say(f"{self.words.field(path).get('question', name)}")
        sector_hint = self._sector_hint(path)
        for line in prose(sector_hint, "  ") if sector_hint else []:
            self.conversation.say(line)
        self.conversation.say(f"  ({self.words.ui('next_item')})")
        items: list[Any] = []
        while True:
            if reason:
                self.conversation.say(f"  ! {reason}")
                reason = None
            typed = self.ask("  - ").strip()
            if typed == "?":
                self._help(path, shape(model, name))
                continue
            if typed == "":
                try:
                    return list(reading.check(adapter, items, self.words))
                except Refused as refused:
                    reason = str(refused)
                    continue
            try:
                items.append(reading.check(item, typed, self.words, typed))
            except Refused as refused:
                reason = str(refused)

    def _models(
        self, model: type[BaseModel], name: str, path: FieldPath, given: Answers
    ) -> list[Answers]:
        item_model = shape(model, name).model
        assert item_model is not None
        item_words = self.words.data["items"][".".join(path)]
        noun = item_words["noun"]
        asked = self._asks(path, given)
        present = isinstance(given.get(name), list)
        existing = [entry if isinstance(entry, dict) else {} for entry in (given.get(name) or [])]
        items: list[Answers] = []
        for number, entry in enumerate(existing, start=1):
            if self.can_ask and self.ask_given and asked:
                summary = ", ".join(str(v) for v in entry.values() if isinstance(v, str))[:80]
                question = self.words.ui("keep_item", item=noun, number=number, summary=summary)
                if not self.confirm(question, True, path):
                    continue
                self._item_heading(noun, len(items) + 1)
            items.append(self._model(item_model, path, entry, {}))
        if not self.can_ask or (present and not self.ask_given) or not asked:
            if self.can_ask and not asked:
                self._defer(path)
            return items
        self._flush()
        self.conversation.say(self.words.field(path).get("question", name), bold=True)
        while self.confirm(
            self.words.ui(
                "add_another" if items else "add_first", item=noun, one=item_words["one"]
            ),
            False,
            path,
        ):
            self._item_heading(noun, len(items) + 1)
            items.append(self._model(item_model, path, {}, {}))
        return items

    # Small parts

    def confirm(self, question: str, default: bool, path: FieldPath) -> bool:
        self._flush()
        return ask_yes_no(
            self.conversation, self.words, question, default, lambda: self._help(path, YES_NO)
        )

    def _item_heading(self, noun: str, number: int) -> None:
        self.conversation.say(
            f"  {self.words.ui('item_heading', item=noun, number=number)}".upper()
        )

    def _help(self, path: FieldPath, kind: Shape) -> None:
        text = self.words.field(path)
        lines = [text.get("help", ""), self._sector_hint(path)]
        if kind.kind == "choice":
            labels = (
                f"{value} = {self.words.choice_label(path[-1], value)}" for value in kind.choices
            )
            lines.append(f"{self.words.data['file']['choices']}: {'; '.join(labels)}")
        for text_line in lines:
            for line in prose(text_line, "  ") if text_line else []:
                self.conversation.say(line)

    def _sector_hint(self, path: FieldPath) -> str:
        """Examples that fit the sector: patient data only in healthcare, pupils only in education."""
        hints = self.words.field(path).get("by_sector", {})
        return str(hints.get(State(self.answers, {}).get("organisation.sector"), ""))

    def _flush(self) -> None:
        """Titles and introductions are shown just before the first question under them."""
        for text, style in self._pending:
            if style == "title":
                self.conversation.say()
            for line in prose(text):
                self.conversation.say(line, bold=style != "intro")
        self._pending.clear()

    def ask(self, prompt: str) -> str:
        """One prompt, after the titles and introductions still to show."""
        self._flush()
        return self.conversation.ask(prompt)

    def _problem(self, path: FieldPath, message: str) -> QuestionnaireError:
        return QuestionnaireError([Problem(self.source, None, None, ".".join(path), message)])
