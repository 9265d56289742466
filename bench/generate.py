"""Varied questionnaires for the benchmark, derived from the examples.

Each one starts from an example and changes what changes the documents: language, sector,
encouragement level, works council, number of accounts, chapter mode, monitoring. Every result
is validated; a variation the model refuses falls back to its example with a new name.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

from policygen.errors import QuestionnaireError
from policygen.questionnaire import load_text
from policygen.questionnaire.choices import EncouragementLevel, Sector

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _vary(base: dict[str, Any], index: int) -> dict[str, Any]:
    data = copy.deepcopy(base)
    sectors, levels = list(Sector), list(EncouragementLevel)
    organisation = data["organisation"]
    organisation["name"] = f"{organisation['name']} {index:02d}"
    organisation["sector"] = sectors[index % len(sectors)].value
    organisation["works_council"] = index % 3 != 0
    if index % 4 == 1:
        data["language"] = "en" if data.get("language", "nl") == "nl" else "nl"
    document = data.setdefault("document", {})
    document["version"] = f"1.{index}"
    document["as_chapter"] = index % 5 == 2
    if document["as_chapter"]:
        data.setdefault("communication_policy", {}).setdefault("chapter", 3 + index % 4)

    level = levels[index % len(levels)]
    encouragement = data.setdefault("encouragement", {})
    encouragement["level"] = level.value
    if level is not EncouragementLevel.ambassadors:
        encouragement.pop("ambassador_programme", None)
        encouragement.pop("ambassador_coordinator", None)
    if level is EncouragementLevel.restrained:
        encouragement.pop("time_allowance_hours_per_month", None)

    managed = data.get("accounts", {}).get("managed", [])
    if managed:
        data["accounts"]["managed"] = managed[: 1 + index % len(managed)]
    monitoring = data.setdefault("monitoring", {})
    if index % 2:
        monitoring["monitors_public_posts"] = True
        monitoring["announced_in_advance"] = True
    return data


def generate(count: int, folder: Path) -> list[Path]:
    """Write ``count`` valid, varied questionnaires into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    for customisation in (path for path in (ROOT / "examples").iterdir() if path.is_dir()):
        # an example's own clause texts, which its questionnaire names relative to itself
        shutil.copytree(customisation, folder / customisation.name, dirs_exist_ok=True)
    bases = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in EXAMPLES]
    if not bases:
        raise SystemExit("bench needs the questionnaires in examples/")
    paths = []
    for index in range(count):
        base = bases[index % len(bases)]
        text = yaml.safe_dump(_vary(base, index), allow_unicode=True, sort_keys=False)
        try:
            load_text(text)
        except QuestionnaireError:
            fallback = copy.deepcopy(base)
            fallback["organisation"]["name"] += f" {index:02d}"
            text = yaml.safe_dump(fallback, allow_unicode=True, sort_keys=False)
            load_text(text)
        path = folder / f"unit-{index:02d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
