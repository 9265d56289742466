"""The questionnaire's JSON Schema, generated from the model, for editors' autocompletion."""

from __future__ import annotations

import json
from typing import Any

from policygen.questionnaire.model import Questionnaire

SCHEMA_ID = "https://policygen.example/schema/policygen.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a questionnaire file."""
    schema = Questionnaire.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "policygen questionnaire",
    }


def json_schema_text() -> str:
    """The schema as the stable text that is checked in as ``schema/policygen.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
