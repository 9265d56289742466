"""Which questionnaires a batch builds: files as given, folders listed, globs expanded.

Apart from the batch so that reading the command line's paths (symlink loops, unreadable
folders, ``**`` patterns) is one concern, and building them another.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from policygen.errors import Problem, QuestionnaireError

QUESTIONNAIRE_SUFFIXES = (".yaml", ".yml")


def expand_inputs(inputs: Sequence[Path]) -> list[Path]:
    """Files as given; every questionnaire in a folder; globs expanded here for shells that don't.

    Folder contents and glob matches are sorted; a file named twice is built once. A path that
    cannot even be looked at (too long, a symlink loop, no permission) is passed on as a file:
    its build says why, with the others.
    """
    sources: list[Path] = []
    for item in inputs:
        if _is(item, Path.is_dir):
            try:
                entries = list(item.iterdir())
            except OSError as error:
                raise _input_error(item, f"cannot list this folder: {error.strerror}") from None
            found = sorted(
                path
                for path in entries
                if path.suffix.lower() in QUESTIONNAIRE_SUFFIXES
                and not path.name.startswith(".")
                and _is(path, Path.is_file)
            )
            if not found:
                raise _input_error(item, "no questionnaires (*.yaml, *.yml) in this folder")
            sources += found
        elif not os.path.lexists(item) and glob.has_magic(str(item)):
            found = [path for path in _glob(str(item)) if _is(path, Path.is_file)]
            if not found:
                raise _input_error(item, "this pattern matches no file")
            sources += found
        else:
            sources.append(item)  # a missing file is reported by its build, with the others
    unique: dict[Path, Path] = {}
    for source in sources:
        unique.setdefault(_identity(source), source)
    return list(unique.values())


def _is(path: Path, test: Callable[[Path], bool]) -> bool:
    """``path.is_dir()`` or ``path.is_file()``, False where Python 3.11 raises instead."""
    try:
        return test(path)
    except (OSError, RuntimeError):
        return False


def _identity(path: Path) -> Path:
    """The real path, or the absolute one when a symlink loop or a long name stops resolving."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path.cwd() / path


def _glob(pattern: str) -> list[Path]:
    """The sorted matches of a glob; ``**`` descends into folders but never into a symlink to one
    (``glob.glob`` would, so two links to a parent folder made it exponential)."""
    if "**" not in pattern:
        return sorted(Path(m) for m in glob.glob(pattern))  # noqa: PTH207  (may be absolute)
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    root, rest = Path(*parts[:fixed]) if fixed else Path(), parts[fixed:]
    matches = []
    for folder, folders, files in os.walk(root, followlinks=False):
        folders[:] = [f for f in folders if not f.startswith(".")]
        relative = Path(folder).relative_to(root).parts
        matches += [
            Path(folder) / name
            for name in files
            if not name.startswith(".") and _matches(rest, (*relative, name))
        ]
    return sorted(matches)


def _matches(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """Glob components against path components; ``**`` stands for any number of folders."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_matches(pattern[1:], parts[skip:]) for skip in range(len(parts) + 1))
    return (
        bool(parts)
        and fnmatch.fnmatchcase(parts[0], pattern[0])
        and _matches(pattern[1:], parts[1:])
    )


def _input_error(path: Path, message: str) -> QuestionnaireError:
    return QuestionnaireError([Problem(path, None, None, "", message)])
