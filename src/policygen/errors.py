"""All exceptions policygen raises on purpose.

Library code raises these and never prints; the CLI catches ``PolicygenError`` in one place and
shows the message once, without a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One finding about a questionnaire: where it is and what to do about it."""

    file: Path | None
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = str(self.file) if self.file else "<questionnaire>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return _printable(f"{where}:{field} {self.message}")


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """Show control characters from a questionnaire as ``\\x1b``: they must not drive the terminal."""
    return _CONTROL_CHARACTERS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def shown(path: Path | str) -> str:
    """A file name as it may be printed: a name from others cannot drive the terminal or start a
    forged line in a CI log."""
    return _printable(str(path))


class PolicygenError(Exception):
    """Base class: a problem the user can fix; its message says how."""


class QuestionnaireError(PolicygenError):
    """The questionnaire cannot be read or is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class RenderError(PolicygenError):
    """A template, Markdown or HTML step failed for a valid questionnaire."""


class PdfError(PolicygenError):
    """WeasyPrint could not produce the PDF."""


class OutputError(PolicygenError):
    """An output file or folder cannot be written."""


class StrictModeError(PolicygenError):
    """Warnings were found and ``--strict`` turns them into a failure."""


class DocumentTimeoutError(PolicygenError):
    """One questionnaire took longer than the per-document time bound (``--timeout``)."""
