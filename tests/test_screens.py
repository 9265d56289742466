"""Every example page in a real browser: no page wider than a 390 px phone, no axe-core violation.

Needs headless Chromium (Debian: apt-get install chromium) and, for axe-core, the npm tools of
``make check-output``; without them these tests are skipped, and ``make check-output`` runs them
with the browser required.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.browser import (
    AXE,
    AXE_PROBE,
    PHONE_WIDTH,
    WIDTH_PROBE,
    Visit,
    chromium,
    probe,
    required,
)
from tests.helpers import EXAMPLES

from policygen.build import render_outputs
from policygen.options import BuildOptions
from policygen.questionnaire import load

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chromium() is None and not required(), reason="Chromium is not installed"),
]


@pytest.fixture(scope="module")
def reports() -> dict[str, Any]:
    """Every example page at phone width (its width, and axe-core) and at desktop width (axe)."""
    visits = {}
    for example in EXAMPLES:
        files, _ = render_outputs(load(example), BuildOptions(formats=("html",)))
        for file_name, data in files.items():
            page, name = data.decode("utf-8"), f"{example.stem}/{file_name}"
            visits[f"{name} width"] = Visit(page, WIDTH_PROBE, PHONE_WIDTH)
            if AXE.is_file():
                visits[f"{name} axe {PHONE_WIDTH}"] = Visit(page, AXE_PROBE, PHONE_WIDTH, True)
                visits[f"{name} axe 1280"] = Visit(page, AXE_PROBE, 1280, True)
    return probe(visits)


def test_no_page_is_wider_than_a_phone(reports: dict[str, Any]) -> None:
    widths = {key: found for key, found in reports.items() if key.endswith(" width")}
    assert len(widths) >= 2 * len(EXAMPLES)  # both documents, and a form where one is asked for
    for key, found in widths.items():
        assert found["innerWidth"] == PHONE_WIDTH
        assert found["scrollWidth"] <= found["innerWidth"], f"{key}: the page scrolls sideways"


@pytest.mark.skipif(
    not AXE.is_file() and not required(), reason="axe-core is not installed (make check-output)"
)
def test_axe_core_finds_no_violation_on_a_phone_or_a_desktop(reports: dict[str, Any]) -> None:
    axe = {key: found for key, found in reports.items() if " axe " in key}
    assert len(axe) == 2 * sum(key.endswith(" width") for key in reports)
    assert {key: found for key, found in axe.items() if found} == {}
