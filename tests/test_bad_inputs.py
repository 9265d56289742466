"""The bad-input corpus (``tests/bad_inputs/cases.yaml``) through the real command line.

A broken questionnaire gets exit 1 and one located message per problem, never a traceback, and
the output folder stays exactly as it was. A valid questionnaire full of HTML, Markdown, Jinja or
path tricks builds, and its text comes out as text, inside ``--out``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
import yaml
from tests.conftest import MINIMAL
from tests.hardening import (
    PAGE_ALLOWED_TAGS,
    docx_hazards,
    docx_text,
    live_markup,
    rendered_markdown,
    visible_text,
)
from typer.testing import CliRunner, Result

from policygen.cli import app
from policygen.render.html import ALLOWED_TAGS

try:
    import cmarkgfm

    def _github(text: str) -> str:
        options = cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE
        return str(cmarkgfm.github_flavored_markdown_to_html(text, options=options))

    github_html: Callable[[str], str] | None = _github
    """How GitHub shows a ``.md`` file (cmark-gfm, GitHub's own renderer); None without it."""
except ImportError:
    github_html = None

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
runner = CliRunner()


@dataclass(frozen=True)
class Expected:
    """Where the message must point and what it must say."""

    line: int | None
    field: str | None
    says: list[str]


REJECTED = {name: Expected(**case) for name, case in CASES["rejected"].items()}

GENERATED = {
    "over-size-limit.yaml": (
        (MINIMAL + "# " + "x" * 1024 * 1024 + "\n").encode(),
        Expected(None, None, ["bytes; a questionnaire file may be at most 256 KiB"]),
    ),
    "value-100000-characters.yaml": (
        MINIMAL.replace("Voorbeeld BV", "x" * 100_000).encode(),
        Expected(4, "organisation.name", ["is 100,000 characters long; shorten it to at most 200"]),
    ),
    "sentence-100000-characters.yaml": (
        (MINIMAL + "private_use:\n  consequences: " + "woord " * 16_666 + "\n").encode(),
        Expected(12, "private_use.consequences", ["shorten it to at most 2000"]),
    ),
    "too-many-values.yaml": (
        (MINIMAL + "monitoring:\n  tools: [" + "Coosto, " * 10_001 + "]\n").encode(),
        Expected(12, None, ["more than 10,000 keys and values"]),
    ),
    "many-deep-lists.yaml": (
        (MINIMAL + "notes: [" + ", ".join(["[" * 300 + "]" * 300] * 400) + "]\n").encode(),
        Expected(11, None, ["nested more than 20 levels deep"]),
    ),
}
"""Cases too big to commit: written into tmp_path by the test."""


def test_corpus_lists_every_file_and_has_at_least_40_rejected_cases() -> None:
    on_disk = {path.name for path in CORPUS.iterdir()} - {"cases.yaml", "manifests"}
    assert on_disk == set(REJECTED) | set(CASES["built_safely"])
    assert len(REJECTED) + len(GENERATED) >= 40


def hrefs(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', html)]


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file and folder under ``folder``: its bytes (None for folders) and its mtime."""
    return {
        str(path.relative_to(folder)): (
            None if path.is_dir() else path.read_bytes(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(folder.rglob("*"))
    }


def previous_outputs(out: Path, source: Path) -> Path:
    """An output folder holding an earlier build, which a failed build must not touch."""
    folder = out / source.stem.lower()
    folder.mkdir(parents=True)
    (folder / "socialemediabeleid-v1.0.md").write_text("# Vorige versie\n", encoding="utf-8")
    (folder / "socialemediabeleid-v1.0.html").write_text("<p>vorige versie</p>\n", encoding="utf-8")
    (out / "notes.txt").write_text("not policygen's\n", encoding="utf-8")
    return out


def assert_refused(result: Result, source: Path, expected: Expected) -> None:
    assert isinstance(result.exception, SystemExit), f"crashed: {result.exception!r}"
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    stderr = result.stderr
    where = f"{source}:{expected.line}:" if expected.line is not None else f"{source}:"
    located = [line for line in stderr.splitlines() if where in line]
    assert located, f"no message points at {where!r}:\n{stderr}"
    if expected.field is not None:
        assert any(f" {expected.field}" in line for line in located), stderr
    for fragment in expected.says:
        assert fragment in stderr, f"{fragment!r} missing from:\n{stderr}"


def case_file(name: str, tmp_path: Path) -> tuple[Path, Expected]:
    if name in GENERATED:
        data, expected = GENERATED[name]
        path = tmp_path / name
        path.write_bytes(data)
        return path, expected
    return CORPUS / name, REJECTED[name]


@pytest.mark.parametrize("name", sorted(REJECTED) + sorted(GENERATED))
def test_bad_questionnaire_is_refused_by_validate_and_build(name: str, tmp_path: Path) -> None:
    source, expected = case_file(name, tmp_path)
    out = previous_outputs(tmp_path / "out", source)
    before = snapshot(out)

    assert_refused(runner.invoke(app, ["validate", str(source)]), source, expected)
    assert_refused(runner.invoke(app, ["build", str(source), "--out", str(out)]), source, expected)
    assert snapshot(out) == before


def test_the_installed_command_refuses_the_whole_corpus_at_once(tmp_path: Path) -> None:
    """The real entry point (not CliRunner): one run over every rejected file, no traceback."""
    sources = [CORPUS / name for name in sorted(REJECTED)]
    out = previous_outputs(tmp_path / "out", sources[0])
    before = snapshot(out)
    for command in (["validate"], ["build", "--out", str(out)]):
        completed = subprocess.run(
            [sys.executable, "-m", "policygen", *command, *map(str, sources)],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert completed.returncode == 1
        assert "Traceback" not in completed.stderr
        for source in sources:
            expected = REJECTED[source.name]
            where = f"{source}:{expected.line}:" if expected.line is not None else f"{source}:"
            assert where in completed.stderr, f"{command[0]}: no message at {where}"
    assert snapshot(out) == before


@pytest.mark.parametrize("name", sorted(CASES["built_safely"]))
def test_hostile_but_valid_questionnaire_builds_safe_documents(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    source = work / name
    source.write_bytes((CORPUS / name).read_bytes())
    around = snapshot(tmp_path)

    result = runner.invoke(app, ["build", name, "--out", "out", "--format", "md,html,docx"])

    assert result.exit_code == 0, result.output
    created = {path for path in snapshot(tmp_path) if path not in around}
    outside = [path for path in created if not path.startswith("work/out")]
    assert not outside, f"written outside --out: {outside}"
    case = CASES["built_safely"][name]
    for fragment in case.get("warns", []):
        assert fragment in result.stderr
    suffixes = (".md", ".html", ".docx")
    outputs = sorted(path for path in (work / "out").rglob("*") if path.suffix in suffixes)
    assert {path.suffix for path in outputs} == set(suffixes)
    links: list[str] = []
    for path in outputs:
        # The acknowledgement form shows a few answers only (title, organisation, version).
        shows = [] if path.stem.endswith("-leesbevestiging") else case["shows"]
        if path.suffix == ".docx":
            data = path.read_bytes()
            assert docx_hazards(data) == [], path.name
            for shown in shows:
                assert " ".join(shown.split()) in docx_text(data), f"{shown!r} not in {path.name}"
            continue
        text = path.read_text(encoding="utf-8")
        html, allowed = (
            (text, PAGE_ALLOWED_TAGS)
            if path.suffix == ".html"
            else (rendered_markdown(text), ALLOWED_TAGS)
        )
        assert live_markup(html, allowed) == [], path.name
        for shown in shows:
            assert shown in visible_text(html), f"{shown!r} is not shown literally in {path.name}"
        if path.suffix == ".html":
            links += hrefs(html)
        elif github_html is not None:
            on_github = github_html(text)
            assert "<del>" not in on_github, f"GitHub strikes through text in {path.name}"
            assert set(hrefs(on_github)) <= set(hrefs(html)), f"GitHub links answers in {path.name}"
            for shown in shows:
                assert shown in visible_text(on_github), f"{shown!r} not literal on GitHub"
    for target in case.get("links", []):
        assert target in links, f"{target} is not a whole link target"


def test_a_device_or_pipe_named_like_a_questionnaire_is_refused_without_reading_it(
    tmp_path: Path,
) -> None:
    """A pull request could add ``policy.yaml -> /dev/zero``, or a named pipe: refused at once."""
    endless = tmp_path / "endless.yaml"
    endless.symlink_to("/dev/zero")
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    for source in (endless, pipe):
        result = runner.invoke(app, ["validate", str(source)])
        assert result.exit_code == 1
        assert f"{source}: this is a device, pipe or socket" in result.stderr
