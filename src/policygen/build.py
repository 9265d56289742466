"""One questionnaire -> its documents on disk, written atomically; nothing else is touched.

Everything is rendered in memory first; only when every output of a questionnaire exists as bytes
are they written, each to a temporary file in the target folder and then renamed over the old one.
A failed build therefore never leaves a half-written or missing file behind. A build replaces
only the files it makes: other formats and versions stay, and only ``--clean`` removes files,
those the manifest says earlier builds made, unchanged since.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from anyascii import anyascii

from policygen.errors import (
    OutputError,
    PolicygenError,
    Problem,
    QuestionnaireError,
    StrictModeError,
    shown,
)
from policygen.formats import FORMATS, WRITERS, Rendered
from policygen.manifest import (
    MANIFEST_NAME,
    Manifest,
    ManifestError,
    build_key,
    output_digest,
    read_manifest,
)
from policygen.options import BuildOptions
from policygen.questionnaire import LoadedQuestionnaire, load
from policygen.questionnaire.loader import MAX_FILE_BYTES
from policygen.reading import UnreadableError, read_bounded
from policygen.render import (
    DOCUMENTS,
    POLICY,
    Facts,
    build_facts,
    page_meta,
    render_markdown,
)
from policygen.render.acknowledgement import acknowledgement_form
from policygen.render.branding import MAX_FONT_BYTES, branding_files, read_branding
from policygen.render.clauses import inspect_questionnaire, read_customisation
from policygen.render.customisation import Adaptations, clause_files
from policygen.render.glyphs import missing_glyph_problems, split_missing


@dataclass
class BuildResult:
    """What one questionnaire produced."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def slugify(text: str, fallback: str = "policy") -> str:
    """A file-name-safe slug: ASCII letters, digits and hyphens only, never a path. Other
    scripts are transliterated (``日本`` -> ``riben``)."""
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")
    return slug[:80].strip("-") or fallback


def _version_slug(version: str) -> str:
    """``1.2`` stays ``1.2``; anything else becomes hyphens; dots never lead or repeat."""
    slug = re.sub(r"[^a-z0-9.]+", "-", anyascii(version).lower())
    slug = re.sub(r"\.{2,}", ".", slug).strip("-.")
    return slug[:20].strip("-.") or "0"


def output_stems(loaded: LoadedQuestionnaire, facts: Facts | None = None) -> dict[str, str]:
    """Per document kind, ``socialemediabeleid-v1.2``: from the document's title and version."""
    if facts is None:
        facts = build_facts(loaded.questionnaire)
    version = _version_slug(loaded.questionnaire.document.version)
    titles = {"policy": facts.shared.title, "plan": facts.shared.plan_title}
    return {
        kind.key: f"{slugify(titles[kind.key], fallback=kind.key)}-v{version}" for kind in DOCUMENTS
    }


def form_stem(stems: dict[str, str], title: str) -> str:
    """The acknowledgement form's file stem: the policy's, then the form's title."""
    return f"{stems[POLICY.key]}-{slugify(title, fallback='form')}"


def render_outputs(
    loaded: LoadedQuestionnaire,
    options: BuildOptions,
    adaptations: Adaptations | None = None,
    kinds: Collection[str] | None = None,
) -> tuple[dict[str, bytes], list[Problem]]:
    """All outputs of one questionnaire (or of its documents ``kinds``) as ``{file name: bytes}``,
    plus rendering warnings.

    A character no installed font has is a warning naming its field; for PDF/A and PDF/UA, whose
    promise is a faithful page, it is an error and nothing is written.
    """
    q = loaded.questionnaire
    outputs: dict[str, bytes] = {}
    warnings: list[Problem] = []
    missing_glyphs: list[str] = []
    if adaptations is None:
        adaptations = read_customisation(loaded)
    # One set of facts serves both documents and the file names: it is the same questionnaire.
    facts = build_facts(q, as_chapter=options.as_chapter, adaptations=adaptations)
    stems = output_stems(loaded, facts)
    pages = any(name != "md" for name in options.formats)
    style = read_branding(loaded) if pages else None
    documents = {
        stems[kind.key]: Rendered(
            render_markdown(q, kind, facts=facts),
            page_meta(q, kind, facts=facts, style=style),
            pdf_variant=options.pdf_variant,
        )
        for kind in DOCUMENTS
        if kinds is None or kind.key in kinds
    }
    form = acknowledgement_form(q, facts) if kinds is None or POLICY.key in kinds else None
    if form:
        stem = form_stem(stems, form[1].title)
        markdown, meta = form  # a one-page form: the house style, but never a cover page
        form_style = replace(style, cover_page=False) if style else None
        documents[stem] = Rendered(
            markdown,
            replace(meta, style=form_style),
            pdf_variant=options.pdf_variant,
            contents=False,
        )
    for stem, document in documents.items():
        for name in FORMATS:
            if name in options.formats:
                outputs[f"{stem}.{name}"], messages = WRITERS[name](document)
                missing, messages = split_missing(messages)
                missing_glyphs += missing
                if missing and options.pdf_variant:
                    raise QuestionnaireError(
                        missing_glyph_problems(loaded.source, missing, variant=options.pdf_variant)
                    )
                warnings += [
                    Problem(loaded.source.file, None, None, name, message) for message in messages
                ]
    return outputs, warnings + missing_glyph_problems(loaded.source, missing_glyphs, variant=None)


LEFTOVER_AGE_SECONDS = 600
"""A temporary this old is a killed build's leftover; a younger one may be another build's, in
flight into the same folder, which must not lose it (writing one questionnaire's files takes
milliseconds)."""


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """A build killed mid-write (SIGKILL, power cut) leaves its hidden temporary file behind."""
    for stale in folder.glob(f".{glob.escape(name)}.*.tmp"):
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            if time.time() - stale.lstat().st_mtime > LEFTOVER_AGE_SECONDS:
                stale.unlink()


def write_files(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write all files or none: temporary files first, then one rename each."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{folder}: exists and is not a folder; choose another --out") from None
    except OSError as error:
        raise OutputError(f"{folder}: cannot create the output folder: {error.strerror}") from None
    umask = os.umask(0)
    os.umask(umask)
    pending: list[tuple[Path, Path]] = []
    try:
        for name in files:  # all before the first new temporary: `.a.*.tmp` also matches `.a.bak.*`
            _remove_stale_temporaries(folder, name)
        for name, data in files.items():
            target = folder / name
            if target.is_dir():
                raise OutputError(f"{target}: is a folder; remove it or choose another --out")
            handle, temporary_name = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            pending.append((Path(temporary_name), target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            Path(temporary_name).chmod(0o666 & ~umask)
        for temporary, target in pending:
            temporary.replace(target)
    except OSError as error:
        raise OutputError(
            f"{folder}: cannot write the outputs: {error.strerror or error}"
        ) from None
    finally:
        for temporary, _ in pending:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
    return [target for _, target in pending]


def output_folder(source: Path, out: Path) -> Path:
    """Each questionnaire's outputs go to their own subfolder, named after its file; a name
    with nothing to transliterate gets a short hash of itself, so two such names never meet."""
    name_hash = hashlib.sha256(source.stem.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return out / slugify(source.stem, fallback=f"questionnaire-{name_hash}")


def check_unique_folders(sources: Sequence[Path], out: Path) -> None:
    """Two questionnaires with the same file name would overwrite each other's outputs."""
    seen: dict[Path, Path] = {}
    for source in sources:
        folder = output_folder(source, out)
        if folder in seen and os.path.realpath(seen[folder]) != os.path.realpath(source):
            raise OutputError(
                f"{shown(seen[folder])} and {shown(source)} would both write to "
                f"{shown(folder)}; rename one of them"
            )
        seen[folder] = source


def render_file(
    source: Path,
    options: BuildOptions,
    kinds: Collection[str] | None = None,
    loaded: LoadedQuestionnaire | None = None,
) -> tuple[dict[str, bytes], list[Problem]]:
    """Load, check and render one questionnaire in memory; ``--strict`` turns warnings into errors.

    ``kinds`` renders only those documents (a batch renders each in a worker of its own); the
    questionnaire's own warnings then come with the policy only, so that they are reported once.
    ``loaded`` is the questionnaire already loaded from ``source`` (by ``keyed_input``).
    """
    loaded = loaded or load(source)
    adaptations, warnings = inspect_questionnaire(loaded)
    if kinds is not None and POLICY.key not in kinds:
        warnings = []
    files, render_warnings = render_outputs(loaded, options, adaptations, kinds)
    warnings += render_warnings
    if options.strict and warnings:
        raise StrictModeError(
            "\n".join(str(w) for w in warnings)
            + f"\n{source}: {len(warnings)} warning(s) and --strict is on; nothing was written"
        )
    return files, warnings


@dataclass
class Written:
    """What writing one questionnaire's outputs did to its folder."""

    outputs: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    """``--clean``: files earlier builds made that this one did not."""
    kept: list[Problem] = field(default_factory=list)
    """``--clean``: files the manifest lists that were left, each with the reason."""


def previous_manifest(folder: Path) -> Manifest:
    """The folder's manifest, or an empty one when there is none or it is not understood (the
    batch warns about that once, when it decides what to build)."""
    try:
        return read_manifest(folder) or Manifest()
    except ManifestError:
        return Manifest()


def _check_folder(folder: Path) -> None:
    """A questionnaire's output folder must be a real folder: a symlink in its place (from a
    committed output folder) would send writes and removals elsewhere."""
    with contextlib.suppress(OSError):  # missing or unreachable: writing says why
        if stat.S_ISLNK(folder.lstat().st_mode):
            raise OutputError(
                f"{shown(folder)}: is a symbolic link; policygen writes only into a real folder"
            )


def _unmade(folder: Path, manifest: Manifest, made: set[str]) -> tuple[list[str], list[Problem]]:
    """Files earlier builds made and this one did not, which ``--clean`` may remove: those still
    as policygen wrote them. The others are kept, each with the reason."""
    removable, kept = [], []
    for name in sorted(set(manifest.outputs) - made):
        path = folder / name
        if not os.path.lexists(path):
            continue
        if output_digest(folder, name) == manifest.outputs[name]:
            removable.append(name)
        else:
            kept.append(
                Problem(path, None, None, "", "changed since policygen wrote it; --clean kept it")
            )
    return removable, kept


def _remove(folder: Path, names: list[str]) -> list[Path]:
    removed = []
    for name in names:
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
            removed.append(folder / name)
    return removed


def write_outputs(
    folder: Path,
    files: dict[str, bytes],
    key: str | None,
    warnings: list[Problem],
    *,
    clean: bool = False,
) -> Written:
    """Write the outputs and, with them, the manifest that records them; with ``clean``, then
    remove the files earlier builds made that this one did not. Nothing else is touched."""
    _check_folder(folder)
    previous = previous_manifest(folder)
    on_disk = {name for name in previous.outputs if os.path.lexists(folder / name)}
    removable, kept = _unmade(folder, previous, set(files)) if clean else ([], [])
    manifest = previous.after_build(key, files, warnings, on_disk - set(removable))
    written = write_files(folder, {**files, MANIFEST_NAME: manifest.to_bytes()})
    outputs = [path for path in written if path.name != MANIFEST_NAME]
    return Written(outputs, _remove(folder, removable), kept)


def clean_folder(folder: Path, made: set[str]) -> Written:
    """``--clean`` for a questionnaire whose outputs are up to date: only the removal."""
    _check_folder(folder)
    previous = previous_manifest(folder)
    removable, kept = _unmade(folder, previous, made)
    if removable:
        write_files(folder, {MANIFEST_NAME: previous.without(set(removable)).to_bytes()})
    return Written([], _remove(folder, removable), kept)


MAX_OWN_FILE_BYTES = MAX_FONT_BYTES
"""The largest file a questionnaire may name (a font); each reader holds its kind to its own limit."""


def _loaded_or_none(source: Path) -> LoadedQuestionnaire | None:
    """The questionnaire, or None when it does not load (its build then says why)."""
    try:
        return load(source)
    except PolicygenError:
        return None


def _input_files(source: Path, loaded: LoadedQuestionnaire | None) -> list[Path]:
    if loaded is None:
        return [source]
    return [source, *clause_files(loaded), *branding_files(loaded)]


def input_files(source: Path) -> list[Path]:
    """Every file a build of this questionnaire reads: the questionnaire first, then its clause,
    logo and font files. What the build key hashes and ``--watch`` watches."""
    return _input_files(source, _loaded_or_none(source))


@dataclass(frozen=True)
class KeyedInput:
    """A questionnaire as a build finds it: its build key (None when a file it names cannot be
    read; its build then says why) and the loaded questionnaire, which rendering reuses rather
    than parse the YAML a second time."""

    key: str | None
    loaded: LoadedQuestionnaire | None


def keyed_input(source: Path, options: BuildOptions) -> KeyedInput:
    """Load the questionnaire and take its build key. Taken before rendering: a later edit then
    never looks built."""
    loaded = _loaded_or_none(source)
    files = _input_files(source, loaded)
    try:
        inputs = [read_bounded(source, MAX_FILE_BYTES)]
        inputs += [read_bounded(p, MAX_OWN_FILE_BYTES, inside=source.parent) for p in files[1:]]
    except UnreadableError:
        return KeyedInput(None, loaded)
    return KeyedInput(build_key(inputs, options), loaded)


def planned_outputs(source: Path, options: BuildOptions) -> list[str]:
    """The names of the files a build would make, without rendering (for ``--check``); raises
    what the build would raise for an invalid questionnaire or clause file."""
    loaded = load(source)
    facts = build_facts(
        loaded.questionnaire, as_chapter=options.as_chapter, adaptations=read_customisation(loaded)
    )
    stems = output_stems(loaded, facts)
    documents = [stems[kind.key] for kind in DOCUMENTS]
    form = acknowledgement_form(loaded.questionnaire, facts)  # one short clause, no page
    if form:
        documents.append(form_stem(stems, form[1].title))
    return [f"{stem}.{name}" for stem in documents for name in FORMATS if name in options.formats]


def build_file(
    source: Path, out: Path, options: BuildOptions, *, clean: bool = False
) -> BuildResult:
    """Load, check, render and write one questionnaire, with its manifest."""
    found = keyed_input(source, options)
    files, warnings = render_file(source, options, loaded=found.loaded)
    written = write_outputs(output_folder(source, out), files, found.key, warnings, clean=clean)
    return BuildResult(source=source, outputs=written.outputs, warnings=warnings + written.kept)
