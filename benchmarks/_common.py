"""Shared helpers of the benchmark scripts: timing, a printed table and a JSON result file."""

from __future__ import annotations

import json
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def best_of(function: Callable[[], Any], repeat: int = 5) -> tuple[float, float]:
    """(best, median) wall-clock seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def print_table(headers: list[str], rows: list[list[Any]]) -> None:
    """Print rows as an aligned text table."""
    cells = [[f"{c:.4f}" if isinstance(c, float) else str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def write_result(name: str, data: dict[str, Any], folder: Path | None = None) -> Path:
    """Write ``benchmarks/results/<name>.json`` (or into ``folder``) with machine facts."""
    folder = folder or RESULTS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    payload = {"benchmark": name, "python": platform.python_version(),
               "machine": platform.machine(), "time": time.strftime("%Y-%m-%dT%H:%M:%S"), **data}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return path
