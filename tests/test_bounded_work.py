"""Bounded work: the largest questionnaire the limits allow builds, within a measured memory bound.

The limits (file size, list lengths, text lengths, nesting, number of values) are what keep a
build bounded; this test builds the biggest file they let through, in all three formats, in a
child process, and reads the child's peak resident memory. SECURITY.md states the numbers.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from tests.hardening import every_field, largest_questionnaire

from policygen.questionnaire.loader import MAX_FILE_BYTES, MAX_NODES

MEMORY_BOUND_MB = 300
"""About twice the measured peak (136 MB on Python 3.11, WeasyPrint 70, 2 vCPU)."""

MEASURED_BUILD = """
import resource, sys
from policygen.cli import main

try:
    main()
finally:
    print(f"PEAK_RSS_MB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}", file=sys.stderr)
"""


@pytest.mark.slow
def test_the_largest_allowed_questionnaire_builds_within_the_memory_bound(tmp_path: Path) -> None:
    source = tmp_path / "largest.yaml"
    source.write_text(largest_questionnaire(), encoding="utf-8")
    assert MAX_FILE_BYTES * 0.95 < source.stat().st_size <= MAX_FILE_BYTES

    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            MEASURED_BUILD,
            "build",
            str(source),
            "--out",
            str(tmp_path / "out"),
            "--jobs",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )

    assert completed.returncode == 0, completed.stderr
    outputs = {path.suffix for path in (tmp_path / "out").rglob("*") if path.is_file()}
    assert {".md", ".html", ".pdf"} <= outputs
    peak = re.search(r"PEAK_RSS_MB=(\d+)", completed.stderr)
    assert peak is not None, completed.stderr
    assert int(peak.group(1)) < MEMORY_BOUND_MB


def test_the_value_limit_never_refuses_a_questionnaire_the_model_allows() -> None:
    """Every list full, every optional field present: still far below ``MAX_NODES``."""
    data = every_field(lambda path, max_length: "tekst", url="https://example.org/", items=10**6)
    events = yaml.parse(yaml.safe_dump(data, allow_unicode=True))
    nodes = sum(
        isinstance(e, yaml.ScalarEvent | yaml.SequenceStartEvent | yaml.MappingStartEvent)
        for e in events
    )
    assert nodes * 2 < MAX_NODES
