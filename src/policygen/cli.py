"""The command line: parses options, calls the library, maps errors to exit codes.

Exit codes: 0 success, 1 invalid input or failed build, 2 wrong usage (typer/click's own code).
Errors are printed once, here, as sentences naming file, line and field; never as a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from policygen import __version__
from policygen.errors import PolicygenError
from policygen.formats import DEFAULT_FORMATS, FORMATS

if TYPE_CHECKING:
    from policygen.options import BuildOptions

app = typer.Typer(
    name="policygen",
    help="Write an organisation's social media policy from a YAML questionnaire.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
)


def _fail(error: PolicygenError) -> NoReturn:
    typer.echo(f"error: {error}" if "\n" not in str(error) else str(error), err=True)
    raise typer.Exit(code=1)


def _warn(message: object) -> None:
    typer.echo(f"warning: {message}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"policygen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Write an organisation's social media policy from a YAML questionnaire."""


def _parse_formats(text: str) -> tuple[str, ...]:
    formats = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(
            f"choose from {', '.join(FORMATS)} (comma-separated), not {text!r}"
        )
    return formats


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Questionnaire files to check.")],
    *,
    strict: Annotated[
        bool, typer.Option(help="Treat warnings (consistency, sample answers) as errors.")
    ] = False,
) -> None:
    """Check questionnaires: schema errors, consistency warnings and sample answers left in."""
    from policygen.questionnaire import load
    from policygen.render.branding import read_branding
    from policygen.render.clauses import inspect_questionnaire
    from policygen.wizard.samples import sample_answer_warnings

    failed = False
    for path in files:
        try:
            loaded = load(path)
            _, warnings = inspect_questionnaire(loaded)
            read_branding(loaded)
        except PolicygenError as error:
            typer.echo(str(error), err=True)
            failed = True
            continue
        warnings += sample_answer_warnings(loaded)
        for warning in warnings:
            _warn(warning)
        if strict and warnings:
            typer.echo(f"{path}: {len(warnings)} warning(s) and --strict is on", err=True)
            failed = True
        elif not warnings:
            typer.echo(f"{path}: valid")
    if failed:
        raise typer.Exit(code=1)


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
) -> None:
    """Print the questionnaire's JSON Schema (for editor autocompletion)."""
    from policygen.build import write_files
    from policygen.questionnaire.schema import json_schema_text

    text = json_schema_text()
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_files(output.parent, {output.name: text.encode("utf-8")})
    except PolicygenError as error:
        _fail(error)


@app.command()
def build(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Questionnaires: files, folders (every *.yaml and *.yml in them) or globs."
        ),
    ],
    *,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Output folder; each questionnaire gets a subfolder named after its file.",
        ),
    ] = Path("out"),
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"Formats to build, comma-separated: {','.join(FORMATS)} "
            f"(default: {','.join(DEFAULT_FORMATS)}; md,html with --watch).",
        ),
    ] = None,
    as_chapter: Annotated[
        bool | None,
        typer.Option(
            "--as-chapter/--standalone",
            help="Build as a chapter of the communication policy, or standalone (default: the questionnaire's setting).",
        ),
    ] = None,
    pdf_variant: Annotated[
        str | None,
        typer.Option(help="PDF variant: pdf/ua-1 (tagged, accessible) or pdf/a-3b (archiving)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Fail on any warning; nothing is written then.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Documents rendered in parallel (default: the CPUs this process may use).",
        ),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="Seconds one questionnaire may take before it fails (default 120; 0: no limit).",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            help="Write nothing; exit 1 and list every output that is missing or out of date."
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option(help="Rebuild even questionnaires unchanged since their last build.")
    ] = False,
    clean: Annotated[
        bool,
        typer.Option(
            help="Also remove the files earlier builds of these questionnaires made (as listed "
            "in their manifests) that this build does not make; lists each one."
        ),
    ] = False,
    watch: Annotated[
        bool,
        typer.Option(
            help="After building, rebuild a questionnaire whenever it or a file it reads "
            "changes, until Ctrl-C."
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only warnings and errors.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON summary on standard output.")
    ] = False,
) -> None:
    """Build Markdown, HTML, PDF and Word documents from questionnaires; made for CI.

    Questionnaires unchanged since their last build are skipped (see --force). Exit code 0: all
    built or up to date; 1: a questionnaire failed, or --check found an out-of-date output.
    """
    from policygen.batch import build_batch
    from policygen.decide import DEFAULT_TIMEOUT, BatchOptions
    from policygen.inputs import expand_inputs
    from policygen.options import BuildOptions
    from policygen.progress import reporter_for
    from policygen.render.pdf import PDF_VARIANTS
    from policygen.watch import WATCH_FORMATS

    default_formats = WATCH_FORMATS if watch else DEFAULT_FORMATS
    formats = _parse_formats(format) if format is not None else default_formats
    if pdf_variant is not None:
        pdf_variant = pdf_variant.strip().lower()
        if pdf_variant not in PDF_VARIANTS:
            raise typer.BadParameter(
                f"choose {' or '.join(PDF_VARIANTS)} (any case)", param_hint="--pdf-variant"
            )
    options = BuildOptions(
        formats=formats, as_chapter=as_chapter, pdf_variant=pdf_variant, strict=strict
    )
    bound = DEFAULT_TIMEOUT if timeout is None else timeout or None
    if clean and check:
        raise typer.BadParameter(
            "--check writes nothing; run --clean without it", param_hint="--clean"
        )
    if watch and (check or as_json):
        raise typer.BadParameter(
            "--watch keeps building; run --check and --json without it", param_hint="--watch"
        )
    batch = BatchOptions(jobs=jobs, timeout=bound, check=check, force=force, clean=clean)
    if watch:
        _watch(expand_inputs(files), out, options, quiet=quiet)
        return
    interrupted = False
    with reporter_for(quiet=quiet, as_json=as_json) as reporter:
        try:
            reports = build_batch(expand_inputs(files), out, options, batch, reporter)
        except PolicygenError as error:
            _fail(error)
        except KeyboardInterrupt:
            interrupted = True
        else:
            reporter.finish(reports)
    if interrupted:
        typer.echo(
            "Interrupted: workers stopped; finished questionnaires have their new outputs, "
            "the others their old ones.",
            err=True,
        )
        sys.stdout.flush()
        sys.stderr.flush()
        # Every output is already whole (writes are atomic and deferred past Ctrl-C); exit now,
        # so that the process pool's exit hooks cannot keep a stopped build alive.
        os._exit(130)
    if not all(report.ok for report in reports):
        raise typer.Exit(code=1)


def _watch(sources: list[Path], out: Path, options: BuildOptions, *, quiet: bool) -> None:
    """``build --watch``: plain lines (no progress bar between edits); Ctrl-C ends it, exit 0."""
    from policygen.progress import Reporter
    from policygen.watch import watch

    typer.echo("Watching; press Ctrl-C to stop.", err=True)
    try:
        watch(sources, out, options, Reporter(quiet=quiet))
    except PolicygenError as error:
        _fail(error)
    except KeyboardInterrupt:
        typer.echo("Stopped watching.", err=True)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The previous version of the questionnaire.")],
    new: Annotated[Path, typer.Argument(help="The new version of the same questionnaire.")],
    *,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write the 'what changed' document into this folder; without it, print its Markdown.",
        ),
    ] = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=f"Formats to write with --out, comma-separated: {','.join(FORMATS)}.",
        ),
    ] = "md",
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print the changes as JSON (clause ids per kind), for CI."),
    ] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when anything changed, for CI gates.")
    ] = False,
) -> None:
    """Compare two versions of a questionnaire clause by clause: what changed, for employees."""
    import json

    from policygen.build import write_files
    from policygen.diff import diff_files

    formats = _parse_formats(format)
    try:
        comparison, files = diff_files(old, new, formats if out else ("md",))
        if out is not None:
            written = write_files(out, files)
    except PolicygenError as error:
        _fail(error)
    if as_json:
        typer.echo(json.dumps(comparison.to_json(), ensure_ascii=False, indent=2))
    elif out is not None:
        for path in written:
            typer.echo(str(path))
    else:
        sys.stdout.write(next(iter(files.values())).decode("utf-8"))
    if not comparison.has_changes:
        typer.echo("no changes", err=True)
    elif exit_code:
        raise typer.Exit(code=1)


@app.command()
def init(
    file: Annotated[Path, typer.Argument(help="The questionnaire to write.")] = Path("policy.yaml"),
    *,
    defaults: Annotated[
        bool,
        typer.Option(
            "--defaults",
            help="Ask nothing; take every default (sample answers where one is needed).",
        ),
    ] = False,
    answers: Annotated[
        Path | None,
        typer.Option(
            help="Take answers from this YAML file (questionnaire shape); ask only the missing ones."
        ),
    ] = None,
    update: Annotated[
        Path | None,
        typer.Option(
            help="Ask again with this file's answers as defaults; write it back, keeping FILE.bak."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Ask every question; by default only the essential ones, then more detail per section on request.",
        ),
    ] = False,
) -> None:
    """Write a questionnaire by answering questions, in Dutch or English (the wizard)."""
    from policygen import wizard

    if update is not None and answers is not None:
        raise typer.BadParameter("use --update or --answers, not both", param_hint="--update")
    interactive = wizard.stdin_is_terminal()
    if not interactive and not defaults and answers is None:
        hint = "--defaults (keep every answer)" if update else "--defaults or --answers FILE"
        _fail(PolicygenError(f"no terminal to ask questions on; use {hint}"))
    options = wizard.InitOptions(
        target=update or file,
        use_defaults=defaults,
        answers=answers,
        update=update is not None,
        force=force,
        full=full,
    )
    try:
        wizard.run_init(options, wizard.TerminalConversation(), interactive=interactive)
    except PolicygenError as error:
        _fail(error)
    except KeyboardInterrupt:
        typer.echo("\nInterrupted; nothing was written.", err=True)
        raise typer.Exit(code=130) from None
    except EOFError:
        typer.echo("\nEnd of input; nothing was written.", err=True)
        raise typer.Exit(code=1) from None


def main() -> None:
    """Entry point of the ``policygen`` command."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("Interrupted; nothing was written.", err=True)
        sys.exit(130)
