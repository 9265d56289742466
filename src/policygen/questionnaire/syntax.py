"""YAML syntax errors as sentences that name the field and show the corrected line.

PyYAML says ``found character '@' that cannot start any token``; a person needs to read
``accounts.managed[0].handle: a value that starts with @ must be in quotes; write
`handle: "@acme"```. Each class of error PyYAML raises is recognised by its problem text; the
field is found from the indentation of the lines above, and the corrected line is built from the
offending line itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from policygen.errors import Problem

_KEY_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[^\s:#'\"][^:#]*?)\s*:(?:\s+(?P<value>.*))?$"
)
MAX_KEY_LENGTH = 1024
"""PyYAML's limit for a plain key; a longer one is reported as a missing colon."""


@dataclass(frozen=True)
class _Line:
    """One line of the file, split into its key and value where it has them."""

    number: int  # 1-based
    text: str
    indent: int
    key: str | None
    value: str | None
    item: bool


def _split(lines: list[str], number: int) -> _Line:
    text = lines[number - 1] if 0 < number <= len(lines) else ""
    match = _KEY_LINE.match(text)
    indent = len(text) - len(text.lstrip())
    if "\t" in text[:indent]:
        indent = _tab_indent(lines, number)
    if match is None:
        return _Line(number, text, indent, None, None, text.lstrip().startswith("- "))
    return _Line(number, text, indent, match["key"], match["value"], match["dash"] is not None)


def _tab_indent(lines: list[str], number: int) -> int:
    """A line indented with a tab belongs where the line above leads: inside a section it opens."""
    for above in range(number - 1, 0, -1):
        text = lines[above - 1]
        if text.strip() and "\t" not in text[: len(text) - len(text.lstrip())]:
            opens = text.rstrip().endswith(":")
            return len(text) - len(text.lstrip()) + (2 if opens else 0)
    return 0


def _field_path(lines: list[str], number: int) -> str:
    """``organisation.contact.role`` for a line, from the keys of the less indented lines above."""
    line = _split(lines, number)
    if line.key is None:
        return ""
    path, indent = [line.key], line.indent
    for above in range(number - 1, 0, -1):
        candidate = _split(lines, above)
        if candidate.key is None or not candidate.text.strip() or candidate.indent >= indent:
            continue
        if candidate.value in (None, ""):
            path.insert(0, candidate.key)
        indent = candidate.indent
        if indent == 0:
            break
    return ".".join(path)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quoted_line(line: _Line) -> str:
    """The line with its value in double quotes: ``handle: "@acme"``."""
    value = (line.value or "").strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    dash = "- " if line.item else ""
    return f"`{dash}{line.key}: {_quoted(value)}`"


def _first_unclosed_quote(lines: list[str], upto: int) -> _Line | None:
    """The first line up to ``upto`` whose value opens a quote it does not close."""
    for number in range(1, min(upto, len(lines)) + 1):
        line = _split(lines, number)
        value = (line.value or "").strip()
        if value[:1] in ("'", '"'):
            closing = value.rfind(value[0])
            if closing == 0 or (value[0] == '"' and value[closing - 1] == "\\"):
                return line
    return None


def _explain(problem: str, context: str, line: _Line, lines: list[str]) -> tuple[str, _Line]:
    """The sentence for one PyYAML problem, and the line it is really about."""
    if "\\t" in problem or "tab character" in problem:
        fixed = " " * line.indent + line.text.lstrip()
        return f"indent with spaces, not tabs: `{fixed}`", line
    if match := re.search(r"found character '(.)' that cannot start any token", problem):
        character = match.group(1)
        if line.key is not None:
            return (
                f"a value that starts with {character} must be in quotes; write {_quoted_line(line)}",
                line,
            )
        return f"a line cannot start with {character}; put the text in quotes", line
    if "found unknown escape character" in problem:
        single = f"'{(line.value or '').strip().strip(chr(34))}'"
        return (
            "inside double quotes a backslash starts an escape; write \\\\ for a backslash, or use "
            f"single quotes: `{line.key}: {single}`",
            line,
        )
    if "while scanning a quoted scalar" in context or "found unexpected end of stream" in problem:
        opened = _first_unclosed_quote(lines, line.number) or line
        return "this quote is never closed; end the text with the same quote", opened
    unclosed = _first_unclosed_quote(lines, line.number)
    if unclosed is not None and unclosed.number < line.number:
        value = (unclosed.value or "").strip()
        return (
            f"the quote opened here is not closed on this line; write `{unclosed.key}: "
            f"{value}{value[0]}`",
            unclosed,
        )
    if "while scanning an alias" in context or "while scanning an anchor" in context:
        sign = "*" if "alias" in context else "&"
        return (
            f"a value that starts with {sign} must be in quotes; write {_quoted_line(line)}",
            line,
        )
    if "mapping values are not allowed here" in problem:
        if line.value and re.search(r":(\s|$)", line.value):
            return (
                "the text contains ': ', which YAML reads as a new key; put the text in quotes: "
                f"{_quoted_line(line)}",
                line,
            )
        return (
            "this line is indented further than the field above it; line it up with the "
            "other fields of its section",
            line,
        )
    if "could not find expected ':'" in problem:
        if len(line.text.strip()) > MAX_KEY_LENGTH:
            return (
                f"this line is over {MAX_KEY_LENGTH} characters without a `key:`; keys are field names like `name:`",
                line,
            )
        return (
            "this line has no `key: value`; add the colon after the field name, or join it to the line above",
            line,
        )
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        bracket = "]" if "]" in problem else "}"
        return (
            f"a list or section in brackets is not closed; end it with {bracket}, or write one "
            "item per line starting with `- `",
            line,
        )
    if "did not find expected key" in problem or "did not find expected '-' indicator" in problem:
        return (
            "this line does not line up with the lines above it, or text follows a closing "
            "quote; put the whole value inside the quotes and indent fields of one section alike",
            line,
        )
    if "expected <block end>" in problem or "expected <block mapping start>" in problem:
        return (
            "this line does not line up with the lines above it; indent every field of a "
            "section by the same number of spaces",
            line,
        )
    if "found undefined tag handle" in problem or "while scanning a tag" in context:
        return "tags (!…) are not allowed; remove the tag, or put the value in quotes", line
    if "while scanning a directive" in context:
        return "a line cannot start with %; put the text in quotes", line
    if "expected a single document" in context or "<document start>" in problem:
        return (
            "the file holds more than one document (a line `---` or `...`); keep one "
            "questionnaire per file",
            line,
        )
    if "found unhashable key" in problem:
        return "a key must be a plain name, like `name:`", line
    return (
        "YAML cannot read this line; check its quotes, colons and indentation against the "
        "lines around it",
        line,
    )


def syntax_problem(path: Path | None, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """A PyYAML error as a located sentence with the fix."""
    mark = error.problem_mark
    lines = text.split("\n")
    number = text.count("\n", 0, mark.index) + 1 if mark is not None else 0
    column = mark.index - (text.rfind("\n", 0, mark.index) + 1) + 1 if mark is not None else None
    message, about = _explain(
        str(error.problem or ""), str(error.context or ""), _split(lines, number), lines
    )
    if about.number != number:
        number, column = about.number, about.indent + 1
    return Problem(
        file=path,
        line=number or None,
        column=column,
        field=_field_path(lines, number) if number else "",
        message=message,
    )
