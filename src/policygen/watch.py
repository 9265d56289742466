"""``policygen build --watch``: rebuild a questionnaire as soon as one of its input files changes.

For editing YAML by hand next to a browser tab: the first build, then one rebuild (and one line)
per change of a questionnaire or of a file it reads (see ``build.input_files``). Only the changed
questionnaires are rebuilt, in this process, without workers: one document set is fastest here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from threading import Event

from policygen.batch import BatchListener, build_batch
from policygen.build import input_files
from policygen.decide import BatchOptions
from policygen.options import BuildOptions

WATCH_FORMATS = ("md", "html")
"""What ``--watch`` builds unless ``--format`` says otherwise: a PDF takes seconds."""


def watch(
    sources: Sequence[Path],
    out: Path,
    options: BuildOptions,
    listener: BatchListener,
    *,
    stop: Event | None = None,
) -> None:
    """Build every questionnaire, then rebuild those whose inputs change, until Ctrl-C (raised
    as ``KeyboardInterrupt``) or until ``stop`` is set."""
    import watchfiles  # only here: `build` without --watch never needs it

    serial = BatchOptions(jobs=1)
    build_batch(sources, out, options, serial, listener)
    inputs = {source: _watched(source) for source in sources}
    while stop is None or not stop.is_set():
        wanted = set().union(*inputs.values())
        folders = sorted({path.parent for path in wanted if path.parent.is_dir()})
        changes = watchfiles.watch(
            *folders,
            watch_filter=_only(wanted),
            stop_event=stop,
            recursive=False,
            debounce=300,  # ms: gather an editor's burst of writes for at most 0.3 s
            step=20,  # ms: wait this long for more writes after one
        )
        for batch in changes:
            changed = {_real(Path(path)) for _, path in batch}
            todo = [source for source in sources if inputs[source] & changed]
            build_batch(todo, out, options, serial, listener)
            refreshed = {source: _watched(source) for source in todo}
            if any(refreshed[source] != inputs[source] for source in todo):
                inputs.update(refreshed)
                break  # another clause file: watch the new set of folders
        else:
            return  # stopped


def _only(wanted: set[Path]) -> Callable[[object, str], bool]:
    """A filter for watchfiles: changes to the input files only."""
    return lambda change, path: _real(Path(path)) in wanted


def _watched(source: Path) -> set[Path]:
    """The real paths of a questionnaire's input files (an editor may save through a symlink)."""
    return {_real(path) for path in input_files(source)}


def _real(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return path
