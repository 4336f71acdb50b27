"""The read-only case: the asesi, the employment history, the APL.02 self-assessment, the
observation notes and answers, as one HTML widget.

Everything shown comes from the :class:`~toolkit.cases.model.Case`, which holds nothing of
the answer key; every text is escaped.
"""

from __future__ import annotations

import ipywidgets as w

from toolkit.cases.model import Case
from toolkit.i18n import _

from .case_sections import (
    direct_evidence_html,
    employment_html,
    profile_html,
    self_assessment_html,
)
from .look import Look, esc


def case_html(case: Case, lang: str, labels: dict[str, str] | None = None,
              direct: bool = True) -> str:
    """The case as HTML; ``labels`` maps KUK ids to printed labels (``J.6…/1.2`` → ``1.2``).
    With ``direct=False`` the observation notes and answers are left to the KUK rows."""
    return "".join([
        f"<h2>{esc(case.scheme_code)} — {esc(case.scheme_title)}</h2>",
        f'<div class="asesorlab-muted">{esc(_("Case", lang=lang))} {esc(case.id)}</div>',
        profile_html(case, lang), employment_html(case, lang),
        self_assessment_html(case, lang, labels),
        direct_evidence_html(case, lang, labels) if direct else ""])


class CaseView(w.HTML):
    """Shows one case; :meth:`show` replaces it."""

    def __init__(self, look: Look) -> None:
        super().__init__("", layout=look.full, style=look.html_style)
        self.add_class("asesorlab-case")

    def show(self, case: Case, lang: str, labels: dict[str, str] | None = None) -> None:
        """Render ``case`` (its observation notes and answers go under their KUK rows)."""
        self.value = case_html(case, lang, labels, direct=False)


__all__ = ["CaseView", "case_html"]
