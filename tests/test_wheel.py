"""A non-editable wheel carries the templates and the schema: install it into a fresh venv, find
both through ``policygen.resources`` and build an example. (``make test`` runs the whole suite
against the installed wheel as well.)"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from tests.helpers import EXAMPLES, ROOT

from policygen.questionnaire import load

pytestmark = pytest.mark.slow
SCHEMA = ROOT / "schema" / "policygen.schema.json"


CLEAN = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
"""The environment without ``make test``'s PYTHONPATH, so the fresh venv imports the fresh wheel."""


def run(*command: str | Path, cwd: Path | None = None) -> str:
    completed = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=CLEAN,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout


def test_wheel_installs_and_builds(tmp_path: Path) -> None:
    run(
        sys.executable,
        "-m",
        "build",
        "--wheel",
        "--no-isolation",
        "--outdir",
        tmp_path / "dist",
        ROOT,
    )
    wheel = next((tmp_path / "dist").glob("policygen-*.whl"))
    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=False)
    fresh_python = fresh / "bin" / "python"
    site = Path(
        run(fresh_python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip()
    )
    # Dependencies come from the test environment; policygen itself only from the wheel.
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", site, wheel)
    where = run(fresh_python, "-c", "import policygen; print(policygen.__file__)")
    assert where.startswith(str(site)), where
    found = run(
        fresh_python,
        "-c",
        "from policygen import resources; print(resources.templates_dir(), resources.schema_file())",
        cwd=tmp_path,
    ).split()
    assert found == [str(site / "policygen" / "templates"), str(site / "policygen" / SCHEMA.name)]
    assert Path(found[1]).read_bytes() == SCHEMA.read_bytes()
    example = EXAMPLES[0]
    out = tmp_path / "out"
    env = {**CLEAN, "SOURCE_DATE_EPOCH": "1767225600"}
    subprocess.run(
        [fresh_python, "-m", "policygen", "build", example, "--out", out, "--format", "md,html"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    pages = list((out / example.stem).glob("*.html"))
    q = load(example).questionnaire
    assert len(pages) == 2 + q.introduction.acknowledgement_required, pages  # and the form
    name = q.organisation.name
    assert all(name in page.read_text(encoding="utf-8") for page in pages)
