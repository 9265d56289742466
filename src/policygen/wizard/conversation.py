"""Where the interview's questions go and its answers come from: a terminal, or a test."""

from __future__ import annotations

import contextlib
import shutil
import sys
import textwrap
from typing import Protocol

import typer

COMMENT_WIDTH = 100
MIN_WIDTH = 20
"""Prose is wrapped to the terminal, but never narrower than this (a 1-column terminal too)."""


class Conversation(Protocol):
    """Where questions go and answers come from; tests and the terminal each provide one."""

    def ask(self, prompt: str) -> str:
        """One line of input; raises EOFError at end of input, KeyboardInterrupt on Ctrl-C."""
        ...

    def say(self, text: str = "", *, bold: bool = False) -> None:
        """One line of output."""
        ...


class TerminalConversation:
    """Plain ``input()`` and ``typer.echo``: readable in any terminal and scriptable in tests."""

    def __init__(self) -> None:
        with contextlib.suppress(ImportError):  # line editing (arrow keys, history) where available
            import readline  # noqa: F401

    def ask(self, prompt: str) -> str:
        return input(prompt)

    def say(self, text: str = "", *, bold: bool = False) -> None:
        typer.echo(typer.style(text, bold=True) if bold else text)


def prose(text: str, indent: str = "") -> list[str]:
    """Explanations wrapped to the terminal's width, between words (commands are never wrapped)."""
    columns = shutil.get_terminal_size().columns - 1
    width = max(min(columns, COMMENT_WIDTH), MIN_WIDTH + len(indent))
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent) or [""]


def stdin_is_terminal() -> bool:
    """Whether someone can answer questions; without a terminal the wizard must not wait."""
    return sys.stdin.isatty()
