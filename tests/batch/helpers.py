"""Helpers of the batch tests: manifests, reports and file listings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NOTEBOOKS = Path(__file__).parent / "notebooks"
def write_manifest(folder: Path, text: str, name: str = "manifest.yaml") -> Path:
    """Write a manifest (``{notebooks}`` is replaced by the test notebook folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text.replace("{notebooks}", str(NOTEBOOKS)), encoding="utf-8")
    return path


def read_report(output: Path) -> dict[str, Any]:
    """The ``batch-report.json`` of a batch."""
    return json.loads((output / "batch-report.json").read_text(encoding="utf-8"))


def files_under(folder: Path) -> list[str]:
    """Every file below ``folder`` (relative, sorted), hidden state included."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
