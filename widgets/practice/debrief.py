"""The debrief (pembahasan) after submit: first whether the case is passed and the critical
errors, then the score, the agreement, per-unit correctness, every disagreement with the
key's reason — one row per KUK, unit or evidence item, the reason said once — the trainee's
history, and a "next case" button.

It reads a :class:`toolkit.scoring.ScoreReport` (duck-typed here: the widget only shows it).
Everything is named as the trainee saw it in the case (``J.620100.004.02 1.2``,
``E001 · Log book``), in the debrief's language; no internal ids or field names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w

from toolkit.i18n import _
from toolkit.store import Attempt

from .debrief_parts import AFTER_DETAILS, BEFORE_DETAILS, parts_html, time_html
from .debrief_result import named, place_names, result_html
from .history import HistoryChart
from .look import Look, esc
from .record_download import RecordDownload


def _percent(value: Any) -> str:
    return "—" if value is None else f"{float(value) * 100:.0f}%"


def _number(value: Any) -> str:
    return "—" if value is None else f"{float(value):.2f}"


def _verdict_text(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return _("yes", lang=lang) if value else _("no", lang=lang)
    return _("not judged yet", lang=lang) if value in (None, "") else str(value)


_KIND_ORDER = {"recommendation": 0, "unit": 1, "criterion": 2, "follow_up": 3, "evidence": 4}


def _kind_labels(lang: str) -> dict[str, str]:
    return {"criterion": "KUK", "evidence": _("evidence", lang=lang),
            "unit": _("unit", lang=lang), "recommendation": _("recommendation", lang=lang),
            "follow_up": _("further evidence (penilaian lanjut)", lang=lang)}


def disagreements_html(report: Any, lang: str, names: dict[str, str]) -> str:
    """The disagreements table: one row per KUK, evidence item or unit (the scoring gives
    an item's four checks together, with the key's reason once), critical rows first;
    items nobody judged are one line."""
    items = list(report.debrief or [])
    unjudged = sorted(str(i.target) for i in items if i.kind == "evidence" and i.given is None)
    shown = [i for i in items if not (i.kind == "evidence" and i.given is None)]
    shown.sort(key=lambda i: (not getattr(i, "critical", False), _KIND_ORDER.get(i.kind, 9)))
    kinds = _kind_labels(lang)
    lines = []
    for entry in shown:
        attrs = ' class="asesorlab-critical"' if getattr(entry, "critical", False) else ""
        target = str(entry.target)
        lines.append(
            f"<tr{attrs}><td>{esc(names.get(target, target))}</td>"
            f"<td>{esc(kinds.get(entry.kind, entry.kind))}</td>"
            f"<td>{esc(_verdict_text(entry.given, lang))}</td>"
            f"<td>{esc(_verdict_text(entry.expected, lang))}</td>"
            f"<td>{esc(named(entry.reason or '', names))}</td></tr>")
    if unjudged:
        listed = ", ".join(unjudged[:12]) + (" …" if len(unjudged) > 12 else "")
        note = _("{count} evidence items not judged: {items}", lang=lang,
                 count=len(unjudged), items=listed)
        lines.append(f'<tr><td colspan="5">{esc(note)}</td></tr>')
    if not lines:
        return f'<p class="asesorlab-ok">{esc(_("No disagreement.", lang=lang))}</p>'
    head = "".join(f"<th>{esc(h)}</th>" for h in (
        _("Where", lang=lang), _("What", lang=lang), _("You", lang=lang),
        _("Key", lang=lang), _("Why", lang=lang)))
    return f"<table><tr>{head}</tr>{''.join(lines)}</table>"


def headline(report: Any, lang: str) -> str:
    """One line of plain text: the debrief and the case result when there is one."""
    passed = getattr(report, "passed", None)
    parts = [_("Debrief", lang=lang)]
    if passed is not None:
        parts.append(_("Case passed", lang=lang) if passed else _("Case not passed", lang=lang))
    return " · ".join(parts)


def _score_line(report: Any, lang: str) -> str:
    total = int(getattr(report, "criteria_total", 0) or 0)
    agreed = getattr(report, "criteria_agreed", None)
    if agreed is None:
        agreed = round(float(report.criteria_agreement or 0.0) * total)
    return _("{agreed} of {total} KUK as the key", lang=lang, agreed=int(agreed), total=total)


def score_html(report: Any, lang: str, names: dict[str, str]) -> str:
    """The score line, then the critical errors, the follow-ups and what was left unjudged
    (under the headline, which says whether the case is passed)."""
    false_competent = int(report.false_competent or 0)
    score = _score_line(report, lang)
    return (f'<div class="asesorlab-score" data-agreement="{float(report.criteria_agreement):.4f}"'
            f' data-false-competent="{false_competent}"><b>{esc(score)}</b> '
            f"({esc(_percent(report.criteria_agreement))})</div>"
            f"{result_html(report, lang, names)}")


def details_html(report: Any, lang: str, names: dict[str, str]) -> str:
    """The agreement table, the units and the disagreements."""
    false_competent = int(report.false_competent or 0)
    critical = ' class="asesorlab-critical"' if false_competent else ""
    rows = [
        (_("KUK agreement", lang=lang), _percent(report.criteria_agreement), ""),
        (_("Cohen's kappa", lang=lang), _number(report.kappa), ""),
        (_("Gwet's AC1", lang=lang), _number(getattr(report, "ac1", None)), ""),
        (_("KUK judged K where the key says BK (critical)", lang=lang), str(false_competent),
         critical),
        (_("KUK judged BK where the key says K", lang=lang),
         str(int(report.false_not_yet_competent or 0)), ""),
        (_("Evidence (VATM) agreement", lang=lang), _percent(report.evidence_agreement), ""),
        (_("Recommendation correct", lang=lang),
         _verdict_text(bool(report.recommendation_correct), lang), ""),
    ]
    table = "".join(f"<tr{attrs}><th>{esc(k)}</th><td>{esc(v)}</td></tr>"
                    for k, v, attrs in rows)
    units = "".join(
        f'<tr><th>{esc(names.get(code, code))}</th>'
        f'<td class="{"asesorlab-ok" if ok else "asesorlab-error"}">'
        f"{esc(_('correct', lang=lang) if ok else _('wrong', lang=lang))}</td></tr>"
        for code, ok in dict(report.units_correct or {}).items())
    return (f"<table>{table}</table>"
            f"<h3>{esc(_('Units', lang=lang))}</h3><table>{units}</table>"
            f"<h3>{esc(_('Disagreements', lang=lang))}</h3>"
            f"{disagreements_html(report, lang, names)}")


def debrief_html(report: Any, lang: str, labels: dict[str, str] | None = None,
                 case: Any = None) -> str:
    """The whole debrief as HTML (``case`` names the evidence items by their titles)."""
    names = place_names(labels or {}, case, lang)
    return (f"<h2>{esc(headline(report, lang))}</h2>" + score_html(report, lang, names)
            + details_html(report, lang, names))


class Debrief(w.VBox):
    """Shown after submit; :meth:`on_next` / :meth:`next` move to the next case."""

    def __init__(self, look: Look, lang: str) -> None:
        self._lang = lang
        # the headline (the case result and the score in one line) is what the app focuses
        # after submit: tabindex -1, so not in the tab order but focusable; the page then
        # shows it, and a screen reader starts there
        self._headline = w.Label("", layout=look.full, tabbable=False)
        self._headline.add_class("asesorlab-headline")
        self._score = look.html("", layout=look.full)
        self._details = look.html("", layout=look.full)
        self._history = HistoryChart(look)
        self._next = look.button(_("Next case", lang=lang), "asesorlab-next",
                                 button_style="primary", icon="forward")
        self._record = RecordDownload(look, lang)  # the record's zip, after submit
        # its own layout: the app shows and hides the debrief
        super().__init__([self._headline, self._score, self._details, self._record,
                          self._history, self._next],
                         layout=w.Layout(width="100%", display="none"))
        self.add_class("asesorlab-debrief")
        self._handlers: list[Callable[[], None]] = []
        self._next.on_click(self._on_next_click)

    def show(self, report: Any, history: Sequence[Attempt],
             labels: dict[str, str] | None = None, case: Any = None, why: str = "") -> None:
        """Fill the debrief from a score report and the trainee's attempts; ``why`` says why
        this case was chosen for the trainee (the adaptive next case)."""
        names = place_names(labels or {}, case, self._lang)
        self._headline.value = headline(report, self._lang)
        passed = getattr(report, "passed", None)
        for css, on in (("asesorlab-passed", passed is True),
                        ("asesorlab-failed", passed is False)):
            (self._headline.add_class if on else self._headline.remove_class)(css)
        why_line = f'<p class="asesorlab-why">{esc(why)}</p>' if why else ""
        self._score.value = score_html(report, self._lang, names) + why_line
        self._details.value = (parts_html(report, BEFORE_DETAILS, self._lang, names)
                               + details_html(report, self._lang, names)
                               + parts_html(report, AFTER_DETAILS, self._lang, names)
                               + time_html(report, self._lang))
        self._history.show(history, self._lang)

    def focus_score(self) -> None:
        """Move the page's focus (and so its scroll) to the result and score."""
        self._headline.focus()

    @property
    def record(self) -> RecordDownload:
        """Where the trainee's assessment record is offered after submit."""
        return self._record

    @property
    def headline_text(self) -> str:
        """The headline: the case result (when the report has one) and the score."""
        return str(self._headline.value)

    @property
    def text(self) -> str:
        """The debrief's HTML (for tests and exports)."""
        return (f"<h2>{esc(self._headline.value)}</h2>" + str(self._score.value)
                + str(self._details.value))

    def on_next(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` when the trainee asks for the next case."""
        self._handlers.append(callback)

    def next(self) -> None:
        """Ask for the next case, as the button does."""
        for handler in self._handlers:
            handler()

    def _on_next_click(self, _button: w.Button) -> None:
        self.next()


__all__ = ["Debrief", "debrief_html", "details_html", "disagreements_html", "headline",
           "score_html"]
