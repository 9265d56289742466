"""Files the organisation names in its questionnaire (clause texts, logo, font): read only from
inside the questionnaire's folder, only regular files, and never more than a limit.

Every organisation file is untrusted: an absolute path, ``..``, a symlink that leaves the folder,
a device or a file over the limit is refused with a sentence that says what to do.
"""

from __future__ import annotations

import stat
from pathlib import Path, PurePosixPath, PureWindowsPath


class Refusal(Exception):
    """A file that cannot be used; the message says why and what to do."""


def read_own_file(folder: Path, written: str, *, limit: int, kind: str) -> bytes:
    """The bytes of ``written`` (relative to ``folder``); ``kind`` names such files in messages,
    in the plural (``clause files``)."""
    if PurePosixPath(written).is_absolute() or PureWindowsPath(written).is_absolute():
        raise Refusal(f"'{written}' is an absolute path; give a path relative to {folder}")
    if ".." in PurePosixPath(written.replace("\\", "/")).parts:
        raise Refusal(f"'{written}' leaves the questionnaire's folder; keep {kind} inside it")
    path = folder / written
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise Refusal(f"file not found: '{written}' (relative to {folder})") from None
    except (OSError, RuntimeError) as error:  # a symlink loop raises RuntimeError on 3.11
        raise Refusal(f"cannot read '{written}': {error}") from None
    if not real.is_relative_to(folder.resolve()):
        raise Refusal(f"'{written}' is a link that leaves the questionnaire's folder")
    shown = f"{limit // 1024 // 1024} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"
    try:
        info = real.stat()
        if not stat.S_ISREG(info.st_mode):
            raise Refusal(f"'{written}' is not a regular file")
        if info.st_size > limit:
            raise Refusal(f"'{written}' is {info.st_size:,} bytes; {kind} may be at most {shown}")
        with real.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise Refusal(f"cannot read '{written}': {error.strerror or error}") from None
    if len(data) > limit:
        raise Refusal(f"'{written}' is over {shown}")
    return data
