"""The lead assessor's correction form: choose what (recommendation, a unit, an evidence
item), then which verdict of it, the new value and a note; messages appear beside it.

The chooser is grouped so that no list is long: the first holds the recommendation, one
entry per unit and one per evidence item; the second the verdicts of that group (the
unit's decision and its KUK, or the item's four rules of evidence). Every label is in the
form's language, and messages name verdicts by their labels, never by internal targets
such as ``criteria/J.620100.004.02/1.2``.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from toolkit.cases.model import AnswerKey, Case
from toolkit.escaping import html_text as esc
from toolkit.i18n import _
from toolkit.scheme import Scheme

RULES: tuple[str, ...] = ("valid", "authentic", "current", "sufficient")
RECOMMENDATION = "recommendation"
#: ``callback(target, value, note)`` returns ``None`` when done, else the problem (text)
OverrideHandler = Callable[[str, "str | bool", str], "str | None"]
_STYLE = {"description_width": "7em"}


def rule_labels(lang: str) -> dict[str, str]:
    """The four rules of evidence as assessors name them (Valid, Asli, Terkini, Memadai)."""
    return {"valid": _("Valid", lang=lang), "authentic": _("Authentic", lang=lang),
            "current": _("Current", lang=lang), "sufficient": _("Sufficient", lang=lang)}


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def choices(key: AnswerKey, scheme: Scheme, lang: str, case: Case | None = None
            ) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """``(group label, group id, [(verdict label, target), …])`` for every group of ``key``."""
    groups: list[tuple[str, str, list[tuple[str, str]]]] = [
        (_("Recommendation", lang=lang), RECOMMENDATION,
         [(_("Recommendation", lang=lang), RECOMMENDATION)])]
    for code in key.units:
        try:
            title = scheme.unit(code).title
        except KeyError:
            title = ""
        verdicts = [(_("Unit decision", lang=lang), f"units/{code}")]
        for kuk in key.criteria:
            if not kuk.startswith(f"{code}/"):
                continue
            try:
                ref = scheme.criterion(kuk)
                label = f"KUK {ref.label} · {_short(ref.text, 60)}"
            except KeyError:
                label = f"KUK {kuk.split('/', 1)[1]}"
            verdicts.append((label, f"criteria/{kuk}"))
        groups.append((_short(f"{_('Unit', lang=lang)} {code} · {title}".rstrip(" ·")),
                       f"unit:{code}", verdicts))
    titles = {item.id: item.title for item in case.evidence} if case is not None else {}
    labels = rule_labels(lang)
    for item in key.evidence:
        name = f"{_('Evidence', lang=lang)} {item}"
        groups.append((_short(f"{name} · {titles[item]}" if item in titles else name),
                       f"evidence:{item}",
                       [(labels[rule], f"evidence/{item}/{rule}") for rule in RULES]))
    return groups


def target_label(target: str, groups: list[tuple[str, str, list[tuple[str, str]]]]) -> str:
    """How messages name ``target``: ``KUK 1.2 (Unit J.620100.004.02)``, ``Asli (Bukti E03)``."""
    for group_label, group, verdicts in groups:
        for label, value in verdicts:
            if value == target:
                short = label.split(" · ")[0]
                return short if group == RECOMMENDATION else (
                    f"{short} ({group_label.split(' · ')[0]})")
    return target


class OverrideForm(w.VBox):
    """Group, verdict, new value, note and the Override button, with a message beside it."""

    def __init__(self, lang: str) -> None:
        self._lang = lang
        self._handlers: list[OverrideHandler] = []
        self._groups: list[tuple[str, str, list[tuple[str, str]]]] = []
        full = {"width": "auto", "max_width": "40em"}
        self._group = w.Dropdown(description=_("Part", lang=lang), style=_STYLE,
                                 layout=w.Layout(**full))
        self._group.add_class("asesorlab-override-group")
        self._target = w.Dropdown(description=_("Verdict", lang=lang), style=_STYLE,
                                  layout=w.Layout(**full))
        self._target.add_class("asesorlab-override-target")
        self._value = w.Dropdown(description=_("New value", lang=lang), style=_STYLE,
                                 layout=w.Layout(width="14em", flex="0 0 auto"))
        self._note = w.Text(placeholder=_("Why (required)", lang=lang),
                            description=_("Note", lang=lang), style={"description_width": "4em"},
                            layout=w.Layout(flex="1 1 14em", width="auto", min_width="0"))
        self._apply = w.Button(description=_("Override", lang=lang), icon="pencil",
                               button_style="warning",
                               layout=w.Layout(width="auto", min_width="8em", flex="0 0 auto"))
        self._apply.add_class("asesorlab-override")
        self._message = w.HTML(layout=w.Layout(flex="1 1 auto", min_width="0"))
        self._message.add_class("asesorlab-override-message")
        self._apply.on_click(self._on_apply_click)
        self._group.observe(self._on_group_value, "value")
        self._target.observe(self._on_target_value, "value")
        wrap = {"width": "100%", "flex_flow": "row wrap", "align_items": "center"}
        super().__init__([self._group, self._target,
                          w.HBox([self._value, self._note], layout=w.Layout(**wrap)),
                          w.HBox([self._apply, self._message], layout=w.Layout(**wrap))],
                         layout=w.Layout(width="100%"))
        self.add_class("asesorlab-override-form")

    # -- public ------------------------------------------------------------------
    @property
    def target(self) -> str:
        """The chosen verdict's target (``criteria/<KUK id>``, ``recommendation``, …)."""
        return str(self._target.value or "")

    @property
    def value(self) -> str | bool:
        """The chosen new value (``K``/``BK``, or ``True``/``False`` for a rule of evidence)."""
        return self._value.value  # type: ignore[no-any-return]

    @value.setter
    def value(self, value: str | bool) -> None:
        self._value.value = value

    @property
    def note(self) -> str:
        """The note saying why."""
        return str(self._note.value)

    @note.setter
    def note(self, text: str) -> None:
        self._note.value = text

    @property
    def message(self) -> str:
        """The message beside the button (HTML): the last override's outcome."""
        return str(self._message.value)

    @property
    def group_labels(self) -> list[str]:
        """The first list: recommendation, units, evidence items."""
        return [label for label, _group, _verdicts in self._groups]

    def set_key(self, key: AnswerKey, scheme: Scheme, case: Case | None = None) -> None:
        """Offer the verdicts of ``key``; keep the chosen one when it is still there."""
        current = self.target
        self._groups = choices(key, scheme, self._lang, case)
        self._group.options = [(label, group) for label, group, _v in self._groups]
        if not self.choose(current):
            self.choose(RECOMMENDATION)

    def choose(self, target: str) -> bool:
        """Select ``target`` (its group first); False when the key has no such verdict."""
        for _label, group, verdicts in self._groups:
            if any(value == target for _l, value in verdicts):
                self._group.value = group
                self._on_group_value({"new": group})
                self._target.value = target
                return True
        return False

    def label(self, target: str) -> str:
        """How the form names ``target``."""
        return target_label(target, self._groups)

    def on_override(self, callback: OverrideHandler) -> None:
        """Call ``callback(target, value, note)``; it returns ``None`` or the problem."""
        self._handlers.append(callback)

    def override(self, target: str | None = None, value: str | bool | None = None,
                 note: str | None = None) -> bool:
        """Ask for the override (the button); the outcome is shown beside the button."""
        target = self.target if target is None else target
        value = self.value if value is None else value
        note = self.note if note is None else note
        for callback in self._handlers:
            problem = callback(target, value, note)
            if problem:
                self._say(problem.replace(target, self.label(target)), error=True)
                return False
        self._say(_("Override saved in the key: {target}", target=self.label(target),
                    lang=self._lang))
        self._note.value = ""
        return True

    def fail(self, message: str) -> None:
        """Show ``message`` beside the button as an error."""
        self._say(message, error=True)

    # -- handlers ----------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        css, colour = ("asesorlab-error", "#b3261e") if error else ("asesorlab-ok", "#1a7f37")
        self._message.value = (f'<span class="{css}" role="status" style="color:{colour}">'
                               f"{esc(text)}</span>")

    def _on_apply_click(self, _button: w.Button) -> None:
        self.override()

    def _on_group_value(self, change: dict) -> None:
        verdicts = next((v for _l, group, v in self._groups if group == change["new"]), [])
        if list(self._target.options) != verdicts:
            self._target.options = verdicts
        if verdicts and self._target.value not in {t for _l, t in verdicts}:
            self._target.value = verdicts[0][1]
        self._on_target_value({"new": self._target.value})

    def _on_target_value(self, change: dict) -> None:
        target = change["new"] or ""
        if target.startswith("evidence/"):
            options = [(_("Yes", lang=self._lang), True), (_("No", lang=self._lang), False)]
        else:
            options = [("K", "K"), ("BK", "BK")]
        if list(self._value.options) != options:
            self._value.options = options
            self._value.value = options[0][1]


__all__ = ["RULES", "OverrideForm", "choices", "rule_labels", "target_label"]
