"""The one Jinja2 environment, and escaping of answers for Markdown.

Templates are trusted (shipped with policygen); answers are not. Every ``{{ value }}`` passes
through ``finalize``: text is escaped so it reads literally in Markdown and cannot become markup,
and values a reader should never see (``None``, ``True``, lists) fail the build instead of
appearing in the policy.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2
import jinja2.sandbox

from policygen.errors import RenderError
from policygen.resources import templates_dir


class MarkdownSafe(str):
    """Markdown built by policygen itself (a link, a formatted date); printed without escaping."""

    __slots__ = ()


_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;"}
"""Characters no backslash can make literal in every reader: ``\\~`` is literal on GitHub but
shows its backslash in Python-Markdown, so ``~`` (GitHub's strikethrough, single or double) is
an entity, which no Markdown reader takes for markup."""
_BACKSLASHED = set("\\`*_[]{}!#")
_LITERAL = str.maketrans({**{char: "\\" + char for char in _BACKSLASHED}, **_ENTITIES})
_BLOCK_START = re.compile(r"^(\s*)([-+]|\d+[.)])(\s|$)")
_SETEXT_UNDERLINE = re.compile(r"^[=-](?=[=-]*\s*$)")
_SCHEME_COLON = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)")
_WWW_DOT = re.compile(r"(?i)(?<=www)\.")
_EMAIL_AT = re.compile(r"(?<=[A-Za-z0-9.+_-])@")
"""GitHub's e-mail autolink is found in the text after entities and escapes are decoded, so only
a node between the ``@`` and the host stops it: an empty HTML comment, which every Markdown
reader drops from the HTML it makes."""


def escape_markdown(text: str) -> str:
    """Make ``text`` read literally as inline Markdown: no emphasis, links, HTML or blocks, also
    on GitHub, which turns bare ``https://…``, ``www.…`` and ``name@host.org`` into links."""
    escaped = " ".join(text.split()).translate(_LITERAL)
    # "1. " or "- " at the start of a value would turn a sentence into a list.
    escaped = _BLOCK_START.sub(
        lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1] + m.group(3), escaped
    )
    # "---" or "===" alone on a line would turn the line above into a heading.
    escaped = _SETEXT_UNDERLINE.sub(lambda m: f"&#{ord(m.group())};", escaped)
    # Bare addresses: GitHub links "https://", "www." and "name@host.org" wherever they stand.
    escaped = _SCHEME_COLON.sub("&#58;", escaped)
    escaped = _WWW_DOT.sub("&#46;", escaped)
    return _EMAIL_AT.sub("@<!-- -->", escaped)


def _finalize(value: Any) -> Any:
    if isinstance(value, MarkdownSafe):
        return value
    if value is None or isinstance(value, bool | list | tuple | dict | set):
        raise RenderError(f"a template printed {value!r}; this is a template bug, please report it")
    if isinstance(value, str):
        return escape_markdown(value)
    if isinstance(value, int | float):
        return value
    raise RenderError(
        f"a template printed an object of type {type(value).__name__}; please report it"
    )


def link(text: str, url: str) -> MarkdownSafe:
    """A Markdown link with escaped text and a URL that cannot break out of the parentheses, nor,
    in HTML, out of the ``href`` attribute: quotes are percent-encoded (``'`` would otherwise
    start a link title in Python-Markdown and cut the address short)."""
    safe_url = quote(url, safe=":/?#[]@!$&*+,;=%~-._")
    return MarkdownSafe(f"[{escape_markdown(text)}]({safe_url})")


def template_environment(**options: Any) -> jinja2.Environment:
    """A Jinja2 environment over the packaged templates; every template kind starts from this."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        **options,
    )


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment for all Markdown templates (cached: templates compile once)."""
    env = template_environment(
        autoescape=False,  # Markdown is escaped by finalize, not as HTML.
        # `{#id}` is Markdown's heading anchor syntax, so Jinja comments are written `{## … ##}`.
        comment_start_string="{##",
        comment_end_string="##}",
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters["link"] = link
    env.filters["capitalize_first"] = capitalize_first
    return env


def capitalize_first(text: str) -> str:
    """A phrase opening a sentence: 'de praktijkmanager' -> 'De praktijkmanager', 'HR' stays."""
    return text[:1].upper() + text[1:]


@cache
def sandboxed_environment() -> jinja2.sandbox.SandboxedEnvironment:
    """For the organisation's own clause files: no loader (nothing to include or import), the
    sandbox's checks on every attribute, and the same escaping of printed values as answers."""
    return jinja2.sandbox.SandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        comment_start_string="{##",
        comment_end_string="##}",
        finalize=_finalize,
    )
