"""Check that other people's tools accept policygen's output (run by ``make check-output``).

Builds every example into a temporary folder (standalone with all formats, the PDF variants, and
as a chapter), then runs:

- the W3C Nu HTML checker (``vnu.jar`` from the npm package ``vnu-jar``, run with ``java``) on
  every HTML file: no errors allowed;
- markdownlint-cli2 (npm) on every Markdown file, with ``tools/.markdownlint-cli2.jsonc``;
- pandoc reading every Markdown file: no warnings, the same headings (id and text) and the same
  words as the HTML policygen renders;
- ``qpdf --check`` on every PDF: no errors and no warnings;
- LibreOffice (``soffice --headless --convert-to pdf``) on every DOCX: each converts, and the
  PDF it makes passes ``qpdf --check`` and shows the document's first heading.

Needs on PATH: ``java``, ``pandoc``, ``qpdf``, ``soffice`` and ``pdftotext`` (Debian:
libreoffice-writer-nogui, poppler-utils); npm tools are installed in ``tools/node_modules``
by the make target. Exit status 0 when every check passes, 1 otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "tools"
VNU_JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MARKDOWNLINT = TOOLS / "node_modules" / ".bin" / "markdownlint-cli2"
MARKDOWNLINT_CONFIG = TOOLS / ".markdownlint-cli2.jsonc"
POLICYGEN = Path(sys.executable).parent / "policygen"
# Pandoc's Markdown minus what Python-Markdown does not do, so both read the same text.
SKIPPED_TAGS = frozenset({"nav", "style", "title", "head"})
# Pandoc's Markdown minus what Python-Markdown does not do, so both read the same text.
PANDOC_FORMAT = "markdown-smart-auto_identifiers-implicit_figures-subscript-superscript"


class _Text(HTMLParser):
    """Headings (id, text) and all words of the document body, skipping the page furniture."""

    def __init__(self, *, include_header_title_only: bool) -> None:
        super().__init__()
        self.title_only = include_header_title_only
        self.headings: list[tuple[str, str]] = []
        self._chunks: list[str] = []
        self._skip = 0
        self._in_header = False
        self._heading: tuple[str, list[str]] | None = None
        self._in_header_h1 = False

    @property
    def words(self) -> list[str]:
        """Words as a reader sees them: a tag separates words, a comment does not (policygen's
        Markdown puts one inside an e-mail address so that GitHub does not link it)."""
        return "".join(self._chunks).split()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._chunks.append(" ")
        if tag in SKIPPED_TAGS:
            self._skip += 1
        elif tag == "header":
            self._in_header = True
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and not self._skip:
            self._heading = (dict(attrs).get("id") or "", [])
            self._in_header_h1 = self._in_header

    def handle_endtag(self, tag: str) -> None:
        self._chunks.append(" ")
        if tag in SKIPPED_TAGS:
            self._skip -= 1
        elif tag == "header":
            self._in_header = False
        elif self._heading is not None and tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append((self._heading[0], " ".join(" ".join(self._heading[1]).split())))
            self._heading = None
            self._in_header_h1 = False

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_header and self.title_only and not self._in_header_h1:
            return
        if self._heading is not None:
            self._heading[1].append(data)
        self._chunks.append(data)


def _read_html(html: str, *, title_only: bool) -> _Text:
    parser = _Text(include_header_title_only=title_only)
    parser.feed(html)
    return parser


def _run(command: Sequence[str | Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=False
    )


def build_examples(out: Path) -> None:
    """Every example: all formats; the PDF variants; Markdown and HTML as a chapter."""
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    if not examples:
        raise SystemExit("no examples in examples/")
    builds: list[list[str | Path]] = [
        ["--out", out / "standalone", "--standalone", "--format", "md,html,pdf,docx"],
        ["--out", out / "pdf-ua-1", "--format", "pdf", "--pdf-variant", "pdf/ua-1"],
        ["--out", out / "pdf-a-3b", "--format", "pdf", "--pdf-variant", "pdf/a-3b"],
        ["--out", out / "chapter", "--format", "md,html,docx", "--as-chapter"],
    ]
    for options in builds:
        result = _run([POLICYGEN, "build", *examples, *options])
        if result.returncode != 0 or result.stderr.strip():
            print(result.stdout + result.stderr)
            raise SystemExit(f"policygen build {' '.join(map(str, options))} failed or warned")


def check_html(files: list[Path]) -> list[str]:
    """The Nu HTML checker: errors fail, warnings are shown."""
    result = _run(["java", "-jar", VNU_JAR, "--format", "gnu", "--also-check-css", *files])
    if result.stderr.strip():
        print(result.stderr.strip())
    return [f"vnu: {len(result.stderr.splitlines())} message(s)"] if result.returncode else []


def check_markdownlint(files: list[Path]) -> list[str]:
    result = _run([MARKDOWNLINT, "--config", MARKDOWNLINT_CONFIG, *files])
    if result.returncode:
        print(result.stdout + result.stderr)
        return ["markdownlint-cli2 found problems"]
    return []


def check_pandoc(markdown_file: Path) -> list[str]:
    """Pandoc reads the file without warnings, with our heading ids and texts, and our words."""
    result = _run(
        [
            "pandoc",
            "--fail-if-warnings",
            "-f",
            PANDOC_FORMAT,
            "-t",
            "html",
            markdown_file,
        ]
    )
    if result.returncode or result.stderr.strip():
        return [f"pandoc {markdown_file}: {result.stderr.strip() or result.returncode}"]
    theirs = _read_html(result.stdout, title_only=False)
    ours = _read_html(
        markdown_file.with_suffix(".html").read_text(encoding="utf-8"), title_only=True
    )
    problems = []
    if theirs.headings != ours.headings:
        differing = [
            f"  pandoc {a} / policygen {b}"
            for a, b in zip(theirs.headings, ours.headings, strict=False)
            if a != b
        ]
        problems.append(
            f"pandoc {markdown_file.name}: other headings:\n" + "\n".join(differing[:5])
        )
    if theirs.words != ours.words:
        first = next(
            (i for i, (a, b) in enumerate(zip(theirs.words, ours.words, strict=False)) if a != b),
            min(len(theirs.words), len(ours.words)),
        )
        problems.append(
            f"pandoc {markdown_file.name}: text differs at word {first}: "
            f"pandoc {' '.join(theirs.words[first : first + 8])!r} / "
            f"policygen {' '.join(ours.words[first : first + 8])!r}"
        )
    return problems


def check_pdf(pdf: Path) -> list[str]:
    result = _run(["qpdf", "--check", pdf])
    if result.returncode:  # 2: errors, 3: warnings
        return [f"qpdf {pdf}: {(result.stdout + result.stderr).strip()}"]
    return []


def check_docx(files: list[Path], work: Path) -> list[str]:
    """LibreOffice converts every DOCX to a PDF that qpdf accepts and that shows the first
    heading of the Markdown beside it (the title standalone, the chapter heading otherwise)."""
    problems = []
    for folder in sorted({docx.parent for docx in files}):  # one call per folder: same names
        converted = work / "libreoffice" / folder.relative_to(work)
        result = _run(
            [
                "soffice",
                f"-env:UserInstallation={(work / 'lo-profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                converted,
                *[docx for docx in files if docx.parent == folder],
            ]
        )
        if result.returncode:
            problems.append(f"soffice {folder.name}: {result.stderr.strip()[:200]}")
    for docx in files:
        pdf = work / "libreoffice" / docx.relative_to(work).with_suffix(".pdf")
        if not pdf.exists():
            problems.append(f"soffice {docx}: no PDF")
            continue
        problems += check_pdf(pdf)
        heading = next(
            line.lstrip("#").strip().split(" {#")[0].replace("\\", "")
            for line in docx.with_suffix(".md").read_text(encoding="utf-8").splitlines()
            if line.startswith("#")
        )
        text = " ".join(_run(["pdftotext", pdf, "-"]).stdout.split())
        if heading not in text:
            problems.append(f"soffice {docx.name}: the PDF does not show {heading!r}")
    return problems


def main() -> int:
    missing = [
        tool
        for tool in ("java", "pandoc", "qpdf", "soffice", "pdftotext")
        if not shutil.which(tool)
    ]
    missing += [str(path) for path in (VNU_JAR, MARKDOWNLINT) if not path.exists()]
    if missing:
        print(
            "missing: " + ", ".join(missing) + " (apt-get install default-jre pandoc qpdf"
            " libreoffice-writer-nogui poppler-utils;"
        )
        print("         npm tools: make check-output installs them into tools/node_modules)")
        return 1
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    with tempfile.TemporaryDirectory(prefix="policygen-check-") as folder:
        out = Path(folder)
        build_examples(out)
        html = sorted(out.rglob("*.html"))
        markdown = sorted(out.rglob("*.md"))
        pdfs = sorted(out.rglob("*.pdf"))
        docx = sorted(out.rglob("*.docx"))
        problems = check_html(html) + check_markdownlint(markdown) + check_docx(docx, out)
        for markdown_file in markdown:
            problems += check_pandoc(markdown_file)
        for pdf in pdfs:
            problems += check_pdf(pdf)
        print(
            f"checked {len(html)} HTML, {len(markdown)} Markdown, {len(pdfs)} PDF"
            f" and {len(docx)} DOCX files"
        )
    for problem in problems:
        print("FAIL " + problem)
    if not problems:
        print("all accepted by vnu, markdownlint-cli2, pandoc, qpdf and LibreOffice")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
