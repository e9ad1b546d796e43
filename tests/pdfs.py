"""Printed PDFs read back with pypdf: how many pages, their text, and any link on them."""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader


def read_pdf(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def flat(text: str) -> str:
    """PDF text as one line: the page's line breaks (and a hyphen's break) joined, "fi" ligatures undone."""
    return " ".join(unicodedata.normalize("NFKC", text).replace("-\n", "-").split())


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in read_pdf(data).pages]


def link_targets(data: bytes) -> list[str]:
    """Every link annotation's target: a clickable area on any page."""
    targets = []
    for page in read_pdf(data).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                action = annotation.get("/A") or {}
                targets.append(str(action.get("/URI", action)))
    return targets
