"""``policygen init``: the interview that writes a commented questionnaire which validates.

The questions follow the model itself: one per field, section by section, in the model's order, so
a new field is asked without touching this module. Their wording lives in
``templates/wizard/<lang>.yaml``; which questions apply, and which defaults follow from earlier
answers, is decided here. Every answer is checked by the field's own pydantic type as it is given,
so the interview accepts exactly what ``policygen validate`` accepts.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import shutil
import sys
import textwrap
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Protocol

import typer
import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from policygen.build import write_files
from policygen.errors import OutputError, PolicygenError, Problem, QuestionnaireError
from policygen.questionnaire import LoadedQuestionnaire, consistency_warnings, load, load_text
from policygen.questionnaire.loader import decode, parse_yaml
from policygen.questionnaire.model import (
    FORMAT_VERSION,
    EncouragementLevel,
    Language,
    MentionEmployer,
    Platform,
    Questionnaire,
)
from policygen.render.environment import templates_dir

Answers = dict[str, Any]
Path_ = tuple[str, ...]
"""A field's place in the questionnaire without list indices: ``("accounts", "managed", "handle")``."""

COMMENT_WIDTH = 100
LEVELS = list(EncouragementLevel)


# --- Input and output ---------------------------------------------------------------------------


class Conversation(Protocol):
    """Where questions go and answers come from; tests and the terminal each provide one."""

    def ask(self, prompt: str) -> str:
        """One line of input; raises EOFError at end of input, KeyboardInterrupt on Ctrl-C."""
        ...

    def say(self, text: str = "", *, bold: bool = False) -> None:
        """One line of output."""
        ...


class TerminalConversation:
    """Plain ``input()`` and ``typer.echo``: readable in any terminal and scriptable in tests."""

    def __init__(self) -> None:
        with contextlib.suppress(ImportError):  # line editing (arrow keys, history) where available
            import readline  # noqa: F401

    def ask(self, prompt: str) -> str:
        return input(prompt)

    def say(self, text: str = "", *, bold: bool = False) -> None:
        typer.echo(typer.style(text, bold=True) if bold else text)


def _prose(text: str, indent: str = "") -> list[str]:
    """Explanations wrapped to the terminal's width, between words (commands are never wrapped)."""
    width = min(shutil.get_terminal_size().columns - 1, COMMENT_WIDTH)
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent) or [""]


def stdin_is_terminal() -> bool:
    """Whether someone can answer questions; without a terminal the wizard must not wait."""
    return sys.stdin.isatty()


# --- Wording ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    """The interview's texts in one language (``templates/wizard/<lang>.yaml``) and choice labels."""

    language: str
    data: dict[str, Any]
    labels: dict[str, Any]

    def ui(self, key: str, **values: object) -> str:
        return str(self.data["ui"][key]).format(**values)

    def error(self, key: str, **values: object) -> str:
        return str(self.data["errors"][key]).format(**values)

    def field(self, path: Path_) -> dict[str, Any]:
        """The wording of a field; ``preconditions.*.status`` serves every precondition."""
        fields = self.data["fields"]
        key = ".".join(path)
        if key in fields:
            return dict(fields[key])
        if len(path) == 3:
            wildcard = f"{path[0]}.*.{path[2]}"
            if wildcard in fields:
                return dict(fields[wildcard])
        return {}

    def choice_label(self, field_name: str, value: str) -> str:
        for source in (self.data["choices"], self.labels):
            group = source.get(field_name)
            if isinstance(group, dict) and value in group:
                return str(group[value])
        return value


@cache
def wording(language: str) -> Wording:
    """Load the wording of one language (cached: read once per process)."""
    folder = templates_dir()
    try:
        data = yaml.safe_load((folder / "wizard" / f"{language}.yaml").read_text(encoding="utf-8"))
        labels = yaml.safe_load((folder / language / "labels.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PolicygenError(f"cannot read the wizard's texts for '{language}': {error}") from None
    return Wording(language, data, labels)


# --- What a field is ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """What kind of answer a field takes, read from its type annotation."""

    kind: str  # text, whole, number, yes_no, date, choice, model, models, texts
    optional: bool
    model: type[BaseModel] | None = None
    choices: tuple[str, ...] = ()
    item: Any = None


def _without_none(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return rest[0], len(rest) < len(typing.get_args(annotation))
    return annotation, False


def _base(annotation: Any) -> Any:
    while typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _scalar_kind(base: Any) -> tuple[str, tuple[str, ...]]:
    if isinstance(base, type) and issubclass(base, Enum):
        return "choice", tuple(str(member.value) for member in base)
    kinds: dict[Any, str] = {
        bool: "yes_no",
        int: "whole",
        float: "number",
        dt.date: "date",
        str: "text",
    }
    return kinds.get(base, "text"), ()


@cache
def _shape(model: type[BaseModel], name: str) -> Shape:
    annotation, optional = _without_none(model.model_fields[name].annotation)
    base = _base(annotation)
    if typing.get_origin(base) is list:
        item = typing.get_args(base)[0]
        item_base = _base(item)
        if isinstance(item_base, type) and issubclass(item_base, BaseModel):
            return Shape("models", optional, model=item_base)
        return Shape("texts", optional, item=item)
    if isinstance(base, type) and issubclass(base, BaseModel):
        return Shape("model", optional, model=base)
    kind, choices = _scalar_kind(base)
    return Shape(kind, optional, choices=choices)


@cache
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """Validates one field's value exactly as the model does (type, limits, validators)."""
    info: FieldInfo = model.model_fields[name]
    annotation: Any = (
        Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    )
    return TypeAdapter(annotation)


@cache
def _item_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    return TypeAdapter(_shape(model, name).item)


def _plain(value: Any) -> Any:
    """Validated values as the YAML file holds them: enums become their text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return _plain(value.model_dump())
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _model_default(model: type[BaseModel], name: str) -> Any:
    return _plain(model.model_fields[name].get_default(call_default_factory=True))


# --- Reading an answer --------------------------------------------------------------------------

_WHOLE = re.compile(r"[+-]?\d{1,12}")
_NUMBER = re.compile(r"[+-]?(\d{1,12}([.,]\d{1,6})?|[.,]\d{1,6})")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Refused(Exception):
    """An answer that does not fit; its text says why, in the interview's language."""


def _reason(error: ValidationError, words: Wording) -> str:
    """The first problem pydantic found, as a sentence in the interview's language."""
    detail = error.errors(include_url=False)[0]
    kind, context, message = detail["type"], detail.get("ctx", {}), str(detail["msg"])
    simple = {
        "string_too_long": "too_long",
        "too_short": "too_few",
        "too_long": "too_many",
        "greater_than_equal": "at_least",
        "less_than_equal": "at_most",
        "enum": "one_of",
        "string_type": "text",
    }
    if kind in simple:
        return words.error(simple[kind], **context)
    prefixes = {"int_": "whole_number", "float_": "number", "date_": "date", "bool_": "yes_no"}
    for prefix, key in prefixes.items():
        if kind.startswith(prefix):
            return words.error(key)
    if kind == "string_pattern_mismatch":
        return words.error("url" if "mailto" in str(context.get("pattern", "")) else "email")
    if "control character" in message:
        return words.error("control")
    if "must not be empty" in message:
        return words.error("required")
    return words.error("other", message=message)


def _short_label(label: str) -> str:
    """A label without its explanation in brackets: ``ambassadeurs (een programma)`` -> ``ambassadeurs``."""
    return label.split(" (", 1)[0]


def _chosen(typed: str, choices: Sequence[str], *spellings: Sequence[str]) -> str | None:
    """The choice typed as its number, its value or one of its labels (any case); None if none.

    Values are tried before labels, so a label can never hide another choice's value.
    """
    if typed.isdigit() and 1 <= int(typed) <= len(choices):
        return choices[int(typed) - 1]
    wanted = typed.casefold()
    for names in (choices, *spellings):
        for value, name in zip(choices, names, strict=True):
            if name.casefold() == wanted:
                return value
    return None


def _convert(text: str, shape: Shape, words: Wording, labels: tuple[str, ...] = ()) -> Any:
    """Typed text -> the Python value to validate; raises Refused with the reason.

    ``labels``: for a choice, the labels the interview showed, in the order of ``shape.choices``.
    """
    if shape.kind == "yes_no":
        lowered = text.lower()
        if lowered in words.data["ui"]["yes_words"]:
            return True
        if lowered in words.data["ui"]["no_words"]:
            return False
        raise Refused(words.error("yes_no"))
    if shape.kind == "whole":
        if not _WHOLE.fullmatch(text):
            raise Refused(words.error("whole_number"))
        return int(text)
    if shape.kind == "number":
        if not _NUMBER.fullmatch(text):
            raise Refused(words.error("number"))
        number = float(text.replace(",", "."))
        return int(number) if number.is_integer() else number
    if shape.kind == "date":
        try:
            if not _DATE.fullmatch(text):
                raise ValueError(text)
            return dt.date.fromisoformat(text)
        except ValueError:
            raise Refused(words.error("date")) from None
    if shape.kind == "choice":
        short = tuple(_short_label(label) for label in labels)
        chosen = _chosen(text, shape.choices, labels, short)
        if chosen is None:
            raise Refused(words.error("choice", count=len(shape.choices), values=" / ".join(short)))
        return chosen
    return text


def check(adapter: TypeAdapter[Any], value: Any, words: Wording) -> Any:
    """Validate with the model's own type; the plain value, or Refused with the reason."""
    try:
        return _plain(adapter.validate_python(value))
    except ValidationError as error:
        raise Refused(_reason(error, words)) from None


def _show(value: Any, shape: Shape, words: Wording) -> str:
    """A value as the interview shows it between [brackets]."""
    if value is None:
        return words.ui("empty")
    if shape.kind == "yes_no":
        return words.ui("answer_yes") if value else words.ui("answer_no")
    if shape.kind == "choice":
        return str(shape.choices.index(value) + 1)
    if shape.kind == "number" and words.language == "nl":
        return str(value).replace(".", ",")
    return str(value.isoformat() if isinstance(value, dt.date) else value)


# --- Which questions apply, and defaults that follow from earlier answers ----------------------


@dataclass
class State:
    """The answers so far, for the rules below: the whole questionnaire and the current list item."""

    root: Answers
    item: Answers

    def get(self, dotted: str) -> Any:
        value: Any = self.root
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    def level_at_least(self, minimum: EncouragementLevel) -> bool:
        level = self.get("encouragement.level") or EncouragementLevel.neutral.value
        return LEVELS.index(EncouragementLevel(level)) >= LEVELS.index(minimum)


Rule = Callable[[State], bool]


def _has_accounts(state: State) -> bool:
    return bool(state.get("accounts.managed"))


def _at_ambassadors(state: State) -> bool:
    return state.level_at_least(EncouragementLevel.ambassadors)


def _encourages(state: State) -> bool:
    return state.level_at_least(EncouragementLevel.encouraged)


def _monitors(state: State) -> bool:
    return bool(state.get("monitoring.monitors_public_posts"))


def _other_platform(state: State) -> bool:
    return state.item.get("platform") == Platform.other.value


def _has_programme(state: State) -> bool:
    return _at_ambassadors(state) and bool(state.get("encouragement.ambassador_programme"))


ASKED_ONLY_WHEN: dict[str, Rule] = {
    "document.approval_date": lambda state: state.get("document.approved_by") is not None,
    "accounts.managed.name": _other_platform,
    "accounts.tone_of_voice": _has_accounts,
    "accounts.security": _has_accounts,
    "accounts.crisis": _has_accounts,
    "private_use.disclaimer_text": lambda state: (
        state.get("private_use.mention_employer") == MentionEmployer.with_disclaimer.value
    ),
    "encouragement.ambassador_programme": _at_ambassadors,
    "encouragement.ambassador_coordinator": _has_programme,
    "encouragement.content_to_share": _encourages,
    "encouragement.content_channel": lambda state: (
        _encourages(state) and bool(state.get("encouragement.content_to_share"))
    ),
    "encouragement.time_allowance_hours_per_month": _encourages,
    "encouragement.recognition": _encourages,
    "preconditions.ambassadors": _encourages,
    "monitoring.announced_in_advance": _monitors,
    "monitoring.legal_basis": _monitors,
    "monitoring.tools": _monitors,
}
"""Questions that do not apply are skipped; a skipped field keeps its current value."""

HAND_EDITED = {"customisation"}
"""Sections the interview never asks (they name files the organisation writes itself); an
answers file or ``--update`` keeps them as they are, and a new file leaves them out."""

REQUIRED_WHEN: dict[str, Rule] = {
    "communication_policy.chapter": lambda state: bool(state.get("document.as_chapter")),
    "accounts.managed.name": _other_platform,
    "encouragement.ambassador_coordinator": _has_programme,
}
"""Optional fields that another answer makes necessary (else the file would build with a warning)."""

SUGGESTED: dict[str, Callable[[State], Any]] = {
    "encouragement.ambassador_programme": _at_ambassadors,
    "monitoring.announced_in_advance": _monitors,
    "accounts.crisis.contact_role": lambda state: state.get("document.owner"),
}
"""Defaults that follow from earlier answers, so that Enter gives a file without warnings."""

ADVICE: dict[str, Callable[[Any], bool]] = {
    "accounts.managed.administrators": lambda value: value < 2,
    "monitoring.announced_in_advance": lambda value: value is False,
}
"""Answers that are valid but unwise: accepted, with the field's ``advice`` shown at once."""

PLACEHOLDERS: tuple[Path_, ...] = (
    ("organisation", "name"),
    ("organisation", "contact", "role"),
    ("document", "owner"),
)
"""Required fields whose default is a sample answer (``--defaults`` needs one for each)."""


# --- The interview ------------------------------------------------------------------------------


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
    source: Path | None = None

    def __post_init__(self) -> None:
        self.answers: Answers = {}
        self._pending: list[tuple[str, str]] = []  # (text, "title" | "heading" | "intro")

    # The walk

    def run(self, language: str) -> Answers:
        self.answers.update(policygen=FORMAT_VERSION, language=language)
        for name in Questionnaire.model_fields:
            if name in self.answers:
                continue
            if name in HAND_EDITED:
                if self.given.get(name):
                    self.answers[name] = self.given[name]
                continue
            section = self.words.data["sections"][name]
            self._pending += [(section["title"], "title"), (section["intro"], "intro")]
            given = self.given.get(name)
            self.answers[name] = {}  # filled in place: later rules read earlier answers
            section_model = _shape(Questionnaire, name).model
            assert section_model is not None, f"top-level field {name} is not a section"
            self._model(
                section_model, (name,), given if isinstance(given, dict) else {}, self.answers[name]
            )
            self._pending.clear()
        return self.answers

    def _model(self, model: type[BaseModel], path: Path_, given: Answers, into: Answers) -> Answers:
        """Fill ``into`` with every field of ``model``; ``into`` is also the current list item."""
        for name in model.model_fields:
            field_path = (*path, name)
            state = State(self.answers, into)
            rule = ASKED_ONLY_WHEN.get(".".join(field_path))
            if rule is not None and not rule(state):
                into[name] = given[name] if name in given else _model_default(model, name)
                continue
            shape = _shape(model, name)
            if shape.kind == "model" and shape.model is not None:
                heading = str(self.words.field(field_path).get("question", ""))
                if heading:
                    self._pending.append((heading, "heading"))
                current = given.get(name)
                into[name] = {}
                self._model(
                    shape.model,
                    field_path,
                    current if isinstance(current, dict) else {},
                    into[name],
                )
                if (heading, "heading") in self._pending:  # nothing asked under it
                    self._pending.remove((heading, "heading"))
                continue
            into[name] = self._field(model, name, field_path, given, state)
        return into

    def _field(
        self, model: type[BaseModel], name: str, path: Path_, given: Answers, state: State
    ) -> Any:
        shape = _shape(model, name)
        if shape.kind == "models":
            return self._models(model, name, path, given)
        if shape.kind == "texts":
            return self._texts(model, name, path, given)
        return self._scalar(model, name, path, given, state)

    # Scalars

    def _scalar(
        self, model: type[BaseModel], name: str, path: Path_, given: Answers, state: State
    ) -> Any:
        shape = _shape(model, name)
        adapter = _field_adapter(model, name)
        key = ".".join(path)
        required = not shape.optional or (key in REQUIRED_WHEN and REQUIRED_WHEN[key](state))
        default = self._default(model, name, path, state)
        reason = None
        if name in given:
            value, reason = self._earlier(
                path, lambda: self._valid(adapter, given[name], required, key)
            )
            if reason is None:
                if not (self.can_ask and self.ask_given):
                    return value
                default = value
        if not self.can_ask:
            if default is None and required:
                raise self._problem(path, self._required_reason(key))
            return default
        return self._ask_scalar(shape, adapter, path, default, required, reason)

    def _earlier(self, path: Path_, validate: Callable[[], Any]) -> tuple[Any, str | None]:
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
        return check(adapter, value, self.words)

    def _default(self, model: type[BaseModel], name: str, path: Path_, state: State) -> Any:
        suggest = SUGGESTED.get(".".join(path))
        if suggest is not None and suggest(state) is not None:
            return suggest(state)
        if path in PLACEHOLDERS:
            return self.words.field(path)["placeholder"]
        if model.model_fields[name].is_required():
            return None
        return _model_default(model, name)

    def _required_reason(self, key: str) -> str:
        return str(
            self.words.data["fields"].get(key, {}).get("required_reason")
            or self.words.error("required")
        )

    def _ask_scalar(
        self,
        shape: Shape,
        adapter: TypeAdapter[Any],
        path: Path_,
        default: Any,
        required: bool,
        reason: str | None,
    ) -> Any:
        text = self.words.field(path)
        question = text.get("question", path[-1])
        labels = tuple(self.words.choice_label(path[-1], value) for value in shape.choices)
        if shape.kind == "choice":
            self._flush()
            self.conversation.say(question)
            for number, (value, label) in enumerate(
                zip(shape.choices, labels, strict=True), start=1
            ):
                shown = label if label == value else f"{label} — {value}"
                self.conversation.say(f"  {number}. {shown}")
            question = self.words.ui("choose")
        elif shape.kind == "yes_no":
            question = f"{question} ({self.words.ui('yes_no')})"
        if default is not None or not required:
            prompt = f"{question} [{_show(default, shape, self.words)}]: "
        else:
            prompt = f"{question} " if question.endswith("?") else f"{question}: "
        while True:
            if reason:
                self.conversation.say(f"  ! {reason}")
            typed = self._ask(prompt).strip()
            if typed == "?":
                self._help(path, shape)
                reason = None
                continue
            try:
                if typed in ("", "-"):
                    value = self._valid(
                        adapter, None if typed else default, required, ".".join(path)
                    )
                else:
                    value = check(adapter, _convert(typed, shape, self.words, labels), self.words)
            except Refused as refused:
                reason = str(refused)
                continue
            advised = ADVICE.get(".".join(path))
            if advised is not None and advised(value):
                self.conversation.say(f"  ! {text['advice']}")
            return value

    # Lists

    def _texts(self, model: type[BaseModel], name: str, path: Path_, given: Answers) -> list[Any]:
        adapter = _field_adapter(model, name)
        item_adapter = _item_adapter(model, name)
        reason = None
        if name in given:
            earlier, reason = self._earlier(path, lambda: check(adapter, given[name], self.words))
            value: list[Any] = list(earlier or [])
            if reason is None:
                if not (self.can_ask and self.ask_given):
                    return value
                if value and self.confirm(
                    self.words.ui("keep_list", items="; ".join(value)), True, path
                ):
                    return value
        if not self.can_ask:
            return list(_model_default(model, name))
        self._flush()
        self.conversation.say(f"{self.words.field(path).get('question', name)}")
        sector_hint = self._sector_hint(path)
        for line in _prose(sector_hint, "  ") if sector_hint else []:
            self.conversation.say(line)
        self.conversation.say(f"  ({self.words.ui('next_item')})")
        items: list[Any] = []
        while True:
            if reason:
                self.conversation.say(f"  ! {reason}")
                reason = None
            typed = self._ask("  - ").strip()
            if typed == "?":
                self._help(path, _shape(model, name))
                continue
            if typed == "":
                try:
                    return list(check(adapter, items, self.words))
                except Refused as refused:
                    reason = str(refused)
                    continue
            try:
                items.append(check(item_adapter, typed, self.words))
            except Refused as refused:
                reason = str(refused)

    def _models(
        self, model: type[BaseModel], name: str, path: Path_, given: Answers
    ) -> list[Answers]:
        item_model = _shape(model, name).model
        assert item_model is not None
        item_words = self.words.data["items"][".".join(path)]
        noun = item_words["noun"]
        present = isinstance(given.get(name), list)
        existing = [entry if isinstance(entry, dict) else {} for entry in (given.get(name) or [])]
        items: list[Answers] = []
        for number, entry in enumerate(existing, start=1):
            if self.can_ask and self.ask_given:
                summary = ", ".join(str(v) for v in entry.values() if isinstance(v, str))[:80]
                question = self.words.ui("keep_item", item=noun, number=number, summary=summary)
                if not self.confirm(question, True, path):
                    continue
                self._item_heading(noun, len(items) + 1)
            items.append(self._model(item_model, path, entry, {}))
        if not self.can_ask or (present and not self.ask_given):
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

    def confirm(self, question: str, default: bool, path: Path_) -> bool:
        self._flush()
        return ask_yes_no(
            self.conversation, self.words, question, default, lambda: self._help(path, _YES_NO)
        )

    def _item_heading(self, noun: str, number: int) -> None:
        self.conversation.say(
            f"  {self.words.ui('item_heading', item=noun, number=number)}".upper()
        )

    def _help(self, path: Path_, shape: Shape) -> None:
        text = self.words.field(path)
        lines = [text.get("help", "")]
        lines.append(self._sector_hint(path))
        if shape.kind == "choice":
            labels = (
                f"{value} = {self.words.choice_label(path[-1], value)}" for value in shape.choices
            )
            lines.append(f"{self.words.data['file']['choices']}: {'; '.join(labels)}")
        for text_line in lines:
            for line in _prose(text_line, "  ") if text_line else []:
                self.conversation.say(line)

    def _sector_hint(self, path: Path_) -> str:
        """Examples that fit the sector: patient data only in healthcare, pupils only in education."""
        hints = self.words.field(path).get("by_sector", {})
        return str(hints.get(State(self.answers, {}).get("organisation.sector"), ""))

    def _flush(self) -> None:
        """Titles and introductions are shown just before the first question under them."""
        for text, style in self._pending:
            if style == "title":
                self.conversation.say()
            for line in _prose(text):
                self.conversation.say(line, bold=style != "intro")
        self._pending.clear()

    def _ask(self, prompt: str) -> str:
        self._flush()
        return self.conversation.ask(prompt)

    def _problem(self, path: Path_, message: str) -> QuestionnaireError:
        return QuestionnaireError([Problem(self.source, None, None, ".".join(path), message)])


# --- Writing the file ---------------------------------------------------------------------------


_YES_NO = Shape("yes_no", optional=False)


def ask_yes_no(
    conversation: Conversation,
    words: Wording,
    question: str,
    default: bool,
    explain: Callable[[], None] | None = None,
) -> bool:
    """A yes/no question outside the model's fields: add another, keep this, overwrite."""
    prompt = f"{question} ({words.ui('yes_no')}) [{_show(default, _YES_NO, words)}]: "
    while True:
        typed = conversation.ask(prompt).strip()
        if typed == "":
            return default
        if typed == "?" and explain is not None:
            explain()
            continue
        try:
            return bool(_convert(typed, _YES_NO, words))
        except Refused as refused:
            conversation.say(f"  ! {refused}")


def _yaml_scalar(value: Any) -> str:
    """One value in YAML: plain where that reads back the same, otherwise double-quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return json.dumps(value)
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**9)
    if dumped.endswith("\n...\n") and "\n" not in dumped[: -len("\n...\n")]:
        return dumped[: -len("\n...\n")]
    return json.dumps(value, ensure_ascii=False)


def _comment(
    path: Path_, model: type[BaseModel], name: str, value: Any, words: Wording
) -> list[str]:
    text = words.field(path)
    description = model.model_fields[name].description or ""
    parts = [text.get("help") or description]
    shape = _shape(model, name)
    if shape.kind == "choice":
        labels = (f"{choice} = {words.choice_label(name, choice)}" for choice in shape.choices)
        parts.append(f"{words.data['file']['choices']}: {'; '.join(labels)}.")
    if shape.kind == "models" and shape.model is not None:
        parts.append(f"{words.data['file']['per_item']}: {', '.join(shape.model.model_fields)}.")
    if path in PLACEHOLDERS and value == text.get("placeholder"):
        parts.append(words.data["file"]["placeholder"])
    return textwrap.wrap(" ".join(part for part in parts if part), COMMENT_WIDTH - 10)


def _emit_model(
    model: type[BaseModel], data: Answers, path: Path_, indent: int, words: Wording, comments: bool
) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for name in model.model_fields:
        value = data.get(name)
        field_path = (*path, name)
        shape = _shape(model, name)
        if comments:
            lines += [f"{pad}# {line}" for line in _comment(field_path, model, name, value, words)]
        if shape.kind == "model" and value is not None:
            assert shape.model is not None
            lines.append(f"{pad}{name}:")
            lines += _emit_model(shape.model, value, field_path, indent + 2, words, comments)
        elif shape.kind == "models" and value:
            assert shape.model is not None
            lines.append(f"{pad}{name}:")
            for number, entry in enumerate(value):
                item = _emit_model(
                    shape.model, entry, field_path, indent + 4, words, comments and number == 0
                )
                first = next(
                    index for index, line in enumerate(item) if not line.lstrip().startswith("#")
                )
                item[: first + 1] = [f"{pad}  {line.lstrip()}" for line in item[:first]] + [
                    f"{pad}  - {item[first].lstrip()}"
                ]
                lines += item
        elif shape.kind in ("models", "texts") and not value:
            lines.append(f"{pad}{name}: []")
        elif shape.kind == "texts":
            lines.append(f"{pad}{name}:")
            lines += [f"{pad}  - {_yaml_scalar(entry)}" for entry in value or []]
        else:
            lines.append(f"{pad}{name}: {_yaml_scalar(value)}".rstrip())
    return lines


def schema_reference(target: Path) -> str:
    """Where the editor finds the schema: the one this policygen ships, relative when nearby."""
    packaged = Path(str(resources.files("policygen"))) / "policygen.schema.json"
    schema = (
        packaged
        if packaged.is_file()
        else templates_dir().parent / "schema" / "policygen.schema.json"
    )
    folder = target.resolve().parent
    schema = schema.resolve()
    common = Path(os.path.commonpath([folder, schema]))
    if common == Path(common.anchor):
        return schema.as_uri()
    return Path(os.path.relpath(schema, folder)).as_posix()


def render_questionnaire(answers: Answers, target: Path, words: Wording) -> str:
    """The commented YAML file: header, schema line, sections in order, a comment per field."""
    header = words.data["file"]["header"].format(
        organisation=answers["organisation"]["name"], file=target.name
    )
    lines = [f"# yaml-language-server: $schema={schema_reference(target)}"]
    lines += [f"# {line}".rstrip() for line in header.splitlines()]
    for name in Questionnaire.model_fields:
        shape = _shape(Questionnaire, name)
        if shape.kind != "model":
            lines.append(f"{name}: {_yaml_scalar(answers[name])}")
            continue
        if name in HAND_EDITED and not answers.get(name):
            continue
        assert shape.model is not None
        lines.append("")
        intro = words.data["sections"][name]["intro"]
        lines += [f"# {line}" for line in textwrap.wrap(intro, COMMENT_WIDTH - 2)]
        lines.append(f"{name}:")
        lines += _emit_model(shape.model, answers[name], (name,), 2, words, comments=True)
    return "\n".join(lines) + "\n"


_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 2, 0))
"""(mapping, sequence, dash offset): lists indented under their key, or level with it."""


def _dump(handler: YAML, document: Any) -> str:
    stream = io.StringIO()
    handler.dump(document, stream)
    return stream.getvalue()


def _handler(mapping: int, sequence: int, offset: int) -> YAML:
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 4096
    handler.indent(mapping=mapping, sequence=sequence, offset=offset)
    return handler


def _round_trip_yaml(original: str) -> YAML:
    """A ruamel.yaml handler in the file's own indentation, so unchanged lines stay as they are."""
    for indents in _INDENTS:
        handler = _handler(*indents)
        if _dump(handler, handler.load(original)) == original:
            return handler
    return _handler(*_INDENTS[0])  # no exact match: re-indented the way the wizard writes


def _patch(node: CommentedMap, old: Answers, new: Answers, model: type[BaseModel]) -> None:
    """Change only what changed, in place, so comments and layout around the rest stay."""
    names = list(model.model_fields)
    for name in names:
        if old.get(name) == new.get(name):
            continue
        shape = _shape(model, name)
        child = node.get(name)
        if (
            shape.kind == "model"
            and shape.model
            and isinstance(child, CommentedMap)
            and new[name] is not None
        ):
            _patch(child, old[name], new[name], shape.model)
        elif name in node:
            if new[name] is None:
                del node[name]
            else:
                node[name] = new[name]
        elif new[name] != _model_default(model, name):
            earlier = [key for key in names[: names.index(name)] if key in node]
            position = list(node).index(earlier[-1]) + 1 if earlier else 0
            node.insert(position, name, new[name])


def updated_text(original: str, old: Questionnaire, new: Questionnaire) -> str:
    """The original file with the new answers; unchanged answers keep their exact text."""
    handler = _round_trip_yaml(original)
    document = handler.load(original)
    _patch(document, _plain(old), _plain(new), Questionnaire)
    return _dump(handler, document)


# --- The command --------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitOptions:
    """What ``policygen init`` was asked to do."""

    target: Path
    use_defaults: bool = False
    answers: Path | None = None
    update: bool = False
    force: bool = False


def _ask_language(
    conversation: Conversation, given: Answers, can_ask: bool, ask_given: bool
) -> str:
    choices = [language.value for language in Language]
    current = given.get("language", Language.nl.value)
    if current not in choices:
        raise QuestionnaireError(
            [Problem(None, None, None, "language", f"choose {' or '.join(choices)}")]
        )
    if not can_ask or ("language" in given and not ask_given):
        return str(current)
    names = [str(wording(language).data["language_name"]) for language in choices]
    conversation.say("Taal van het beleid / Language of the policy", bold=True)
    for number, (language, name) in enumerate(zip(choices, names, strict=True), start=1):
        conversation.say(f"  {number}. {name} ({language})")
    default = choices.index(current) + 1
    while True:
        typed = conversation.ask(f"Kies / choose 1-{len(choices)} [{default}]: ").strip()
        if typed == "":
            return str(current)
        chosen = _chosen(typed, choices, names)
        if chosen is not None:
            return chosen
        conversation.say(f"  ! 1-{len(choices)}: {', '.join(names)}")


def _read(path: Path) -> str:
    try:
        return decode(path.read_bytes(), path)
    except OSError as error:
        message = f"cannot read this file: {error.strerror or error}"
        raise QuestionnaireError([Problem(path, None, None, "", message)]) from None


_WRONG_SHAPE = {
    "extra_forbidden": "unknown field '{key}'",
    "model_type": "must be a section of fields (key: value lines)",
    "dict_type": "must be a section of fields (key: value lines)",
    "list_type": "must be a list (lines starting with -)",
}


def _given(options: InitOptions) -> tuple[Answers, str | None]:
    """Earlier answers, and the original text when updating a file.

    An answers file may leave anything out, and a wrong value is asked again; but keys the
    questionnaire does not know, or a section that is not a section, are errors at once.
    """
    if options.update:
        load(options.target)  # a file to update must be valid; its problems are shown with lines
        text = _read(options.target)
        data, _ = parse_yaml(text, options.target)
        return data, text
    if options.answers is None:
        return {}, None
    data, source = parse_yaml(_read(options.answers), options.answers)
    try:
        Questionnaire.model_validate(data)
    except ValidationError as error:
        wrong = [
            source.problem(
                tuple(detail["loc"]), _WRONG_SHAPE[detail["type"]].format(key=detail["loc"][-1])
            )
            for detail in error.errors(include_url=False)
            if detail["type"] in _WRONG_SHAPE
        ]
        if wrong:
            raise QuestionnaireError(wrong) from None
    return data, None


def _may_write(
    options: InitOptions, conversation: Conversation, words: Wording, can_ask: bool
) -> None:
    """An existing file is replaced only with --force or a yes (asked before the interview)."""
    target = options.target
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name")
    if options.update or options.force or not target.exists():
        return
    refusal = OutputError(words.ui("not_overwritten", file=target))
    if not can_ask:
        raise refusal
    conversation.say()
    if not ask_yes_no(conversation, words, words.ui("overwrite", file=target), False):
        raise refusal


def _report(conversation: Conversation, words: Wording, loaded: LoadedQuestionnaire) -> None:
    """Warnings, sample answers still to replace, and what to do next."""
    target = loaded.source.file
    for warning in consistency_warnings(loaded):
        conversation.say(words.ui("warning", message=f"{warning.field}: {warning.message}"))
    answers = State(_plain(loaded.questionnaire), {})
    placeholders = [
        ".".join(path)
        for path in PLACEHOLDERS
        if answers.get(".".join(path)) == words.field(path)["placeholder"]
    ]
    if placeholders:
        conversation.say(words.ui("replace_placeholders", fields=", ".join(placeholders)))
    conversation.say(words.ui("next_steps"))
    for step in ("step_build", "step_validate", "step_update"):
        conversation.say(f"  {words.ui(step, file=target)}")


def run_init(options: InitOptions, conversation: Conversation, *, interactive: bool) -> Path:
    """Ask, validate, write; returns the file. Nothing is written unless everything succeeds.

    KeyboardInterrupt and EOFError pass through untouched: the caller reports them.
    """
    target = options.target
    can_ask = interactive and not options.use_defaults
    given, original = _given(options)
    language = _ask_language(conversation, given, can_ask, options.update)
    words = wording(language)
    _may_write(options, conversation, words, can_ask)
    if can_ask:
        conversation.say()
        conversation.say(words.ui("welcome"))
        conversation.say(words.ui("keys"))
    interview = Interview(
        conversation, words, given, can_ask, options.update, source=options.answers
    )
    questionnaire = Questionnaire.model_validate(interview.run(language))
    if original is None:
        text = render_questionnaire(_plain(questionnaire), target, words)
    else:
        before = Questionnaire.model_validate(given)
        text = (
            original if questionnaire == before else updated_text(original, before, questionnaire)
        )
    loaded = load_text(text, target)
    if loaded.questionnaire != questionnaire:  # the writer lost an answer: never write that file
        raise PolicygenError(
            f"{target}: the written text does not hold every answer; please report this"
        )
    conversation.say()
    if text == original:
        conversation.say(words.ui("unchanged", file=target))
    else:
        files = {target.name: text.encode("utf-8")}
        if original is not None:
            backup = target.with_name(f"{target.name}.bak")
            files = {backup.name: original.encode("utf-8"), **files}
        write_files(target.parent, files)
        conversation.say(words.ui("wrote", file=target))
        if original is not None:
            conversation.say(words.ui("backup", file=backup))
    _report(conversation, words, loaded)
    return target
