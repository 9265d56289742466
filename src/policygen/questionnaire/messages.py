"""Pydantic's findings as sentences that say what to type: the one translator, used by the loader
(English, with a corrected line for the file) and the wizard (its own language, for a prompt).

``reason()`` classifies a finding into a key and the values a sentence needs; ``file_message()``
writes the English sentence; the wizard looks the same key up in its wording.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from policygen.questionnaire.model import FORMAT_VERSION, Questionnaire
from policygen.questionnaire.suggest import closest
from policygen.questionnaire.values import Unreadable, described

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Reason:
    """Why a value was refused: a key and what its sentence needs (``field``, ``written``, …)."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)


_STRUCTURE = {
    "model_type": "section_expected",
    "dict_type": "section_expected",
    "model_attributes_type": "section_expected",
    "list_type": "list_expected",
    "missing": "required",
    "extra_forbidden": "unknown_field",
    "string_too_long": "too_long_text",
    "string_unicode": "unicode",
    "too_short": "too_few",
    "too_long": "too_many",
    "greater_than_equal": "at_least",
    "greater_than": "at_least",
    "less_than_equal": "at_most",
    "less_than": "at_most",
    "finite_number": "number_not_finite",
    "bool_type": "yes_no",
    "bool_parsing": "yes_no",
}


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(getattr(value, "written", value))


def reason(detail: ErrorDetails, written: str | None = None) -> Reason:
    """Classify one pydantic finding; ``written`` is the value as it stands in the file or prompt."""
    kind = detail["type"]
    context: dict[str, Any] = dict(detail.get("ctx") or {})
    given = detail.get("input")
    location: Location = tuple(detail["loc"])
    values: dict[str, Any] = {
        **context,
        "location": location,
        "field": next((str(part) for part in reversed(location) if isinstance(part, str)), ""),
        "item": bool(location) and isinstance(location[-1], int),
        "written": written if written is not None else _shown(given)[:80],
        "found": described(given),
    }
    error = context.get("error")
    if kind == "value_error" and isinstance(error, Unreadable):
        return Reason(error.key, {**values, **error.values})
    if kind == "value_error":
        return Reason("value", {**values, "message": str(error)})
    if kind == "string_type":
        if given is None:
            return Reason("text_missing", values)
        if isinstance(given, bool | int | float | dt.date):
            return Reason("text_yaml_read", {**values, "reading": described(given)})
        return Reason("text_expected", values)
    if kind == "string_pattern_mismatch":
        web = "https://" in str(context.get("pattern", ""))
        return Reason("url" if web else "email", values)
    if kind in ("too_long", "string_too_long"):
        length = context.get("actual_length") or (len(given) if isinstance(given, str) else None)
        values["length"] = length
        if kind == "too_long":
            values["excess"] = (length or 0) - int(context.get("max_length", 0))
    if kind == "enum":
        return Reason("choice", {**values, **_choices(str(written or given), context)})
    if kind == "literal_error" and location == ("policygen",):
        newer = isinstance(given, int) and not isinstance(given, bool) and given > FORMAT_VERSION
        return Reason("format_newer" if newer else "format_version", values)
    if kind == "extra_forbidden":
        return Reason("unknown_field", {**values, **_unknown_key(location)})
    if kind in _STRUCTURE:
        return Reason(_STRUCTURE[kind], values)
    if kind.startswith(("int_", "float_", "decimal_")):
        return Reason("number_expected", values)
    if kind.startswith(("date_", "datetime_")):
        return Reason("date_expected", values)
    return Reason("other", values)


def _choices(given: str, context: Mapping[str, Any]) -> dict[str, Any]:
    options = re.findall(r"'([^']+)'", str(context.get("expected", "")))
    return {"given": given, "options": options, "suggestion": closest(given, options)}


def _unknown_key(location: Location) -> dict[str, Any]:
    model = _holder(location)
    if model is None or not location:
        return {"suggestion": None, "allowed": []}
    allowed = list(model.model_fields)
    return {"suggestion": closest(str(location[-1]), allowed), "allowed": allowed}


def _holder(location: Location) -> type[BaseModel] | None:
    """The model class that holds the last key of ``location``."""
    model: type[BaseModel] = Questionnaire
    for part in location[:-1]:
        if isinstance(part, int):
            continue
        found = model.model_fields.get(part)
        nested = _model_in(found.annotation) if found is not None else None
        if nested is None:
            return None
        model = nested
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list, typing.Annotated):
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None


# --- English sentences for files ----------------------------------------------------------------


def _line(values: Mapping[str, Any], value: str) -> str:
    """The corrected line: ``name: "No"``, or ``- "No"`` for an item of a list."""
    return f"`- {value}`" if values["item"] else f"`{values['field']}: {value}`"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _or_list(options: list[str]) -> str:
    quoted = [f"'{option}'" for option in options]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}" if len(quoted) > 1 else "".join(quoted)


def _number_format(v: Mapping[str, Any]) -> str:
    notation = (
        "Dutch notation (decimal comma, thousands point: 4.500,50)"
        if v["language"] == "nl"
        else "English notation (decimal point, thousands comma: 4,500.50)"
    )
    fix = (
        f"write {_line(v, _quoted(v['suggestion']))}" if v.get("suggestion") else "write it as 4500"
    )
    return f"'{v['written']}' is not a number in {notation}; {fix}"


def _three_decimals(v: Mapping[str, Any]) -> str:
    said = f"YAML reads {v['written']} as the number {v['read']}"
    thousands = _line(v, v["as_thousands"])
    if v["language"] == "nl":
        return f"{said}; write {thousands}, or {_line(v, _quoted(v['written']))} in quotes"
    return f"{said}; write {thousands} for {v['as_thousands']}, or {_line(v, v['read'])}"


def _ambiguous(v: Mapping[str, Any]) -> str:
    decimal = v["as_decimal"]
    return (
        f"'{v['written']}' could mean {decimal} or {v['as_thousands']}; "
        f"write {_line(v, v['as_thousands'])} or {_line(v, _quoted(decimal))}"
    )


def _date_fix(v: Mapping[str, Any]) -> str:
    if v.get("suggestion"):
        return f"write {_line(v, v['suggestion'])}"
    return "write the date as YYYY-MM-DD, for example " + _line(v, "2026-03-01")


def _unknown(v: Mapping[str, Any]) -> str:
    key = str(v["location"][-1])
    shown = key if len(key) <= 60 else key[:57] + "…"
    if v["suggestion"]:
        return f"unknown field '{shown}'; did you mean '{v['suggestion']}'?"
    if v["allowed"]:
        return f"unknown field '{shown}'; allowed here: {', '.join(v['allowed'])}"
    return f"unknown field '{shown}'"


def _choice(v: Mapping[str, Any]) -> str:
    hint = f"did you mean {_line(v, v['suggestion'])}? " if v["suggestion"] else ""
    return f"'{v['given']}' is not a valid choice; {hint}choose {_or_list(v['options'])}"


_ENGLISH: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "required": lambda v: f"this field is required; add the line {_line(v, '…')}",
    "unknown_field": _unknown,
    "section_expected": lambda v: (
        f"expected the section `{v['field']}:` with its fields on the lines below it, "
        f"found {v['found']}"
    ),
    "list_expected": lambda v: (
        f"expected a list: `{v['field']}:` with one item per line below it, each starting "
        f"with `- `; found {v['found']}"
    ),
    "text_missing": lambda v: f"has no value; write the text after the colon: {_line(v, '…')}",
    "text_yaml_read": lambda v: (
        f"YAML reads {v['written']} as {v['reading']}, not text; "
        f"put it in quotes: {_line(v, _quoted(v['written']))}"
    ),
    "text_expected": lambda v: f"expected text, found {v['found']}",
    "too_long_text": lambda v: (
        f"is {v['length']:,} characters long; shorten it to at most {v['max_length']}"
    ),
    "unicode": lambda v: "contains a broken character (a lone surrogate); remove it",
    "control": lambda v: f"contains a control character ({v['character']}); remove it",
    "empty": lambda v: f"must not be empty; write the text after the colon: {_line(v, '…')}",
    "url": lambda v: (
        f"'{v['written']}' is not a web address; write one that starts with https:// "
        f"(or mailto:), like {_line(v, 'https://example.org/page')}"
    ),
    "email": lambda v: (
        f"'{v['written']}' is not an e-mail address; write one like {_line(v, 'name@example.org')}"
    ),
    "choice": _choice,
    "format_version": lambda v: (
        f"the format version must be {FORMAT_VERSION}; write `policygen: {FORMAT_VERSION}`"
    ),
    "format_newer": lambda v: (
        f"this file has format version {v['written']}, but this policygen reads version "
        f"{FORMAT_VERSION}; upgrade policygen"
    ),
    "yes_no": lambda v: (
        f"'{v['written']}' is not a yes/no value YAML understands; "
        f"write {_line(v, 'true')} or {_line(v, 'false')}"
    ),
    "at_least": lambda v: f"is {v['written']}; the smallest allowed is {v.get('ge', v.get('gt'))}",
    "at_most": lambda v: f"is {v['written']}; the largest allowed is {v.get('le', v.get('lt'))}",
    "too_few": lambda v: (
        f"needs at least {v['min_length']} item(s), one per line starting with `- `"
    ),
    "too_many": lambda v: (
        f"has {v['length']} items; at most {v['max_length']} are allowed, remove {v['excess']}"
    ),
    "number_expected": lambda v: (
        f"expected a number, found {v['found']}; write it like {_line(v, '12')}"
    ),
    "number_too_long": lambda v: f"'{v['written'][:40]}' has more than {v['digits']} digits",
    "number_format": _number_format,
    "number_ambiguous": _ambiguous,
    "number_three_decimals": _three_decimals,
    "number_base": lambda v: (
        f"YAML reads {v['written']} as the {v['base']} number {v['read']}; write "
        + (
            f"{_line(v, v['fix'])}"
            if v.get("fix")
            else f"the number in ordinary digits, like {_line(v, '12')}"
        )
        + f", or put text in quotes: {_line(v, _quoted(v['written']))}"
    ),
    "number_not_finite": lambda v: (
        f"'{v['written']}' is not an ordinary number; write it like {_line(v, '12')}"
    ),
    "whole_number": lambda v: (
        f"{v['written']} is not a whole number; write one like {_line(v, v['rounded'])}"
    ),
    "date_with_time": lambda v: f"has a time as well; write only the date: {_line(v, v['date'])}",
    "date_as_number": lambda v: (
        f"YAML reads {v['written']} as a number, not a date; {_date_fix(v)}"
    ),
    "date_format": lambda v: f"'{v['written']}' is not a date as YYYY-MM-DD; {_date_fix(v)}",
    "date_impossible": lambda v: (
        f"{v['written']} does not exist; write an existing date as YYYY-MM-DD"
    ),
    "date_expected": lambda v: f"expected a date, found {v['found']}; {_date_fix(v)}",
    "year_range": lambda v: (
        f"the year {v['year']} is not plausible; use a year between {v['low']} and {v['high']}"
    ),
    "value": lambda v: str(v["message"]),
    "other": lambda v: f"this value is not accepted here; see `policygen schema` for {v['field']}",
}


def file_message(found: Reason) -> str:
    """The English sentence for a questionnaire file, with the corrected line where there is one."""
    return _ENGLISH[found.key](found.values)


MESSAGE_KEYS = frozenset(_ENGLISH)
"""Every reason there is; the wizard's wording must have a sentence for the ones typing can cause."""
