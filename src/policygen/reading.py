"""One bounded way to read a file that someone else may have made.

Questionnaires, clause files, outputs and manifests all come from others in CI (a pull request,
a committed output folder). Each is read through :func:`read_bounded`: a regular file only (a
named pipe, a device or a folder is refused without blocking), at most a size limit, optionally
never through a symlink or out of a given folder, and within a time limit between reads.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

from policygen.errors import PolicygenError

_CHUNK = 1024 * 1024
DEFAULT_SECONDS = 10.0


class UnreadableError(PolicygenError):
    """A file cannot be read within the rules; ``reason`` says why, without the path."""

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing


def _reason(error: OSError) -> UnreadableError:
    """A sentence for the errors a hostile path produces, instead of a traceback."""
    match error.errno:
        case errno.ENOENT:
            return UnreadableError("file not found; check the path", missing=True)
        case errno.EACCES | errno.EPERM:
            return UnreadableError("cannot read this file: permission denied")
        case errno.ENAMETOOLONG:
            return UnreadableError("the path or a name in it is too long for this system")
        case errno.ELOOP:
            return UnreadableError("this is a symbolic link (or a loop of them); not followed")
        case errno.ENOTDIR:
            return UnreadableError("a part of this path is not a folder")
        case errno.EISDIR:
            return UnreadableError("this is a folder; give a file")
    return UnreadableError(f"cannot read this file: {error.strerror or error}")


def read_bounded(
    path: Path,
    limit: int,
    *,
    inside: Path | None = None,
    follow_symlinks: bool = True,
    seconds: float = DEFAULT_SECONDS,
    kind: str = "file",
) -> bytes:
    """The bytes of ``path``, or :class:`UnreadableError` with the reason.

    ``inside``: the real path must lie in this folder (symlinks within it are fine).
    ``follow_symlinks=False``: the last component must not be a symlink at all.
    """
    try:
        if inside is not None:
            real = path.resolve(strict=True)
            if not real.is_relative_to(inside.resolve(strict=True)):
                raise UnreadableError("this is a link that leaves its folder; not followed")
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
        if not follow_symlinks:
            flags |= os.O_NOFOLLOW
        descriptor = os.open(path, flags)  # O_NONBLOCK: opening a named pipe never waits
    except OSError as error:
        raise _reason(error) from None
    except RuntimeError:  # Python 3.11's resolve() on a symlink loop
        raise UnreadableError("this is a loop of symbolic links; not followed") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableError(f"this is a folder, not a {kind}")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableError(f"this is a device, pipe or socket, not a {kind}")
        if info.st_size > limit:
            raise UnreadableError(
                f"the file is {info.st_size:,} bytes; a {kind} may be at most {_size(limit)}"
            )
        return _read_until(descriptor, limit, time.monotonic() + seconds)
    except OSError as error:
        raise _reason(error) from None
    finally:
        os.close(descriptor)


def _read_until(descriptor: int, limit: int, deadline: float) -> bytes:
    """At most ``limit + 1`` bytes (a file may grow after ``fstat``), checking the clock."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        if time.monotonic() > deadline:
            raise UnreadableError("reading this file took too long; is it on a stalled disk?")
        chunk = os.read(descriptor, min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise UnreadableError(f"the file grew over {_size(limit)} while it was read")
    return b"".join(chunks)


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"
