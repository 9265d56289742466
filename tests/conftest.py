"""Fixtures only (helpers live in ``tests/helpers.py``): reproducible dates, YAML files in tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import policygen
from policygen.resources import templates_dir


@pytest.fixture(autouse=True)
def _reproducible_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[..., Path]:
    """Write dedented YAML text to a file in tmp_path and return its path."""

    def write(text: str, name: str = "policy.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def pytest_report_header() -> str:
    """Which policygen the suite tests: ``make test`` installs it from the wheel."""
    return f"policygen: {Path(policygen.__file__).parent}, templates: {templates_dir()}"
