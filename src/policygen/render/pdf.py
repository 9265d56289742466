"""HTML -> PDF with WeasyPrint, fetching nothing but ``data:`` URLs.

WeasyPrint is imported here only, and this module is imported only when a PDF is built, so
``--help``, ``validate`` and ``schema`` stay fast. One font configuration and one parsed
stylesheet are reused for every document of a process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from policygen.errors import PdfError

PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b")


class _CapturedWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


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

    class DataOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """Allows ``data:`` URLs only: no files, no network, whatever the HTML asks for."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)

    return DataOnlyFetcher()


def html_to_pdf(html: str, *, variant: str | None = None) -> tuple[bytes, list[str]]:
    """The PDF bytes for one HTML page, and WeasyPrint's warnings about it."""
    if variant is not None and variant not in PDF_VARIANTS:
        raise PdfError(f"unknown PDF variant '{variant}'; choose {' or '.join(PDF_VARIANTS)}")
    weasyprint = _weasyprint()
    options: dict[str, Any] = {"font_config": _font_config()}
    if variant:
        options["pdf_variant"] = variant
    with _capture_weasyprint_log() as captured:
        try:
            document = weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=_fetcher())
            pdf = document.write_pdf(**options)
        except Exception as error:  # WeasyPrint raises many types; all mean "no PDF".
            raise PdfError(f"WeasyPrint could not make the PDF: {error}") from None
    return pdf, captured.messages
