"""Benchmark: 16 training packs by ``asesorlab batch`` (2 workers) vs a naive papermill loop.

Three measurements in one run, on the same parameter sets:

* **naive** — a sequential loop of ``papermill`` command-line calls, one per pack;
* **batch** — :func:`training.batch.run_batch` with 2 local workers (pooled, preloaded
  kernels), writing the executed notebooks (``ipynb``, as papermill does);
* **in-process** — the pack code itself (:func:`training.pack.build_pack`) called in this
  process, after one warm-up call: the pure-Python work with no notebook around it.

Printed: wall time, packs per second, the throughput ratio batch/naive, and the per-pack
overhead of the batch over the pure work, counted two ways: wall time per pack (what a
coordinator waits) and worker-seconds per pack (wall × workers / packs). The machine is
shared with other work, so numbers are noisy; compare ratios from the same run.

    python benchmarks/batch.py            # 16 packs
    python benchmarks/batch.py --quick    # 4 packs, a smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training.batch import load_manifest, run_batch  # noqa: E402
from training.pack import build_pack  # noqa: E402

NOTEBOOK = ROOT / "notebooks" / "training_pack.ipynb"
UNIT = "J.620100.004.02"
CASES = 4
WORKERS = 2


def parameter_sets(count: int) -> list[dict[str, object]]:
    """``count`` packs: seeds × the two languages."""
    return [{"units": [UNIT], "cases": CASES, "seed": 1 + i // 2, "language": ("id", "en")[i % 2]}
            for i in range(count)]


def naive(sets: list[dict[str, object]], folder: Path) -> float:
    papermill = Path(sys.executable).parent / "papermill"
    started = time.perf_counter()
    for number, parameters in enumerate(sets):
        run_dir = folder / f"run-{number}"
        run_dir.mkdir(parents=True)
        subprocess.run([str(papermill), str(NOTEBOOK), str(run_dir / "training_pack.ipynb"),
                        "-y", json.dumps(parameters), "--cwd", str(run_dir),
                        "--log-level", "ERROR", "--no-progress-bar"],
                       check=True, capture_output=True)
    return time.perf_counter() - started


def batch(sets: list[dict[str, object]], folder: Path) -> float:
    folder.mkdir(parents=True)
    rows = "\n".join("  - " + json.dumps(p) for p in sets)
    manifest = folder / "manifest.yaml"
    manifest.write_text(f"notebook: training_pack\noutput: out\nformats: [ipynb]\nruns:\n{rows}\n")
    started = time.perf_counter()
    outcome = run_batch(load_manifest(manifest), workers=WORKERS, progress=False)
    seconds = time.perf_counter() - started
    if outcome.exit_code:
        raise SystemExit(f"batch failed: {[r.error for r in outcome.results if r.error]}")
    return seconds


def in_process(sets: list[dict[str, object]], folder: Path) -> float:
    build_pack(out_dir=folder / "warm-up", **sets[0])  # type: ignore[arg-type]
    started = time.perf_counter()
    for number, parameters in enumerate(sets):
        build_pack(out_dir=folder / f"run-{number}", **parameters)  # type: ignore[arg-type]
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 packs instead of 16")
    args = parser.parse_args()
    count = 4 if args.quick else 16
    sets = parameter_sets(count)
    with tempfile.TemporaryDirectory(prefix="asesorlab-bench-batch-") as tmp:
        root = Path(tmp)
        pure = in_process(sets, root / "inproc")
        ours = batch(sets, root / "batch")
        slow = naive(sets, root / "naive")
        shutil.rmtree(root, ignore_errors=True)
    pure_each = pure / count
    rows = [
        ("naive papermill CLI loop", slow, count / slow),
        (f"asesorlab batch ({WORKERS} workers)", ours, count / ours),
        ("pack code in-process", pure, count / pure),
    ]
    ratio = slow / ours
    overhead_wall = ours / count - pure_each
    overhead_worker = ours * WORKERS / count - pure_each
    print(f"{count} packs ({UNIT}, {CASES} cases each), {os.cpu_count()} CPUs")
    print(f"{'method':<32} {'seconds':>8} {'packs/s':>8}")
    for name, seconds, rate in rows:
        print(f"{name:<32} {seconds:8.2f} {rate:8.2f}")
    print(f"throughput batch / naive: {ratio:.2f}x (target >= 2.5x)")
    print(f"per-pack overhead over in-process work: {overhead_wall:.3f} s wall per pack, "
          f"{overhead_worker:.3f} worker-s per pack (target <= 0.4 s)")
    results = {
        "packs": count, "workers": WORKERS, "cpus": os.cpu_count(),
        "naive_seconds": round(slow, 3), "batch_seconds": round(ours, 3),
        "in_process_seconds": round(pure, 3), "ratio": round(ratio, 3),
        "overhead_wall_per_pack": round(overhead_wall, 3),
        "overhead_worker_seconds_per_pack": round(overhead_worker, 3),
    }
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "batch.json").write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
