"""Every example renders exactly to its golden Markdown and HTML (see tests/golden.py)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from tests.golden import EXAMPLES, GOLDEN, GOLDEN_EPOCH, STYLESHEET, render_example

from policygen.render.html import stylesheet

REGENERATE = "run `make golden` and review `git diff tests/golden`"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_matches_golden(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", GOLDEN_EPOCH)
    folder = GOLDEN / example.stem
    rendered = render_example(example)
    expected = (
        {path.name: path.read_bytes() for path in folder.glob("*")} if folder.is_dir() else {}
    )
    assert sorted(rendered) == sorted(expected), f"golden files differ in name; {REGENERATE}"
    for name, data in rendered.items():
        if data != expected[name]:
            diff = difflib.unified_diff(
                expected[name].decode().splitlines(),
                data.decode().splitlines(),
                f"golden/{example.stem}/{name}",
                "rendered",
                lineterm="",
                n=1,
            )
            pytest.fail(f"{name} changed; {REGENERATE}\n" + "\n".join(list(diff)[:60]))


def test_stylesheet_matches_golden() -> None:
    assert stylesheet() == (GOLDEN / STYLESHEET).read_text(encoding="utf-8"), (
        f"templates/assets/style.css changed; {REGENERATE}"
    )


def test_every_example_has_golden_files() -> None:
    assert EXAMPLES, "examples/ holds no questionnaire"
    assert sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()) == sorted(
        e.stem for e in EXAMPLES
    )
