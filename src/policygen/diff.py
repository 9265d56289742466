"""Two versions of one questionnaire -> what changed, clause by clause by stable clause id.

Both versions are rendered as usual; each document's Markdown is split at its headings, whose
anchor ids are the registry's clause ids. Clauses are compared as plain text, sentence by
sentence, so a new section number (because a clause was added above) is no change, and a
rewording shows the changed words. The result feeds the "what changed" document for employees
(``templates/<lang>/changes.md.j2``) and the ``--json`` report for CI.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policygen.errors import PolicygenError
from policygen.questionnaire import LoadedQuestionnaire, load
from policygen.render import DOCUMENTS, POLICY, DocumentKind, build_facts, render_markdown
from policygen.render.clauses import inspect_questionnaire, read_customisation
from policygen.render.environment import MarkdownSafe, environment, escape_markdown
from policygen.render.html import PageMeta, markdown_to_body
from policygen.render.htmltree import Node, parse_html, text_of

_HEADING = re.compile(r"^(#{1,6}) (.*?)\s*\{#([^\s}]+)[^}]*\}\s*$")
_NUMBER = re.compile(r"^\d+(\.\d+)*\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\s])")
KINDS = ("added", "removed", "moved", "changed")
REWORDED = 0.5
"""Share of words two sentences must have in common to count as one sentence reworded."""


class DiffError(PolicygenError):
    """The two questionnaires are not two versions of one policy."""


@dataclass(frozen=True)
class Section:
    """One clause as the reader sees it: heading, parent and sentences of plain text."""

    id: str
    heading: str
    parent: str | None
    sentences: tuple[str, ...]

    @property
    def title(self) -> str:
        """The heading without its number: renumbering is not a change."""
        return _NUMBER.sub("", self.heading)


@dataclass(frozen=True)
class Words:
    """A run of words of a changed sentence: kept, or new/removed (``marked``)."""

    text: str
    marked: bool


@dataclass(frozen=True)
class SentenceChange:
    """A sentence added (no ``old``), removed (no ``new``) or reworded (both, with marks)."""

    old: str | None
    new: str | None
    old_words: tuple[Words, ...] = ()
    new_words: tuple[Words, ...] = ()


@dataclass(frozen=True)
class ClauseChange:
    """What happened to one clause."""

    kind: str
    clause_id: str
    heading: str
    sentences: tuple[SentenceChange, ...] = ()
    title_was: str | None = None


@dataclass(frozen=True)
class Comparison:
    """All changes between two versions, per document."""

    language: str
    organisation: str
    old_version: str
    new_version: str
    changes: dict[str, tuple[ClauseChange, ...]] = field(default_factory=dict)

    @property
    def has_changes(self) -> bool:
        return any(self.changes.values())

    def to_json(self) -> dict[str, Any]:
        """The report for CI: clause ids per kind, and each changed sentence."""
        return {
            "organisation": self.organisation,
            "language": self.language,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "changed": self.has_changes,
            "documents": {
                document: {
                    kind: [
                        {"id": c.clause_id, "heading": c.heading}
                        | (
                            {"sentences": [{"old": s.old, "new": s.new} for s in c.sentences]}
                            if c.kind == "changed"
                            else {}
                        )
                        for c in changes
                        if c.kind == kind
                    ]
                    for kind in KINDS
                }
                for document, changes in self.changes.items()
            },
        }


def _block_texts(node: Node) -> list[str]:
    """The readable units of a block: a paragraph, each list item, each table row."""
    if node.tag in ("ul", "ol"):
        texts = []
        for item in node.children:
            own = Node("li", children=[c for c in item.children if c.tag not in ("ul", "ol")])
            texts.append(text_of(own))
            for nested in item.children:
                if nested.tag in ("ul", "ol"):
                    texts += _block_texts(nested)
        return texts
    if node.tag == "table":
        rows = [row for part in node.children for row in [part, *part.children] if row.tag == "tr"]
        return [" · ".join(text_of(cell) for cell in row.children if cell.tag) for row in rows]
    return [text_of(node)]


def _sentences(markdown_body: str) -> tuple[str, ...]:
    tree = parse_html(markdown_to_body(markdown_body, chapter_mode=True).html)
    texts = [text for block in tree.children for text in _block_texts(block)]
    return tuple(s for text in texts if text for s in _SENTENCE_END.split(text) if s.strip())


def sections(markdown: str) -> dict[str, Section]:
    """The document's clauses in reading order, by anchor id (the title included)."""
    found: dict[str, Section] = {}
    parents: dict[int, str] = {}
    current: tuple[str, str, str | None, list[str]] | None = None

    def close() -> None:
        if current is not None:
            clause_id, heading, parent, lines = current
            found[clause_id] = Section(clause_id, heading, parent, _sentences("\n".join(lines)))

    for line in markdown.split("\n"):
        match = _HEADING.match(line)
        if not match:
            if current is not None:
                current[3].append(line)
            continue
        close()
        level, heading, clause_id = len(match.group(1)), match.group(2), match.group(3)
        parents[level] = clause_id
        parent = next((parents[n] for n in range(level - 1, 0, -1) if n in parents), None)
        for deeper in [n for n in parents if n > level]:
            del parents[deeper]
        current = (clause_id, " ".join(_sentences(heading)), parent, [])
    close()
    return found


def _word_marks(old: str, new: str) -> tuple[tuple[Words, ...], tuple[Words, ...]]:
    """The words of both sentences, the ones only in one of them marked."""
    a, b = old.split(), new.split()
    old_words: list[Words] = []
    new_words: list[Words] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            old_words.append(Words(" ".join(a[i1:i2]), tag != "equal"))
        if j2 > j1:
            new_words.append(Words(" ".join(b[j1:j2]), tag != "equal"))
    return tuple(old_words), tuple(new_words)


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def _sentence_changes(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[SentenceChange, ...]:
    """Sentences gone, new, and reworded: a new sentence is a rewording of the most similar
    replaced one when at least half of their words agree; otherwise it is simply new."""
    changes: list[SentenceChange] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        unmatched = list(old[i1:i2])
        for now in new[j1:j2]:
            best = max(unmatched, key=lambda was: _similarity(was, now), default=None)
            if best is not None and _similarity(best, now) >= REWORDED:
                unmatched.remove(best)
                changes.append(SentenceChange(best, now, *_word_marks(best, now)))
            else:
                changes.append(SentenceChange(None, now))
        changes += [SentenceChange(was, None) for was in unmatched]
    return tuple(changes)


def compare_sections(old: dict[str, Section], new: dict[str, Section]) -> tuple[ClauseChange, ...]:
    """Added, removed, moved (other parent or order) and changed clauses, in reading order."""
    # Order counts among clauses under the same parent as before: one clause moved elsewhere
    # does not make its former neighbours "moved" too.
    stayed = {i for i in old if i in new and old[i].parent == new[i].parent}
    common_old = [clause_id for clause_id in old if clause_id in stayed]
    common_new = [clause_id for clause_id in new if clause_id in stayed]
    matcher = difflib.SequenceMatcher(None, common_old, common_new, autojunk=False)
    in_order = {
        clause_id
        for block in matcher.get_matching_blocks()
        for clause_id in common_old[block.a : block.a + block.size]
    }
    changes: list[ClauseChange] = []
    for clause_id, section in new.items():
        before = old.get(clause_id)
        if before is None:
            changes.append(ClauseChange("added", clause_id, section.heading))
            continue
        if clause_id not in in_order:
            changes.append(ClauseChange("moved", clause_id, section.heading))
        if before.title != section.title or before.sentences != section.sentences:
            changes.append(
                ClauseChange(
                    "changed",
                    clause_id,
                    section.heading,
                    _sentence_changes(before.sentences, section.sentences),
                    before.title if before.title != section.title else None,
                )
            )
    changes += [
        ClauseChange("removed", clause_id, section.heading)
        for clause_id, section in old.items()
        if clause_id not in new
    ]
    return tuple(changes)


def _document_markdown(loaded: LoadedQuestionnaire, kind: DocumentKind) -> str:
    facts = build_facts(
        loaded.questionnaire, as_chapter=False, adaptations=read_customisation(loaded)
    )
    return render_markdown(loaded.questionnaire, kind, facts=facts)


def compare(old: LoadedQuestionnaire, new: LoadedQuestionnaire) -> Comparison:
    """Both versions rendered standalone and compared; refused for two different policies."""
    a, b = old.questionnaire, new.questionnaire
    if a.organisation.name != b.organisation.name:
        raise DiffError(
            f"{new.source.file}: organisation '{b.organisation.name}' is not "
            f"'{a.organisation.name}' of {old.source.file}; diff compares two versions of one "
            "organisation's questionnaire"
        )
    if a.language != b.language:
        raise DiffError(
            f"{new.source.file}: language '{b.language.value}' is not '{a.language.value}' of "
            f"{old.source.file}; compare two versions in the same language"
        )
    changes = {
        kind.key: compare_sections(
            sections(_document_markdown(old, kind)), sections(_document_markdown(new, kind))
        )
        for kind in DOCUMENTS
    }
    return Comparison(
        a.language.value, b.organisation.name, a.document.version, b.document.version, changes
    )


def marked(words: tuple[Words, ...]) -> MarkdownSafe:
    """A sentence as escaped Markdown, its changed words in bold."""
    return MarkdownSafe(
        " ".join(
            f"**{escape_markdown(w.text)}**" if w.marked else escape_markdown(w.text) for w in words
        )
    )


def changes_markdown(comparison: Comparison, new: LoadedQuestionnaire) -> str:
    """The "what changed in version X" document for employees: the policy's changes."""
    facts = build_facts(new.questionnaire, as_chapter=False)
    template = environment().get_template(f"{comparison.language}/changes.md.j2")
    policy = comparison.changes[POLICY.key]
    text = template.render(
        heading=changes_title(comparison, facts.shared.labels),
        organisation=comparison.organisation,
        title=facts.shared.title,
        old_version=comparison.old_version,
        new_version=comparison.new_version,
        effective_date=facts.shared.effective_date,
        marked=marked,
        **{kind: [c for c in policy if c.kind == kind] for kind in KINDS},
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def changes_title(comparison: Comparison, labels: dict[str, Any]) -> str:
    """``Wat is er veranderd in versie 2.1``."""
    return str(labels["changes"]["title"]).format(version=comparison.new_version)


def changes_meta(comparison: Comparison, new: LoadedQuestionnaire) -> PageMeta:
    """The page around the changes document: its own title, the policy as its subject."""
    facts = build_facts(new.questionnaire, as_chapter=False)
    shared = facts.shared
    return PageMeta(
        language=shared.language,
        title=changes_title(comparison, shared.labels),
        organisation=shared.organisation_name,
        subject=shared.title,
        version=shared.version,
        effective_date=shared.effective_date,
        iso_date=shared.effective.isoformat() if shared.effective else None,
        chapter_mode=False,
        words=shared.labels["page"],
    )


def diff_files(
    old_path: Path, new_path: Path, formats: tuple[str, ...]
) -> tuple[Comparison, dict[str, bytes]]:
    """Load and check both questionnaires (errors as in ``validate``), compare them, and render
    the "what changed" document in ``formats``; nothing is written here."""
    from policygen.build import output_stems
    from policygen.formats import FORMATS, WRITERS, Rendered

    old, new = load(old_path), load(new_path)
    for loaded in (old, new):
        inspect_questionnaire(loaded)  # the organisation's own clauses: their errors raise
    comparison = compare(old, new)
    document = Rendered(
        changes_markdown(comparison, new), changes_meta(comparison, new), contents=False
    )
    labels = build_facts(new.questionnaire).shared.labels
    stem = f"{output_stems(new)[POLICY.key]}-{labels['changes']['file']}"
    files = {f"{stem}.{name}": WRITERS[name](document)[0] for name in FORMATS if name in formats}
    return comparison, files
