"""Where policygen's shipped files are: the templates folder and the JSON Schema.

The only module that knows. An installed policygen carries both as package data (the wheel's
``force-include`` in pyproject.toml) and finds them with ``importlib.resources``, as WeasyPrint
and mkdocs find theirs; a source checkout (an editable install) has them at the top of the
repository, where a policy writer looks for them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
"""The repository root when policygen runs from a checkout (``src/policygen/`` is two below)."""


def _shipped(packaged: str, in_checkout: Path) -> Path:
    """The package data ``packaged`` of an installed policygen, else the checkout's file.

    Templates are read by path (Jinja2's loader, WeasyPrint's assets), so the package must be
    installed as files, not imported from a zip archive.
    """
    candidate = resources.files("policygen") / packaged
    if isinstance(candidate, Path) and candidate.exists():
        return candidate
    return in_checkout


@cache
def templates_dir() -> Path:
    """The templates folder: wording, page layout, labels, the wizard's texts and assets."""
    return _shipped("templates", CHECKOUT / "templates")


@cache
def assets_dir() -> Path:
    """The stylesheet and fonts: the only folder the PDF stage may read files from (real path)."""
    return (templates_dir() / "assets").resolve()


@cache
def schema_file() -> Path:
    """The JSON Schema an editor checks questionnaires against."""
    return _shipped("policygen.schema.json", CHECKOUT / "schema" / "policygen.schema.json")
