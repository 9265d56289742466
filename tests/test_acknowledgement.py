"""The acknowledgement form: its own file in every format, or the policy's last page; both
languages; the same text in both places."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from tests.conftest import MINIMAL, merged

from policygen.build import render_outputs
from policygen.formats import FORMATS
from policygen.options import BuildOptions
from policygen.questionnaire import load

WORDS = {
    "nl": ("Leesbevestiging", ["Naam", "Afdeling", "Datum", "Handtekening"], "1 maart 2026"),
    "en": ("Acknowledgement", ["Name", "Department", "Date", "Signature"], "1 March 2026"),
}


def build(tmp_path: Path, language: str, introduction: dict[str, Any]) -> dict[str, bytes]:
    data = merged(yaml.safe_load(MINIMAL), {"language": language, "introduction": introduction})
    data["document"]["version"] = "2.1"
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    formats = tuple(name for name in FORMATS if name != "pdf")  # the PDF: tests/test_pdf.py
    outputs, warnings = render_outputs(load(path), BuildOptions(formats=formats))
    assert warnings == []
    return outputs


def policy_markdown(outputs: dict[str, bytes]) -> str:
    name = next(n for n in outputs if n.endswith(".md") and "v2.1.md" in n and "plan" not in n)
    return outputs[name].decode("utf-8")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_form_of_its_own_per_version_in_every_format(tmp_path: Path, language: str) -> None:
    title, fields, date = WORDS[language]
    outputs = build(tmp_path, language, {"acknowledgement_required": True})
    forms = sorted(name for name in outputs if f"-v2.1-{title.lower()}." in name)
    assert [name.rsplit(".", 1)[1] for name in forms] == sorted(n for n in FORMATS if n != "pdf")
    markdown = outputs[next(n for n in forms if n.endswith(".md"))].decode("utf-8")
    assert markdown.startswith(f"# {title} {{#acknowledgement-form}}\n")
    assert "2.1" in markdown and date in markdown and "Voorbeeld BV" in markdown
    assert all(f"| {field} |" in markdown for field in fields)
    assert "{#acknowledgement-form}" not in policy_markdown(outputs)
    form = docx.Document(io.BytesIO(outputs[next(n for n in forms if n.endswith(".docx"))]))
    assert [row.cells[0].text for row in form.tables[0].rows][1:] == fields
    assert "TOC" not in form.element.xml  # one page: no table of contents
    html = outputs[next(n for n in forms if n.endswith(".html"))].decode("utf-8")
    assert 'class="toc"' not in html and f'<h1 id="acknowledgement-form">{title}</h1>' in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_last_page_puts_the_same_form_at_the_end_of_the_policy(
    tmp_path: Path, language: str
) -> None:
    title, fields, _ = WORDS[language]
    outputs = build(
        tmp_path, language, {"acknowledgement_required": True, "acknowledgement": "last_page"}
    )
    assert not any(f"-{title.lower()}." in name for name in outputs)
    markdown = policy_markdown(outputs)
    last = markdown[markdown.rindex("\n## ") :]
    assert f" {title} {{#acknowledgement-form}}" in last
    assert all(f"| {field} |" in last for field in fields)
    assert "](#acknowledgement-form)" in markdown  # "Read and confirm" points to it
    policy_docx = next(n for n in outputs if n.endswith("v2.1.docx") and "plan" not in n)
    document = docx.Document(io.BytesIO(outputs[policy_docx]))
    heading = next(
        p
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading") and p.text.endswith(title)
    )
    assert heading.paragraph_format.page_break_before is True
    form = tmp_path / "form"
    form.mkdir()
    separate = build(form, language, {"acknowledgement_required": True})
    separate_md = next(n for n in separate if n.endswith(f"-{title.lower()}.md"))
    body = separate[separate_md].decode("utf-8").split("\n", 2)[2]
    assert body.strip() in last  # one text, two places


def test_no_form_and_no_last_page_without_acknowledgement_required(tmp_path: Path) -> None:
    outputs = build(tmp_path, "nl", {"acknowledgement": "last_page"})
    assert len(outputs) == 2 * len([n for n in FORMATS if n != "pdf"])
    assert "acknowledgement-form" not in policy_markdown(outputs)
