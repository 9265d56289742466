"""Read a questionnaire file safely and validate it, reporting every problem with its line.

The YAML is composed into nodes first (so every value keeps its line and column), checked for
what a questionnaire never needs (anchors, aliases, duplicate keys, deep nesting, huge files),
then validated by the pydantic model. Pydantic's error locations are mapped back to lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError
from yaml._yaml import CParser

from policygen.errors import Problem, QuestionnaireError
from policygen.questionnaire.messages import file_message, reason
from policygen.questionnaire.model import Questionnaire
from policygen.questionnaire.numbers import WrittenFloat, yaml_int
from policygen.questionnaire.syntax import syntax_problem
from policygen.reading import UnreadableError, read_bounded

MAX_FILE_BYTES = 256 * 1024
"""30 times the largest example; the largest file within the limits still builds a PDF of ~110 pages."""
_LIMIT = f"{MAX_FILE_BYTES // 1024} KiB"
MAX_DEPTH = 20
MAX_NODES = 10_000
"""Keys and values in one file; the largest questionnaire the model allows has about 3,400."""

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in the source file."""

    line: int
    column: int


@dataclass(frozen=True)
class SourceMap:
    """Where each value of the questionnaire stands in its file, by field path."""

    file: Path | None
    marks: dict[Location, Mark]
    scalars: dict[Location, str]

    def mark(self, location: Location) -> Mark | None:
        """The mark of the nearest enclosing value that has one."""
        for end in range(len(location), -1, -1):
            found = self.marks.get(location[:end])
            if found is not None:
                return found
        return None

    def location_at(self, line: int, column: int) -> Location:
        """The field whose key or item comes last before ``line:column`` on that line."""
        before = [
            (location, mark)
            for location, mark in self.marks.items()
            if mark.line == line and mark.column <= column
        ]
        if not before:
            return ()
        return max(before, key=lambda found: (found[1].column, len(found[0])))[0]

    def problem(self, location: Location, message: str) -> Problem:
        mark = self.mark(location)
        return Problem(
            file=self.file,
            line=mark.line if mark else None,
            column=mark.column if mark else None,
            field=format_location(location),
            message=message,
        )


@dataclass(frozen=True)
class LoadedQuestionnaire:
    """A valid questionnaire with the map back to its source, for warnings with line numbers."""

    questionnaire: Questionnaire
    source: SourceMap


def format_location(location: Location) -> str:
    """``("accounts", "register", 0, "handle")`` -> ``accounts.register[0].handle``."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _Refused(yaml.MarkedYAMLError):
    """Valid YAML that a questionnaire never needs (anchors, aliases, very deep nesting)."""


class _Strict:
    """Refuses anchors, aliases, duplicate keys and very deep nesting while composing.

    Questionnaires never need anchors; refusing them removes "billion laughs" expansion at its root.
    Nesting stops at twice ``MAX_DEPTH`` while composing, because PyYAML's scanner is quadratic in
    the nesting depth: a 1 MiB file of many 300-deep lists took minutes. Depths between the two
    limits still reach ``_walk``, which names the field. ``MAX_NODES`` stops a file of a million
    tiny values (a minute of pure-Python parsing) after a fraction of a second.
    """

    _depth = 0
    _nodes = 0

    if TYPE_CHECKING:  # given by the parser each loader mixes this into

        def check_event(self, *choices: Any) -> bool: ...
        def peek_event(self) -> Any: ...

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(
                None,
                None,
                "aliases (*name) are not allowed; write the value out in full, and put text "
                'that starts with * in quotes: "*text*"',
                event.start_mark,
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _Refused(
                None,
                None,
                "anchors (&name) are not allowed; write each value out in full, and put text "
                'that starts with & in quotes: "& Co"',
                event.start_mark,
            )
        if self._depth > 2 * MAX_DEPTH:
            raise _Refused(
                None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            message = f"more than {MAX_NODES:,} keys and values; a questionnaire needs far fewer"
            raise _Refused(None, None, message, event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[misc, no-any-return]
        finally:
            self._depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Values PyYAML cannot build (2027-02-30, a 5,000-digit number) become located errors."""
        try:
            return super().construct_object(node, deep)  # type: ignore[misc]
        except ValueError:
            shown = str(node.value)[:40]
            if node.tag == "tag:yaml.org,2002:timestamp":
                message = f"{shown} does not exist; write an existing date as YYYY-MM-DD"
            else:
                message = (
                    f"the number {shown}… has {len(str(node.value)):,} digits; write a shorter one"
                )
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from None


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """Integers remember a spelling in another base (``012``, ``0x1F40``, ``1:30``) to refuse it."""
    return yaml_int(node.value, loader.construct_yaml_int(node))


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    """Floats remember how they were written: ``4.500`` is 4.5 to YAML but 4500 to a Dutch writer."""
    return WrittenFloat(loader.construct_yaml_float(node), node.value)


class _StrictLoader(_Strict, yaml.SafeLoader):
    """PyYAML's pure-Python parser: its error messages are the ones ``syntax.py`` explains."""


class _FastStrictLoader(
    _Strict,
    yaml.composer.Composer,
    CParser,
    yaml.constructor.SafeConstructor,
    yaml.resolver.Resolver,
):
    """libyaml's scanner and parser under the same checks: ten times faster on a valid file.
    Any problem sends the file to ``_StrictLoader``, whose messages the user is shown."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


for _loader in (_StrictLoader, _FastStrictLoader):
    _loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    _loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def _read_text(path: Path) -> str:
    """Read at most the size limit, and only from a regular file: a questionnaire that is a
    symlink to ``/dev/zero`` or a named pipe would otherwise fill memory or wait forever."""
    try:
        data = read_bounded(path, MAX_FILE_BYTES, kind="questionnaire file")
    except UnreadableError as error:
        raise _single(path, error.reason) from None
    return decode(data, path)


def decode(data: bytes, path: Path | None) -> str:
    """Questionnaires are UTF-8 (a BOM is tolerated); anything else gets a clear message."""
    if len(data) > MAX_FILE_BYTES:
        raise _single(
            path, f"the file is {len(data):,} bytes; a questionnaire file may be at most {_LIMIT}"
        )
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise _single(path, "the file is UTF-32; save it as UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _single(path, "the file is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        raise _single(path, "the file contains NUL bytes; it is not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise QuestionnaireError(
            [Problem(path, line, None, "", "the file is not valid UTF-8; save it as UTF-8")]
        ) from None


def _single(path: Path | None, message: str) -> QuestionnaireError:
    return QuestionnaireError([Problem(path, None, None, "", message)])


_LINE_BREAKS = {"\u0085": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def _at(path: Path | None, text: str, position: int, message: str) -> Problem:
    """A problem at a character position, with lines counted at ``\\n`` only (as editors do)."""
    line_start = text.rfind("\n", 0, position) + 1
    line = text.count("\n", 0, position) + 1
    return Problem(path, line, position - line_start + 1, "", message)


def _invisible_line_break(path: Path | None, text: str) -> Problem | None:
    """YAML ends a line at U+0085, U+2028 and U+2029, so a comment's rest would become content."""
    for position, character in enumerate(text):
        if character in _LINE_BREAKS:
            message = (
                f"the file contains the invisible line-break character U+{ord(character):04X} "
                f"({_LINE_BREAKS[character]}), which YAML reads as a new line; remove it or "
                "use an ordinary line break"
            )
            return _at(path, text, position, message)
    return None


def _structure_problem(path: Path | None, text: str, error: yaml.YAMLError) -> Problem:
    """Anchors, aliases and nesting refused while composing; a syntax error otherwise."""
    if isinstance(error, yaml.MarkedYAMLError) and not isinstance(error, _Refused):
        return syntax_problem(path, text, error)
    mark = getattr(error, "problem_mark", None)
    if not isinstance(error, _Refused) or mark is None:
        message = "YAML cannot read this file; check its quotes and indentation"
        return Problem(path, None, None, "", message)
    return _at(path, text, mark.index, str(error.problem))


def _unprintable_problem(path: Path | None, text: str, error: yaml.reader.ReaderError) -> Problem:
    """PyYAML refuses control characters in the file itself; say where the character is."""
    message = f"the file contains the control character U+{int(error.character):04X}; remove it"
    return _at(path, text, int(error.position), message)


def _value_problem(source: SourceMap, error: yaml.MarkedYAMLError) -> Problem:
    """A value YAML could not build (a wrong date, an unknown tag), with its line and field."""
    mark = error.problem_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return Problem(
        file=source.file,
        line=line,
        column=column,
        field=format_location(source.location_at(line, column)) if line and column else "",
        message=_constructor_message(str(error.problem)),
    )


def _constructor_message(problem: str) -> str:
    """PyYAML's constructor wording for tags replaced by what to do; our own messages pass."""
    if tag := re.search(r"could not determine a constructor for the tag '([^']*)'", problem):
        return (
            f"the tag '{tag.group(1)}' is not allowed: a questionnaire holds plain text, numbers "
            "and dates; remove the tag, or put the value in quotes"
        )
    if "unhashable key" in problem:
        return "a key must be a plain name, like `name:`"
    return problem


_UNORDERED_OR_PAIRED = {
    "tag:yaml.org,2002:set",
    "tag:yaml.org,2002:omap",
    "tag:yaml.org,2002:pairs",
}
"""Refused rather than ordered: a set's order would follow PYTHONHASHSEED, and none is needed."""


def _walk(
    node: yaml.Node, location: Location, depth: int, source: SourceMap, problems: list[Problem]
) -> None:
    """Record marks; find duplicate keys, non-string keys and excessive depth."""
    if depth > MAX_DEPTH:
        problems.append(source.problem(location, f"nested more than {MAX_DEPTH} levels deep"))
        return
    source.marks.setdefault(location, Mark(node.start_mark.line + 1, node.start_mark.column + 1))
    if node.tag in _UNORDERED_OR_PAIRED:
        problems.append(
            source.problem(
                location,
                f"a YAML {node.tag.rsplit(':', 1)[-1]} ({node.tag.replace('tag:yaml.org,2002:', '!!')}) is "
                "not allowed: its order is not kept; write a list with one `- item` per line",
            )
        )
        return
    if isinstance(node, yaml.ScalarNode):
        source.scalars[location] = node.value
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*location, index), depth + 1, source, problems)
    elif isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                key_text = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                problems.append(
                    Problem(
                        source.file,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        format_location(location),
                        f"the key {key_text!r} must be a plain name (quote it if you must)",
                    )
                )
                continue
            key = key_node.value
            if key in seen:
                problems.append(
                    Problem(
                        source.file,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        format_location((*location, key)),
                        f"the key '{key}' appears twice; keep one",
                    )
                )
                continue
            seen.add(key)
            # Point at the key: its line is where a reader looks, also for block values below it.
            source.marks[(*location, key)] = Mark(
                key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            _walk(value_node, (*location, key), depth + 1, source, problems)


def parse_yaml(text: str, path: Path | None) -> tuple[Any, SourceMap]:
    """YAML text -> plain Python data and its source map; raises QuestionnaireError.

    libyaml reads a valid file; a file it refuses, or that fails a check, is read again by the
    pure-Python parser, so that every problem is reported as PyYAML words it (``syntax.py``).
    """
    invisible = _invisible_line_break(path, text)
    if invisible is not None:
        raise QuestionnaireError([invisible])
    try:
        return _parse_with(_FastStrictLoader, text, path)
    except (QuestionnaireError, UnicodeError):
        return _parse_with(_StrictLoader, text, path)


def _parse_with(
    loader_class: type[_StrictLoader | _FastStrictLoader], text: str, path: Path | None
) -> tuple[Any, SourceMap]:
    source = SourceMap(file=path, marks={}, scalars={})
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as error:
        raise QuestionnaireError([_unprintable_problem(path, text, error)]) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as error:
            raise QuestionnaireError([_structure_problem(path, text, error)]) from None
        if node is None:
            raise _single(path, "the file is empty; start from `policygen init` or an example")
        problems: list[Problem] = []
        _walk(node, (), 0, source, problems)
        if problems:
            raise QuestionnaireError(problems)
        if not isinstance(node, yaml.MappingNode):
            raise QuestionnaireError(
                [
                    source.problem(
                        (),
                        "the top level must be a mapping of sections (organisation:, document:, …)",
                    )
                ]
            )
        try:
            data = loader.construct_document(node)
        except yaml.MarkedYAMLError as error:
            raise QuestionnaireError([_value_problem(source, error)]) from None
    finally:
        loader.dispose()
    return data, source


def validate_data(data: Any, source: SourceMap) -> Questionnaire:
    """Plain data -> Questionnaire, with every problem mapped to its line."""
    try:
        return Questionnaire.model_validate(data)
    except ValidationError as error:
        problems = [
            source.problem(
                tuple(detail["loc"]),
                file_message(reason(detail, source.scalars.get(tuple(detail["loc"])))),
            )
            for detail in error.errors(include_url=False)
        ]
        raise QuestionnaireError(problems) from None


def load_text(text: str, path: Path | None = None) -> LoadedQuestionnaire:
    """Validate questionnaire YAML given as text (the wizard and tests use this)."""
    data, source = parse_yaml(text, path)
    return LoadedQuestionnaire(validate_data(data, source), source)


@dataclass(frozen=True)
class ParsedFile:
    """A questionnaire file read within the limits and parsed, not yet validated."""

    text: str
    data: Any
    source: SourceMap


def parse_file(path: Path) -> ParsedFile:
    """Read one file within the limits and parse its YAML (``init --answers`` and ``--update``)."""
    text = _read_text(path)
    data, source = parse_yaml(text, path)
    return ParsedFile(text, data, source)


def load(path: Path) -> LoadedQuestionnaire:
    """Read and validate one questionnaire file."""
    return load_text(_read_text(path), path)
