"""Benchmark: start-up time of the ``asesorlab`` command line (issue 15).

Runs each command as a new process, ``--repeat`` times (default 10), and reports the
median wall-clock time (and the median CPU time of the process, user + system, which a
busy shared machine disturbs much less) beside a bare ``python -c pass`` and
``jupyter --version`` of the same environment. Targets: ``--version`` and ``--help``
≤ 0.25 s, ``validate`` of the sample scheme ≤ 0.5 s.

    python benchmarks/cli_startup.py [--repeat 10] [--bin DIR] [--label after]

``--bin`` names the folder of another environment's ``python``/``asesorlab``/``jupyter``
(e.g. a checkout of the previous version), to measure "before" with the same script.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import print_table, write_result

SAMPLE = Path(__file__).resolve().parent.parent / "toolkit" / "data" / "junior-web-programmer.yaml"
TARGETS = {"--version": 0.25, "--help": 0.25, "validate": 0.5}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _median_run(argv: list[str], repeat: int) -> tuple[float, float]:
    """(median wall-clock seconds, median CPU seconds) of ``repeat`` runs of ``argv``."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _cpu()
        done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              check=False)
        times.append(time.perf_counter() - start)
        cpu.append(_cpu() - start_cpu)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): "
                             f"{done.stderr.decode(errors='replace')[-500:]}")
    return statistics.median(times), statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10, help="runs per command")
    parser.add_argument("--bin", type=Path, default=Path(sys.executable).parent,
                        help="folder holding python, asesorlab and jupyter")
    parser.add_argument("--label", default="after", help="name of this measurement")
    args = parser.parse_args()
    python, asesorlab = str(args.bin / "python"), str(args.bin / "asesorlab")
    with tempfile.TemporaryDirectory() as folder:
        commands = {
            "python -c pass": [python, "-c", "pass"],
            "jupyter --version": [str(args.bin / "jupyter"), "--version"],
            "--version": [asesorlab, "--version"],
            "--help": [asesorlab, "--help"],
            "validate": [asesorlab, "validate", str(SAMPLE)],
            "simulate --cases 1": [asesorlab, "simulate", str(SAMPLE), "--cases", "1",
                                   "-o", folder],
        }
        runs = {name: _median_run(argv, args.repeat) for name, argv in commands.items()}
    medians = {name: wall for name, (wall, _cpu_s) in runs.items()}
    cpu = {name: cpu_s for name, (_wall, cpu_s) in runs.items()}
    bare = medians["python -c pass"]
    rows = []
    for name, median in medians.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("met" if median <= target else "MISSED")
        rows.append([name, median, cpu[name], f"{median / bare:.1f}x",
                     f"<= {target} s" if target else "", verdict])
    print(f"asesorlab start-up ({args.label}; median of {args.repeat} runs, {args.bin})")
    print_table(["command", "wall s", "cpu s", "wall vs python", "target", ""], rows)
    path = write_result(f"cli_startup_{args.label}", {
        "repeat": args.repeat, "medians": medians, "cpu_medians": cpu, "targets": TARGETS,
        "load_average": os.getloadavg(),
        "met": {name: medians[name] <= target for name, target in TARGETS.items()}})
    print(f"written: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
