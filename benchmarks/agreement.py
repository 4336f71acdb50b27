"""Benchmark toolkit.agreement against scikit-learn and the krippendorff package.

Two workloads, in one run:

1. Scoring a calibration batch: 100 000 trainee judgements x 100 KUK (binary
   K/BK, about 85 % K in the master's key, trainee accuracy 75-99 %).  All
   per-trainee Cohen's kappas with ``cohen_kappa_many`` versus a Python loop of
   ``sklearn.metrics.cohen_kappa_score``.  The loop is timed on a subsample
   (2 000 trainees) and extrapolated linearly to the full batch; the output
   says so.  Target: at least 20x faster.
2. Krippendorff's alpha over a 200-rater x 5 000-item matrix (ratings 1..5,
   10 % missing), nominal, ordinal and interval, ours versus
   ``krippendorff.alpha``.  Target: no slower (ratio >= 1).

Usage::

    python benchmarks/agreement.py            # full run -> benchmarks/results/agreement.json
    python benchmarks/agreement.py --small    # quick run -> benchmarks/results/agreement-small.json
    python benchmarks/agreement.py --check    # exit 1 if a target is missed

Times are the best of several repeats (``time.perf_counter``).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import krippendorff  # noqa: E402
import sklearn  # noqa: E402
from sklearn.metrics import cohen_kappa_score  # noqa: E402

from toolkit.agreement import (  # noqa: E402
    cohen_kappa_many,
    gwet_ac1_many,
    krippendorff_alpha,
    percent_agreement_many,
)

KAPPA_TARGET = 20.0
ALPHA_TARGET = 1.0


def best_time(func: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Best wall time of ``repeats`` calls, and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def calibration_batch(
    rng: np.random.Generator, trainees: int, items: int
) -> tuple[np.ndarray, np.ndarray]:
    """Master's key (1 = K, 0 = BK) and trainee judgements with realistic skew."""
    reference = (rng.random(items) < 0.85).astype(np.int8)
    reference[:2] = (1, 0)  # the key uses both categories
    accuracy = rng.uniform(0.75, 0.99, size=(trainees, 1))
    wrong = rng.random((trainees, items)) > accuracy
    judgements = np.where(wrong, 1 - reference[None, :], reference[None, :]).astype(np.int8)
    return reference, judgements


def reliability_matrix(rng: np.random.Generator, raters: int, items: int) -> np.ndarray:
    """(raters, items) ratings 1..5 around a per-item truth, 10 % missing."""
    truth = rng.integers(1, 6, size=items)
    shift = rng.choice([-1, 0, 0, 0, 1], size=(raters, items))
    matrix = np.clip(truth[None, :] + shift, 1, 5).astype(np.float64)
    matrix[rng.random((raters, items)) < 0.10] = np.nan
    return matrix


def run(small: bool) -> dict[str, Any]:
    rng = np.random.default_rng(20240521)
    trainees, items, subsample = (10_000, 100, 500) if small else (100_000, 100, 2_000)
    raters, units = (50, 1_000) if small else (200, 5_000)
    repeats = 3

    rows: list[dict[str, Any]] = []

    reference, judgements = calibration_batch(rng, trainees, items)
    ours_s, kappas = best_time(lambda: cohen_kappa_many(reference, judgements), repeats)
    sample = judgements[:subsample]
    sample_s, expected = best_time(
        lambda: np.array([cohen_kappa_score(reference, row) for row in sample]), 1
    )
    baseline_s = sample_s * trainees / subsample
    max_diff = float(np.max(np.abs(kappas[:subsample] - expected)))
    rows.append(
        {
            "name": f"cohen_kappa_many {trainees}x{items}",
            "ours_s": ours_s,
            "baseline": "sklearn cohen_kappa_score loop",
            "baseline_s": baseline_s,
            "baseline_measured_on": subsample,
            "baseline_measured_s": sample_s,
            "extrapolated": True,
            "ratio": baseline_s / ours_s,
            "target": KAPPA_TARGET,
            "max_abs_diff": max_diff,
        }
    )
    for func in (gwet_ac1_many, percent_agreement_many):
        seconds, _ = best_time(lambda func=func: func(reference, judgements), repeats)
        rows.append(
            {
                "name": f"{func.__name__} {trainees}x{items}",
                "ours_s": seconds,
                "baseline": None,
                "baseline_s": None,
                "ratio": None,
                "target": None,
            }
        )

    matrix = reliability_matrix(rng, raters, units)
    for level in ("nominal", "ordinal", "interval"):
        ours_s, ours = best_time(lambda level=level: krippendorff_alpha(matrix, level), repeats)
        base_s, theirs = best_time(
            lambda level=level: krippendorff.alpha(
                reliability_data=matrix, level_of_measurement=level
            ),
            repeats,
        )
        rows.append(
            {
                "name": f"krippendorff_alpha {level} {raters}x{units}",
                "ours_s": ours_s,
                "baseline": "krippendorff.alpha",
                "baseline_s": base_s,
                "extrapolated": False,
                "ratio": base_s / ours_s,
                "target": ALPHA_TARGET,
                "max_abs_diff": abs(float(ours) - float(theirs)),
            }
        )

    return {
        "mode": "small" if small else "full",
        "config": {
            "trainees": trainees,
            "kuk": items,
            "sklearn_subsample": subsample,
            "raters": raters,
            "items": units,
            "missing": 0.10,
            "repeats": repeats,
        },
        "environment": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "sklearn": sklearn.__version__,
            "machine": platform.machine(),
        },
        "results": rows,
    }


def print_table(report: dict[str, Any]) -> None:
    header = f"{'benchmark':44} {'ours (s)':>10} {'baseline (s)':>13} {'ratio':>9}  target"
    print(header)
    print("-" * len(header))
    for row in report["results"]:
        if row["baseline_s"] is None:
            print(f"{row['name']:44} {row['ours_s']:10.4f} {'-':>13} {'-':>9}  -")
            continue
        star = "*" if row.get("extrapolated") else " "
        verdict = "met" if row["ratio"] >= row["target"] else "MISSED"
        print(
            f"{row['name']:44} {row['ours_s']:10.4f} {row['baseline_s']:12.3f}{star}"
            f" {row['ratio']:8.1f}x  >= {row['target']:g}x {verdict}"
        )
    kappa = report["results"][0]
    print(
        f"\n* baseline extrapolated linearly: sklearn cohen_kappa_score was looped over "
        f"{kappa['baseline_measured_on']} trainees ({kappa['baseline_measured_s']:.3f} s) "
        f"and scaled to {report['config']['trainees']}."
    )
    worst = max(r.get("max_abs_diff") or 0.0 for r in report["results"])
    print(f"largest difference from the baselines' values: {worst:.2e}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", "--small", dest="small", action="store_true",
                        help="quick run on smaller data")
    parser.add_argument("--output", type=Path, help="where to write the JSON results")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)

    report = run(args.small)
    print_table(report)
    name = "agreement-small.json" if args.small else "agreement.json"
    output = args.output or ROOT / "benchmarks" / "results" / name
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {output}")
    missed = [r for r in report["results"] if r["target"] and r["ratio"] < r["target"]]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
