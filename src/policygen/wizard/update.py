"""``init --update``: the original text with only the changed answers replaced, in place.

The file is composed by PyYAML into nodes, whose marks give each value's exact span. A changed
value's span is replaced by what the one writer (``writer``) makes of the new value; a new field is
inserted after the field before it. Every other character — comments, quotes, blank lines,
indentation — stays as it was, so comments of untouched fields always survive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel

from policygen.questionnaire.model import Questionnaire
from policygen.wizard.shapes import Answers, model_default, plain, shape
from policygen.wizard.wording import FieldPath
from policygen.wizard.writer import field_lines, quoted, scalar


@dataclass(frozen=True)
class _Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


def _end(node: yaml.Node) -> int:
    """Where a value really ends: a block collection's end mark lies past the comments after it."""
    if isinstance(node, yaml.SequenceNode | yaml.MappingNode) and not node.flow_style:
        last = node.value[-1] if node.value else None
        if isinstance(last, tuple):
            last = last[1]
        if last is not None:
            return _end(last)
    return int(node.end_mark.index)


def _indent_of(text: str, index: int) -> int:
    line_start = text.rfind("\n", 0, index) + 1
    return index - line_start


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _in_style_of(old: yaml.Node, new: Any) -> str:
    """A new text in the quotes the old one had (the writer's rule decides for plain old values)."""
    style = old.style if isinstance(old, yaml.ScalarNode) else None
    if isinstance(new, str) and style == '"':
        return quoted(new)
    if isinstance(new, str) and style == "'" and quoted(new) == '"' + new.replace('"', '\\"') + '"':
        return "'" + new.replace("'", "''") + "'"
    return scalar(new)


class _Patcher:
    """Collects the edits that turn the old answers into the new ones."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.edits: list[_Edit] = []

    def replace_value(
        self,
        model: type[BaseModel],
        name: str,
        key: yaml.Node,
        value: yaml.Node,
        new: Any,
        path: FieldPath,
    ) -> None:
        start = int(key.end_mark.index)
        colon = self.text.index(":", start) + 1
        kind = shape(model, name)
        block = kind.kind in ("model", "models", "texts") and new not in (None, [])
        empty = isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style
        end = colon if empty else _end(value)
        if not block:
            self.edits.append(_Edit(colon, end, f" {_in_style_of(value, new)}".rstrip()))
            return
        lines = field_lines(model, name, new, path, _indent_of(self.text, key.start_mark.index))
        self.edits.append(_Edit(colon, end, "\n" + "\n".join(lines[1:])))

    def insert_after(
        self, model: type[BaseModel], name: str, anchor: int, indent: int, new: Any, path: FieldPath
    ) -> None:
        lines = field_lines(model, name, new, path, indent)
        position = _line_end(self.text, anchor)
        self.edits.append(_Edit(position, position, "\n" + "\n".join(lines)))

    def patch(
        self,
        node: yaml.MappingNode,
        old: Answers,
        new: Answers,
        model: type[BaseModel],
        path: FieldPath,
    ) -> None:
        """Edits for every field of ``model`` whose answer changed."""
        pairs = {str(key.value): (key, value) for key, value in node.value}
        names = list(model.model_fields)
        for name in names:
            if old.get(name) == new.get(name):
                continue
            kind = shape(model, name)
            if name in pairs:
                key, value = pairs[name]
                if (
                    kind.kind == "model"
                    and kind.model
                    and isinstance(value, yaml.MappingNode)
                    and (value.value and not value.flow_style and new[name] is not None)
                ):
                    self.patch(value, old.get(name) or {}, new[name], kind.model, (*path, name))
                else:
                    self.replace_value(model, name, key, value, new[name], (*path, name))
            elif new[name] != model_default(model, name):
                earlier = [pairs[key] for key in names[: names.index(name)] if key in pairs]
                if earlier:
                    anchor, indent = _end(earlier[-1][1]), earlier[-1][0].start_mark.column
                elif node.value:
                    first_key = node.value[0][0]
                    anchor = self.text.rfind("\n", 0, first_key.start_mark.index) - 1
                    indent = first_key.start_mark.column
                else:
                    continue  # an empty flow mapping: replaced whole by the caller's value
                self.insert_after(model, name, max(anchor, 0), indent, new[name], (*path, name))

    def result(self) -> str:
        text = self.text
        for edit in sorted(self.edits, key=lambda edit: edit.start, reverse=True):
            text = text[: edit.start] + edit.replacement + text[edit.end :]
        return text


def updated_text(original: str, old: Questionnaire, new: Questionnaire) -> str:
    """The original file with the new answers; unchanged answers keep their exact text."""
    root = yaml.compose(original, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode), "an --update file was validated as a mapping"
    patcher = _Patcher(original)
    patcher.patch(root, plain(old), plain(new), Questionnaire, ())
    return patcher.result()
