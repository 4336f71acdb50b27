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


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (children, their children, …), read from ``/proc``."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z":  # a zombie is gone, only not yet reaped
            parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running (not gone, not zombies)."""
    running: set[int] = set()
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if stat[stat.rindex(")") + 2:].split()[0] != "Z":
            running.add(pid)
    return running
