"""The command line: exit codes 0/1/2, messages naming file, line and field, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.conftest import MINIMAL, ROOT
from typer.testing import CliRunner

from policygen import __version__
from policygen.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"policygen {__version__}"


def test_python_dash_m_works() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "policygen", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert __version__ in completed.stdout


def test_validate_valid_file(write_yaml: Callable[..., Path]) -> None:
    """MINIMAL keeps the wizard's sample roles; a finished questionnaire has its own."""
    own = MINIMAL.replace("afdeling Communicatie", "team Communicatie")
    path = write_yaml(own.replace("manager Communicatie", "hoofd Communicatie"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}: valid" in result.output


def test_validate_invalid_file_names_file_line_and_field(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml(MINIMAL.replace("  name: Voorbeeld BV", "  name: yes"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:4:3: organisation.name:" in result.stderr
    assert "Traceback" not in result.output


def test_validate_strict_turns_warnings_into_errors(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml(MINIMAL + "monitoring:\n  monitors_public_posts: true\n")
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    strict = runner.invoke(app, ["validate", "--strict", str(path)])
    assert strict.exit_code == 1
    assert "monitoring.announced_in_advance" in strict.stderr


def test_missing_file_is_exit_1_with_message(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", str(tmp_path / "nope.yaml"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "nope.yaml: file not found" in result.stderr
    assert "Traceback" not in result.output


def test_wrong_usage_is_exit_2(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml(MINIMAL)
    assert runner.invoke(app, ["build", str(path), "--format", "odt"]).exit_code == 2
    assert runner.invoke(app, ["nonsense"]).exit_code == 2


def test_build_writes_named_outputs(write_yaml: Callable[..., Path], tmp_path: Path) -> None:
    path = write_yaml(MINIMAL)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "--format", "md,html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (out / "policy").iterdir())
    assert "socialemediabeleid-v1.0.md" in names
    assert "socialemediabeleid-v1.0.html" in names


def test_schema_is_current() -> None:
    checked_in = (ROOT / "schema" / "policygen.schema.json").read_text(encoding="utf-8")
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.output == checked_in, "run `make schema` and commit schema/policygen.schema.json"


def test_every_example_points_editors_at_the_schema() -> None:
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        first = example.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/policygen.schema.json", example
