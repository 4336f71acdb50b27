"""Fixtures of the hardening tests, and the fuzz counts printed at the end of the run."""

from __future__ import annotations

from typing import Any

import pytest

#: reader → counts, filled by ``test_fuzz.py`` and printed by :func:`pytest_terminal_summary`
FUZZ_COUNTS: dict[str, dict[str, Any]] = {}


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print how many inputs each reader was given and how it ended."""
    if not FUZZ_COUNTS:
        return
    columns = ["mutated", "bombs", "ok", "located", "tracebacks", "hangs", "max_s", "rss_mb"]
    terminalreporter.section("reader fuzz (issue 15)")
    terminalreporter.write_line(f"{'reader':<12} " + " ".join(f"{c:>10}" for c in columns))
    for reader, counts in FUZZ_COUNTS.items():
        cells = [f"{counts.get(c, 0):>10.2f}" if isinstance(counts.get(c), float)
                 else f"{counts.get(c, 0):>10}" for c in columns]
        terminalreporter.write_line(f"{reader:<12} " + " ".join(cells))


@pytest.fixture
def fuzz_counts() -> dict[str, dict[str, Any]]:
    """The shared table of fuzz counts."""
    return FUZZ_COUNTS
