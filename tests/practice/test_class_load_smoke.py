"""``benchmarks/class_load.py`` runs: two trainees through a case each, both attempts stored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.server, pytest.mark.slow]

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "class_load.py"


def test_class_load_runs_for_two_trainees(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "-n", "2", "--no-postgres",
                           "--think", "0", "--results", str(tmp_path)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((tmp_path / "class_load.json").read_text(encoding="utf-8"))
    (run,) = result["runs"]
    assert run["failures"] == 0 and run["submits"] == 2 and run["attempts_stored"] == 2
    assert run["clicks"] >= 2 * 10 and run["kernels"] >= 2
    assert "stored/submits" in done.stdout


@pytest.mark.postgres
def test_class_load_runs_against_a_trial_hub(tmp_path: Path) -> None:
    from training.hub_trial import PROXY

    if not PROXY.exists():
        pytest.skip(f"configurable-http-proxy is not installed at {PROXY} (make test installs "
                    "it with npm)")
    done = subprocess.run([sys.executable, str(SCRIPT), "-n", "2", "--hub", "--no-serve",
                           "--think", "0", "--results", str(tmp_path)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    (run,) = json.loads((tmp_path / "class_load.json").read_text(encoding="utf-8"))["runs"]
    assert (run["target"], run["db"]) == ("hub", "postgresql")
    assert run["failures"] == 0 and run["submits"] == 2 and run["attempts_stored"] == 2
    assert run["kernels"] == 2 and run["servers"] == 2  # a server of their own per trainee
