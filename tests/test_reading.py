"""The one bounded reader every file from others goes through."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policygen.reading import UnreadableError, read_bounded


def test_a_regular_file_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, 100) == b"x" * 100
    with pytest.raises(UnreadableError, match="the file is 100 bytes; a file may be at most"):
        read_bounded(path, 99)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(UnreadableError, match="device, pipe or socket"):
        read_bounded(tmp_path / "pipe", 100)


def test_symlinks_are_refused_or_kept_inside_the_folder(tmp_path: Path) -> None:
    (tmp_path / "inside").mkdir()
    (tmp_path / "secret").write_bytes(b"secret")
    (tmp_path / "inside" / "ok").write_bytes(b"ok")
    (tmp_path / "inside" / "link-in").symlink_to("ok")
    (tmp_path / "inside" / "link-out").symlink_to(tmp_path / "secret")
    assert read_bounded(tmp_path / "inside" / "link-in", 10, inside=tmp_path / "inside") == b"ok"
    with pytest.raises(UnreadableError, match="leaves its folder"):
        read_bounded(tmp_path / "inside" / "link-out", 10, inside=tmp_path / "inside")
    with pytest.raises(UnreadableError, match="symbolic link"):
        read_bounded(tmp_path / "inside" / "link-in", 10, follow_symlinks=False)


def test_a_read_past_its_time_is_stopped(tmp_path: Path) -> None:
    path = tmp_path / "slow"
    path.write_bytes(b"x")
    with pytest.raises(UnreadableError, match="took too long"):
        read_bounded(path, 10, seconds=-1)
