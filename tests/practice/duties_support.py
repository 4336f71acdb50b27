"""Case folders for the tests of the other duties (issue 11), made by ``asesorlab simulate``:
one unit per case (quick to judge), every case with an integrity scenario, or every case
timed."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

from suite_support import ASESORLAB

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


def integrity_set(out: Path, count: int = 3, seed: int = 5) -> Path:
    """Cases that all carry an integrity scenario (at seed 5: a colleague, where declining is
    right, and an asesi asking for "a little help", where only disclosure is)."""
    return simulate(out, "--cases", str(count), "--seed", str(seed), "--integrity-rate", "1")


def timed_set(out: Path, minutes: int = 1) -> Path:
    """One timed case without an integrity scenario."""
    return simulate(out, "--cases", "1", "--seed", "5", "--integrity-rate", "0",
                    "--time-limit", str(minutes))


__all__ = ["first_unit", "integrity_set", "simulate", "timed_set"]


def in_own_thread(function: Callable[[], object]) -> None:
    """Run ``function`` in a new thread (no event loop there: a browser driver's loop may be
    running in the test's own thread); re-raise what it raised."""
    failures: list[BaseException] = []

    def target() -> None:
        try:
            function()
        except BaseException as exc:  # handed to the test's thread
            failures.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(120)
    assert not thread.is_alive(), "the thread did not end within 120 s"
    if failures:
        raise failures[0]
