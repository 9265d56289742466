"""The interview's texts in one language: ``templates/wizard/<lang>.yaml`` and choice labels."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from policygen.errors import PolicygenError
from policygen.resources import templates_dir

FieldPath = tuple[str, ...]
"""A field's place in the questionnaire without list indices: ``("accounts", "managed", "handle")``."""


@dataclass(frozen=True)
class Wording:
    """The interview's texts in one language and its choice labels."""

    language: str
    data: dict[str, Any]
    labels: dict[str, Any]

    def ui(self, key: str, **values: object) -> str:
        return str(self.data["ui"][key]).format(**values)

    def error(self, key: str, **values: object) -> str:
        return str(self.data["errors"][key]).format(**values)

    def field(self, path: FieldPath) -> dict[str, Any]:
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
