"""Benchmark the cohort analytics: 2 000 trainees × 50 attempts × 100 KUK (100 000 attempts).

The synthetic store is built fast: 50 cases of a 100-KUK scheme are generated and judged
by 40 trainee profiles each (planted weaknesses, :mod:`toolkit.analytics.demo`), scored by
:func:`toolkit.scoring.score_many`; these 2 000 real judgements and score reports are the
templates of the 100 000 attempts, bulk-inserted (their JSON serialised once per
template). Then, on SQLite and on PostgreSQL (Debian's server, started here as the tests
start it), it times:

* ``build``: the bulk insert of the attempts;
* ``refresh (cold)``: reading every attempt once into the fact tables;
* ``refresh (1 new)``: the incremental refresh after one more attempt;
* ``dashboard``: the queries of the dashboard (trainee table with statuses, flaw miss
  rates, KUK table, heat map, cases, consistency);
* ``report (HTML)``: the whole self-contained HTML report with its charts (facts up to
  date, as after the first dashboard view). Target: under 10 s on SQLite.

Usage::

    python benchmarks/cohort.py               # full run -> benchmarks/results/cohort.json
    python benchmarks/cohort.py --small       # 200 × 10 -> benchmarks/results/cohort-small.json
    python benchmarks/cohort.py --no-postgres # SQLite only
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from _common import print_table, write_result  # noqa: E402
from sqlalchemy import JSON, Column, MetaData, Table, Text, insert  # noqa: E402

from toolkit.analytics import (  # noqa: E402
    Cohort,
    build_report,
    consistency,
    flaw_kinds,
    judge,
    refresh,
    trainee_profiles,
    with_outcomes,
)
from toolkit.analytics.demo import START  # noqa: E402
from toolkit.analytics.qualification import DefaultQualification  # noqa: E402
from toolkit.analytics.report_html import render_html  # noqa: E402
from toolkit.cases import generate_cases  # noqa: E402
from toolkit.scoring import score_many  # noqa: E402
from toolkit.store import Attempt, AttemptRow, Store, new_token  # noqa: E402
from toolkit.synthetic import make_large_scheme  # noqa: E402

TARGET_REPORT_SQLITE = 10.0
TEMPLATES_PER_CASE = 40


#: CPU seconds of this process per timed step (the machine may be shared: wall time then
#: includes waiting for a core; the load average is recorded beside it).
CPU: dict[str, float] = {}


def timed(function: Callable[[], Any], name: str = "") -> tuple[float, Any]:
    """Wall-clock seconds of one call, and its result (its CPU seconds go to :data:`CPU`)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    if name:
        CPU[name] = round(time.process_time() - cpu, 3)
    return time.perf_counter() - start, result


def templates(trainees: int, cases: int, seed: int = 1) -> tuple[list[Any], list[Any]]:
    """The profiles and, per case, (case, [(judgement json, score json), …])."""
    scheme = make_large_scheme(units=10, elements=5, criteria=2)  # 100 KUK
    pairs = generate_cases(scheme, count=cases, seed=seed)
    profiles = trainee_profiles(trainees, flaw_kinds([k for _c, k in pairs]), seed,
                                focus="not_current")
    rng = random.Random(seed)
    step = max(1, trainees // TEMPLATES_PER_CASE)
    sample = [profiles[(i * step) % trainees] for i in range(TEMPLATES_PER_CASE)]
    made = []
    for case, key in pairs:
        judgements = [judge(case, key, profile, rng) for profile in sample]
        reports = score_many(key, judgements)
        made.append((case, [(json.dumps(j.model_dump(mode="json")),
                             json.dumps(with_outcomes(r.to_dict(), key, j)))
                            for j, r in zip(judgements, reports, strict=True)]))
    return profiles, made


def _bulk_table() -> Table:
    """The attempts table with its JSON columns as text: the JSON is serialised once per
    template, not once per row."""
    columns = [Column(c.name, Text if isinstance(c.type, JSON) else c.type,
                      primary_key=c.primary_key) for c in AttemptRow.__table__.columns]
    return Table("attempts", MetaData(), *columns)


def _rows(profiles: list[Any], made: list[Any], attempts: int) -> Iterator[dict[str, Any]]:
    """The attempt rows, their JSON already serialised (once per template)."""
    rng = random.Random(7)
    indexed = {}
    for t, profile in enumerate(profiles):
        for a in range(attempts):
            case, options = made[(t + a) % len(made)]
            judgement, score = options[t % len(options)]
            if score not in indexed:  # the indexed columns, as Store.record writes them
                data = json.loads(score)
                indexed[score] = {name: data[name] for name in (
                    "criteria_agreement", "kappa", "false_competent",
                    "false_not_yet_competent", "recommendation_correct")}
            submitted = START + timedelta(days=a, minutes=rng.randrange(600))
            seconds = profile.seconds * rng.uniform(0.7, 1.3)
            yield {"token": new_token(), "trainee": profile.name, "case_id": case.id,
                   "scheme_code": case.scheme_code, "scheme_version": case.scheme_version,
                   "language": "id", "opened_at": submitted - timedelta(seconds=seconds),
                   "submitted_at": submitted, "seconds": seconds, "judgement": judgement,
                   "score": score, **indexed[score]}


def build(store: Store, profiles: list[Any], made: list[Any], attempts: int,
          batch: int = 2000) -> int:
    """Bulk-insert ``len(profiles) × attempts`` attempts from the templates: COPY on
    PostgreSQL, executemany on SQLite."""
    rows = _rows(profiles, made, attempts)
    if store.engine.dialect.name == "postgresql":
        names = [c.name for c in AttemptRow.__table__.columns if c.name != "id"]
        count = 0
        raw = store.engine.raw_connection()
        try:
            with raw.cursor() as cursor, cursor.copy(  # type: ignore[attr-defined]
                    f"COPY attempts ({', '.join(names)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([row[n] for n in names])
                    count += 1
            raw.commit()
        finally:
            raw.close()
        return count
    table = _bulk_table()
    count, chunk = 0, []
    with store.engine.begin() as conn:
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                conn.execute(insert(table), chunk)
                count, chunk = count + len(chunk), []
        if chunk:
            conn.execute(insert(table), chunk)
            count += len(chunk)
    return count


def dashboard(store: Store) -> dict[str, Any]:
    """Every query the dashboard makes once."""
    cohort = Cohort(store)
    rule = DefaultQualification()
    statuses = [rule.evaluate(records).status for records in cohort.by_trainee.values()]
    return {"trainees": len(statuses), "flaws": cohort.flaw_miss_rates(),
            "kuk": len(cohort.kuk_stats()), "matrix": cohort.error_matrix().rates.shape,
            "cases": len(cohort.case_stats()),
            "consistency": consistency(cohort)["fleiss_kappa"]}


def one_more(store: Store, made: list[Any]) -> None:
    """Record one more attempt the usual way (as a submit does)."""
    case, options = made[0]
    judgement, score = options[0]
    store.record(Attempt(token=new_token(), trainee="Benchmark Extra", case_id=case.id,
                         opened_at=START, submitted_at=START + timedelta(minutes=30),
                         judgement=json.loads(judgement), score=json.loads(score),
                         scheme_code=case.scheme_code, scheme_version=case.scheme_version))


def run_backend(name: str, url: str, profiles: list[Any], made: list[Any],
                attempts: int) -> dict[str, Any]:
    """Every timing on one database."""
    store = Store(url)
    results: dict[str, Any] = {"backend": name, "load_before": os.getloadavg()[0]}
    CPU.clear()
    results["build_s"], results["attempts"] = timed(lambda: build(store, profiles, made,
                                                                  attempts), "build_s")
    results["refresh_cold_s"], _n = timed(lambda: refresh(store), "refresh_cold_s")
    one_more(store, made)
    results["refresh_one_s"], _n = timed(lambda: refresh(store), "refresh_one_s")
    results["dashboard_s"], summary = timed(lambda: dashboard(store), "dashboard_s")
    results["report_html_s"], page = timed(lambda: render_html(build_report(store)),
                                           "report_html_s")
    results["cpu_s"] = dict(CPU)
    results["load_after"] = os.getloadavg()[0]
    results["report_mb"] = round(len(page.encode("utf-8")) / 1e6, 2)
    results["top_flaw"] = next(iter(summary["flaws"]), None)
    store.dispose()
    return results


@contextmanager
def postgres() -> Iterator[str]:
    """A throw-away Debian PostgreSQL, started as the tests start theirs."""
    import subprocess

    from practice.conftest import _as_postgres, _pg_bin, free_port

    bindir = _pg_bin()
    if bindir is None:
        raise SystemExit("PostgreSQL binaries not found (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="asesorlab-bench-pg-"))
    import pwd
    import shutil

    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
    port = free_port()
    subprocess.run(_as_postgres([str(bindir / "initdb"), "-D", str(root / "data"), "-U",
                                 "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]),
                   check=True, capture_output=True)
    options = f"-p {port} -h 127.0.0.1 -k {root} -c fsync=off"
    subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(root / "data"), "-o",
                                 options, "-l", str(root / "log"), "-w", "start"]),
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m",
                                     "fast", "-w", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="200 trainees × 10 attempts")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    trainees, attempts = (200, 10) if args.small else (2000, 50)
    seconds, (profiles, made) = timed(lambda: templates(trainees, 50))
    print(f"templates: {len(made)} cases × {TEMPLATES_PER_CASE} scored judgements "
          f"in {seconds:.1f} s")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        rows.append(run_backend("sqlite", f"sqlite:///{folder}/attempts.db", profiles, made,
                                attempts))
    if not args.no_postgres:
        with postgres() as url:
            rows.append(run_backend("postgresql", url, profiles, made, attempts))
    keys = ["attempts", "build_s", "refresh_cold_s", "refresh_one_s", "dashboard_s",
            "report_html_s", "report_mb", "top_flaw"]
    print_table(["backend", *keys], [[r["backend"], *(r[k] for k in keys)] for r in rows])
    cpu_keys = ["build_s", "refresh_cold_s", "dashboard_s", "report_html_s"]
    print("CPU seconds of this process (the rest is waiting: database server, other load):")
    print_table(["backend", *cpu_keys, "load before", "load after"],
                [[r["backend"], *(r["cpu_s"][k] for k in cpu_keys), r["load_before"],
                  r["load_after"]] for r in rows])
    sqlite_report = rows[0]["report_html_s"]
    met = sqlite_report < TARGET_REPORT_SQLITE
    print(f"target: HTML report under {TARGET_REPORT_SQLITE:.0f} s on SQLite: "
          f"{'met' if met else 'MISSED'} ({sqlite_report:.2f} s)")
    path = write_result("cohort" + ("-small" if args.small else ""), {
        "trainees": trainees, "attempts_per_trainee": attempts, "kuk": 100,
        "templates": len(made) * TEMPLATES_PER_CASE, "template_seconds": round(seconds, 2),
        "results": rows, "target_report_sqlite_s": TARGET_REPORT_SQLITE, "target_met": met})
    print(f"written: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
