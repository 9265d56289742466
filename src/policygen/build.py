"""One questionnaire -> its documents on disk, written atomically.

Everything is rendered in memory first; only when every output of a questionnaire exists as bytes
are they written, each to a temporary file in the target folder and then renamed over the old one.
A failed build therefore never leaves a half-written or missing file behind.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from policygen.errors import OutputError, Problem, StrictModeError
from policygen.manifest import MANIFEST_NAME, Manifest, read_manifest, source_key
from policygen.questionnaire import LoadedQuestionnaire, load
from policygen.render import DOCUMENTS, Facts, build_facts, page_meta, render_markdown, render_page
from policygen.render.branding import read_branding
from policygen.render.clauses import inspect_questionnaire, read_customisation
from policygen.render.customisation import Adaptations

FORMATS = ("md", "html", "pdf")


@dataclass(frozen=True)
class BuildOptions:
    """How to build: which formats, chapter mode, PDF variant, strictness."""

    formats: tuple[str, ...] = FORMATS
    as_chapter: bool | None = None
    pdf_variant: str | None = None
    strict: bool = False


@dataclass
class BuildResult:
    """What one questionnaire produced."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def slugify(text: str, fallback: str = "policy") -> str:
    """A file-name-safe slug: ASCII letters, digits and hyphens only, never a path."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].strip("-") or fallback


def _version_slug(version: str) -> str:
    """``1.2`` stays ``1.2``; anything else becomes hyphens; dots never lead or repeat."""
    ascii_text = unicodedata.normalize("NFKD", version).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9.]+", "-", ascii_text.lower())
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


def render_outputs(
    loaded: LoadedQuestionnaire, options: BuildOptions, adaptations: Adaptations | None = None
) -> tuple[dict[str, bytes], list[Problem]]:
    """All outputs of one questionnaire as ``{file name: bytes}``, plus rendering warnings."""
    q = loaded.questionnaire
    outputs: dict[str, bytes] = {}
    warnings: list[Problem] = []
    if adaptations is None:
        adaptations = read_customisation(loaded)
    # One set of facts serves both documents and the file names: it is the same questionnaire.
    facts = build_facts(q, as_chapter=options.as_chapter, adaptations=adaptations)
    style = read_branding(loaded) if "html" in options.formats or "pdf" in options.formats else None
    stems = output_stems(loaded, facts)
    for kind in DOCUMENTS:
        stem = stems[kind.key]
        markdown_text = render_markdown(q, kind, facts=facts)
        if "md" in options.formats:
            outputs[f"{stem}.md"] = markdown_text.encode("utf-8")
        if "html" in options.formats or "pdf" in options.formats:
            page = render_page(markdown_text, page_meta(q, kind, facts=facts, style=style))
            if "html" in options.formats:
                outputs[f"{stem}.html"] = page.encode("utf-8")
            if "pdf" in options.formats:
                from policygen.render.pdf import html_to_pdf  # WeasyPrint only when a PDF is wanted

                pdf, messages = html_to_pdf(page, variant=options.pdf_variant)
                outputs[f"{stem}.pdf"] = pdf
                warnings += [
                    Problem(loaded.source.file, None, None, "pdf", f"WeasyPrint: {message}")
                    for message in messages
                ]
    return outputs, warnings


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """A build killed mid-write (SIGKILL, power cut) leaves its hidden temporary file behind."""
    for stale in folder.glob(f".{glob.escape(name)}.*.tmp"):
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
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
    """Each questionnaire's outputs go to their own subfolder, named after its file."""
    return out / slugify(source.stem, fallback="questionnaire")


def check_unique_folders(sources: Sequence[Path], out: Path) -> None:
    """Two questionnaires with the same file name would overwrite each other's outputs."""
    seen: dict[Path, Path] = {}
    for source in sources:
        folder = output_folder(source, out)
        if folder in seen and seen[folder].resolve() != source.resolve():
            raise OutputError(
                f"{seen[folder]} and {source} would both write to {folder}; rename one of them"
            )
        seen[folder] = source


def render_file(source: Path, options: BuildOptions) -> tuple[dict[str, bytes], list[Problem]]:
    """Load, check and render one questionnaire in memory; ``--strict`` turns warnings into errors."""
    loaded = load(source)
    adaptations, warnings = inspect_questionnaire(loaded)
    files, render_warnings = render_outputs(loaded, options, adaptations)
    warnings += render_warnings
    if options.strict and warnings:
        raise StrictModeError(
            "\n".join(str(w) for w in warnings)
            + f"\n{source}: {len(warnings)} warning(s) and --strict is on; nothing was written"
        )
    return files, warnings


def write_outputs(folder: Path, files: dict[str, bytes], manifest: Manifest) -> list[Path]:
    """Write the outputs and, last, their manifest; then remove outputs of the last build that
    this one no longer makes (a new title or version renames the files)."""
    previous = read_manifest(folder)
    written = write_files(folder, {**files, MANIFEST_NAME: manifest.to_bytes()})
    for name in sorted(set(previous.outputs) - set(files) if previous else ()):
        obsolete = folder / name
        if obsolete.parent == folder and obsolete.is_file():
            obsolete.unlink()
    return [path for path in written if path.name != MANIFEST_NAME]


def build_file(source: Path, out: Path, options: BuildOptions) -> BuildResult:
    """Load, check, render and write one questionnaire, with its manifest."""
    key = source_key(source, options)  # before rendering: a later edit then never looks built
    files, warnings = render_file(source, options)
    folder = output_folder(source, out)
    outputs = write_outputs(folder, files, Manifest.of(key or "", files, warnings))
    return BuildResult(source=source, outputs=outputs, warnings=warnings)
