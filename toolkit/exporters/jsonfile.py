"""The form document model as JSON, for other tools."""

from __future__ import annotations

import json
from pathlib import Path

from ..instruments.model import FormDocument
from ..schemeio.atomic import write_text_atomic


def render_json(document: FormDocument) -> str:
    """One document as indented JSON (UTF-8 text, not ASCII-escaped)."""
    return json.dumps(document.to_dict(), ensure_ascii=False, indent=2) + "\n"


def write_json(document: FormDocument, path: Path) -> None:
    """Write one document as JSON (atomically)."""
    write_text_atomic(Path(path), render_json(document))


__all__ = ["render_json", "write_json"]
