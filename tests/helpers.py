"""What many test modules share: the examples, questionnaire builders, document sections,
folder snapshots, the "no English in Dutch" word lists and the wizard's scripted respondent.

Test modules import from here (fixtures stay in ``conftest.py``), never from each other.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from policygen.questionnaire import load_text
from policygen.questionnaire.answer_language import FUNCTION_WORDS
from policygen.questionnaire.choices import EncouragementLevel, Language
from policygen.questionnaire.model import Questionnaire
from policygen.render import PLAN, POLICY, render_markdown

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

MINIMAL = """\
policygen: 1
language: nl
organisation:
  name: Voorbeeld BV
  contact:
    role: afdeling Communicatie
document:
  owner: manager Communicatie
  version: "1.0"
  effective_date: 2026-03-01
"""

LEVELS = tuple(level.value for level in EncouragementLevel)
ACCOUNT = {
    "platform": "linkedin",
    "handle": "Voorbeeld BV",
    "url": "https://www.linkedin.com/company/voorbeeld",
    "purpose": "vacatures",
    "owner": "team Communicatie",
    "response_time_hours": 24,
}
ENGLISH_NAMES = {
    "organisation": {"name": "Example Ltd", "contact": {"role": "HR team"}},
    "document": {"owner": "Head of HR"},
}
EVERY_OFFER = {
    "ambassador_programme": True,
    "ambassador_coordinator": "recruiter",
    "content_to_share": True,
    "time_allowance_hours_per_month": 2,
    "recognition": "Een bedankje in de nieuwsbrief.",
    "training": True,
}


def merged(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``changes`` applied: nested mappings are merged, other values replaced."""
    result = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result


def questionnaire(changes: dict[str, Any], language: str = "nl") -> Questionnaire:
    """The minimal questionnaire with some answers changed, through the real loader."""
    data = merged(yaml.safe_load(MINIMAL), {"language": language})
    if language == "en":
        data = merged(data, ENGLISH_NAMES)
    text = yaml.safe_dump(merged(data, changes), allow_unicode=True, sort_keys=False)
    return load_text(text).questionnaire


def policy(changes: dict[str, Any], language: str = "nl") -> str:
    """The policy's Markdown for the minimal questionnaire with ``changes``."""
    return render_markdown(questionnaire(changes, language), POLICY)


def plan(changes: dict[str, Any], language: str = "nl") -> str:
    """The plan's Markdown for the minimal questionnaire with ``changes``."""
    return render_markdown(questionnaire(changes, language), PLAN)


SECTOR_ORGANISATIONS: dict[str, dict[str, Any]] = {
    "healthcare": {"sector": "healthcare"},
    "public_sector": {"sector": "public_sector"},
    "school": {"sector": "education", "education_level": "secondary"},
    "higher": {"sector": "education", "education_level": "higher"},
    "business": {"sector": "business"},
    "nonprofit": {"sector": "nonprofit"},
}
"""One organisation of each sector (a school with minors and a higher-education institution
apart), for the tests that each sector reads its own wording."""

SECTOR_ANSWERS: dict[str, dict[str, Any]] = {
    name: {"organisation": organisation} for name, organisation in SECTOR_ORGANISATIONS.items()
}


def assert_each_sector_alone(texts: dict[str, str], sentences: dict[str, str]) -> None:
    """Each sector's sentence is in its own text (``texts`` by sector) and in no other sector's."""
    for sector, sentence in sentences.items():
        assert sentence in texts[sector], sector
        others = [other for other, text in texts.items() if other != sector and sentence in text]
        assert others == [], (sector, others)


_ANCHOR = re.compile(r"^#{1,6} .*\{#([a-z0-9-]+)\}$", re.MULTILINE)


def anchor_ids(markdown: str) -> list[str]:
    """The heading anchors of a document, in order."""
    return _ANCHOR.findall(markdown)


def section(markdown: str, anchor: str) -> str:
    """The text under the heading with this anchor, up to the next heading."""
    match = re.search(rf"^#+ .*\{{#{anchor}\}}\n(.*?)(?=^#|\Z)", markdown, re.MULTILINE | re.DOTALL)
    assert match, f"no section {anchor}"
    return match.group(1)


def snapshot(folder: Path, *, temporaries: bool = True) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes; ``temporaries=False`` leaves
    out the ``.tmp`` files a killed build may leave behind."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and (temporaries or not path.name.endswith(".tmp"))
    }


def snapshot_with_times(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file and folder under ``folder``: its bytes (None for folders) and its mtime, for
    proving that a refused build touched nothing at all."""
    return {
        str(path.relative_to(folder)): (
            None if path.is_dir() else path.read_bytes(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(folder.rglob("*"))
    }


STRAY_WORDS = {
    Language.nl: FUNCTION_WORDS[Language.en]
    | {
        "employee", "employees", "policy", "page", "contents", "draft", "unknown", "yes", "none",
        "true", "false", "organisation", "organization", "please",
    },
    Language.en: FUNCTION_WORDS[Language.nl]
    | {"medewerker", "medewerkers", "beleid", "pagina", "inhoud", "onbekend", "organisatie"},
}  # fmt: skip
"""Per document language, the words of the other language that must not appear in it: the
function words ``validate`` judges answers by, plus the document's own vocabulary that a template
left untranslated would show."""

NOT_PROSE = re.compile(r"\{#[^}]*\}|\]\([^)]*\)|https?://\S+")
"""Anchor ids (English in every language on purpose, for parity), link targets and URLs."""


def words(text: str) -> set[str]:
    """The words of a text, lower case."""
    return {word.lower() for word in re.findall(r"[^\W\d_]+", text)}


def stray_words(text: str, language: str, allowed: str = "") -> set[str]:
    """Words of the other language in ``text``'s prose, except those in ``allowed`` (answers)."""
    prose = NOT_PROSE.sub(" ", text)
    return (words(prose) & STRAY_WORDS[Language(language)]) - words(allowed)


class Respondent:
    """Plays the person in ``policygen init``: answers each question by the first key found in it
    (or in the lines just before it).

    A list value gives successive answers to the same question; anything unmatched gets Enter.
    """

    def __init__(self, answers: Mapping[str, str | list[str]]) -> None:
        self.answers = {
            key: list(value) if isinstance(value, list) else value for key, value in answers.items()
        }
        self.typed: list[str] = []
        self.prompts: list[str] = []
        self.transcript: list[str] = []
        self._shown: list[str] = []
        self._context = ""

    def say(self, text: str = "", *, bold: bool = False) -> None:
        self.transcript.append(text)
        self._shown.append(text)

    def ask(self, prompt: str) -> str:
        if prompt.strip() == "-" and not self._shown:
            context = self._context  # the next item of the same list
        else:
            context = self._context = "\n".join([*self._shown, prompt])
        self._shown = []
        answer = ""
        for key, value in self.answers.items():
            if key in context:
                if isinstance(value, list):
                    if not value:
                        continue
                    answer = value.pop(0)
                else:
                    answer = value
                break
        self.transcript.append(prompt + answer)
        self.prompts.append(prompt)
        self.typed.append(answer)
        if len(self.typed) > 2000:
            raise AssertionError("the interview does not end:\n" + "\n".join(self.transcript[-40:]))
        return answer
