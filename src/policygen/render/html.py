"""Markdown -> one standalone, sanitised HTML file (CSS inlined, table of contents, ``lang`` set).

Python-Markdown passes raw HTML and any link scheme through, so its output is always cleaned by
nh3 with an allow-list before it is placed into the page template.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
import markdown
import markupsafe
import nh3

from policygen.render.environment import templates_dir

MARKDOWN_EXTENSIONS = ["tables", "toc", "attr_list", "sane_lists"]
MARKDOWN_CONFIG: dict[str, dict[str, Any]] = {"toc": {"permalink": False, "toc_depth": "2-3"}}

ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr",
    "th", "td", "a", "strong", "em", "code", "blockquote", "hr", "br", "dl", "dt", "dd",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id"},
    "a": {"href", "title"},
    "th": {"scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"https", "http", "mailto"}


@dataclass(frozen=True)
class PageMeta:
    """What the page around the body needs: title block, metadata, footer."""

    language: str
    title: str
    organisation: str
    subject: str
    version: str
    effective_date: str | None
    chapter_mode: bool
    words: dict[str, str]
    """Fixed wording of the page itself (``contents``, ``version``, ``page``…), per language."""


@dataclass(frozen=True)
class HtmlBody:
    """Sanitised body HTML and its table of contents (id, text, level; nested)."""

    html: str
    toc: list[dict[str, Any]]


def _clean_toc(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"id": token["id"], "name": html.unescape(token["name"]), "children": _clean_toc(token["children"])}
        for token in tokens
    ]


def markdown_to_body(text: str) -> HtmlBody:
    """Convert Markdown to sanitised HTML; a new Markdown instance each time, so no state leaks."""
    converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIG)
    raw = converter.convert(text)
    cleaned = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    tokens: list[dict[str, Any]] = getattr(converter, "toc_tokens", [])
    top = tokens[0]["children"] if len(tokens) == 1 else tokens
    return HtmlBody(html=cleaned, toc=_clean_toc(top))


@cache
def _page_environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


@cache
def stylesheet() -> str:
    """The page design, inlined into every HTML file and reused by the PDF stage."""
    return (templates_dir() / "assets" / "style.css").read_text(encoding="utf-8")


def render_page(text: str, meta: PageMeta) -> str:
    """The complete HTML document for one Markdown text."""
    body = markdown_to_body(text)
    template = _page_environment().get_template("page.html.j2")
    return template.render(
        meta=meta, body=markupsafe.Markup(body.html), toc=body.toc, css=stylesheet()
    )
