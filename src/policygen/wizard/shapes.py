"""What kind of answer each field takes, read from the model: the questions follow the model, so
a new field is asked without touching the wizard."""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter
from pydantic.fields import FieldInfo

Answers = dict[str, Any]


@dataclass(frozen=True)
class Shape:
    """What kind of answer a field takes, read from its type annotation."""

    kind: str  # text, whole, number, yes_no, date, choice, model, models, texts
    optional: bool
    model: type[BaseModel] | None = None
    choices: tuple[str, ...] = ()
    item: Any = None


YES_NO = Shape("yes_no", optional=False)


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
def shape(model: type[BaseModel], name: str) -> Shape:
    """The shape of ``model``'s field ``name``."""
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
def field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """Validates one field's value exactly as the model does (type, limits, validators)."""
    info: FieldInfo = model.model_fields[name]
    annotation: Any = (
        Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    )
    return TypeAdapter(annotation)


@cache
def item_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """Validates one item of a list of texts."""
    return TypeAdapter(shape(model, name).item)


def plain(value: Any) -> Any:
    """Validated values as the YAML file holds them: enums become their text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return plain(value.model_dump())
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def model_default(model: type[BaseModel], name: str) -> Any:
    """A field's default as plain data."""
    return plain(model.model_fields[name].get_default(call_default_factory=True))
