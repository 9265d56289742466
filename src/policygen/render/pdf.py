"""HTML -> PDF with WeasyPrint, fetching nothing but ``data:`` URLs and the packaged assets.

WeasyPrint is imported here only, and only when a PDF is built, so ``--help``, ``validate`` and
``schema`` stay fast. One font configuration and one fetcher are reused for every document of a
process, and so is the page design: parsed once by WeasyPrint, handed to every document beside the
HTML, whose inlined copy is taken out first (the page's own ``<style>``, footer words and house style,
stays and wins over it). The PDF takes its metadata from the page: ``<title>`` (title), ``author``
(organisation), ``description`` (subject), ``lang`` and ``dcterms.created``/``modified`` (the
effective date, never the clock); with ``SOURCE_DATE_EPOCH`` set the bytes are reproducible.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from policygen.errors import PdfError
from policygen.render.html import stylesheet
from policygen.resources import assets_dir

PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b")
_MAIN = re.compile(r"<main>.*</main>", re.DOTALL)
SECTIONS_ONLY = "@media print { .toc ol ol { display: none; } }"
"""The contents without subsections: the PDF uses them when the full contents run over a page
and these save that page, so the front matter never ends on a page left mostly blank."""


# A notice about the machine's HarfBuzz library, not about the document: WeasyPrint falls back to
# fontTools and the PDF is the same, so it is no warning for the person who wrote the questionnaire.
_MACHINE_NOTICES = ("HarfBuzz-Subset",)


class _CapturedWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().split())
        if any(notice in message for notice in _MACHINE_NOTICES):
            return
        if message not in self.messages:
            self.messages.append(message)


@contextmanager
def _capture_weasyprint_log() -> Iterator[_CapturedWarnings]:
    """Collect WeasyPrint's warnings instead of letting them reach the console."""
    logger = logging.getLogger("weasyprint")
    handler = _CapturedWarnings()
    old_propagate, old_level = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = old_propagate, old_level


def allowed_asset(url: str) -> Path | None:
    """The packaged asset a ``file:`` URL points to, or None when it points anywhere else."""
    from urllib.request import url2pathname  # it imports http and ssl: only for a PDF's assets

    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(os.path.realpath(url2pathname(parts.path)))
    if path.is_relative_to(assets_dir()) and path.is_file():
        return path
    return None


@cache
def _weasyprint() -> Any:
    import weasyprint

    return weasyprint


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class AssetsOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """``data:`` URLs and files under the packaged assets; no other file, no network."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=1)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith("data:"):
                asset = allowed_asset(url)
                if asset is None:
                    raise ValueError(f"policygen loads no external resources: {url[:80]}")
                url = asset.as_uri()  # the resolved path, so a symlink cannot be swapped later
            return super().fetch(url, headers)

    return AssetsOnlyFetcher()


@cache
def _page_design() -> Any:
    return _weasyprint().CSS(
        string=stylesheet(),
        base_url=assets_dir().as_uri() + "/",
        url_fetcher=_fetcher(),
        font_config=_font_config(),
    )


@cache
def _sections_only() -> Any:
    return _weasyprint().CSS(string=SECTIONS_ONLY)


def _without_page_design(html: str) -> str:
    """The page without its inlined copy of the page design (parsed once, see the docstring)."""
    return html.replace(f"<style>\n{stylesheet()}\n</style>", "", 1)


def _contents_run_over(front_matter: Any) -> bool:
    """Whether the contents take more than one page: in the laid-out front matter (the page
    without its text), the pages after the one with the ``toc`` anchor."""
    pages = front_matter.pages
    start = next((i for i, page in enumerate(pages) if "toc" in page.anchors), len(pages))
    return len(pages) - 1 > start


def _contents_design(page: str) -> list[Any]:
    """The page design, with the contents cut to sections when the full contents would run over
    a page and the shorter ones do not: decided on the front matter alone, which lays out in a
    fraction of the time of the whole document."""
    design = [_page_design()]
    if '<nav class="toc"' not in page:
        return design
    front = _weasyprint().HTML(
        string=_MAIN.sub("", page, count=1),
        base_url=assets_dir().as_uri() + "/",
        url_fetcher=_fetcher(),
    )
    if not _contents_run_over(front.render(font_config=_font_config(), stylesheets=design)):
        return design
    shorter = [*design, _sections_only()]
    if _contents_run_over(front.render(font_config=_font_config(), stylesheets=shorter)):
        return design
    return shorter


def html_to_pdf(html: str, *, variant: str | None = None) -> tuple[bytes, list[str]]:
    """The PDF bytes for one HTML page, and WeasyPrint's warnings about it."""
    if variant is not None and variant not in PDF_VARIANTS:
        raise PdfError(f"unknown PDF variant '{variant}'; choose {' or '.join(PDF_VARIANTS)}")
    weasyprint = _weasyprint()
    options: dict[str, Any] = {}
    if variant:
        options["pdf_variant"] = variant
    page = _without_page_design(html)
    with _capture_weasyprint_log():  # the front matter alone: its contents point at no text yet
        try:
            design = _contents_design(page)
        except Exception:  # the whole page fails the same way below, and says so there
            design = [_page_design()]
    with _capture_weasyprint_log() as captured:
        try:
            document = weasyprint.HTML(
                string=page, base_url=assets_dir().as_uri() + "/", url_fetcher=_fetcher()
            )
            pdf = document.write_pdf(font_config=_font_config(), stylesheets=design, **options)
        except Exception as error:  # WeasyPrint raises many types; all mean "no PDF".
            raise PdfError(f"WeasyPrint could not make the PDF: {error}") from None
    return pdf, captured.messages


# Narrow paragraphs force hyphenation, so each language's dictionary is loaded here too.
_WARM_UP_PAGE = (
    "<!DOCTYPE html><html><head><style>{css}</style></head><body>"
    '<p lang="nl" style="width: 3em">Communicatiebeleid</p>'
    '<p lang="en" style="width: 3em">Communication</p></body></html>'
)


def warm_up() -> None:
    """Load WeasyPrint, the fonts, the page design and the hyphenation dictionaries (kept per
    process) by rendering a small page, so that a worker pays for them before its first document
    rather than during it."""
    with suppress(PdfError):  # the real documents will report it
        html_to_pdf(_WARM_UP_PAGE.format(css=stylesheet()))
