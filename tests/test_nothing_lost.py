"""Nothing lost: a build that dies or cannot write leaves every previous output whole.

A build killed with SIGKILL while it writes leaves each output either as it was or as the new
build makes it, never truncated; a folder that cannot be created, an output path that is a
folder, a file that cannot be created and a full disk give exit 1 with a message, and leave
the previous outputs exactly as they were.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import MINIMAL
from typer.testing import CliRunner, Result

from policygen.build import LEFTOVER_AGE_SECONDS, write_files
from policygen.cli import app

runner = CliRunner()
FAST = ["--format", "md,html", "--jobs", "1", "--force"]
NEW_ANSWERS = (
    MINIMAL.replace("Voorbeeld BV", "Nieuwe Naam BV") + "accounts:\n  tone_of_voice: Vriendelijk.\n"
)

Tree = dict[str, bytes]


def tree(folder: Path) -> Tree:
    """Every file under ``folder`` with its bytes; temporary files left by a killed build apart."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(".tmp")
    }


def build(source: Path, out: Path) -> Result:
    return runner.invoke(app, ["build", str(source), "--out", str(out), *FAST])


@pytest.fixture
def previous(tmp_path: Path) -> tuple[Path, Path, Tree]:
    """A questionnaire built once into ``out``, then given new answers: (source, out, old tree)."""
    source = tmp_path / "beleid.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    assert build(source, out).exit_code == 0
    source.write_text(NEW_ANSWERS, encoding="utf-8")
    old = tree(out)
    assert len(old) >= 4
    return source, out, old


SLOW_WRITING_BUILD = """
import builtins, io, os, sys, time

OUT = os.environ["NOTHING_LOST_OUT"]
real_open = io.open
announced = False


class SlowWriter:
    '''Writes in small pieces with pauses, so that a kill lands in the middle of a file.'''

    def __init__(self, stream):
        self._stream = stream

    def write(self, data):
        global announced
        if not announced:
            print("WRITING", flush=True)
            announced = True
        for start in range(0, len(data), 256):
            self._stream.write(data[start : start + 256])
            self._stream.flush()
            time.sleep(0.002)
        return len(data)

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._stream.__exit__(*exc)


def slow_open(file, mode="r", *args, **kwargs):
    stream = real_open(file, mode, *args, **kwargs)
    writes = any(flag in mode for flag in "wxa+")
    if writes and (isinstance(file, int) or os.fspath(file).startswith(OUT)):
        return SlowWriter(stream)
    return stream


io.open = builtins.open = slow_open
sys.argv = ["policygen", "build", sys.argv[1], "--out", OUT, *sys.argv[2:]]
from policygen.cli import main

main()
"""


@pytest.mark.slow
def test_a_build_killed_while_writing_leaves_each_output_old_or_new(
    previous: tuple[Path, Path, Tree], tmp_path: Path
) -> None:
    source, out, old = previous
    reference = tmp_path / "reference"
    shutil.copytree(out, reference)
    assert build(source, reference).exit_code == 0
    new = tree(reference)
    assert set(new) == set(old)
    assert any(new[name] != old[name] for name in old)

    outcomes = []
    for delay in (0.0, 0.01, 0.03, 0.06, 0.1, 0.2, 0.4):
        shutil.rmtree(out)
        shutil.copytree(reference, out)  # the manifest and names of the new build...
        for name, data in old.items():  # ...with the old contents
            (out / name).write_bytes(data)
        child = subprocess.Popen(
            [sys.executable, "-c", SLOW_WRITING_BUILD, str(source), *FAST],
            env={**os.environ, "NOTHING_LOST_OUT": str(out)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        first_line = child.stdout.readline()
        assert first_line.strip() == "WRITING", child.communicate(timeout=30)
        try:
            child.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)

        after = tree(out)
        assert set(after) == set(old), f"kill after {delay} s: files appeared or vanished"
        for name, data in after.items():
            assert data in (old[name], new[name]), (
                f"kill after {delay} s: {name} is neither old nor new"
            )
        leftovers = [path.name for path in out.rglob("*.tmp")]
        assert all(name.startswith(".") for name in leftovers), (
            "a temporary file looks like an output"
        )
        outcomes.append(
            "killed" if child.returncode == -signal.SIGKILL else f"exit {child.returncode}"
        )
    assert "killed" in outcomes, "every build finished before the kill: the test proved nothing"

    assert build(source, out).exit_code == 0, "a later build repairs everything"
    assert tree(out) == new


def fail_writes_into(
    folder: Path, make_error: Callable[[], OSError], after_files: int
) -> Callable[..., Any]:
    """An ``open`` that lets ``after_files`` output files be written, then fails every write."""
    real_open = io.open
    written = [0]

    class FailingWriter:
        def __init__(self, stream: Any) -> None:
            self._stream = stream

        def write(self, data: bytes) -> int:
            if written[0] >= after_files:
                raise make_error()
            written[0] += 1
            return int(self._stream.write(data))

        def __getattr__(self, name: str) -> Any:
            return getattr(self._stream, name)

        def __enter__(self) -> FailingWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self._stream.__exit__(*exc)

    def failing_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        stream = real_open(file, mode, *args, **kwargs)
        writes = any(flag in mode for flag in "wxa+")
        if writes and (isinstance(file, int) or os.fspath(file).startswith(str(folder))):
            return FailingWriter(stream)
        return stream

    return failing_open


def test_a_full_disk_gives_a_clear_error_and_keeps_the_previous_outputs(
    previous: tuple[Path, Path, Tree], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, out, old = previous
    full = fail_writes_into(
        out, lambda: OSError(errno.ENOSPC, "No space left on device"), after_files=2
    )
    monkeypatch.setattr(io, "open", full)
    monkeypatch.setattr(builtins, "open", full)

    result = build(source, out)

    monkeypatch.undo()
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert tree(out) == old
    assert list(out.rglob("*.tmp")) == [], "temporary files are removed after a failed write"


def test_a_folder_where_no_file_can_be_created_gives_a_clear_error(
    previous: tuple[Path, Path, Tree], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root, where chmod stops nothing: creating a file fails as for a read-only folder."""
    source, out, old = previous
    real_os_open = os.open

    def read_only_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT and os.fspath(path).startswith(str(out)):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_open)
    result = build(source, out)
    monkeypatch.undo()

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "Permission denied" in result.stderr
    assert tree(out) == old


def test_an_output_folder_under_a_file_gives_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "beleid.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("keep me\n", encoding="utf-8")

    result = build(source, blocker / "out")

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert str(blocker) in result.stderr
    assert blocker.read_text(encoding="utf-8") == "keep me\n"


def test_an_output_path_that_is_a_folder_gives_a_clear_error(
    previous: tuple[Path, Path, Tree],
) -> None:
    source, out, old = previous
    html = next(name for name in old if name.endswith(".html"))
    (out / html).unlink()
    (out / html).mkdir()
    (out / html / "kept.txt").write_text("someone's folder\n", encoding="utf-8")
    before = tree(out)

    result = build(source, out)

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "is a folder" in result.stderr
    assert tree(out) == before
    assert list(out.rglob("*.tmp")) == []


def test_the_next_build_removes_temporaries_a_killed_build_left(tmp_path: Path) -> None:
    stale = tmp_path / ".policy.md.k1ll3d.tmp"
    stale.write_bytes(b"half a fi")
    killed = time.time() - LEFTOVER_AGE_SECONDS - 60  # younger ones may be a concurrent build's
    os.utime(stale, (killed, killed))
    unrelated = tmp_path / ".notes.tmp"
    unrelated.write_bytes(b"not ours")
    write_files(tmp_path, {"policy.md": b"new"})
    assert not stale.exists()
    assert unrelated.exists()
    assert (tmp_path / "policy.md").read_bytes() == b"new"
