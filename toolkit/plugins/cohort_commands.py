"""The cohort commands, ``report`` and ``demo-cohort``, imported only when one runs.

:mod:`toolkit.plugins.default_cohort` registers them by name (:func:`toolkit.cli.lazy_command`)
so that ``asesorlab --help`` does not import the analytics, SQLAlchemy or matplotlib.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import click

from ..analytics.demo import demo_cohort
from ..analytics.qualification import status_label
from ..analytics.queries import Filters
from ..analytics.report import build_report, get_rule
from ..analytics.report_files import REPORT_TYPES, write_report
from ..cli import lang_option, pass_host
from ..i18n import _
from ..plugins import PluginHost
from ..schemeio import load_scheme, sample_scheme_path
from ..store import Store, default_db_url


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(_("{value!r} is not a date of the form YYYY-MM-DD",
                                   value=value), ctx=ctx, param=param) from None


def _output(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    if value.suffix.lower() not in REPORT_TYPES:
        raise click.BadParameter(_("no report file type {suffix!r}; use one of: {known}",
                                   suffix=value.suffix, known=", ".join(REPORT_TYPES)),
                                 ctx=ctx, param=param)
    return value


def _scheme_code(host: PluginHost, value: str | None) -> str | None:
    """``--scheme`` is a scheme file (its code is used) or a scheme code."""
    if value and Path(value).is_file():
        return load_scheme(Path(value), host).scheme.code
    return value or None


@click.command("report")
@click.option("--db", default=None, help=_("Database URL of the attempts (default: "
                                           "ASESORLAB_DB or the per-user SQLite file)."))
@click.option("--scheme", default=None, help=_("Only this scheme: a scheme file or its code."))
@click.option("--unit", default=None, help=_("Only cases with this unit (its code)."))
@click.option("--since", callback=_day, help=_("Only attempts from this day (YYYY-MM-DD)."))
@click.option("--until", callback=_day, help=_("Only attempts up to this day (YYYY-MM-DD)."))
@click.option("--rule", default="default", show_default=True,
              help=_("Qualification rule."))
@click.option("-o", "--out", "out", required=True, callback=_output,
              type=click.Path(dir_okay=False, path_type=Path),
              help=_("Report file: .html, .xlsx or .json."))
@lang_option
@pass_host
def report_command(host: PluginHost, db: str | None, scheme: str | None, unit: str | None,
                   since: date | None, until: date | None, rule: str, out: Path) -> int:
    """Write the cohort report: who is ready, which KUK and flaws trip trainees up."""
    filters = Filters(
        scheme=_scheme_code(host, scheme), unit=unit,
        since=datetime.combine(since, time.min, UTC) if since else None,
        until=datetime.combine(until, time.max, UTC) if until else None)
    store = Store(db or default_db_url())
    try:
        report = build_report(store, filters, get_rule(rule, host))
        write_report(report, out)
    finally:
        store.dispose()
    counts = report.status_counts()
    click.echo(_("{path}: {trainees} trainees, {attempts} attempts; {summary}", path=out,
                 trainees=len(report.trainees), attempts=report.attempts,
                 summary=", ".join(f"{status_label(s)} {n}" for s, n in counts.items())))
    return 0


@click.command("demo-cohort")
@click.option("--db", required=True, help=_("Database URL to fill."))
@click.option("--trainees", type=click.IntRange(min=1), required=True,
              help=_("Number of trainees."))
@click.option("--attempts", type=click.IntRange(min=1), default=10, show_default=True,
              help=_("Attempts per trainee."))
@click.option("--cases", type=click.IntRange(min=1), default=None,
              help=_("Number of generated cases (default: the attempts, at most 12)."))
@click.option("--seed", type=int, default=0, show_default=True, help=_("Random seed."))
@click.option("--focus", default=None,
              help=_("A flaw kind most weak trainees miss (e.g. too_old)."))
@click.option("--scheme", "scheme_file", default=None,
              type=click.Path(dir_okay=False, path_type=Path),
              help=_("Scheme file (default: the bundled sample scheme)."))
@lang_option
@pass_host
def demo_cohort_command(host: PluginHost, db: str, trainees: int, attempts: int,
                        cases: int | None, seed: int, focus: str | None,
                        scheme_file: Path | None) -> int:
    """Fill a store with a synthetic cohort: generated cases judged by trainees with
    planted weaknesses (for demos, tests and benchmarks)."""
    scheme = load_scheme(scheme_file or sample_scheme_path(), host).scheme
    store = Store(db)
    try:
        made = demo_cohort(store, scheme, trainees, attempts, seed=seed, cases=cases,
                           focus=focus)
    finally:
        store.dispose()
    click.echo(_("Stored {attempts} attempts of {trainees} trainees on {cases} cases",
                 attempts=made.attempts, trainees=len(made.profiles), cases=len(made.cases)))
    return 0


__all__ = ["demo_cohort_command", "report_command"]
