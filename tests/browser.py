"""Open a policygen page in headless Chromium and read what a script finds there.

Chromium runs with ``--dump-dom``: the page gets one extra script that writes its findings as
JSON into an element, and the DOM as Chromium sees it after the script has run is read back.
Nothing else is installed (no driver, no node); axe-core comes from ``tools/node_modules``
(``make check-output`` installs it). ``POLICYGEN_REQUIRE_BROWSER=1`` (set by ``make
check-output``) turns "Chromium is missing" from a skip into a failure.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"
PHONE_WIDTH = 390
_RESULT = re.compile(r'<pre class="policygen-probe">(.*?)</pre>', re.DOTALL)

WIDTH_PROBE = """
const probe = {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth};
report(probe);
"""
AXE_PROBE = """
axe.run(document, {resultTypes: ["violations"]}).then(results => report(
  results.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))}))
));
"""


def chromium() -> str | None:
    """The Chromium executable, or None."""
    return next(
        (
            found
            for name in ("chromium", "chromium-browser", "google-chrome")
            if (found := shutil.which(name))
        ),
        None,
    )


def required() -> bool:
    return os.environ.get("POLICYGEN_REQUIRE_BROWSER") == "1"


@dataclass(frozen=True)
class Visit:
    """One page to open, how wide, and the script that reports on it."""

    page: str
    script: str
    width: int = 1280
    with_axe: bool = False


def probe(visits: dict[str, Visit]) -> dict[str, Any]:
    """Open every page at once in one Chromium; what each script reports, by the visit's key.

    Headless Chromium will not make a window narrower than 500 pixels, so each page is shown in
    an iframe of its own width; it posts its findings to the frame around it, which writes them
    into its own DOM for ``--dump-dom``.
    """
    executable = chromium()
    assert executable, "Chromium is not installed"
    axe = f"<script>{AXE.read_text(encoding='utf-8')}</script>" if AXE.is_file() else ""
    with tempfile.TemporaryDirectory(prefix="policygen-browser-") as folder:
        frames = []
        for index, (key, visit) in enumerate(visits.items()):
            runner = (
                "<script>function report(value) { parent.postMessage("
                f"JSON.stringify({{key: {json.dumps(key)}, value: value}}), '*'); }}\n"
                f"{visit.script}</script>"
            )
            library = axe if visit.with_axe else ""
            (Path(folder) / f"page-{index}.html").write_text(
                visit.page.replace("</body>", library + runner + "</body>", 1), encoding="utf-8"
            )
            frames.append(
                f"<iframe src='page-{index}.html' style='width:{visit.width}px;height:900px;"
                "border:0;display:block'></iframe>"
            )
        frame = (  # the listener first: a small page can report before the last frame loads
            "<!DOCTYPE html><html><head><script>addEventListener('message', event => {"
            " const out = document.createElement('pre'); out.className = 'policygen-probe';"
            " out.textContent = event.data; document.documentElement.appendChild(out); });"
            "</script></head><body style='margin:0'>" + "".join(frames) + "</body></html>"
        )
        (Path(folder) / "frame.html").write_text(frame, encoding="utf-8")
        widest = max((visit.width for visit in visits.values()), default=500)
        dumped = subprocess.run(
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--allow-file-access-from-files",
                f"--user-data-dir={folder}/profile",
                f"--window-size={max(widest, 500) + 50},1000",
                "--virtual-time-budget=60000",
                "--dump-dom",
                (Path(folder) / "frame.html").as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        ).stdout
    reports = [json.loads(html.unescape(found)) for found in _RESULT.findall(dumped)]
    found = {report["key"]: report["value"] for report in reports}
    missing = sorted(set(visits) - set(found))
    assert not missing, f"no report from {missing}; Chromium printed: {dumped[-300:]}"
    return found
