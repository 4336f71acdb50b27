"""One evidence item as a card, with the four rules-of-evidence checks (VATM) to tick."""

from __future__ import annotations

import ipywidgets as w

from toolkit.cases.model import EvidenceItem, EvidenceVerdict
from toolkit.i18n import _

from .look import Look, esc

#: The four checks in form order (FR.IA.08): Valid, Asli, Terkini, Memadai.
CHECKS: tuple[str, ...] = ("valid", "authentic", "current", "sufficient")


def _check_labels(lang: str) -> dict[str, str]:
    return {"valid": _("Valid", lang=lang), "authentic": _("Authentic (asli)", lang=lang),
            "current": _("Current (terkini)", lang=lang),
            "sufficient": _("Sufficient (memadai)", lang=lang)}


def kind_label(kind: str, lang: str) -> str:
    """The printed name of an evidence kind."""
    labels = {
        "certificate": _("certificate", lang=lang), "work_sample": _("work sample", lang=lang),
        "log": _("photo/video log", lang=lang),
        "third_party_report": _("third-party report", lang=lang),
        "cv_entry": _("CV entry", lang=lang), "written_answer": _("written answer", lang=lang),
        "observation_note": _("observation note", lang=lang),
    }
    return labels.get(str(kind), str(kind))


def card_html(item: EvidenceItem, lang: str) -> str:
    """The read-only part of the card: kind, title, date, owner, issuer, claimed KUK."""
    facts = [
        (_("Date", lang=lang), item.date.isoformat()),
        (_("Owner", lang=lang), item.owner),
        (_("Issuer", lang=lang), item.issuer or "—"),
        (_("Claims KUK", lang=lang), ", ".join(item.claims) or "—"),
    ]
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts)
    summary = f"<div>{esc(item.summary)}</div>" if item.summary else ""
    return (f'<div class="asesorlab-card"><b>{esc(item.id)} · {esc(item.title)}</b> '
            f'<span class="asesorlab-muted">({esc(kind_label(item.kind, lang))})</span>'
            f"<table>{rows}</table>{summary}</div>")


class EvidenceCard(w.HBox):
    """An evidence item and its V/A/T/M checkboxes; :meth:`verdict` reads them."""

    def __init__(self, item: EvidenceItem, look: Look, lang: str) -> None:
        self.item_id = item.id
        labels = _check_labels(lang)
        self._checks = {name: w.Checkbox(value=False, description=labels[name], indent=False,
                                         layout=look.check, style=look.check_style)
                        for name in CHECKS}
        self._text = look.html(card_html(item, lang))
        super().__init__([self._text, *self._checks.values()], layout=look.row)
        self.add_class("asesorlab-evidence")

    def verdict(self) -> EvidenceVerdict:
        """The ticked checks (a browser can only send booleans here: traitlets checks)."""
        return EvidenceVerdict(**{name: bool(box.value) for name, box in self._checks.items()})

    def close(self) -> None:
        """Close the card and its own widgets (not the shared layouts and styles)."""
        for widget in (self._text, *self._checks.values()):
            widget.close()
        super().close()

    def set_checks(self, **values: bool) -> None:
        """Tick or clear checks by name, as a trainee would (``valid=True``)."""
        for name, value in values.items():
            self._checks[name].value = bool(value)


__all__ = ["CHECKS", "EvidenceCard", "card_html", "kind_label"]
