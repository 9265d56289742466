"""Files the organisation names in its questionnaire (clause texts, logo, font): read only from
inside the questionnaire's folder, through the one bounded reader (``policygen.reading``).

Every organisation file is untrusted: an absolute path, ``..``, a symlink that leaves the folder,
a device or a file over the limit is refused with a sentence that says what to do. The reading
itself is :func:`policygen.reading.read_bounded`'s, the same as for every other file from others.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from policygen.reading import UnreadableError, read_bounded


class Refusal(Exception):
    """A file that cannot be used; the message says why and what to do."""


def read_own_file(folder: Path, written: str, *, limit: int, kind: str) -> bytes:
    """The bytes of ``written`` (relative to ``folder``); ``kind`` names one such file
    (``clause file``), for messages."""
    if PurePosixPath(written).is_absolute() or PureWindowsPath(written).is_absolute():
        raise Refusal(f"'{written}' is an absolute path; give a path relative to {folder}")
    if ".." in PurePosixPath(written.replace("\\", "/")).parts:
        raise Refusal(f"'{written}' leaves the questionnaire's folder; keep {kind}s inside it")
    try:
        return read_bounded(folder / written, limit, inside=folder, kind=kind)
    except UnreadableError as error:
        if error.missing:
            raise Refusal(f"file not found: '{written}' (relative to {folder})") from None
        raise Refusal(f"cannot read '{written}': {error.reason}") from None
