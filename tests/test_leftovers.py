"""Scan every example's documents for what a reader must never see.

No ``None``/``True``/``[]``, no Jinja leftovers, no empty section, no doubled space, and no English
word in a Dutch text (or Dutch in an English one) — in standalone and in chapter mode.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES
from tests.language import stray_words

from policygen.build import render_outputs
from policygen.options import BuildOptions
from policygen.questionnaire import load

LEFTOVERS = re.compile(r"\bNone\b|\bTrue\b|\bFalse\b|\[\]|\{\}|\{\{|\}\}|\{%|%\}|\bnan\b|Undefined")
HEADING = re.compile(r"^(#{1,6}) ")


def _documents(example: Path, as_chapter: bool) -> dict[str, str]:
    files, _ = render_outputs(
        load(example), BuildOptions(formats=("md", "html"), as_chapter=as_chapter)
    )
    return {name: data.decode("utf-8") for name, data in files.items()}


def _visible_text(page: str) -> str:
    body = re.sub(r"(?s)<style.*?</style>|<head.*?</head>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def _empty_sections(markdown: str) -> list[str]:
    lines = [line for line in markdown.split("\n") if line.strip()]
    empty = []
    for index, line in enumerate(lines):
        match = HEADING.match(line)
        if not match:
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        next_heading = HEADING.match(following) if following else None
        if following is None or (
            next_heading and len(next_heading.group(1)) <= len(match.group(1))
        ):
            empty.append(line)
    return empty


def _doubled_spaces(text: str, name: str) -> list[str]:
    if name.endswith(".md"):
        return [line for line in text.split("\n") if re.search(r"\S {2,}\S", line)]
    body = re.sub(r"(?s)<style.*?</style>", "", text)
    return re.findall(r">[^<]*?\S {2,}\S[^<]*<", body)


@pytest.mark.parametrize("as_chapter", [False, True], ids=["standalone", "chapter"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_leftovers(example: Path, as_chapter: bool) -> None:
    loaded = load(example)
    language = loaded.questionnaire.language.value
    # Words the organisation itself wrote (names, purposes) may be in any language.
    user_values = re.sub(r"(?m)^\s*#.*$|^\s*[\w-]+:", " ", example.read_text(encoding="utf-8"))
    for name, text in _documents(example, as_chapter).items():
        visible = _visible_text(text) if name.endswith(".html") else text
        assert not LEFTOVERS.findall(visible), f"{name}: {LEFTOVERS.findall(visible)}"
        doubled = _doubled_spaces(text, name)
        assert not doubled, f"{name}: doubled spaces in {doubled[:3]}"
        if name.endswith(".md"):
            assert not _empty_sections(text), f"{name}: empty sections {_empty_sections(text)}"
        stray = stray_words(visible, language, user_values)
        assert not stray, f"{name} ({language}) contains {sorted(stray)}"
