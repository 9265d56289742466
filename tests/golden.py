"""Golden Markdown and HTML for every example, and the stylesheet once.

Every HTML file inlines the same stylesheet; its golden copy is ``tests/golden/style.css`` and the
golden HTML holds a marker in its place, so a CSS edit changes one golden file, not every page.
Large ``data:`` URLs (an organisation's logo or font) are kept as their SHA-256.

Regenerate after an intended template change, then review the diff before committing:

    make golden            # runs: python -m tests.golden
    git diff tests/golden
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

from policygen.build import render_outputs
from policygen.options import BuildOptions
from policygen.questionnaire import load
from policygen.render.html import stylesheet

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOLDEN_EPOCH = "1767225600"
OPTIONS = BuildOptions(formats=("md", "html"))
STYLESHEET = "style.css"
STYLESHEET_MARKER = f"/* the stylesheet: tests/golden/{STYLESHEET} */"
_LARGE_DATA_URL = re.compile(r"data:([\w/+.-]+);base64,([A-Za-z0-9+/=]{200,})")


def _digest(match: re.Match[str]) -> str:
    return f"data:{match[1]};sha256,{hashlib.sha256(match[2].encode()).hexdigest()}"


def comparable(name: str, data: bytes) -> bytes:
    """An HTML file with the stylesheet replaced by its marker and large data: URLs by digests."""
    if not name.endswith(".html"):
        return data
    text = data.decode("utf-8")
    assert text.count(stylesheet()) == 1, f"{name} does not inline the stylesheet once"
    text = _LARGE_DATA_URL.sub(_digest, text.replace(stylesheet(), STYLESHEET_MARKER))
    return text.encode("utf-8")


def render_example(example: Path) -> dict[str, bytes]:
    """The Markdown and HTML files of one example, as compared with the golden files."""
    files, _ = render_outputs(load(example), OPTIONS)
    return {name: comparable(name, data) for name, data in files.items()}


def regenerate() -> None:
    """Rewrite tests/golden/ from the examples."""
    os.environ["SOURCE_DATE_EPOCH"] = GOLDEN_EPOCH
    shutil.rmtree(GOLDEN, ignore_errors=True)
    GOLDEN.mkdir(parents=True)
    (GOLDEN / STYLESHEET).write_text(stylesheet(), encoding="utf-8")
    for example in EXAMPLES:
        folder = GOLDEN / example.stem
        folder.mkdir(parents=True)
        for name, data in render_example(example).items():
            (folder / name).write_bytes(data)
        print(f"wrote {folder}")


if __name__ == "__main__":
    regenerate()
