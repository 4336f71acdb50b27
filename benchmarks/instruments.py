"""Benchmark: the whole MUK kit (every built-in form) for the 750-KUK scheme, to HTML and DOCX.

The scheme is ``toolkit.synthetic.make_large_scheme()`` (30 units x 5 elements x
5 KUK) with a bank that gives every unit a question of each kind (supporting, oral,
multiple-choice, essay, interview, third-party, project), a demonstration task with
five steps and a project brief, so that every form has its full content. Each form
(template 2023: 23 forms, 27 documents) is generated, rendered to HTML and to DOCX,
and written to a temporary folder; the best of ``--repeat`` runs is reported per
form and phase. Target: the whole kit, HTML and DOCX together, under 5 s.

Usage::

    python benchmarks/instruments.py            # -> benchmarks/results/instruments.json
    python benchmarks/instruments.py --quick    # 3 units, one run -> instruments-quick.json

The machine is shared with other work, so times are noisy; compare ratios from one run.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from toolkit.exporters.docx import write_docx  # noqa: E402
from toolkit.exporters.html import write_html  # noqa: E402
from toolkit.instruments import (  # noqa: E402
    AssessmentDetails,
    Demonstration,
    InstrumentBank,
    Project,
    Step,
    list_instruments,
)
from toolkit.plugins import PluginHost  # noqa: E402
from toolkit.synthetic import make_large_scheme  # noqa: E402

TARGET_SECONDS = 5.0


def _bank(scheme) -> InstrumentBank:  # type: ignore[no-untyped-def]
    bank = InstrumentBank()
    for unit in scheme.units:
        bank.add_question(unit.code, "oral", f"Jelaskan {unit.title}.", ["1.1"], "Jawaban.")
        bank.add_question(unit.code, "supporting", f"Tunjukkan {unit.title}.", ["1.2"])
        bank.add_question(unit.code, "multiple_choice", "Pilih yang benar.", ["2.1"], "a",
                          ["benar", "salah"])
        for kind in ("essay", "interview", "third_party", "project"):
            bank.add_question(unit.code, kind, f"Uraikan {unit.title}.", ["3.1"], "Uraian.")
        unit_bank = bank.units[unit.code]
        unit_bank.methods = ["CL", "DPL", "DPT", "CVP"]
        unit_bank.demonstration = Demonstration(
            scenario=f"Kerjakan {unit.title} di TUK.", equipment=["Komputer"], time="60 menit",
            steps=[Step(text=element.title, kuk=["1.1"]) for element in unit.elements])
        unit_bank.project = Project(brief=f"Proyek {unit.title}.", output="Laporan.",
                                    scope="Presentasi hasil")
    return bank


def run(units: int, repeat: int) -> dict:
    scheme = make_large_scheme(units=units)
    bank, host = _bank(scheme), PluginHost(load_entrypoints=False)
    details = AssessmentDetails(date="2024-05-02", tuk="TUK", assessor="A", candidate="B")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for instrument in list_instruments(host):
            best = {"generate": float("inf"), "html": float("inf"), "docx": float("inf")}
            for _ in range(repeat):
                start = time.perf_counter()
                documents = instrument.generate(scheme, None, bank, details)
                generated = time.perf_counter()
                for document in documents:
                    write_html(document, out / f"{document.slug}.html")
                html_done = time.perf_counter()
                for document in documents:
                    write_docx(document, out / f"{document.slug}.docx")
                docx_done = time.perf_counter()
                best["generate"] = min(best["generate"], generated - start)
                best["html"] = min(best["html"], html_done - generated)
                best["docx"] = min(best["docx"], docx_done - html_done)
            size = sum((out / f"{d.slug}.docx").stat().st_size for d in documents)
            rows.append({"form": instrument.code, "documents": len(documents),
                         **{k: round(v, 4) for k, v in best.items()},
                         "total": round(sum(best.values()), 4), "docx_bytes": size})
    total = round(sum(row["total"] for row in rows), 3)
    return {"benchmark": "instruments", "kuk": scheme.criterion_count, "units": units,
            "forms_count": len(rows), "documents": sum(row["documents"] for row in rows),
            "repeat": repeat, "forms": rows, "total_seconds": total,
            "target_seconds": TARGET_SECONDS, "met": total < TARGET_SECONDS,
            "python": platform.python_version(), "machine": platform.machine(),
            "note": "best of repeats per form and phase; shared machine, times are noisy"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 units, one run")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 if the target is missed")
    args = parser.parse_args(argv)
    result = run(units=3 if args.quick else 30, repeat=1 if args.quick else args.repeat)
    print(f"{result['kuk']} KUK, {result['forms_count']} forms ({result['documents']} documents), "
          f"best of {result['repeat']}")
    print(f"{'form':<11} {'docs':>4} {'generate s':>10} {'html s':>8} {'docx s':>8} "
          f"{'total s':>8} {'docx KB':>8}")
    for row in result["forms"]:
        print(f"{row['form']:<11} {row['documents']:>4} {row['generate']:>10.4f} "
              f"{row['html']:>8.4f} {row['docx']:>8.4f} {row['total']:>8.4f} "
              f"{row['docx_bytes'] / 1024:>8.1f}")
    verdict = "met" if result["met"] else "MISSED"
    print(f"whole kit, HTML + DOCX: {result['total_seconds']:.3f} s "
          f"(target < {TARGET_SECONDS:.0f} s: {verdict})")
    name = "instruments-quick.json" if args.quick else "instruments.json"
    target = ROOT / "benchmarks" / "results" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"-> {target.relative_to(ROOT)}")
    return 1 if args.check and not result["met"] else 0


if __name__ == "__main__":
    sys.exit(main())
