"""`policygen init` in a real terminal (a pseudo-terminal via pexpect), and without one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from policygen.questionnaire import consistency_warnings, load

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX pty")

COMMAND = [sys.executable, "-m", "policygen", "init"]


def _spawn(folder: Path, *arguments: str) -> pexpect.spawn:
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "120"}
    return pexpect.spawn(
        COMMAND[0],
        [*COMMAND[1:], *arguments],
        cwd=str(folder),
        env=env,
        encoding="utf-8",
        timeout=20,
    )


def test_typed_answers_help_and_ctrl_c_halfway_leave_no_file(tmp_path: Path) -> None:
    child = _spawn(tmp_path)
    child.expect_exact("Taal van het beleid / Language of the policy")
    child.expect_exact("1-2 [1]: ")
    child.sendline("1")
    child.expect_exact("Hoe heet je organisatie? [Mijn organisatie]: ")
    child.sendline("?")
    child.expect_exact("De naam zoals die in de documenten staat.")
    child.expect_exact("Hoe heet je organisatie? [Mijn organisatie]: ")
    child.sendline("Stichting Proef")
    child.expect_exact("1. zorg — healthcare")
    child.expect_exact("Kies een nummer of typ de waarde [4]: ")
    child.sendline("9")
    child.expect_exact("! Kies een nummer van 1 tot 5")
    child.sendline("5")
    child.expect_exact("(OR)? (j/n) [nee]: ")
    child.sendintr()
    child.expect_exact("Interrupted; nothing was written.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert list(tmp_path.iterdir()) == []


def test_enter_through_a_whole_interview_in_english(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "beleid.yaml")
    child.expect_exact("1-2 [1]: ")
    child.sendline("2")
    child.expect_exact("What is your organisation called? [My organisation]: ")
    child.sendline("Fabrikam")
    prompts = 0
    endings = ["]: ", "\n  - ", "when done: ", "Done: beleid.yaml has been written."]
    while child.expect_exact(endings) != 3:
        child.sendline("")
        prompts += 1
        assert prompts < 300, child.before
    child.expect_exact("policygen build beleid.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    loaded = load(tmp_path / "beleid.yaml")
    assert loaded.questionnaire.organisation.name == "Fabrikam"
    assert loaded.questionnaire.language.value == "en"
    assert consistency_warnings(loaded) == []


def test_end_of_input_at_a_terminal_writes_nothing(tmp_path: Path) -> None:
    child = _spawn(tmp_path)
    child.expect_exact("1-2 [1]: ")
    child.sendline("1")
    child.expect_exact("Hoe heet je organisatie?")
    child.sendeof()
    child.expect_exact("End of input; nothing was written.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert list(tmp_path.iterdir()) == []


def test_without_a_terminal_it_stops_at_once_with_a_clear_error(tmp_path: Path) -> None:
    completed = subprocess.run(
        COMMAND,
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert completed.returncode == 1
    assert "no terminal to ask questions on; use --defaults or --answers FILE" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert list(tmp_path.iterdir()) == []
