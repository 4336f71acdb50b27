"""Constants and types shared by the suite's test modules (importable, unlike conftest)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PLUGIN = ROOT / "tests" / "plugins" / "asesorlab-example"
ASESORLAB = Path(sys.executable).parent / "asesorlab"


@dataclass
class CliResult:
    """What one run of the real ``asesorlab`` command produced."""

    code: int
    out: str
    err: str
