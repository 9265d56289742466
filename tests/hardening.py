"""Helpers of the hardening tests: questionnaires from the JSON Schema, and HTML inspection.

Walking the schema instead of a hand-written example means a field added to the model is covered
by the fuzzing, no-fetch and size tests without editing them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree

import markdown
import yaml
from hypothesis import event
from hypothesis import strategies as st

from policygen.errors import PolicygenError
from policygen.questionnaire import load_text
from policygen.questionnaire.fields import COUNTRY_PATTERN
from policygen.questionnaire.loader import MAX_FILE_BYTES
from policygen.questionnaire.schema import json_schema_text
from policygen.render import DOCUMENTS, page_meta, render_markdown, render_page
from policygen.render.html import ALLOWED_TAGS
from policygen.resources import templates_dir

SCHEMA: dict[str, Any] = json.loads(json_schema_text())

TextMaker = Callable[[str, int], str]
"""Gives the text for a field: called with the field's path and its maximum length."""


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` and drop the ``null`` choice of optional fields."""
    if "$ref" in node:
        return resolve(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]])
    choices = [choice for choice in node.get("anyOf", []) if choice.get("type") != "null"]
    return resolve(choices[0]) if choices else node


def is_url(node: dict[str, Any]) -> bool:
    return "https://" in node.get("pattern", "")


NAMES_FILES = {"customisation", "branding"}
"""Sections that name files beside the questionnaire; their own tests cover them
(tests/test_customisation.py, tests/test_branding.py), so generated questionnaires leave them out."""


COUNTRIES = ["NL", "GB", "BE", "US"]
"""Dutch law, UK GDPR, the GDPR elsewhere, and no privacy regulation we can name."""


def pattern_value(node: dict[str, Any]) -> str:
    """A valid value for a non-address pattern: a country code or an e-mail address."""
    return "GB" if node["pattern"] == COUNTRY_PATTERN else "communicatie@example.org"


def is_text(node: dict[str, Any]) -> bool:
    """Free text a reader sees: a string without choices, date format or address pattern."""
    return (
        node.get("type") == "string"
        and "enum" not in node
        and "format" not in node
        and "pattern" not in node
    )


def every_field(
    text: TextMaker, *, url: str, items: int, node: dict[str, Any] = SCHEMA, path: str = ""
) -> Any:
    """Every optional field present, ``items`` entries in each list (capped at its limit)."""
    node = resolve(node)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return node["enum"][-1]
    kind = node.get("type")
    if kind == "object":
        return {
            name: every_field(
                text, url=url, items=items, node=child, path=f"{path}.{name}".lstrip(".")
            )
            for name, child in node["properties"].items()
            if name not in NAMES_FILES
        }
    if kind == "array":
        count = min(items, node.get("maxItems", items))
        return [
            every_field(text, url=url, items=items, node=node["items"], path=f"{path}[{index}]")
            for index in range(max(count, node.get("minItems", 0)))
        ]
    if kind == "string":
        if node.get("format") == "date":
            return dt.date(2026, 3, 1)
        if "pattern" in node:
            return url if is_url(node) else pattern_value(node)
        return text(path, node.get("maxLength", 200))
    if kind in ("integer", "number"):
        return node.get("maximum", node.get("minimum", 1))
    if kind == "boolean":
        return True
    raise AssertionError(f"the schema has a type the filler does not know: {node}")


def text_fields(
    data: Any, node: dict[str, Any] = SCHEMA, path: str = ""
) -> Iterator[tuple[str, str]]:
    """``(path, value)`` of every free-text value in ``data``."""
    node = resolve(node)
    if isinstance(data, dict) and node.get("type") == "object":
        for name, value in data.items():
            yield from text_fields(value, node["properties"][name], f"{path}.{name}".lstrip("."))
    elif isinstance(data, list) and node.get("type") == "array":
        for index, item in enumerate(data):
            yield from text_fields(item, node["items"], f"{path}[{index}]")
    elif isinstance(data, str) and is_text(node):
        yield path, data


HOSTILE_PIECES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "{{ 7*7 }}",
    "{% if true %}",
    "{# c #}",
    "{## c ##}",
    "[l](javascript:alert(1))",
    "![i](http://127.0.0.1:9/i.png)",
    "![f](file:///etc/hostname)",
    "<http://127.0.0.1:9/>",
    "**b**",
    "_i_",
    "# h",
    "- li",
    "+ li",
    "1. x",
    "2) y",
    "| a | b |",
    "&amp;",
    "&#60;",
    "\\",
    "`c`",
    "---",
    "===",
    "> q",
    "<!-- c -->",
    "{#id}",
    "{: .cls}",
    "[TOC]",
    "*",
    "  ",
    "\t",
    "\n",
    "~~s~~",
    "[^1]",
    "'",
    '"',
    "\u00a0",
    "é",
    "你好",
    "🙂",
]
"""Markup of every language in the pipeline (HTML, Markdown, Jinja, YAML) and odd whitespace."""

_PLAIN = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8)


def marked_text(max_length: int) -> st.SearchStrategy[str]:
    """A distinctive marker, then hostile pieces and random characters, within ``max_length``."""
    pieces = st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), _PLAIN), max_size=6)
    return st.builds(
        lambda number, parts: f"Mk{number:05d} {''.join(parts)}"[:max_length],
        st.integers(0, 99999),
        pieces,
    )


URLS = [
    "https://example.org/beleid?versie=1&taal=nl",
    "http://127.0.0.1:9/x.png",
    "https://example.org/(a)_[b]*c*",
    "mailto:communicatie@example.org",
]


def questionnaires(node: dict[str, Any] = SCHEMA) -> st.SearchStrategy[Any]:
    """Questionnaire data within the schema: random choices, optional parts, hostile text."""
    node = resolve(node)
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "object":
        required = set(node.get("required", []))
        children = {
            name: questionnaires(child)
            for name, child in node["properties"].items()
            if name not in NAMES_FILES
        }
        return st.fixed_dictionaries(
            {name: value for name, value in children.items() if name in required},
            optional={name: value for name, value in children.items() if name not in required},
        )
    if kind == "array":
        minimum = node.get("minItems", 0)
        return st.lists(questionnaires(node["items"]), min_size=minimum, max_size=max(minimum, 2))
    if kind == "string":
        if node.get("format") == "date":
            return st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))
        if node.get("pattern") == COUNTRY_PATTERN:
            return st.sampled_from(COUNTRIES)
        if "pattern" in node:
            return st.sampled_from(URLS) if is_url(node) else st.just("info@example.org")
        return marked_text(node.get("maxLength", 200))
    if kind == "integer":
        low = node.get("minimum", 0)
        return st.integers(low, node.get("maximum", low + 1000))
    if kind == "number":
        low = node.get("minimum", 0)
        return st.floats(low, node.get("maximum", low + 1000), allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    raise AssertionError(f"the schema has a type the strategy does not know: {node}")


class _Inspector(HTMLParser):
    """Collects tags, attributes and the visible text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


def inspect_html(html: str) -> _Inspector:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector


def visible_text(html: str) -> str:
    """The text a reader sees, whitespace collapsed the way policygen collapses answers."""
    return " ".join("".join(inspect_html(html).text).split())


TABLE_ALIGNMENT = re.compile(r"text-align: (left|right|center);")
DANGEROUS_ATTRIBUTES = {"src", "srcset", "style", "action", "formaction", "background"}
SAFE_URL = re.compile(r"^(#|https://|http://|mailto:)")
PAGE_TAGS = set(
    re.findall(r"<([a-z][a-z0-9]*)", (templates_dir() / "page.html.j2").read_text(encoding="utf-8"))
)
"""Tags the trusted page template writes itself (html, head, style, nav…)."""


def live_markup(html: str, allowed_tags: set[str]) -> list[str]:
    """Everything in ``html`` that could run, fetch or navigate: should be empty."""
    inspector = inspect_html(html)
    found = [f"<{tag}>" for tag in inspector.tags if tag not in allowed_tags]
    for tag, name, value in inspector.attributes:
        if name == "style" and TABLE_ALIGNMENT.fullmatch(value):
            continue  # Markdown's own column alignment (``|--:|``)
        if name.startswith("on") or name in DANGEROUS_ATTRIBUTES:
            found.append(f"<{tag} {name}={value!r}>")
        if name == "href" and not SAFE_URL.match(value):
            found.append(f"<{tag} href={value!r}>")
    return found


def rendered_markdown(text: str) -> str:
    """The Markdown as another Markdown tool would show it: converted, not sanitised."""
    return markdown.markdown(text, extensions=["tables", "toc", "attr_list", "sane_lists"])


PAGE_ALLOWED_TAGS = ALLOWED_TAGS | PAGE_TAGS


_FILLER = "Medewerkers & vrijwilligers <delen> *nooit* [vertrouwelijke] informatie_van cliënten | patiënten. "
"""Words with a character Markdown or HTML must escape every few letters: the costliest text."""


def largest_questionnaire() -> str:
    """The biggest questionnaire the limits allow: every list full, texts as long as the file
    size limit leaves room for (the same length everywhere, found by bisection)."""

    def with_texts_of(length: int) -> str:
        def text(path: str, max_length: int) -> str:
            size = min(max_length, length)
            return (_FILLER * (size // len(_FILLER) + 1))[:size].strip()

        data = every_field(text, url="https://example.org/" + "a" * 400, items=10**6)
        data["language"] = "nl"
        return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))

    low, high = 1, 2000
    while low < high:
        middle = (low + high + 1) // 2
        if len(with_texts_of(middle).encode()) <= MAX_FILE_BYTES:
            low = middle
        else:
            high = middle - 1
    return with_texts_of(low)


FIELDS_WE_WRITE = {"TOC", "PAGE", "NUMPAGES"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LIVE_WORD_ELEMENTS = {
    "fldSimple",
    "drawing",
    "pict",
    "object",
    "altChunk",
    "subDoc",
    "embedObject",
}


def docx_hazards(data: bytes) -> list[str]:
    """What in a DOCX could act rather than show: fields other than the writer's own, images or
    objects, external targets other than web and mail hyperlinks, macros."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("word/media/") or name.endswith(".bin"):
                problems.append(f"{name}: embedded file")
            if not name.endswith((".xml", ".rels")):
                continue
            for element in ElementTree.fromstring(package.read(name)).iter():
                tag = element.tag.rsplit("}", 1)[-1]
                if tag in _LIVE_WORD_ELEMENTS:
                    problems.append(f"{name}: <{tag}>")
                elif (
                    tag == "instrText"
                    and (element.text or "").split()[:1] != []
                    and ((element.text or "").split()[0] not in FIELDS_WE_WRITE)
                ):
                    problems.append(f"{name}: field {element.text!r}")
                elif tag == "Relationship" and element.get("TargetMode") == "External":
                    target, kind = element.get("Target", ""), element.get("Type", "")
                    if not (
                        kind.endswith("/hyperlink")
                        and target.startswith(("https://", "http://", "mailto:"))
                    ):
                        problems.append(f"{name}: external {kind.rsplit('/', 1)[-1]} {target!r}")
    return problems


def docx_text(data: bytes) -> str:
    """The visible text of a DOCX's body, one line per paragraph, spaces collapsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = ElementTree.fromstring(package.read("word/document.xml"))
    lines = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p")]
    return "\n".join(" ".join(line.split()) for line in lines)


def rendered(data: Any) -> list[tuple[str, str]] | None:
    """``(markdown, html page)`` of each document, or None when the questionnaire is refused."""
    try:
        questionnaire = load_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        ).questionnaire
        documents = []
        for kind in DOCUMENTS:
            markdown_text = render_markdown(questionnaire, kind)
            documents.append(
                (markdown_text, render_page(markdown_text, page_meta(questionnaire, kind)))
            )
    except PolicygenError as error:
        event(f"refused: {type(error).__name__}")
        return None
    event("built")
    return documents
