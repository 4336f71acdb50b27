"""The cohort dashboard for lead assessors (JupyterLab or Voilà: ``notebooks/cohort_report.ipynb``).

Small composed widgets — :class:`CohortFilters`, :class:`TraineeTable`,
:class:`CohortCharts`, :class:`AttemptDrilldown` — put together by
:class:`CohortDashboard`; every number comes from :mod:`toolkit.analytics`.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from toolkit.errors import SchemeInvalid
from toolkit.i18n import _, normalize_language, set_language
from toolkit.schemeio import read_scheme
from toolkit.store import Store, StoreError, default_db_url

from ..practice.look import esc
from .charts import CohortCharts
from .dashboard import CohortDashboard
from .drilldown import AttemptDrilldown
from .filters import CohortFilters
from .trainee_table import TraineeTable


def cohort_dashboard(db: str | None = None, scheme: str | None = None,
                     lang: str | None = None) -> CohortDashboard | w.HTML:
    """The dashboard over ``db`` (default: ``ASESORLAB_DB`` or the per-user SQLite file);
    a plain message instead of a traceback when the store cannot be used."""
    chosen = normalize_language(lang) if lang else None
    language = set_language(chosen)
    try:
        if scheme and Path(scheme).is_file():  # a scheme file: its code
            scheme = read_scheme(Path(scheme)).code
        return CohortDashboard(Store(db or default_db_url()), language, scheme=scheme)
    except SchemeInvalid as exc:
        problem = "; ".join(str(error) for error in exc.errors)
    except (StoreError, OSError, ValueError) as exc:
        problem = str(exc)
    return w.HTML('<p class="asesorlab-error">{}</p>'.format(esc(_(
        "The cohort dashboard cannot start: {problem}", problem=problem))))


__all__ = ["AttemptDrilldown", "CohortCharts", "CohortDashboard", "CohortFilters",
           "TraineeTable", "cohort_dashboard"]
