"""The debrief after submit: the score, the agreement, every disagreement with the reference
reason, per-unit correctness, the trainee's history, and a "next case" button.

It reads a :class:`toolkit.scoring.ScoreReport` (duck-typed here: the widget only shows it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from toolkit.i18n import _
from toolkit.store import Attempt

from .history import HistoryChart
from .look import Look, esc


def _percent(value: Any) -> str:
    return "—" if value is None else f"{float(value) * 100:.0f}%"


def _number(value: Any) -> str:
    return "—" if value is None else f"{float(value):.2f}"


def _verdict_text(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return _("yes", lang=lang) if value else _("no", lang=lang)
    return "—" if value in (None, "") else str(value)


_KIND_ORDER = {"recommendation": 0, "unit": 1, "criterion": 2, "evidence": 3}


def _kind_labels(lang: str) -> dict[str, str]:
    return {"criterion": "KUK", "evidence": _("evidence", lang=lang),
            "unit": _("unit", lang=lang), "recommendation": _("recommendation", lang=lang)}


def debrief_html(report: Any, lang: str, labels: dict[str, str] | None = None) -> str:
    """The score, the agreement table, per-unit correctness and each disagreement."""
    labels = labels or {}
    false_competent = int(report.false_competent or 0)
    critical = ' class="asesorlab-critical"' if false_competent else ""
    rows = [
        (_("KUK agreement", lang=lang), _percent(report.criteria_agreement), ""),
        (_("Cohen's kappa", lang=lang), _number(report.kappa), ""),
        (_("Gwet's AC1", lang=lang), _number(getattr(report, "ac1", None)), ""),
        (_("False competent (the critical error)", lang=lang), str(false_competent), critical),
        (_("False not yet competent", lang=lang), str(int(report.false_not_yet_competent or 0)),
         ""),
        (_("Evidence (VATM) agreement", lang=lang), _percent(report.evidence_agreement), ""),
        (_("Recommendation correct", lang=lang),
         _verdict_text(bool(report.recommendation_correct), lang), ""),
    ]
    table = "".join(f"<tr{attrs}><th>{esc(k)}</th><td>{esc(v)}</td></tr>"
                    for k, v, attrs in rows)
    units = "".join(
        f'<tr><th>{esc(code)}</th><td class="{"asesorlab-ok" if ok else "asesorlab-error"}">'
        f"{esc(_('correct', lang=lang) if ok else _('wrong', lang=lang))}</td></tr>"
        for code, ok in dict(report.units_correct or {}).items())
    items = list(report.debrief or [])
    # evidence left unjudged is one line, not four rows per item
    unjudged = sorted({str(i.target).split("/")[0] for i in items
                       if i.kind == "evidence" and i.given is None})
    items = [i for i in items if not (i.kind == "evidence" and i.given is None)]
    items.sort(key=lambda i: (not getattr(i, "critical", False), _KIND_ORDER.get(i.kind, 9)))
    kinds = _kind_labels(lang)
    if items or unjudged:
        lines = []
        for item in items:
            target = labels.get(str(item.target), str(item.target))
            attrs = ' class="asesorlab-critical"' if getattr(item, "critical", False) else ""
            lines.append(
                f"<tr{attrs}><td>{esc(target)}</td><td>{esc(kinds.get(item.kind, item.kind))}</td>"
                f"<td>{esc(_verdict_text(item.given, lang))}</td>"
                f"<td>{esc(_verdict_text(item.expected, lang))}</td>"
                f"<td>{esc(item.reason or '')}</td></tr>")
        if unjudged:
            shown = ", ".join(unjudged[:12]) + (" …" if len(unjudged) > 12 else "")
            note = _("{count} evidence items not judged (each VATM check counts as a "
                     "disagreement): {items}", lang=lang, count=len(unjudged), items=shown)
            lines.append(f'<tr><td colspan="5">{esc(note)}</td></tr>')
        head = "".join(f"<th>{esc(h)}</th>" for h in (
            _("Where", lang=lang), _("What", lang=lang), _("You", lang=lang),
            _("Reference", lang=lang), _("Why", lang=lang)))
        disagreements = f"<table><tr>{head}</tr>{''.join(lines)}</table>"
    else:
        disagreements = f'<p class="asesorlab-ok">{esc(_("No disagreement.", lang=lang))}</p>'
    total = int(getattr(report, "criteria_total", 0) or 0)
    agreed = round(float(report.criteria_agreement or 0.0) * total)
    score = _("{agreed} of {total} KUK as the reference", lang=lang, agreed=agreed, total=total)
    return (f"<h2>{esc(_('Debrief', lang=lang))}</h2>"
            f'<div class="asesorlab-score" data-agreement="{float(report.criteria_agreement):.4f}"'
            f' data-false-competent="{false_competent}"><b>{esc(score)}</b> '
            f"({esc(_percent(report.criteria_agreement))})</div>"
            f"<table>{table}</table>"
            f"<h3>{esc(_('Units', lang=lang))}</h3><table>{units}</table>"
            f"<h3>{esc(_('Disagreements', lang=lang))}</h3>{disagreements}")


class Debrief(w.VBox):
    """Shown after submit; :meth:`on_next` / :meth:`next` move to the next case."""

    def __init__(self, look: Look, lang: str) -> None:
        self._lang = lang
        self._summary = look.html("", layout=look.full)
        self._history = HistoryChart(look)
        self._next = look.button(_("Next case", lang=lang), "asesorlab-next",
                                 button_style="primary", icon="forward")
        # its own layout: the app shows and hides the debrief
        super().__init__([self._summary, self._history, self._next],
                         layout=w.Layout(width="100%", display="none"))
        self.add_class("asesorlab-debrief")
        self._handlers: list[Callable[[], None]] = []
        self._next.on_click(self._on_next_click)

    def show(self, report: Any, history: Sequence[Attempt],
             labels: dict[str, str] | None = None, why: str = "") -> None:
        """Fill the debrief from a score report and the trainee's attempts; ``why`` says why
        this case was chosen for the trainee (the adaptive next case)."""
        why_line = f'<p class="asesorlab-why">{esc(why)}</p>' if why else ""
        self._summary.value = debrief_html(report, self._lang, labels) + why_line
        self._history.show(history, self._lang)

    @property
    def text(self) -> str:
        """The debrief's HTML (for tests and exports)."""
        return str(self._summary.value)

    def on_next(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` when the trainee asks for the next case."""
        self._handlers.append(callback)

    def next(self) -> None:
        """Ask for the next case, as the button does."""
        for handler in self._handlers:
            handler()

    def _on_next_click(self, _button: w.Button) -> None:
        self.next()


__all__ = ["Debrief", "debrief_html"]
