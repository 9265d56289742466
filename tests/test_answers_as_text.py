"""Answers stay text in every reader of the Markdown: Python-Markdown (our HTML), GitHub (GFM,
which also links bare addresses and strikes ``~text~``) and pandoc; and in headings as typed.

GitHub renders with cmark-gfm; ``cmarkgfm`` binds that very library, so its test shows what a
reader of the ``.md`` on GitHub sees. pandoc's GFM reader differs (it does not link an e-mail
address after an entity, GitHub does), so it is a second reader, not the proof.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.hardening import rendered_markdown, visible_text
from tests.helpers import MINIMAL
from typer.testing import CliRunner

from policygen.cli import app
from policygen.questionnaire import load_text
from policygen.render import POLICY, page_meta, render_markdown, render_page
from policygen.render.environment import escape_markdown, link
from policygen.render.html import markdown_to_body, right_to_left

ALIVE_ON_GITHUB = [
    "zie https://example.org/beleid of http://example.org",
    "FTP://example.org/bestand en HTTPS://EXAMPLE.ORG",
    "www.example.org en WWW.example.org/pad",
    "mail communicatie@example.org of a.b+c_d@sub.example.org.",
    "mailto:info@example.org en xmpp:chat@example.org/kanaal",
    "~~doorgestreept~~ en ~ook~ en x~y",
    "(https://example.org) *www.example.org* _info@example.org_",
]


@pytest.mark.parametrize("value", ALIVE_ON_GITHUB)
def test_escaping_leaves_no_autolink_or_strikethrough_trigger(value: str) -> None:
    """Pure Python: no scheme ``://``, ``www.``, ``name@`` or ``~`` survives as typed, and
    Python-Markdown (the HTML stage) shows the answer unchanged."""
    escaped = escape_markdown(value)
    assert not re.search(r"[A-Za-z0-9]://", escaped)
    assert not re.search(r"(?i)www\.", escaped)
    assert not re.search(r"[A-Za-z0-9.+_-]@[A-Za-z0-9_-]", escaped)
    assert "~" not in escaped
    html = rendered_markdown(escaped)
    assert "<a" not in html and "<del" not in html and "<s>" not in html
    assert visible_text(html) == value


def test_escaping_changes_only_what_github_would_link() -> None:
    assert escape_markdown("@brightloop op X en TikTok: 9:00 tot 17:00") == (
        "@brightloop op X en TikTok: 9:00 tot 17:00"
    )
    assert escape_markdown("https://x.org www.x.org a@b.org ~") == (
        "https&#58;//x.org www&#46;x.org a@<!-- -->b.org &#126;"
    )


def _github_html(markdown_text: str) -> str:
    cmarkgfm = pytest.importorskip("cmarkgfm")
    # GitHub renders raw HTML and then sanitises; the unsafe option renders it like GitHub does.
    options = cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown_text, options=options))


def _pandoc_html(markdown_text: str) -> str:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    completed = subprocess.run(
        ["pandoc", "-f", "gfm", "-t", "html", "--wrap=none"],
        input=markdown_text,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return completed.stdout


@pytest.mark.parametrize("reader", [_github_html, _pandoc_html], ids=["github", "pandoc"])
@pytest.mark.parametrize("value", ALIVE_ON_GITHUB)
def test_github_and_pandoc_show_answers_as_text(reader: Callable[[str], str], value: str) -> None:
    html = reader(f"Contact: {escape_markdown(value)}\n")
    assert "<a" not in html and "<del" not in html, html
    assert visible_text(html) == f"Contact: {value}"


@pytest.mark.parametrize("reader", [_github_html, _pandoc_html], ids=["github", "pandoc"])
def test_the_unescaped_answers_would_come_alive(reader: Callable[[str], str]) -> None:
    """The readers above do link bare addresses: the test would catch a missing escape."""
    html = reader("\n\n".join(ALIVE_ON_GITHUB[:4]) + "\n")
    assert html.count("<a") >= 4, html


def test_a_whole_policy_shows_no_link_from_answers_on_github() -> None:
    answers = "Zie https://x.org/a, www.x.org, a@b.org en ~~s~~"
    text = MINIMAL.replace("role: afdeling Communicatie", f'role: "{answers}"')
    markdown_text = render_markdown(load_text(text).questionnaire, POLICY)
    html = _github_html(markdown_text)
    hrefs = re.findall(r'href="([^"]*)"', html)
    from_answers = [href for href in hrefs if "x.org" in href or "b.org" in href]
    assert from_answers == [] and hrefs, hrefs
    assert "<del" not in html
    assert answers in visible_text(html)


QUOTED_URL = "https://example.org/acct'onmouseover='alert(1)'\"x"


def test_link_targets_percent_encode_quotes() -> None:
    target = re.fullmatch(r"\[.*\]\((.*)\)", link("Account", QUOTED_URL))
    assert target is not None
    assert target.group(1) == "https://example.org/acct%27onmouseover=%27alert%281%29%27%22x"


def test_a_quoted_url_keeps_its_whole_target_in_html(write_yaml: Callable[..., Path]) -> None:
    text = MINIMAL + (
        "communication_policy:\n"
        "  title: Communicatiebeleid\n"
        "  url: \"https://example.org/acct'onmouseover='alert(1)'\"\n"
    )
    q = load_text(text).questionnaire
    page = render_page(render_markdown(q, POLICY), page_meta(q, POLICY))
    assert 'href="https://example.org/acct%27onmouseover=%27alert%281%29%27"' in page
    assert "onmouseover='" not in page
    assert 'title="' not in page


@pytest.mark.parametrize(
    "title",
    ["Beleid .unnumbered", "Beleid { } en {}", "Beleid {#x .unnumbered}", "Beleid { .unnumbered }"],
)
def test_a_title_with_attribute_syntax_appears_unaltered(title: str) -> None:
    text = MINIMAL.replace("  owner:", f"  title: '{title}'\n  owner:")
    q = load_text(text).questionnaire
    markdown_text = render_markdown(q, POLICY)
    heading = markdown_text.splitlines()[0]
    assert heading == f"# {escape_markdown(title)} {{#social-media-policy}}"
    assert visible_text(rendered_markdown(heading)) == title
    page = render_page(markdown_text, page_meta(q, POLICY))
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL)
    assert h1 is not None and visible_text(h1.group(1)) == title


ZALGO = "Zorg" + "e" + "\u0301" * 50 + " BV"


def test_stacked_combining_marks_are_capped_on_load_with_a_warning_naming_the_field(
    write_yaml: Callable[..., Path],
) -> None:
    source = write_yaml(MINIMAL.replace("name: Voorbeeld BV", f'name: "{ZALGO}"'))
    result = CliRunner().invoke(app, ["validate", str(source)])
    assert result.exit_code == 0, result.output
    assert (
        f"{source}:4:3: organisation.name: 50 combining marks are stacked on one character; "
        "the documents keep the first 4"
    ) in result.stderr
    q = load_text(source.read_text(encoding="utf-8")).questionnaire
    assert q.organisation.name == "Zorge" + "\u0301" * 4 + " BV"
    assert "\u0301" * 5 not in render_markdown(q, POLICY)


@pytest.mark.parametrize(
    "text",
    [
        "Tiếng Việt",  # decomposed below: two marks on one letter
        unicodedata.normalize("NFD", "Tiếng Việt"),
        "שָׁלוֹם",  # pointed Hebrew: shin dot and a vowel on one letter
        "\u05d1\u05bc\u05b8\u0591",  # bet with dagesh, qamats and a cantillation mark
    ],
)
def test_real_scripts_keep_all_their_marks(text: str) -> None:
    q = load_text(MINIMAL.replace("name: Voorbeeld BV", f'name: "{text}"')).questionnaire
    assert q.organisation.name == text


def test_right_to_left_answers_are_marked_dir_auto_in_html() -> None:
    text = MINIMAL.replace("name: Voorbeeld BV", 'name: "مستشفى الأمل"').replace(
        "  owner:", "  title: 'מדיניות רשתות חברתיות'\n  owner:"
    )
    q = load_text(text).questionnaire
    page = render_page(render_markdown(q, POLICY), page_meta(q, POLICY))
    assert '<p class="organisation" dir="auto">مستشفى الأمل</p>' in page
    assert re.search(r'<h1 dir="auto"[^>]*>מדיניות רשתות חברתיות</h1>', page)
    marked = re.findall(r"<(\w+) dir=\"auto\"[^>]*>(.*?)</\1>", page, re.DOTALL)
    assert len(marked) >= 3
    assert all(re.search(r"[\u0590-\u08ff]", inner) for _, inner in marked)


def test_left_to_right_text_gets_no_direction() -> None:
    q = load_text(MINIMAL).questionnaire
    page = render_page(render_markdown(q, POLICY), page_meta(q, POLICY))
    assert page.count('dir="auto"') == 1  # the organisation line, which always may hold any script


def test_only_a_cell_with_a_long_word_may_break_it_anywhere() -> None:
    """Escaped characters count as one character each: `*nooit*` is a short word."""
    cells = [
        "`*nooit*` [vertrouwelijke] informatie_van cliënten | patiënten &amp; &lt;delen&gt;",
        "@" + "h" * 29,
    ]
    table = "| a | b |\n|---|---|\n| " + " | ".join(map(escape_markdown, cells)) + " |\n"
    html = markdown_to_body(table).html
    assert re.findall(r'<td( class="long-word")?[ >]', html) == ["", ' class="long-word"']


def test_the_right_to_left_check_agrees_with_unicode_for_every_character() -> None:
    """The fast check skips characters below U+0590; none of them is written right to left."""
    for code in range(0x110000):
        character = chr(code)
        expected = unicodedata.bidirectional(character) in ("R", "AL")
        assert right_to_left(character) is expected, hex(code)
