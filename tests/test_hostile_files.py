"""Everything CI reads is untrusted: inputs, output folders, manifests and file names.

Each case ran into a traceback, a hang, unbounded memory or a misleading result before; now it
ends with exit 0 or 1, a sentence, and nothing touched outside the questionnaire's output folder.
The manifests of ``tests/bad_inputs/manifests/`` are committed; the rest is made here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import MINIMAL
from typer.testing import CliRunner

from policygen.cli import app
from policygen.manifest import MANIFEST_NAME, digest

runner = CliRunner()

MANIFESTS = Path(__file__).parent / "bad_inputs" / "manifests"
FAST = ["--format", "md", "--jobs", "1"]
STEP_SECONDS = 60
"""Every case below finishes in about a second; a hang is stopped here and fails the test."""


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``policygen`` in this process (fast); for cases that could never hang or fill memory."""
    result = runner.invoke(app, list(map(str, args)))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def run_child(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``policygen`` in a child process, with a bound on its time (a hang fails the test)."""
    return subprocess.run(
        [sys.executable, "-m", "policygen", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=STEP_SECONDS,
        cwd=cwd,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "CI": "1"},
        check=False,
    )


def peak_rss_mb(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``policygen`` and measure its peak memory (RSS) as a child of a fresh process."""
    probe = (
        "import resource, subprocess, sys, json\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=60)\n"
        "print(json.dumps([done.returncode, done.stdout, done.stderr,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))\n"
    )
    probed = subprocess.run(
        [sys.executable, "-c", probe, sys.executable, "-m", "policygen", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=STEP_SECONDS + 10,
        env={**os.environ, "CI": "1"},
        check=True,
    )
    code, out, err, kilobytes = json.loads(probed.stdout)
    return subprocess.CompletedProcess(args, code, out, err), kilobytes / 1024


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-2000:]


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A questionnaire built once: (questionnaire, --out, its output folder)."""
    source = tmp_path / "policy.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", source, "-o", out, *FAST).returncode == 0
    return source, out, out / "policy"


# --- Manifests ----------------------------------------------------------------------------------


def _hostile_manifest(name: str, folder: Path, victim: Path) -> bytes:
    real = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    text = (MANIFESTS / name).read_bytes()
    for placeholder, value in {
        b"@KEY@": real["builds"][0]["key"].encode(),
        b"@SHA@": digest(victim.read_bytes()).encode(),
        b"@VICTIM@": str(victim).encode(),
        b"@DIGITS@": b"0" * 5000,
    }.items():
        text = text.replace(placeholder, value)
    return text


def _generated_manifests() -> dict[str, bytes]:
    return {
        "nested-200000-deep": b"[" * 200_000 + b"]" * 200_000,
        "over-the-size-limit": b'{"format": 2, "outputs": {}, "builds": [], "x": "'
        + b"x" * 2 * 1024 * 1024
        + b'"}',
    }


@pytest.mark.parametrize(
    "name", sorted(p.name for p in MANIFESTS.iterdir()) + sorted(_generated_manifests())
)
def test_a_manifest_policygen_cannot_understand_is_ignored_with_a_warning(
    built: tuple[Path, Path, Path], name: str
) -> None:
    source, out, folder = built
    victim = out.parent / "victim.md"
    victim.write_text("not policygen's", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "victim.md").write_text("not policygen's", encoding="utf-8")
    (folder / "victim.sh").write_text("not policygen's", encoding="utf-8")
    generated = _generated_manifests()
    hostile = generated.get(name) or _hostile_manifest(name, folder, victim)
    (folder / MANIFEST_NAME).write_bytes(hostile)
    markdown = next(folder.glob("socialemediabeleid-*.md"))
    markdown.unlink()  # the real output is missing: nothing may say "up to date"

    checked = run("build", "--check", "--json", source, "-o", out, *FAST)
    no_traceback(checked)
    assert checked.returncode == 1
    summary = json.loads(checked.stdout)
    [warning] = summary["documents"][0]["warnings"]
    assert f"{MANIFEST_NAME}: not understood" in warning["text"]
    paths = [s["path"] for d in summary["documents"] for s in d["stale"]]
    assert str(markdown) in paths and all(Path(p).parent == folder for p in paths)

    cleaned = run("build", "--clean", source, "-o", out, *FAST)
    no_traceback(cleaned)
    assert cleaned.returncode == 0, cleaned.stderr
    assert "not understood" in cleaned.stderr and "removed" not in cleaned.stdout
    assert markdown.exists()
    assert victim.read_text(encoding="utf-8") == "not policygen's"
    assert (folder / "sub" / "victim.md").exists() and (folder / "victim.sh").exists()
    assert json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))["format"] == 2


def test_a_bad_manifest_costs_only_a_warning_the_other_questionnaires_build(
    built: tuple[Path, Path, Path],
) -> None:
    source, out, folder = built
    other = source.with_name("other.yaml")
    other.write_text(MINIMAL, encoding="utf-8")
    (folder / MANIFEST_NAME).write_bytes(b"[" * 200_000 + b"]" * 200_000)
    result = run("build", source, other, "-o", out, *FAST)
    no_traceback(result)
    assert result.returncode == 0
    assert "built    " in result.stdout and (out / "other" / MANIFEST_NAME).exists()


@pytest.mark.parametrize("kind", ["fifo", "symlink to /dev/zero", "symlink to a manifest"])
def test_a_manifest_that_is_not_a_regular_file_is_not_read(
    built: tuple[Path, Path, Path], kind: str
) -> None:
    source, out, folder = built
    manifest = folder / MANIFEST_NAME
    elsewhere = out.parent / "elsewhere.json"
    elsewhere.write_bytes(manifest.read_bytes())
    manifest.unlink()
    if kind == "fifo":
        os.mkfifo(manifest)
    else:
        manifest.symlink_to("/dev/zero" if "zero" in kind else elsewhere)
    for extra in (["--check"], []):
        result = run_child("build", *extra, source, "-o", out, *FAST)
        no_traceback(result)
        assert "not understood" in result.stderr
    assert elsewhere.read_bytes() == elsewhere.read_bytes()


# --- Outputs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "symlink to /dev/zero", "symlink elsewhere"])
def test_an_output_that_is_not_a_regular_file_is_never_read_through(
    built: tuple[Path, Path, Path], kind: str
) -> None:
    source, out, folder = built
    markdown = next(folder.glob("socialemediabeleid-*.md"))
    elsewhere = out.parent / "elsewhere.md"
    elsewhere.write_bytes(markdown.read_bytes())
    markdown.unlink()
    if kind == "fifo":
        os.mkfifo(markdown)
    else:
        markdown.symlink_to("/dev/zero" if "zero" in kind else elsewhere)
    checked = run_child("build", "--check", source, "-o", out, *FAST)
    no_traceback(checked)
    assert checked.returncode == 1
    assert f"would rebuild {markdown} (unreadable)" in checked.stderr
    rebuilt = run_child("build", source, "-o", out, *FAST)
    no_traceback(rebuilt)
    assert rebuilt.returncode == 0 and markdown.is_file() and not markdown.is_symlink()
    assert elsewhere.read_bytes() == markdown.read_bytes()  # replaced, never written through


def test_clean_never_removes_through_a_symlink(built: tuple[Path, Path, Path]) -> None:
    source, out, folder = built
    victim = out.parent / "victim.md"
    old = next(folder.glob("socialemediabeleid-*.md"))
    victim.write_bytes(old.read_bytes())  # the very bytes the manifest records for it
    old.unlink()
    old.symlink_to(victim)
    source.write_text(MINIMAL.replace('"1.0"', '"2.0"'), encoding="utf-8")
    result = run("build", "--clean", source, "-o", out, *FAST)
    no_traceback(result)
    assert result.returncode == 0
    assert victim.exists() and old.is_symlink()
    assert f"{old}: changed since policygen wrote it; --clean kept it" in result.stderr


def test_an_output_folder_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "policy.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "policy").symlink_to(elsewhere)
    result = run("build", source, "-o", tmp_path / "out", *FAST)
    no_traceback(result)
    assert result.returncode == 1
    assert "is a symbolic link; policygen writes only into a real folder" in result.stderr
    assert list(elsewhere.iterdir()) == []


# --- Inputs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["symlink to /dev/zero", "fifo", "420 MB file"])
def test_an_input_is_never_read_past_its_limit(tmp_path: Path, kind: str) -> None:
    source = tmp_path / "q.yaml"
    if kind == "fifo":
        os.mkfifo(source)
    elif "zero" in kind:
        source.symlink_to("/dev/zero")
    else:
        with source.open("wb") as stream:
            stream.truncate(420 * 1024 * 1024)  # sparse: costs no disk
    result, megabytes = peak_rss_mb("build", source, "-o", tmp_path / "out", *FAST)
    no_traceback(result)
    assert result.returncode == 1
    assert f"{source}: " in result.stderr
    assert megabytes < 150, f"{megabytes:.0f} MB"


def test_a_recursive_glob_never_follows_folder_symlinks(tmp_path: Path) -> None:
    policies = tmp_path / "policies"
    (policies / "team").mkdir(parents=True)
    (policies / "team" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (policies / "team" / "up").symlink_to(policies)
    (policies / "team" / "up2").symlink_to(policies)
    result = run_child("build", f"{policies}/**/*.yaml", "-o", tmp_path / "out", *FAST)
    no_traceback(result)
    assert result.returncode == 0
    assert result.stdout.count("built    ") == 1


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda d: "x" * 300 + ".yaml", id="name-over-255"),
        pytest.param(lambda d: "ab/" * 1500 + "x.yaml", id="path-over-PATH_MAX"),
        pytest.param(
            lambda d: (
                ((d / "a.yaml").symlink_to("b.yaml"), (d / "b.yaml").symlink_to("a.yaml"))
                and "a.yaml"
            ),
            id="symlink-loop",
        ),
    ],
)
def test_impossible_paths_get_a_sentence_not_a_traceback(tmp_path: Path, make: object) -> None:
    name = make(tmp_path)  # type: ignore[operator]
    result = run_child("build", name, "-o", "out", *FAST, cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ")
    assert "too long for this system" in result.stderr or "loop of them" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may search any folder")
def test_a_folder_that_cannot_be_searched(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "q.yaml").write_text(MINIMAL, encoding="utf-8")
    locked.chmod(0o000)
    try:
        result = run("build", locked / "q.yaml", "-o", tmp_path / "out", *FAST)
    finally:
        locked.chmod(0o755)
    no_traceback(result)
    assert result.returncode == 1 and "permission denied" in result.stderr


# --- File names ---------------------------------------------------------------------------------


def test_file_names_cannot_drive_the_terminal_or_forge_lines(tmp_path: Path) -> None:
    hostile = tmp_path / "\x1b]0;pwned\x07\x1b[2J\nerror: forged\nbuilt    fake.yaml"
    hostile.mkdir()
    good = hostile / "ok.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    bad = hostile / "bad\nerror: forged.yaml"
    bad.write_text("policygen: 1\n", encoding="utf-8")
    result = run("build", good, bad, "-o", tmp_path / "out", *FAST)
    assert result.returncode == 1
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x07" not in stream
        lines = stream.splitlines()
        assert not any(line.startswith(("error: forged", "built    fake")) for line in lines)
    assert "\\x1b]0;pwned\\x07" in result.stdout


def test_non_latin_file_names_get_folders_of_their_own(tmp_path: Path) -> None:
    for name in ("日本.yaml", "中国.yaml", "★.yaml", "☆.yaml"):
        (tmp_path / name).write_text(MINIMAL, encoding="utf-8")
    result = run("build", tmp_path, "-o", tmp_path / "out", *FAST)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    folders = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(folders) == 4 and "riben" in folders and "zhongguo" in folders
