"""Benchmark case generation and scoring (toolkit.cases, toolkit.scoring).

Workloads, in one run:

1. Generating 50 full-scheme cases of the bundled Junior Web Programmer scheme
   (8 units, 68 KUK) with their keys and follow-ups, by the realistic ``default``
   generator (target: under 2 s) beside the ``classic`` generator it replaced, and
   writing them: cases per second.
2. Scoring a cohort of trainee judgements of one case: ``score_many`` (NumPy
   arrays, ``cohen_kappa_many``/``gwet_ac1_many``) versus a Python loop of
   ``score``. Judgements are the key with 0-15 % of KUK and evidence decisions
   flipped, so the debrief (built per judgement in both) stays realistic.

Usage::

    python benchmarks/cases.py           # -> benchmarks/results/cases.json
    python benchmarks/cases.py --quick   # smoke run -> benchmarks/results/cases-quick.json

The machine is shared: numbers are noisy; compare ratios from one run.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._common import best_of, print_table, write_result  # noqa: E402
from toolkit.cases import AnswerKey, Judgement, generate_cases  # noqa: E402
from toolkit.cases.io import save_case_set  # noqa: E402
from toolkit.plugins import PluginHost  # noqa: E402
from toolkit.schemeio import read_scheme, sample_scheme_path  # noqa: E402
from toolkit.scoring import score, score_many  # noqa: E402


def _judgements(key: AnswerKey, count: int, seed: int = 1) -> list[Judgement]:
    rng = random.Random(seed)
    base = key.model_dump(include={"case", "criteria", "evidence", "units", "recommendation"})
    out = []
    for _ in range(count):
        judgement = Judgement.model_validate(base)
        share = rng.random() * 0.15
        for kuk, verdict in judgement.criteria.items():
            if rng.random() < share:
                judgement.criteria[kuk] = "K" if verdict == "BK" else "BK"
        for verdict in judgement.evidence.values():
            if rng.random() < share:
                verdict.current = not verdict.current
        out.append(judgement)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat")
    args = parser.parse_args()
    n_cases, n_judgements, repeat = (5, 50, 1) if args.quick else (50, 1000, 3)
    host = PluginHost(load_entrypoints=False)
    scheme = read_scheme(sample_scheme_path())

    generate_cases(scheme, count=1, seed=0, host=host)  # first-call costs (catalogue, bank)
    gen_best, _ = best_of(lambda: generate_cases(scheme, count=n_cases, seed=1, host=host),
                          repeat)
    classic_best, _ = best_of(lambda: generate_cases(scheme, count=n_cases, seed=1, host=host,
                                                     generator="classic"), repeat)
    pairs = generate_cases(scheme, count=n_cases, seed=1, host=host)
    with tempfile.TemporaryDirectory() as folder:
        write_best, _ = best_of(lambda: save_case_set(pairs, Path(folder)), repeat)
    key = pairs[0][1]
    judgements = _judgements(key, n_judgements)
    many_best, _ = best_of(lambda: score_many(key, judgements, lang="en"), repeat)
    loop_best, _ = best_of(lambda: [score(key, j, lang="en") for j in judgements], repeat)
    assert [r.to_dict() for r in score_many(key, judgements[:20], lang="en")] == [
        score(key, j, lang="en").to_dict() for j in judgements[:20]]

    rows = [
        ["generate default (68 KUK, key, follow-ups)", n_cases, gen_best, n_cases / gen_best,
         f"{gen_best / classic_best:.2f}x classic's time"],
        ["generate classic (68 KUK, key)", n_cases, classic_best, n_cases / classic_best,
         "1.0x"],
        ["write case + key files", n_cases, write_best, n_cases / write_best, ""],
        ["score_many", n_judgements, many_best, n_judgements / many_best,
         f"{loop_best / many_best:.1f}x vs loop"],
        ["loop of score()", n_judgements, loop_best, n_judgements / loop_best, "1.0x"],
    ]
    print(f"evidence items in case 1: {len(key.evidence)}; KUK: {len(key.criteria)}")
    print_table(["workload", "n", "best s", "per s", "ratio"], rows)
    print("(shared machine: timings are noisy; the ratio is from this one run)")
    path = write_result("cases-quick" if args.quick else "cases", {
        "cases": n_cases, "judgements": n_judgements, "repeat": repeat,
        "evidence_items": len(key.evidence), "criteria": len(key.criteria),
        "generate_s": gen_best, "generate_classic_s": classic_best,
        "generate_target_s": 2.0, "write_s": write_best, "score_many_s": many_best,
        "score_loop_s": loop_best, "speedup_score_many": loop_best / many_best,
    })
    print(f"written: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
