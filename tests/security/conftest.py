"""The payload tests' summary: renderer, outputs, payload checks and dialogs, printed at
the end of the session and written to ``test-artifacts/security-payloads.json``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from suite_support import ROOT

from security.payloads import PAYLOADS

SUMMARY: list[dict[str, Any]] = []


def record(renderer: str, pages: int, dialogs: int = 0) -> None:
    """One renderer's outputs: each opened (or read) and checked for every payload."""
    SUMMARY.append({"renderer": renderer, "pages": pages, "checked": pages * len(PAYLOADS),
                    "dialogs": dialogs})


@pytest.fixture(scope="session", autouse=True)
def payload_summary() -> Iterator[None]:
    yield
    if not SUMMARY:
        return
    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    (out / "security-payloads.json").write_text(json.dumps(SUMMARY, indent=2), encoding="utf-8")
    total = sum(row["pages"] for row in SUMMARY)
    print(f"\npayload test: {len(SUMMARY)} renderers, {total} outputs x {len(PAYLOADS)} "
          f"payloads, {sum(row['dialogs'] for row in SUMMARY)} dialogs")
    for row in SUMMARY:
        print(f"  {row['renderer']:<40} {row['pages']:>3} outputs {row['checked']:>4} "
              f"payload checks {row['dialogs']} dialogs")
