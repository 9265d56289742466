"""The organisation's own adaptations of the built-in text: clauses removed, replaced or added.

A clause file is Markdown in the questionnaire's language, optionally opening with a heading
(``## Title``) that becomes the clause's title. It is untrusted: it is read within limits and
only from inside the questionnaire's folder; it may use the documented placeholders
(``{{ organisation_name }}`` …) and no other template syntax; values print escaped, as answers
do; raw HTML shows as text; and it cannot add headings, images or links that leave the policy.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from jinja2 import nodes

from policygen.errors import Problem, QuestionnaireError
from policygen.questionnaire.loader import LoadedQuestionnaire, Location
from policygen.render.environment import escape_markdown
from policygen.render.own_files import Refusal as _Refusal
from policygen.render.own_files import read_own_file

MAX_CLAUSE_BYTES = 64 * 1024
PLACEHOLDERS: dict[str, str] = {
    "organisation_name": "the organisation's name (`organisation.name`)",
    "title": "the policy's title",
    "version": "the policy's version (`document.version`)",
    "effective_date": "the effective date, written out (`document.effective_date`)",
    "next_review_date": "the date of the next review",
    "document_owner": "the policy's owner (`document.owner`)",
    "contact_role": "the contact point for questions, as it reads in a sentence",
    "account_manager": "who manages the organisation's accounts, as it reads in a sentence",
    "spokesperson": "who speaks for the organisation, as it reads in a sentence",
    "service_users": "the people the organisation serves (patients and clients, residents, …)",
}
"""The only names a clause file may print, each with what it stands for."""

_HEADING_LINE = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_NUMBERED_TITLE = re.compile(r"^\d+(\.\d+)*\.?(\s|$)")
_IMAGE = re.compile(r"!\[")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]*)")
_SAFE_TARGET = re.compile(r"^(https?://|mailto:|#[a-z0-9-]+$)", re.IGNORECASE)
_ID_FROM_NAME = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class OwnClause:
    """A clause written by the organisation: its id, its title if it gives one, and its text."""

    id: str
    title: str | None
    body: str
    file: str
    """The path as written in the questionnaire, for messages."""


@dataclass(frozen=True)
class Adaptations:
    """What the organisation changed in the built-in documents."""

    removed: tuple[str, ...] = ()
    replaced: Mapping[str, OwnClause] = field(default_factory=dict)
    added: tuple[tuple[str, OwnClause], ...] = ()
    """Each added clause with the id of the clause it follows."""
    built_in_titles: Mapping[str, str] = field(default_factory=dict)
    """The titles, in the questionnaire's language, of the built-in clauses named above."""

    @property
    def is_empty(self) -> bool:
        return not (self.removed or self.replaced or self.added)

    def own_title(self, clause_id: str) -> str:
        """The title of an added clause (for the plan's list of adaptations)."""
        own = self.own_text(clause_id)
        return (own.title or own.id) if own else clause_id

    def own_text(self, clause_id: str) -> OwnClause | None:
        """The organisation's text for a clause, if it replaced or added it."""
        if clause_id in self.replaced:
            return self.replaced[clause_id]
        return next((own for _, own in self.added if own.id == clause_id), None)


NO_ADAPTATIONS = Adaptations()


def _read_clause_file(folder: Path, written: str) -> str:
    """The file's text, read only from inside the questionnaire's folder and within the limits."""
    data = read_own_file(folder, written, limit=MAX_CLAUSE_BYTES, kind="clause file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _Refusal(
            f"'{written}' line {line} is not valid UTF-8; save the file as UTF-8"
        ) from None


def _check_placeholders(body: str, written: str) -> None:
    """Only ``{{ name }}`` with a documented name: no attributes, calls, filters or tags."""
    env = jinja2.Environment(comment_start_string="{##", comment_end_string="##}")
    try:
        tree = env.parse(body)
    except jinja2.TemplateSyntaxError as error:
        raise _Refusal(f"'{written}' line {error.lineno}: {error.message}") from None
    allowed = ", ".join(f"{{{{ {name} }}}}" for name in PLACEHOLDERS)
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            raise _Refusal(
                f"'{written}' line {node.lineno}: only placeholders are allowed ({allowed})"
            )
        for part in node.nodes:
            if isinstance(part, nodes.TemplateData):
                continue
            if not isinstance(part, nodes.Name) or part.name not in PLACEHOLDERS:
                shown = f"'{part.name}'" if isinstance(part, nodes.Name) else "this expression"
                raise _Refusal(
                    f"'{written}' line {part.lineno}: {shown} is not a placeholder; use one of {allowed}"
                )


def _check_markdown(lines: list[str], written: str, first_line: int) -> None:
    """Refuse what would change the document's structure or reach outside it."""
    for number, (line, previous) in enumerate(zip(lines, ["", *lines], strict=False), first_line):
        where = f"'{written}' line {number}"
        if _HEADING_LINE.match(line):
            raise _Refusal(
                f"{where}: a clause file has one heading, on its first line; "
                "put another section in a clause file of its own (customisation.add)"
            )
        if previous.strip() and _SETEXT_UNDERLINE.match(line):
            raise _Refusal(
                f"{where}: a line of only '=' or '-' turns the line above into a heading"
            )
        if _IMAGE.search(line):
            raise _Refusal(f"{where}: images are not supported in a clause file")
        for inline, defined in _LINK_TARGET.findall(line):
            target = inline or defined
            if not _SAFE_TARGET.match(target):
                raise _Refusal(
                    f"{where}: a link may go to an https://, http:// or mailto: address or to "
                    f"a clause (#clause-id), not to '{target}'"
                )


def parse_clause_file(text: str, written: str, clause_id: str) -> OwnClause:
    """An organisation's clause from its file's text; raises :class:`_Refusal` with the reason."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = None
    first_line = 1
    heading = _HEADING_LINE.match(lines[0]) if lines else None
    if heading:
        title = (heading.group(2) or "").strip()
        if not title:
            raise _Refusal(f"'{written}' line 1: the heading has no title")
        if _NUMBERED_TITLE.match(title):
            raise _Refusal(
                f"'{written}' line 1: leave the number out of the title; policygen numbers headings"
            )
        lines, first_line = lines[1:], 2
    _check_markdown(lines, written, first_line)
    body = "\n".join(lines).strip("\n")
    if not body.strip():
        raise _Refusal(f"'{written}' has no text below its heading")
    _check_placeholders(body, written)
    if title is not None:
        _check_placeholders(title, written)
    return OwnClause(
        id=clause_id,
        title=_literal_parts(title, escape_markdown) if title is not None else None,
        body=_literal_parts(body, _inert),
        file=written,
    )


_PLACEHOLDER = re.compile(r"(\{\{.*?\}\})", re.DOTALL)


def _inert(text: str) -> str:
    """Markdown stays Markdown, but HTML shows as text and ``{…}`` cannot set ids or classes."""
    return text.replace("<", "&lt;").replace("{", "\\{").replace("}", "\\}")


def _literal_parts(source: str, make_safe: Callable[[str], str]) -> str:
    """``source`` with ``make_safe`` applied to everything except its ``{{ placeholders }}``."""
    return "".join(
        part if _PLACEHOLDER.fullmatch(part) else make_safe(part)
        for part in _PLACEHOLDER.split(source)
    )


def id_from_file(written: str) -> str:
    """``clauses/Crisis account 24-7.md`` -> ``crisis-account-24-7``."""
    stem = PurePosixPath(written.replace("\\", "/")).name.split(".")[0]
    return _ID_FROM_NAME.sub("-", stem.lower()).strip("-")


def _did_you_mean(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else "; docs/clauses.md lists the clause ids"


def resolve_customisation(loaded: LoadedQuestionnaire, titles: Mapping[str, str]) -> Adaptations:
    """Check the ``customisation`` section and read its clause files; every problem at once.

    ``titles`` maps every built-in clause id that may be adapted to its title.
    """
    custom = loaded.questionnaire.customisation
    if not (custom.remove or custom.replace or custom.add):
        return NO_ADAPTATIONS
    source = loaded.source
    known_ids = list(titles)
    problems: list[Problem] = []

    def refuse(location: Location, message: str) -> None:
        problems.append(source.problem(("customisation", *location), message))

    if source.file is None:
        refuse((), "clause files are read relative to the questionnaire's file; give a file")
        raise QuestionnaireError(problems)
    folder = source.file.parent

    def own(location: Location, written: str, clause_id: str) -> OwnClause | None:
        try:
            text = _read_clause_file(folder, written)
            return parse_clause_file(text, written, clause_id)
        except _Refusal as refusal:
            refuse(location, str(refusal))
            return None

    def known(location: Location, clause_id: str, extra: list[str]) -> bool:
        if clause_id in known_ids or clause_id in extra:
            return True
        refuse(location, f"unknown clause id '{clause_id}'{_did_you_mean(clause_id, known_ids)}")
        return False

    for index, clause_id in enumerate(custom.remove):
        known(("remove", index), clause_id, [])
    replaced: dict[str, OwnClause] = {}
    for clause_id, written in custom.replace.items():
        if not known(("replace", clause_id), clause_id, []):
            continue
        if clause_id in custom.remove:
            refuse(("replace", clause_id), f"'{clause_id}' is also removed; remove or replace it")
        found = own(("replace", clause_id), written, clause_id)
        if found:
            replaced[clause_id] = found
    added: list[tuple[str, OwnClause]] = []
    added_ids: list[str] = []
    for index, addition in enumerate(custom.add):
        new_id = id_from_file(addition.file)
        if not new_id:
            refuse(("add", index, "file"), f"'{addition.file}': name the file after the clause")
        elif new_id in known_ids or new_id in added_ids:
            refuse(
                ("add", index, "file"),
                f"'{addition.file}' gives the clause id '{new_id}', which is already taken; "
                "rename the file",
            )
        after_known = known(("add", index, "after"), addition.after, added_ids)
        if after_known and addition.after in custom.remove:
            refuse(("add", index, "after"), f"'{addition.after}' is removed; add after another")
        found = own(("add", index, "file"), addition.file, new_id)
        if found and found.title is None:
            refuse(
                ("add", index, "file"),
                f"'{addition.file}' needs a heading on its first line, like '## Title'",
            )
        elif found and new_id:
            added.append((addition.after, found))
            added_ids.append(new_id)
    if problems:
        raise QuestionnaireError(problems)
    named = [*custom.remove, *replaced, *(after for after, _ in added)]
    return Adaptations(
        removed=tuple(custom.remove),
        replaced=replaced,
        added=tuple(added),
        built_in_titles={
            clause_id: titles[clause_id] for clause_id in named if clause_id in titles
        },
    )


def clause_files(loaded: LoadedQuestionnaire) -> list[Path]:
    """The clause files the ``customisation`` section names, as paths (read or not)."""
    custom = loaded.questionnaire.customisation
    if loaded.source.file is None:
        return []
    folder = loaded.source.file.parent
    return [
        folder / written for written in [*custom.replace.values(), *(a.file for a in custom.add)]
    ]


def placeholder_values(names: Mapping[str, Any]) -> dict[str, Any]:
    """The documented placeholders' values from a document's facts."""
    return {name: names[name] for name in PLACEHOLDERS}
