"""The cohort report as XLSX (one sheet per table) or JSON, and the writer that picks the
file type from the extension (``.html``, ``.xlsx``, ``.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..escaping import xlsx_row
from ..i18n import _
from ..schemeio.atomic import write_atomic, write_text_atomic
from .labels import flaw_label
from .qualification import status_label
from .report import CohortReport
from .report_html import write_html

#: File types :func:`write_report` writes, by extension.
REPORT_TYPES = (".html", ".xlsx", ".json")


class ReportError(ValueError):
    """A report file type that is not known; the message lists the known ones."""


def write_json(report: CohortReport, path: Path) -> None:
    """The JSON report (see :meth:`CohortReport.to_dict`)."""
    write_text_atomic(Path(path), json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
                      + "\n")


def _sheets(report: CohortReport) -> list[tuple[str, list[str], list[list[Any]]]]:
    trainees = [[t.name, t.status, status_label(t.status), t.attempts, t.passed,
                 round(t.criteria_agreement, 4), t.kappa, t.ac1, t.false_competent,
                 t.recommendation_false_competent, t.critical, round(t.seconds / 60, 1),
                 "; ".join(t.qualification.reasons)] for t in report.trainees]
    ak05 = [[t.name, status_label(t.status),
             "; ".join(flaw_label(k) for k, _r in t.strong_flaws()),
             "; ".join(f"{flaw_label(k)} ({r.bad}/{r.total})" for k, r in t.weak_flaws()),
             "; ".join(f"{u} ({r.bad}/{r.total})" for u, r in t.weak_units())]
            for t in report.trainees]
    return [
        (_("Trainees"), [_("Trainee assessor"), "status", _("Status"), _("Cases"), _("Passed"),
                         _("KUK agreement"), "kappa", "AC1", _("False competent"),
                         _("False competent recommendations"), _("Critical errors"),
                         _("Minutes per case"), _("Reasons")], trainees),
        (_("Flaws"), [_("Flaw kind"), "id", _("Items planted"), _("Accepted anyway"),
                      _("Miss rate")],
         [[flaw_label(k), k, r.total, r.bad, r.rate] for k, r in report.flaws.items()]),
        ("KUK", ["KUK", _("Attempts"), _("Errors"), _("False competent"), _("Error rate")],
         [[s.kuk, s.attempts, s.errors, s.false_competent, round(s.rate, 4)]
          for s in report.kuks]),
        (_("Cases"), [_("Case"), _("Scheme"), _("Attempts"), _("Trainees"), _("KUK agreement"),
                      _("Passed"), _("Difficulty"), _("Minutes")],
         [[c.case_id, c.scheme_code, c.attempts, c.trainees, round(c.criteria_agreement, 4),
           round(c.passed_share, 4), round(c.difficulty, 4), round(c.seconds / 60, 1)]
          for c in report.cases]),
        (_("Consistency"), [_("Case"), _("Trainees"), "Fleiss kappa", "Krippendorff alpha",
                            _("KUK to discuss")],
         [[c["case"], c["raters"], c["fleiss_kappa"], c["krippendorff_alpha"],
           ", ".join(c["split_kuks"])] for c in report.consistency.get("cases", [])]),
        ("FR.AK.05", [_("Trainee assessor"), _("Status"), _("Positive aspects"),
                      _("Negative aspects"), _("Units decided wrong")], ak05),
    ]


def write_xlsx(report: CohortReport, path: Path) -> None:
    """One sheet per table (write-only workbook: fast for large cohorts)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, head, rows in _sheets(report):
        sheet = workbook.create_sheet(title[:31])
        sheet.append(xlsx_row(sheet, head))
        for row in rows:
            sheet.append(xlsx_row(sheet, row))
    write_atomic(Path(path), lambda tmp: workbook.save(tmp))


def write_report(report: CohortReport, path: Path) -> None:
    """Write ``report`` as the file type of ``path``'s extension."""
    writers = {".html": write_html, ".xlsx": write_xlsx, ".json": write_json}
    writer = writers.get(Path(path).suffix.lower())
    if writer is None:
        raise ReportError(_("no report file type {suffix!r}; use one of: {known}",
                            suffix=Path(path).suffix, known=", ".join(REPORT_TYPES)))
    writer(report, Path(path))


__all__ = ["REPORT_TYPES", "ReportError", "write_json", "write_report", "write_xlsx"]
