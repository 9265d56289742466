"""`policygen build --watch`: an edit to a questionnaire or a file it reads rebuilds it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from tests.helpers import MINIMAL

from policygen.batch import BatchListener
from policygen.decide import DocumentReport, Status
from policygen.options import BuildOptions
from policygen.watch import WATCH_FORMATS, watch

WAIT_SECONDS = 30
"""A rebuild takes well under a second; this bound only keeps a broken watch from hanging."""
CLAUSE = "## Eigen regels\n\nWij {}.\n"


class Collect(BatchListener):
    def __init__(self) -> None:
        self.reports: list[DocumentReport] = []

    def document(self, report: DocumentReport) -> None:
        self.reports.append(report)


def eventually(condition: Callable[[], bool], poke: Callable[[], object]) -> bool:
    """Poke (write the edit again) until the condition holds: the watcher may start after the
    first write."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        poke()
        for _ in range(10):
            if condition():
                return True
            time.sleep(0.1)
    return False


def test_an_edit_to_the_questionnaire_or_a_clause_file_rewrites_the_html(tmp_path: Path) -> None:
    source, clause = tmp_path / "policy.yaml", tmp_path / "eigen.md"
    clause.write_text(CLAUSE.format("doen het zo"), encoding="utf-8")
    text = (
        MINIMAL + "customisation:\n  add:\n    - {file: eigen.md, after: crisis-and-escalation}\n"
    )
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    stop, listener = threading.Event(), Collect()
    watcher = threading.Thread(
        target=watch,
        args=([source], out, BuildOptions(formats=WATCH_FORMATS), listener),
        kwargs={"stop": stop},
    )
    watcher.start()
    try:
        html = out / "policy" / "socialemediabeleid-v1.0.html"

        def shows(words: str) -> Callable[[], bool]:
            return lambda: html.exists() and words in html.read_text(encoding="utf-8")

        assert eventually(shows("Voorbeeld BV"), lambda: None)
        edited = text.replace("Voorbeeld BV", "Gewijzigd BV")
        assert eventually(
            shows("Gewijzigd BV"), lambda: source.write_text(edited, encoding="utf-8")
        )
        new_clause = CLAUSE.format("doen het anders")
        assert eventually(
            shows("doen het anders"), lambda: clause.write_text(new_clause, encoding="utf-8")
        )
    finally:
        stop.set()
        watcher.join(WAIT_SECONDS)
    assert not watcher.is_alive(), "setting stop ends the watch"
    assert all(report.status in (Status.BUILT, Status.SKIPPED) for report in listener.reports)
    assert not list((out / "policy").glob("*.pdf")), "no PDF unless -f pdf"


def test_ctrl_c_stops_the_watch_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "policy.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "policygen",
            "build",
            "--watch",
            str(source),
            "-o",
            str(tmp_path / "out"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CI": "1"},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # the first build's line; readline cannot hang past kill
        assert first.startswith("built    "), first
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=WAIT_SECONDS)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Stopped watching." in err and "Traceback" not in err
    assert sorted(p.suffix for p in (tmp_path / "out" / "policy").glob("[!.]*")) == [
        ".html",
        ".html",
        ".md",
        ".md",
    ]
