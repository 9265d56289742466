"""ruff and mypy (strict) stay clean: CI enforces what the README promises."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tests.conftest import ROOT

CHECKED = ["src", "tests", "bench", "tools"]


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", *CHECKED],
        ["ruff", "format", "--check", *CHECKED],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_is_clean(command: list[str]) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-2000:]
