"""How generic is a policy? The share of its sentences that organisations of other sectors and
levels get word for word too.

For each group of organisations, each policy's prose sentences (headings and table rows left
out, the organisation's name replaced by a placeholder) are compared with those of all the
others in the group; the figure is the share of its sentences that occur in every one of them.
Issue 10 asks for under half in a group of three. ``python -m bench.tailored`` prints the
figures for every three Dutch examples of different sectors and for the English example with
two variations of it;
``tests/test_tailored.py`` holds them under a threshold.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from policygen.questionnaire import load, load_text
from policygen.questionnaire.choices import Language
from policygen.questionnaire.model import Questionnaire
from policygen.render import POLICY, render_markdown

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
ENGLISH_EXAMPLE = ROOT / "examples" / "northwind-trading.yaml"

PLACEHOLDER = "<organisation>"
NOT_PROSE = re.compile(r"^\s*(#|\||$)")
"""Headings, table rows and blank lines."""
MARKUP = re.compile(r"^\s*(?:[-*>]|\d+\.)\s+|\*\*|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|\{#[^}]*\}")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

ENGLISH_VARIATIONS: Mapping[str, Mapping[str, Any]] = {
    "eastbrook-council": {
        "organisation": {
            "name": "Eastbrook Borough Council",
            "sector": "public_sector",
            "size": 1200,
            "contact": {"role": "Communications team", "email": "comms@eastbrook.example.gov.uk"},
        },
        "private_use": {
            "confidential_examples": None,
            "harassment_contact": "your line manager or the Workforce team",
        },
        "encouragement": {"level": "restrained"},
    },
    "westfield-college": {
        "organisation": {
            "name": "Westfield Community College",
            "country": "IE",
            "sector": "education",
            "education_level": "secondary",
            "size": 85,
            "contact": {"role": "the Principal", "email": "office@westfield.example.ie"},
        },
        "private_use": {
            "confidential_examples": None,
            "harassment_contact": "the Deputy Principal",
        },
        "encouragement": {
            "level": "ambassadors",
            "ambassador_programme": True,
            "ambassador_coordinator": "Head of Marketing",
        },
    },
}
"""The English example as two organisations of other sectors, levels and sizes: a British
council and an Irish secondary school. Each changes the answers such an organisation gives
differently (who it is, where, how large, its contact, its confidential examples: an empty
answer gets the sector's own); its accounts, roles and the rest are kept."""


def _changed(data: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` with ``changes`` merged in; a ``None`` removes the answer."""
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        elif isinstance(value, Mapping):
            data[key] = _changed(dict(data.get(key) or {}), value)
        else:
            data[key] = value
    return data


def prose_sentences(markdown: str, organisation: str) -> frozenset[str]:
    """The distinct sentences of a document's prose, bullets and quotes included."""
    found: set[str] = set()
    for line in markdown.replace(organisation, PLACEHOLDER).split("\n"):
        if NOT_PROSE.match(line):
            continue
        text = " ".join(MARKUP.sub("", LINK.sub(r"\1", line)).split())
        found.update(sentence for sentence in SENTENCE_END.split(text) if sentence)
    return frozenset(found)


def policy_sentences(questionnaire: Questionnaire) -> frozenset[str]:
    """The sentences of the organisation's policy, its name replaced by a placeholder."""
    return prose_sentences(render_markdown(questionnaire, POLICY), questionnaire.organisation.name)


def shared_with_all(own: frozenset[str], others: list[frozenset[str]]) -> float:
    """The share of ``own`` that occurs word for word in every one of ``others``."""
    common = [sentence for sentence in own if all(sentence in other for other in others)]
    return len(common) / len(own) if own else 0.0


def group_figures(sentences: Mapping[str, frozenset[str]]) -> dict[str, float]:
    """For each organisation of a group: the share of its sentences that all the others have."""
    return {
        name: shared_with_all(own, [other for key, other in sentences.items() if key != name])
        for name, own in sentences.items()
    }


def dutch_groups() -> list[dict[str, frozenset[str]]]:
    """Every three Dutch examples of three different sectors, their policy sentences by file
    name (two care organisations in one group would share their sector's wording by design)."""
    loaded = {path.stem: load(path).questionnaire for path in EXAMPLES}
    dutch = {name: q for name, q in loaded.items() if q.language is Language.nl}
    sentences = {name: policy_sentences(q) for name, q in dutch.items()}
    return [
        {name: sentences[name] for name in names}
        for names in itertools.combinations(dutch, 3)
        if len({dutch[name].organisation.sector for name in names}) == 3
    ]


def english_sentences() -> dict[str, frozenset[str]]:
    """The English example's policy sentences and those of its variations."""
    base = yaml.safe_load(ENGLISH_EXAMPLE.read_text(encoding="utf-8"))
    found = {ENGLISH_EXAMPLE.stem: policy_sentences(load(ENGLISH_EXAMPLE).questionnaire)}
    for name, changes in ENGLISH_VARIATIONS.items():
        data = _changed(copy.deepcopy(base), changes)
        found[name] = policy_sentences(load_text(yaml.safe_dump(data)).questionnaire)
    return found


def groups() -> list[dict[str, frozenset[str]]]:
    """Every three Dutch examples of different sectors, and the English example with its two
    variations."""
    return [*dutch_groups(), english_sentences()]


def report(group_list: list[dict[str, frozenset[str]]]) -> str:
    """One line per policy and group: the share and the sentence counts."""
    lines = []
    for group in group_list:
        figures = group_figures(group)
        lines.append(" + ".join(group))
        lines += [
            f"  {name:<32} {figure:6.1%} of {len(group[name])} sentences in both others"
            for name, figure in figures.items()
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(groups()))
