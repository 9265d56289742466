"""The output formats and their writers: the one place that lists them.

Every format is written from the same rendered Markdown: HTML and PDF from the page, DOCX from
the page's sanitised body. A writer's heavy library (WeasyPrint, python-docx) is imported only
when that format is built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads FORMATS for its help; Markdown and nh3 load when rendering
    from policygen.render.html import HtmlBody, PageMeta


@dataclass
class Rendered:
    """One document on its way out; its HTML is made once, by the first format that needs it."""

    markdown: str
    meta: PageMeta
    pdf_variant: str | None = None
    contents: bool = True
    """A table of contents; short documents (what changed, the acknowledgement form) have none."""

    @cached_property
    def body(self) -> HtmlBody:
        from policygen.render.html import markdown_to_body

        body = markdown_to_body(self.markdown, chapter_mode=self.meta.chapter_mode)
        return body if self.contents else replace(body, toc=[])

    @cached_property
    def page(self) -> str:
        from policygen.render.html import page_from_body

        return page_from_body(self.body, self.meta)


Writer = Callable[[Rendered], tuple[bytes, list[str]]]
"""A document -> its bytes in one format, and the warnings the format's library gave."""


def _markdown(document: Rendered) -> tuple[bytes, list[str]]:
    return document.markdown.encode("utf-8"), []


def _html(document: Rendered) -> tuple[bytes, list[str]]:
    return document.page.encode("utf-8"), []


def _pdf(document: Rendered) -> tuple[bytes, list[str]]:
    from policygen.render.pdf import html_to_pdf

    pdf, messages = html_to_pdf(document.page, variant=document.pdf_variant)
    return pdf, messages


def _docx(document: Rendered) -> tuple[bytes, list[str]]:
    from policygen.render.word import html_to_docx

    return html_to_docx(document.body, document.meta), []


WRITERS: dict[str, Writer] = {"md": _markdown, "html": _html, "pdf": _pdf, "docx": _docx}
FORMATS = tuple(WRITERS)
DEFAULT_FORMATS = ("md", "html", "pdf")
"""What ``build`` writes without ``--format``."""
