"""The one YAML writer: new questionnaires and ``--update`` write every value through ``scalar()``.

One quoting rule: text is written plain only when policygen's own loader (YAML 1.1) reads it back
as exactly that text; anything else — ``No``, ``1.10``, ``2026-04-01``, ``1:30``, ``@acme``,
``# 1`` — is double-quoted, with escapes for characters YAML would not keep.
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from policygen.questionnaire.model import Questionnaire
from policygen.questionnaire.numbers import canonical
from policygen.resources import schema_file
from policygen.wizard.conversation import COMMENT_WIDTH
from policygen.wizard.questions import HAND_EDITED, PLACEHOLDERS
from policygen.wizard.shapes import Answers, shape
from policygen.wizard.wording import FieldPath, Wording

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escaped(character: str) -> str:
    if character in _ESCAPES:
        return _ESCAPES[character]
    code = ord(character)
    printable = code in (0x09, 0x0A, 0x0D) or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFFFD
    if not printable or character in "\u2028\u2029\ufeff" or 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return character


def quoted(text: str) -> str:
    """Text in double quotes, readable back exactly (line breaks and invisible characters escaped)."""
    return '"' + "".join(_escaped(character) for character in text) + '"'


def needs_quotes(text: str) -> bool:
    """Whether ``key: text`` would be read as anything but this text by policygen's loader."""
    if not text or text != text.strip() or any(_escaped(c) != c for c in text if c != "\\"):
        return True
    try:
        loaded = yaml.safe_load(f"key: {text}\n")
    except yaml.YAMLError:
        return True
    return not (
        isinstance(loaded, dict) and type(loaded.get("key")) is str and loaded["key"] == text
    )


def scalar(value: Any) -> str:
    """One value in YAML as policygen writes it; None is an empty value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return canonical(value)
    text = str(value)
    return quoted(text) if needs_quotes(text) else text


def _comment(
    path: FieldPath, model: type[BaseModel], name: str, value: Any, words: Wording
) -> list[str]:
    text = words.field(path)
    description = model.model_fields[name].description or ""
    parts = [text.get("help") or description]
    kind = shape(model, name)
    if kind.kind == "choice":
        labels = (f"{choice} = {words.choice_label(name, choice)}" for choice in kind.choices)
        parts.append(f"{words.data['file']['choices']}: {'; '.join(labels)}.")
    if kind.kind == "models" and kind.model is not None:
        parts.append(f"{words.data['file']['per_item']}: {', '.join(kind.model.model_fields)}.")
    if path in PLACEHOLDERS and value == text.get("placeholder"):
        parts.append(words.data["file"]["placeholder"])
    return textwrap.wrap(" ".join(part for part in parts if part), COMMENT_WIDTH - 10)


def field_lines(
    model: type[BaseModel],
    name: str,
    value: Any,
    path: FieldPath,
    indent: int,
    words: Wording | None = None,
) -> list[str]:
    """One field as YAML lines at ``indent``; with ``words``, a comment above each field."""
    pad = " " * indent
    kind = shape(model, name)
    lines = (
        [f"{pad}# {line}" for line in _comment(path, model, name, value, words)] if words else []
    )
    if kind.kind == "model" and value is not None:
        assert kind.model is not None
        lines.append(f"{pad}{name}:")
        lines += model_lines(kind.model, value, path, indent + 2, words)
    elif kind.kind == "models" and value:
        assert kind.model is not None
        lines.append(f"{pad}{name}:")
        for number, entry in enumerate(value):
            commented = words if number == 0 else None
            item = model_lines(kind.model, entry, path, indent + 4, commented)
            first = next(
                index for index, line in enumerate(item) if not line.lstrip().startswith("#")
            )
            item[: first + 1] = [f"{pad}  {line.lstrip()}" for line in item[:first]] + [
                f"{pad}  - {item[first].lstrip()}"
            ]
            lines += item
    elif kind.kind in ("models", "texts") and not value:
        lines.append(f"{pad}{name}: []")
    elif kind.kind == "texts":
        lines.append(f"{pad}{name}:")
        lines += [f"{pad}  - {scalar(entry)}" for entry in value]
    else:
        lines.append(f"{pad}{name}: {scalar(value)}".rstrip())
    return lines


def model_lines(
    model: type[BaseModel], data: Answers, path: FieldPath, indent: int, words: Wording | None
) -> list[str]:
    """Every field of ``model`` in order."""
    lines: list[str] = []
    for name in model.model_fields:
        lines += field_lines(model, name, data.get(name), (*path, name), indent, words)
    return lines


def schema_reference(target: Path) -> str:
    """Where the editor finds the schema: the one this policygen ships, relative when nearby."""
    folder = target.resolve().parent
    schema = schema_file().resolve()
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
        if shape(Questionnaire, name).kind != "model":
            lines.append(f"{name}: {scalar(answers[name])}")
            continue
        hand_edited = answers.get(name) if name in HAND_EDITED else None
        if name in HAND_EDITED and not (hand_edited and any(hand_edited.values())):
            continue
        lines.append("")
        intro = words.data["sections"][name]["intro"]
        lines += [f"# {line}" for line in textwrap.wrap(intro, COMMENT_WIDTH - 2)]
        lines.append(f"{name}:")
        if hand_edited:  # written by hand, kept as given: PyYAML quotes what YAML 1.1 would misread
            dumped = yaml.safe_dump(hand_edited, allow_unicode=True, sort_keys=False, width=4096)
            lines += [f"  {line}" for line in dumped.splitlines()]
            continue
        section = shape(Questionnaire, name).model
        assert section is not None
        lines += model_lines(section, answers[name], (name,), 2, words)
    return "\n".join(lines) + "\n"
