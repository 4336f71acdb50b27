"""The batch report: ``OUT/batch-report.json`` and the summary table printed at the end.

``batch-report.json`` holds one entry per run, in manifest order::

    {"runs": [{"status": "ok"|"failed"|"skipped", "parameters": {...},
               "outputs": [paths relative to OUT], "seconds": 1.2, "error": null,
               "name": "...", "line": 7, "attempts": 1}, ...],
     "counts": {"ok": 3, "failed": 1, "skipped": 0}, "seconds": 9.8, ...}
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from toolkit.i18n import _
from toolkit.schemeio.atomic import write_text_atomic

from .execute import RunResult

REPORT_NAME = "batch-report.json"
STATUSES = ("ok", "failed", "skipped")


def counts(results: list[RunResult]) -> dict[str, int]:
    """How many runs ended in each status."""
    found = Counter(result.status for result in results)
    return {status: found.get(status, 0) for status in STATUSES}


def write_report(output: Path, results: list[RunResult], meta: dict[str, Any]) -> Path:
    """Write ``OUT/batch-report.json`` atomically and return its path."""
    document = {**meta, "counts": counts(results), "runs": [r.to_dict() for r in results]}
    path = output / REPORT_NAME
    write_text_atomic(path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return path


def _status_label(status: str) -> str:
    return {"ok": _("ok"), "failed": _("failed"), "skipped": _("skipped")}.get(status, status)


def summary_table(results: list[RunResult], width: int = 100) -> str:
    """A plain-text table: run, status, seconds and the outputs or the error.

    An error is never cut: the console shows the whole reason, on one line (as
    ``batch-report.json`` has it, so ``file:line:`` stays clickable and greppable).
    """
    header = ("#", _("run"), _("status"), _("seconds"), _("outputs / error"))
    rows = []
    for number, result in enumerate(results, 1):
        detail = result.error or _("{count} files", count=len(result.outputs))
        if result.status == "skipped" and not result.error:
            detail = _("already done ({count} files)", count=len(result.outputs))
        rows.append((str(number), result.name or "-", _status_label(result.status),
                     f"{result.seconds:.1f}", detail.replace("\n", " ")))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = []
    for row in [header, *rows]:
        head = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4]))
        lines.append(f"{head}  {row[4]}".rstrip())
    lines.insert(1, "-" * min(width, max(len(line) for line in lines)))
    total = counts(results)
    lines.append(_("{ok} ok, {failed} failed, {skipped} skipped", **total))
    return "\n".join(lines)


__all__ = ["REPORT_NAME", "counts", "summary_table", "write_report"]
