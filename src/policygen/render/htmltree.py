"""Sanitised HTML -> a small element tree, for the stages that read HTML back (DOCX, diff)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SPACE = re.compile(r"\s+")
_VOID_TAGS = {"br", "hr"}


@dataclass
class Node:
    """One element of the sanitised HTML (text nodes have ``tag == ""``)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str = ""


class _TreeBuilder(HTMLParser):
    """nh3's output is well-formed and small; a stack is all the parsing it needs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID_TAGS:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(Node("", text=data))


def parse_html(text: str) -> Node:
    """The element tree of a sanitised HTML fragment."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def text_of(node: Node) -> str:
    """The text of an element, whitespace collapsed."""

    def walk(n: Node) -> Iterator[str]:
        yield n.text
        for child in n.children:
            yield from walk(child)

    return _SPACE.sub(" ", "".join(walk(node))).strip()
