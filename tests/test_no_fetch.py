"""No fetches: whatever a questionnaire says, a build opens no connection and reads no file
outside the packaged assets.

A local HTTP server (random port, its own thread) counts every connection; a canary file in
tmp_path holds a unique word. Every URL field points at the server, every text field carries
images, links, attachments, frames and stylesheets aimed at the server and the canary. The build
makes all three formats; then the server must have seen nothing, no Python code may have opened
the canary, and its word must appear in no output (PDF streams decompressed).
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import StreamObject
from tests.hardening import every_field
from typer.testing import CliRunner

import policygen
from policygen.cli import app
from policygen.resources import templates_dir

runner = CliRunner()


@dataclass
class Witness:
    """What the build touched: connections to the server, and files Python opened."""

    connections: list[str] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)
    watching: bool = False

    @contextmanager
    def watch(self) -> Iterator[None]:
        """Record the files Python opens inside the ``with`` block."""
        self.watching = True
        try:
            yield
        finally:
            self.watching = False

    def unexpected_reads(self, *allowed: Path) -> list[str]:
        """Opened files outside Python, policygen, its templates, temporary files and ``allowed``."""
        roots = [
            Path(sys.prefix),
            Path(sys.base_prefix),
            Path(policygen.__file__).parent,
            templates_dir(),
        ]
        roots += allowed
        return [
            path
            for path in self.opened
            if path not in SYSTEM_FILES
            and Path(tempfile.gettempdir())
            not in (Path(path), Path(path).parent)  # tempfile's own files
            and not any(
                Path(os.path.realpath(path)).is_relative_to(root.resolve()) for root in roots
            )
        ]


SYSTEM_FILES = {"/dev/null", "/etc/mime.types"}
"""Read by the standard library itself (subprocess, mimetypes), never chosen by a questionnaire."""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test counts connections itself."""


@pytest.fixture
def witness() -> Iterator[tuple[Witness, str]]:
    """A listening server on 127.0.0.1 and an audit hook on ``open``; yields the server's URL."""
    seen = Witness()

    class CountingServer(ThreadingHTTPServer):
        def verify_request(self, request: Any, client_address: Any) -> bool:
            seen.connections.append(str(client_address))
            return True

    server = CountingServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _WITNESSES.append(seen)
    try:
        yield seen, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


_WITNESSES: list[Witness] = []


def _record_open(event: str, args: tuple[Any, ...]) -> None:
    if (
        event == "open"
        and _WITNESSES
        and _WITNESSES[-1].watching
        and isinstance(args[0], str | Path)
    ):
        _WITNESSES[-1].opened.append(str(args[0]))


sys.addaudithook(_record_open)  # audit hooks cannot be removed; it records only while watching


def payloads(server: str, canary: Path) -> list[str]:
    """Each fits a 200-character field; together they try every way HTML and Markdown fetch."""
    file_url = canary.as_uri()
    return [
        f"![logo]({server}/md-image.png)",
        f"![canary]({file_url})",
        f"<img src='{server}/img.png' srcset='{server}/srcset.png 2x'>",
        f"<link rel=attachment href='{file_url}'>",
        f"<link rel=stylesheet href='{server}/style.css'>",
        f"<style>@import url({server}/import.css); body {{ background: url({file_url}) }}</style>",
        f"<iframe src='{file_url}'></iframe><object data='{server}/object'></object>",
        f"<svg><image href='{server}/svg.png'/></svg><embed src='{file_url}'>",
        f"<p style='background: url({server}/inline.png)'>x</p>",
        f"[link]({server}/link) <{server}/autolink> {server}/bare",
        f"<video poster='{server}/poster.png'><source src='{file_url}'></video>",
        f"<a href='{file_url}'>canary</a> <base href='{server}/'>",
    ]


def hostile_questionnaire(server: str, canary: Path) -> dict[str, Any]:
    pieces = payloads(server, canary)
    counter = iter(range(10**6))

    def text(path: str, max_length: int) -> str:
        return pieces[next(counter) % len(pieces)][:max_length]

    data: dict[str, Any] = every_field(text, url=f"{server}/url-field", items=2)
    data["language"] = "nl"
    return data


def write_canary(folder: Path) -> tuple[Path, str]:
    """A file with a unique secret: if its text shows up in an output, the build read it."""
    secret = f"canary-{uuid.uuid4()}"
    canary = folder / "canary.txt"
    canary.write_text(secret, encoding="utf-8")
    return canary, secret


def pdf_streams(path: Path) -> Iterator[bytes]:
    """Every stream of the PDF, decompressed."""
    reader = PdfReader(path)
    for number in range(1, int(str(reader.trailer["/Size"]))):
        try:
            obj = reader.get_object(number)
        except Exception:  # free entries of the cross-reference table
            continue
        if isinstance(obj, StreamObject):
            yield obj.get_data()


@pytest.mark.slow
def test_no_questionnaire_content_makes_a_build_fetch_or_read_anything(
    witness: tuple[Witness, str], tmp_path: Path
) -> None:
    seen, server = witness
    canary, secret = write_canary(tmp_path)
    source = tmp_path / "hostile.yaml"
    source.write_text(
        yaml.safe_dump(hostile_questionnaire(server, canary), allow_unicode=True), encoding="utf-8"
    )

    with seen.watch():
        result = runner.invoke(app, ["build", str(source), "--out", str(tmp_path / "out")])

    assert result.exit_code == 0, result.output
    outputs = sorted(path for path in (tmp_path / "out").rglob("*") if path.is_file())
    assert {path.suffix for path in outputs} >= {".md", ".html", ".pdf"}
    assert seen.connections == [], "the build connected to the server"
    assert seen.unexpected_reads(source, tmp_path / "out") == []
    for path in outputs:
        assert secret.encode() not in path.read_bytes(), path.name
        if path.suffix == ".pdf":
            assert b"/EmbeddedFile" not in path.read_bytes(), f"{path.name} has an attachment"
            assert not any(secret.encode() in stream for stream in pdf_streams(path)), path.name


def test_the_witness_sees_a_fetch_and_an_open(witness: tuple[Witness, str], tmp_path: Path) -> None:
    """The server and the audit hook work: a real request and a real open are recorded."""
    seen, server = witness
    from urllib.request import urlopen

    canary = tmp_path / "canary.txt"
    canary.write_text("x", encoding="utf-8")
    with seen.watch():
        with urlopen(f"{server}/probe", timeout=5) as response:
            assert response.status == 200
        canary.read_text(encoding="utf-8")
    assert len(seen.connections) == 1
    assert seen.unexpected_reads() == [str(canary)]


@pytest.mark.slow
def test_the_pdf_stage_alone_fetches_nothing_even_from_unsanitised_html(
    witness: tuple[Witness, str], tmp_path: Path
) -> None:
    """Defence in depth: HTML that skipped the sanitiser still reaches no server and no file."""
    from policygen.render.pdf import html_to_pdf

    seen, server = witness
    canary, secret = write_canary(tmp_path)
    body = "\n".join(payloads(server, canary))
    html = f"<!DOCTYPE html><html><head><link rel=stylesheet href='{server}/head.css'></head><body>{body}</body></html>"

    html_to_pdf("<p>warm-up: WeasyPrint's own first imports</p>")
    with seen.watch():
        pdf, _warnings = html_to_pdf(html)

    assert seen.connections == []
    assert seen.unexpected_reads() == []
    assert b"/EmbeddedFile" not in pdf
    path = tmp_path / "direct.pdf"
    path.write_bytes(pdf)
    assert not any(secret.encode() in stream for stream in pdf_streams(path))
