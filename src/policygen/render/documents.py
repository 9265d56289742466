"""The documents a questionnaire produces, each the root of a tree of clauses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    """One of the documents a questionnaire produces; its clause texts are in ``<lang>/<key>/``."""

    key: str
    document_id: str
    """The anchor id of the document's title, the root of its clause tree."""


POLICY = DocumentKind("policy", "social-media-policy")
PLAN = DocumentKind("plan", "implementation-plan")
DOCUMENTS = (POLICY, PLAN)
