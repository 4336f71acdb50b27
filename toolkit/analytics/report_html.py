"""The cohort report as one self-contained HTML file: tables, charts embedded as PNG data
URLs, and an FR.AK.05-style summary per trainee. No script, no external file."""

from __future__ import annotations

from pathlib import Path

from ..escaping import html_text as esc
from ..i18n import _, get_language
from ..schemeio.atomic import write_text_atomic
from . import charts
from .labels import flaw_label
from .qualification import status_label
from .report import CohortReport, TraineeSummary

CSS = """
body { font-family: system-ui, sans-serif; font-size: 14px; max-width: 1100px;
  margin: 1em auto; color: #1f2328; }
h1 { font-size: 1.5em; } h2 { margin-top: 1.4em; border-bottom: 1px solid #d0d7de; }
table { border-collapse: collapse; margin: 0.4em 0; }
td, th { border: 1px solid #d0d7de; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.status-belum-siap { color: #cf222e; font-weight: 600; }
.status-hampir-siap { color: #9a6700; font-weight: 600; }
.status-siap { color: #1a7f37; font-weight: 600; }
.chart { display: block; max-width: 100%; margin: 0.5em 0; }
.muted { color: #57606a; font-size: 12px; }
details { margin: 0.3em 0; } summary { cursor: pointer; }
"""


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _status(status: str) -> str:
    css = "status-" + status.replace(" ", "-")
    return f'<span class="{css}" data-status="{esc(status)}">{esc(status_label(status))}</span>'


def _table(head: list[str], rows: list[list[str]], css: str = "") -> str:
    header = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(cells) + "</tr>" for cells in rows)
    return f'<table class="{css}"><tr>{header}</tr>{body}</table>'


def _td(value: object, num: bool = False) -> str:
    return f'<td class="num">{esc(value)}</td>' if num else f"<td>{esc(value)}</td>"


def _img(png: bytes, alt: str, name: str) -> str:
    return (f'<img class="chart" data-chart="{name}" alt="{esc(alt)}" '
            f'src="{charts.data_url(png)}">')


def _trainee_rows(report: CohortReport) -> list[list[str]]:
    rows = []
    for t in report.trainees:
        unmet = [c.reason for c in t.qualification.checks if not c.met]
        reasons = "".join(f"<li>{esc(r)}</li>" for r in unmet) or esc(_("every rule met"))
        rows.append([f"<td>{esc(t.name)}</td>", f"<td>{_status(t.status)}</td>",
                     _td(t.attempts, True), _td(t.passed, True),
                     _td(_pct(t.criteria_agreement), True), _td(_num(t.kappa), True),
                     _td(t.false_competent, True), _td(f"{t.seconds / 60:.0f}", True),
                     f"<td><ul>{reasons}</ul></td>"])
    return rows


def _ak05(trainee: TraineeSummary) -> str:
    """The FR.AK.05-style summary: the status, positive and negative aspects, advice."""
    good = [_("catches {flaw} every time", flaw=flaw_label(k))
            for k, _r in trainee.strong_flaws()]
    if trainee.criteria_agreement >= 0.9:
        good.append(_("KUK agreement with the key {share}", share=_pct(
            trainee.criteria_agreement)))
    bad = [_("accepted {missed} of {planted} items with {flaw}", flaw=flaw_label(k),
             missed=r.bad, planted=r.total) for k, r in trainee.weak_flaws()]
    bad += [_("unit {unit} decided wrong in {wrong} of {total} cases", unit=u, wrong=r.bad,
              total=r.total) for u, r in trainee.weak_units()]
    if trainee.recommendation_false_competent:
        bad.append(_("{count} false competent recommendation(s): the critical error",
                     count=trainee.recommendation_false_competent))
    advice = [_("practise cases with {flaw}", flaw=flaw_label(k))
              for k, _r in trainee.weak_flaws(2)]
    if trainee.status == "siap":
        advice.append(_("ready for a witnessed assessment"))

    def items(values: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{esc(v)}</li>" for v in values) + "</ul>" if values \
            else "<p>—</p>"

    return (f'<details class="ak05"><summary>{esc(trainee.name)} — '
            f"{_status(trainee.status)}</summary>"
            f"<p>{esc('; '.join(trainee.qualification.reasons))}</p>"
            f"<p><b>{esc(_('Positive aspects'))}</b></p>{items(good)}"
            f"<p><b>{esc(_('Negative aspects'))}</b></p>{items(bad)}"
            f"<p><b>{esc(_('Suggestions for improvement'))}</b></p>{items(advice)}"
            "</details>")


def render_html(report: CohortReport, max_kuks: int = 30) -> str:
    """The whole report as an HTML page."""
    f = report.filters
    scope = ", ".join(part for part in (
        f.scheme and _("scheme {code}", code=f.scheme), f.unit and _("unit {code}", code=f.unit),
        f.since and _("from {date}", date=f.since.date().isoformat()),
        f.until and _("to {date}", date=f.until.date().isoformat())) if part) or _(
        "all attempts")
    counts = report.status_counts()
    status_png = charts.status_chart(counts, [status_label(s) for s in counts])
    series = {t.name: t.agreement_series for t in report.trainees}
    intro = _("{scope}; {attempts} attempts by {trainees} trainees; qualification rule {rule}; "
              "made {when}", scope=scope, attempts=report.attempts,
              trainees=len(report.trainees), rule=report.rule,
              when=report.generated.strftime("%Y-%m-%d %H:%M UTC"))
    overall = _("Mean over cases: Fleiss kappa {fleiss}, Krippendorff alpha {alpha}",
                fleiss=_num(report.consistency.get("fleiss_kappa")),
                alpha=_num(report.consistency.get("krippendorff_alpha")))
    parts = [
        f"<h1>{esc(_('Cohort report'))}</h1>",
        f'<p class="muted">{esc(intro)}</p>',
        f"<h2>{esc(_('Who is ready'))}</h2>",
        _img(status_png, _("Trainees by status"), "status"),
        _table([_("Trainee assessor"), _("Status"), _("Cases"), _("Passed"), _("KUK agreement"),
                _("kappa"), _("False competent"), _("Minutes per case"), _("Reasons")],
               _trainee_rows(report), "trainees"),
        f"<h2>{esc(_('Agreement over time'))}</h2>",
        _img(charts.agreement_chart(series), _("Agreement with the key over time"),
             "agreement"),
        f"<h2>{esc(_('Which flaws trainees miss'))}</h2>",
        _img(charts.flaw_chart(report.flaws), _("Flaw kinds missed"), "flaws"),
        _table([_("Flaw kind"), _("Items planted"), _("Accepted anyway"), _("Miss rate")],
               [[_td(flaw_label(k)), _td(r.total, True), _td(r.bad, True),
                 _td(_pct(r.rate), True)] for k, r in report.flaws.items()], "flaws"),
        f"<h2>{esc(_('Which KUK trip trainees up'))}</h2>",
        _img(charts.heatmap_chart(report.cohort.error_matrix()),
             _("KUK errors per trainee (share of attempts wrong)"), "heatmap"),
        _table(["KUK", _("Attempts"), _("Errors"), _("False competent"), _("Error rate")],
               [[_td(s.kuk), _td(s.attempts, True), _td(s.errors, True),
                 _td(s.false_competent, True), _td(_pct(s.rate), True)]
                for s in [k for k in report.kuks if k.errors][:max_kuks]], "kuk"),
        f"<h2>{esc(_('Cases'))}</h2>",
        _table([_("Case"), _("Scheme"), _("Attempts"), _("Trainees"), _("KUK agreement"),
                _("Passed"), _("Difficulty"), _("Minutes")],
               [[_td(c.case_id), _td(c.scheme_code), _td(c.attempts, True),
                 _td(c.trainees, True), _td(_pct(c.criteria_agreement), True),
                 _td(_pct(c.passed_share), True), _td(_num(c.difficulty), True),
                 _td(f"{c.seconds / 60:.0f}", True)] for c in report.cases], "cases"),
        f"<h2>{esc(_('Consistency between trainees (for the validation meeting)'))}</h2>",
        f"<p>{esc(overall)}</p>",
        _table([_("Case"), _("Trainees"), "Fleiss κ", "Krippendorff α",
                _("KUK to discuss")],
               [[_td(c["case"]), _td(c["raters"], True), _td(_num(c["fleiss_kappa"]), True),
                 _td(_num(c["krippendorff_alpha"]), True), _td(", ".join(c["split_kuks"]))]
                for c in report.consistency.get("cases", [])], "consistency"),
        f"<h2>{esc(_('Summary per trainee (FR.AK.05 style)'))}</h2>",
        *(_ak05(t) for t in report.trainees),
    ]
    return (f'<!DOCTYPE html><html lang="{get_language()}"><head><meta charset="utf-8">'
            f"<title>{esc(_('Cohort report'))}</title><style>{CSS}</style></head>"
            f'<body class="asesorlab-report">{"".join(parts)}</body></html>')


def write_html(report: CohortReport, path: Path) -> None:
    """Write the report atomically."""
    write_text_atomic(Path(path), render_html(report))


__all__ = ["render_html", "write_html"]
