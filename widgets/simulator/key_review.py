"""The answer key beside the case: every verdict with its reason, and an override form."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from toolkit.cases.model import AnswerKey
from toolkit.i18n import _
from toolkit.scheme import Scheme
from widgets.practice.look import esc

RULES: tuple[str, ...] = ("valid", "authentic", "current", "sufficient")


def _reason(reasons: dict[str, dict[str, str]], name: str, lang: str) -> str:
    text = reasons.get(name, {})
    return esc(text.get(lang) or text.get("id") or "")


def _badge(value: str | bool) -> str:
    good = value in ("K", True)
    shown = value if isinstance(value, str) else ("✓" if value else "✗")
    colour = "#1a7f37" if good else "#b3261e"
    return f'<b style="color:{colour}">{esc(shown)}</b>'


def key_html(key: AnswerKey, scheme: Scheme, lang: str) -> str:
    """The key as tables: KUK, evidence (VATM), units, recommendation, overrides."""
    pinned = {o.target for o in key.overrides}
    mark = ' <span title="override">✎</span>'
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
    overrides = "".join(f"<li><code>{esc(o.target)}</code> → {_badge(o.value)}: {esc(o.note)}"
                        "</li>" for o in key.overrides)
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
        f"<table><tr><th>{unit_label}</th><th></th>"
        f"<th>{reason_label}</th></tr>{''.join(units)}</table>"
        f"<h4>KUK</h4><table>{''.join(rows)}</table>"
        f"<h4>{evidence_label}</h4><table><tr>{head}</tr>"
        f"{''.join(evidence)}</table>"
        + (f"<h4>{overrides_label}</h4><ul>{overrides}</ul>" if overrides else "")
        + "</div>")


class KeyReview(w.VBox):
    """Shows a key; ``override(target, value, note)`` asks the owner to change a verdict."""

    def __init__(self, lang: str) -> None:
        self._lang = lang
        self._handlers: list[Callable[[str, str | bool, str], None]] = []
        self._table = w.HTML(layout=w.Layout(width="100%"))
        self._target = w.Dropdown(description=_("Verdict", lang=lang),
                                  layout=w.Layout(width="auto"))
        self._value = w.Dropdown(description=_("New value", lang=lang),
                                 layout=w.Layout(width="auto"))
        self._note = w.Text(placeholder=_("Why (required)", lang=lang),
                            description=_("Note", lang=lang), layout=w.Layout(width="auto"))
        apply = w.Button(description=_("Override", lang=lang), icon="pencil",
                         layout=w.Layout(width="auto", min_width="8em"))
        apply.add_class("asesorlab-override")
        apply.on_click(lambda _button: self.override(self._target.value, self._value.value,
                                                     self._note.value))
        self._target.observe(self._on_target_value, "value")
        form = w.VBox([self._target, w.HBox([self._value, self._note, apply])])
        super().__init__([form, self._table], layout=w.Layout(width="50%"))
        self.add_class("asesorlab-key")

    @property
    def html(self) -> str:
        """The key as shown (HTML)."""
        return self._table.value

    def show(self, key: AnswerKey, scheme: Scheme) -> None:
        """Show ``key`` and offer each of its verdicts as an override target."""
        lang = self._lang
        targets: list[tuple[str, str]] = [(_("Recommendation", lang=lang), "recommendation")]
        unit = _("Unit", lang=lang)
        targets += [(f"{unit} {code}", f"units/{code}") for code in key.units]
        targets += [(f"KUK {kuk}", f"criteria/{kuk}") for kuk in key.criteria]
        targets += [(f"{item} · {rule}", f"evidence/{item}/{rule}")
                    for item in key.evidence for rule in RULES]
        current = self._target.value
        self._target.options = targets
        kept = current if current in {t for _label, t in targets} else targets[0][1]
        self._target.value = kept
        self._on_target_value({"new": kept})
        self._table.value = key_html(key, scheme, lang)

    def on_override(self, callback: Callable[[str, str | bool, str], None]) -> None:
        """Call ``callback(target, value, note)`` when an override is asked for."""
        self._handlers.append(callback)

    def override(self, target: str, value: str | bool, note: str) -> None:
        """Ask to set ``target`` to ``value`` because of ``note`` (the Override button)."""
        for callback in self._handlers:
            callback(target, value, note)
        self._note.value = ""

    def _on_target_value(self, change: dict) -> None:
        target = change["new"] or ""
        if target.startswith("evidence/"):
            self._value.options = [(_("Yes", lang=self._lang), True),
                                   (_("No", lang=self._lang), False)]
        else:
            self._value.options = [("K", "K"), ("BK", "BK")]
        self._value.value = self._value.options[0][1]


__all__ = ["KeyReview", "key_html"]
