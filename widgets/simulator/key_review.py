"""The answer key beside the case: every verdict with its reason, and an override form."""

from __future__ import annotations

import ipywidgets as w

from toolkit.cases.model import AnswerKey, Case
from toolkit.i18n import _
from toolkit.scheme import Scheme
from widgets.practice.look import esc

from .override_form import RULES, OverrideForm, OverrideHandler, choices, target_label

# the key's tables wrap inside their half of the pane instead of pushing it wider
CSS = """
.asesorlab-key table { width: 100%; table-layout: fixed; }
.asesorlab-key td, .asesorlab-key th { overflow-wrap: break-word; }
.asesorlab-key td:first-child { overflow-wrap: anywhere; }
.asesorlab-simulator .widget-html-content { overflow-wrap: break-word; }
"""


def _reason(reasons: dict[str, dict[str, str]], name: str, lang: str) -> str:
    text = reasons.get(name, {})
    return esc(text.get(lang) or text.get("id") or "")


def _cols(*percent: int) -> str:
    """Column widths of a fixed-layout table (it then never grows past its pane)."""
    return "<colgroup>" + "".join(f'<col style="width:{p}%">' for p in percent) + "</colgroup>"


def _badge(value: str | bool) -> str:
    good = value in ("K", True)
    shown = value if isinstance(value, str) else ("✓" if value else "✗")
    colour = "#1a7f37" if good else "#b3261e"
    return f'<b style="color:{colour}">{esc(shown)}</b>'


def key_html(key: AnswerKey, scheme: Scheme, lang: str, case: Case | None = None) -> str:
    """The key as tables: KUK, evidence (VATM), units, recommendation, overrides."""
    pinned = {o.target for o in key.overrides}
    mark = ' <span title="{}">✎</span>'.format(esc(_("Override", lang=lang)))
    groups = choices(key, scheme, lang, case)
    rows = []
    for kuk, verdict in key.criteria.items():
        try:
            ref = scheme.criterion(kuk)
            label, text = f"{ref.unit.code} {ref.label}", ref.text
        except KeyError:
            label, text = kuk, ""
        edited = mark if f"criteria/{kuk}" in pinned else ""
        rows.append(f"<tr><td>{esc(label)}</td><td>{esc(text)}</td><td>{_badge(verdict)}{edited}"
                    f"</td><td>{_reason(key.reasons.criteria, kuk, lang)}</td></tr>")
    evidence = []
    for item, checks in key.evidence.items():
        cells = "".join(
            f"<td>{_badge(getattr(checks, rule))}"
            f"{mark if f'evidence/{item}/{rule}' in pinned else ''}</td>" for rule in RULES)
        evidence.append(f"<tr><td>{esc(item)}</td>{cells}"
                        f"<td>{_reason(key.reasons.evidence, item, lang)}</td></tr>")
    units = [f"<tr><td>{esc(code)}</td><td>{_badge(v)}"
             f"{mark if f'units/{code}' in pinned else ''}</td>"
             f"<td>{_reason(key.reasons.units, code, lang)}</td></tr>"
             for code, v in key.units.items()]
    rec = key.reasons.recommendation
    overrides = "".join(f"<li>{esc(target_label(o.target, groups))} → {_badge(o.value)}: "
                        f"{esc(o.note)}</li>" for o in key.overrides)
    head = "".join(f"<th>{esc(h)}</th>" for h in (
        "", _("V", lang=lang), _("A", lang=lang), _("C", lang=lang), _("S", lang=lang),
        _("Reason", lang=lang)))
    title = esc(_("Answer key", lang=lang))
    rec_label = esc(_("Recommendation", lang=lang))
    unit_label = esc(_("Unit", lang=lang))
    reason_label = esc(_("Reason", lang=lang))
    evidence_label = esc(_("Evidence (VATM)", lang=lang))
    overrides_label = esc(_("Overrides", lang=lang))
    return (
        '<div class="asesorlab-debrief">'
        f"<h3>{title} · {esc(key.case)}</h3>"
        f"<p>{rec_label}: {_badge(key.recommendation)}"
        f"{mark if 'recommendation' in pinned else ''} "
        f"{esc(rec.get(lang) or rec.get('id') or '')}</p>"
        f"<table>{_cols(30, 10, 60)}<tr><th>{unit_label}</th><th></th>"
        f"<th>{reason_label}</th></tr>{''.join(units)}</table>"
        f"<h4>KUK</h4><table>{_cols(22, 33, 9, 36)}{''.join(rows)}</table>"
        f"<h4>{evidence_label}</h4><table>{_cols(12, 8, 8, 8, 8, 56)}<tr>{head}</tr>"
        f"{''.join(evidence)}</table>"
        + (f"<h4>{overrides_label}</h4><ul>{overrides}</ul>" if overrides else "")
        + "</div>")


class KeyReview(w.VBox):
    """Shows a key, with the correction form above it (:class:`OverrideForm`)."""

    def __init__(self, lang: str) -> None:
        self._lang = lang
        self._table = w.HTML(layout=w.Layout(width="auto"))
        self._form = OverrideForm(lang)
        super().__init__([w.HTML(f"<style>{CSS}</style>", layout=w.Layout(display="none")),
                          self._form, self._table],
                         layout=w.Layout(flex="1 1 380px", width="auto", min_width="0"))
        self.add_class("asesorlab-key")

    @property
    def html(self) -> str:
        """The key as shown (HTML)."""
        return self._table.value

    @property
    def form(self) -> OverrideForm:
        """The correction form (group, verdict, value, note, button, message)."""
        return self._form

    @property
    def message(self) -> str:
        """The message beside the Override button (HTML)."""
        return self._form.message

    def show(self, key: AnswerKey, scheme: Scheme, case: Case | None = None) -> None:
        """Show ``key`` and offer each of its verdicts for correction."""
        self._form.set_key(key, scheme, case)
        self._table.value = key_html(key, scheme, self._lang, case)

    def on_override(self, callback: OverrideHandler) -> None:
        """Call ``callback(target, value, note)`` when an override is asked for; it returns
        ``None`` when done, else the problem, shown beside the button."""
        self._form.on_override(callback)

    def override(self, target: str, value: str | bool, note: str) -> bool:
        """Ask to set ``target`` to ``value`` because of ``note`` (the Override button)."""
        return self._form.override(target, value, note)


__all__ = ["CSS", "RULES", "KeyReview", "key_html"]
