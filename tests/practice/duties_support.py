"""Case folders for the tests of the other duties (issue 11), made by ``asesorlab simulate``:
one unit per case (quick to judge), every case with an integrity scenario, or every case
timed; and the strings of a key's plan and integrity verdict that must not reach a page
before submit."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from suite_support import ASESORLAB

from toolkit.cases.model import AnswerKey
from toolkit.schemeio import read_scheme, sample_scheme_path


def first_unit() -> str:
    """The sample scheme's first unit (the cases here assess only it)."""
    return read_scheme(sample_scheme_path()).units[0].code


def simulate(out: Path, *options: str) -> Path:
    """``asesorlab simulate`` of the sample scheme, English cases of one unit, into ``out``."""
    done = subprocess.run(
        [str(ASESORLAB), "simulate", str(sample_scheme_path()), "--units", first_unit(),
         "--language", "en", "-o", str(out), *options],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "ASESORLAB_LANG": "en"})
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def integrity_set(out: Path, count: int = 3, seed: int = 11) -> Path:
    """Cases that all carry an integrity scenario."""
    return simulate(out, "--cases", str(count), "--seed", str(seed), "--integrity-rate", "1")


def timed_set(out: Path, minutes: int = 1) -> Path:
    """One timed case without an integrity scenario."""
    return simulate(out, "--cases", "1", "--seed", "5", "--integrity-rate", "0",
                    "--time-limit", str(minutes))


def duty_secrets(key: AnswerKey) -> list[str]:
    """What only the key holds of the plan and the integrity verdict: every reason, and the
    verdict's own fields as they stand in JSON."""
    texts: list[str] = []
    plan = key.plan_key
    if plan is not None:
        for option in (*plan.routes, *plan.tuk):
            texts += list(option.why.values())
        for unit in plan.units.values():
            texts += list(unit.why.values())
    verdict = key.integrity_key
    if verdict is not None:
        texts += list(verdict.why.values())
        data = verdict.model_dump(mode="json")
        texts += [f'"acts": {json.dumps(data["acts"])}', '"integrity_key"', '"plan_key"',
                  '"required_methods"', '"acceptable_methods"']
    return sorted({t for t in texts if len(t) >= 20 or t.startswith('"')})


__all__ = ["duty_secrets", "first_unit", "integrity_set", "simulate", "timed_set"]
