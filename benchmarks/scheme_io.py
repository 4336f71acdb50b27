"""Benchmark: load + validate + save a 750-KUK scheme (30 units × 5 elements × 5 KUK).

Targets (issue 2): YAML load+validate under 0.3 s, XLSX load+validate under 1 s.

    python benchmarks/scheme_io.py [--quick]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, print_table, write_result

from toolkit import load_scheme, save_scheme
from toolkit.synthetic import make_large_scheme

TARGETS = {"yaml": 0.3, "json": 0.3, "xlsx": 1.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 2 if args.quick else 5
    scheme = make_large_scheme()
    rows, results = [], {}
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("yaml", "json", "xlsx"):
            path = Path(folder) / f"scheme.{kind}"
            save_best, _ = best_of(lambda p=path: save_scheme(scheme, p), repeat)
            load_best, load_median = best_of(lambda p=path: load_scheme(p), repeat)
            assert load_scheme(path).scheme == scheme
            target = TARGETS[kind]
            met = load_median < target
            rows.append([kind, scheme.criterion_count, load_best, load_median, save_best,
                         f"< {target} s", "met" if met else "MISSED"])
            results[kind] = {"load_validate_best_s": load_best, "load_validate_median_s":
                             load_median, "save_best_s": save_best, "target_s": target,
                             "met": met}
    print_table(["format", "KUK", "load best s", "load median s", "save best s", "target",
                 "status"], rows)
    path = write_result("scheme_io", {"kuk": scheme.criterion_count, "repeat": repeat,
                                      "results": results})
    print(f"written: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
