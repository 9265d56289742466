"""Golden Markdown and HTML for every example.

Regenerate after an intended template change, then review the diff before committing:

    make golden            # runs: python -m tests.golden
    git diff tests/golden
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from policygen.build import render_outputs
from policygen.options import BuildOptions
from policygen.questionnaire import load

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOLDEN_EPOCH = "1767225600"
OPTIONS = BuildOptions(formats=("md", "html"))


def render_example(example: Path) -> dict[str, bytes]:
    """The Markdown and HTML files of one example, as the build would write them."""
    files, _ = render_outputs(load(example), OPTIONS)
    return files


def regenerate() -> None:
    """Rewrite tests/golden/ from the examples."""
    os.environ["SOURCE_DATE_EPOCH"] = GOLDEN_EPOCH
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for example in EXAMPLES:
        folder = GOLDEN / example.stem
        folder.mkdir(parents=True)
        for name, data in render_example(example).items():
            (folder / name).write_bytes(data)
        print(f"wrote {folder}")


if __name__ == "__main__":
    regenerate()
