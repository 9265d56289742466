"""`policygen build` for CI: plain output, --json, --check, exit codes, Ctrl-C, fast start."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.helpers import MINIMAL
from typer.testing import CliRunner, Result

from policygen.cli import app
from policygen.manifest import MANIFEST_NAME

runner = CliRunner()


def questionnaires(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / f"{name}.yaml"
        path.write_text(MINIMAL.replace("Voorbeeld BV", name.capitalize()), encoding="utf-8")
        paths.append(path)
    return paths


def build(*args: str | Path) -> Result:
    return runner.invoke(app, ["build", "--format", "md,html", *map(str, args)])


def test_plain_lines_in_input_order_without_escape_codes(tmp_path: Path) -> None:
    """CliRunner is not a terminal: one plain line per questionnaire, in the order given."""
    paths = questionnaires(tmp_path / "in", "charlie", "alpha", "bravo")
    result = runner.invoke(
        app, ["build", "-f", "md,html", "-j", "2", "-o", str(tmp_path / "out"), *map(str, paths)]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines[:3]] == [["built", str(path)] for path in paths]
    assert lines[3].startswith("3 questionnaires: 3 built, 0 skipped")
    assert "\x1b" not in result.output

    again = runner.invoke(
        app, ["build", "-f", "md,html", "-o", str(tmp_path / "out"), str(tmp_path / "in")]
    )
    assert [line.split()[0] for line in again.stdout.splitlines()[:3]] == ["skipped"] * 3
    forced = runner.invoke(
        app,
        ["build", "-f", "md,html", "--force", "-o", str(tmp_path / "out"), str(tmp_path / "in")],
    )
    assert [line.split()[0] for line in forced.stdout.splitlines()[:3]] == ["built"] * 3


def test_quiet_prints_nothing_when_all_is_well(tmp_path: Path) -> None:
    [path] = questionnaires(tmp_path, "alpha")
    result = runner.invoke(
        app, ["build", "-q", "-f", "md,html", "-o", str(tmp_path / "out"), str(path)]
    )
    assert result.exit_code == 0
    assert result.output == ""


def test_json_summary_per_document(tmp_path: Path) -> None:
    good, bad = questionnaires(tmp_path / "in", "alpha", "bravo")
    bad.write_text("policygen: 1\nlanguage: xx\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", "--json", "-f", "md,html", "-o", str(out), str(good), str(bad)]
    )
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["ok"] is False
    assert summary["counts"] == {"built": 1, "skipped": 0, "current": 0, "stale": 0, "failed": 1}
    first, second = summary["documents"]
    assert set(first) >= {"input", "outputs", "status", "warnings", "milliseconds"}
    assert first["input"] == str(good) and first["status"] == "built"
    assert sorted(first["outputs"]) == sorted(
        str(p) for p in (out / "alpha").iterdir() if p.name != MANIFEST_NAME
    )
    assert isinstance(first["milliseconds"], int) and first["warnings"] == []
    assert (
        second["status"] == "failed" and "language" in second["error"] and second["outputs"] == []
    )


def test_check_exit_codes_name_the_stale_file_and_write_nothing(tmp_path: Path) -> None:
    [path] = questionnaires(tmp_path, "alpha")
    out = tmp_path / "out"
    assert build("-o", out, path).exit_code == 0
    fresh = build("--check", "-o", out, path)
    assert fresh.exit_code == 0, fresh.output
    assert "up to date" in fresh.stdout

    path.write_text(MINIMAL.replace("Voorbeeld BV", "Renamed BV"), encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    stale = build("--check", "-o", out, path)
    assert stale.exit_code == 1
    md = out / "alpha" / "socialemediabeleid-v1.0.md"
    assert f"would rebuild {md} (out of date)" in stale.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    as_json = json.loads(build("--check", "--json", "-o", out, path).stdout)
    [document] = as_json["documents"]
    assert document["status"] == "stale"
    assert {"path": str(md), "reason": "out of date"} in document["stale"]
    assert len(document["stale"]) == 4

    (out / "alpha" / "socialemediabeleid-v1.0.html").unlink()
    missing = build("--check", "-o", out, path)
    assert (
        f"would rebuild {out / 'alpha' / 'socialemediabeleid-v1.0.html'} (missing)"
        in missing.stderr
    )


def test_a_failed_questionnaire_is_reported_and_exits_1(tmp_path: Path) -> None:
    good, bad = questionnaires(tmp_path, "alpha", "bravo")
    bad.write_text("policygen: 1\nlanguage: xx\n", encoding="utf-8")
    result = build("-o", tmp_path / "out", good, bad)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == f"failed   {bad}"
    assert f"{bad}:2:" in result.stderr
    assert "Traceback" not in result.output
    assert (tmp_path / "out" / "alpha").is_dir()


@pytest.mark.slow
def test_parallel_pdf_build_then_skip(tmp_path: Path) -> None:
    """The only PDF test here: workers warmed with WeasyPrint build real PDFs, then skip them."""
    paths = questionnaires(tmp_path / "in", "alpha", "bravo")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", "-j", "2", "-f", "pdf", "-o", str(out), str(tmp_path / "in")]
    )
    assert result.exit_code == 0, result.output
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) == 4 and all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)
    again = runner.invoke(app, ["build", "-j", "2", "-f", "pdf", "-o", str(out), *map(str, paths)])
    assert [line.split()[0] for line in again.stdout.splitlines()[:2]] == ["skipped", "skipped"]


def _weasyprint_modules_after(statement: str) -> list[str]:
    """Run ``statement`` in a fresh interpreter; the WeasyPrint modules it imported."""
    code = (
        f"import sys\n{statement}\n"
        "print('MODULES:' + ','.join(m for m in sys.modules if m.split('.')[0] == 'weasyprint'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    marker = next(line for line in result.stdout.splitlines() if line.startswith("MODULES:"))
    return [name for name in marker.removeprefix("MODULES:").split(",") if name]


def test_the_import_probe_sees_weasyprint_when_it_is_imported() -> None:
    assert "weasyprint" in _weasyprint_modules_after("import policygen.cli, weasyprint")


@pytest.mark.parametrize(
    "argv", [["--help"], ["build", "--help"], ["schema"], ["validate", "EXAMPLE"]]
)
def test_fast_commands_never_import_weasyprint(argv: list[str]) -> None:
    example = str(sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))[0])
    argv = [example if arg == "EXAMPLE" else arg for arg in argv]
    run_cli = (
        f"from policygen.cli import app\ntry:\n    app({argv!r})\nexcept SystemExit:\n    pass"
    )
    assert _weasyprint_modules_after(run_cli) == []


def test_ctrl_c_stops_the_workers_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    names = [f"unit{number:02d}" for number in range(40)]
    questionnaires(tmp_path / "in", *names)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "policygen",
        "build",
        "-j",
        "2",
        "-f",
        "md,html",
        "-o",
        str(out),
        str(tmp_path / "in"),
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "CI": "1"}
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # the first document is done: workers are busy
    assert first.startswith("built"), first
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole process group
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, (stdout, stderr)
    assert "Interrupted" in stderr and "Traceback" not in stderr
    assert not list(out.rglob("*.tmp")) and not list(out.rglob(".*.tmp"))
    built = [line.split()[1] for line in [first, *stdout.splitlines()] if line.startswith("built")]
    assert 0 < len(built) < len(names)
    time.sleep(0.2)
    assert not _processes_mentioning(str(out)), "worker processes outlived the build"


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_clean_says_which_files_it_removed(tmp_path: Path) -> None:
    [path] = questionnaires(tmp_path, "alpha")
    out = tmp_path / "out"
    assert build("-o", out, path).exit_code == 0
    path.write_text(MINIMAL.replace('"1.0"', '"1.1"'), encoding="utf-8")
    assert build("-o", out, path).exit_code == 0
    assert (out / "alpha" / "socialemediabeleid-v1.0.md").exists()
    cleaned = build("--clean", "-o", out, path)
    assert cleaned.exit_code == 0, cleaned.output
    assert f"removed  {out / 'alpha' / 'socialemediabeleid-v1.0.md'}" in cleaned.stdout
    assert sorted(p.name for p in (out / "alpha").iterdir()) == sorted(
        [MANIFEST_NAME]
        + [
            f"{stem}-v1.1.{ext}"
            for stem in ("socialemediabeleid", "implementatieplan-socialemediabeleid")
            for ext in ("md", "html")
        ]
    )
    assert build("--clean", "--check", "-o", out, path).exit_code == 2


HANGING_BUILD = """
import os, sys, time
from pathlib import Path
from policygen import batch
from policygen.cli import main

busy = Path(sys.argv.pop())

def hang(source, options, kinds=None, loaded=None):
    (busy / f"worker-{os.getpid()}").touch()
    while True:  # a document whose layout never ends
        time.sleep(0.05)

batch.render_file = hang
main()
"""


def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    """``kill -9`` of the build (as the out-of-memory killer does) leaves no worker behind, even
    one busy with a document that never ends."""
    questionnaires(tmp_path / "in", "alpha", "bravo")
    out, busy = tmp_path / "out", tmp_path / "busy"
    busy.mkdir()
    build = ["build", "-j", "2", "-f", "md,html", "-o", str(out), str(tmp_path / "in")]
    process = subprocess.Popen(
        [sys.executable, "-c", HANGING_BUILD, *build, str(busy)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(list(busy.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(path.name.removeprefix("worker-")) for path in busy.iterdir()]
    assert len(workers) == 2 and process.poll() is None
    process.kill()
    process.wait(timeout=10)
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "worker processes outlived their parent"


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped by init, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except OSError:
        return False
    return state != b"Z"
