"""One evidence item as a card: the document's facts, and the four rules of evidence (VATM)
to judge, each *belum dinilai* (not judged yet), *terpenuhi* (met) or *tidak terpenuhi*.

The facts shown are the document's own (kind, evidence class, date, owner, issuer,
signatory, signed/stamped, validity, what a certificate certifies, contributors and the
stated contribution, the KUK it claims): whatever the trainee needs to judge it, nothing of
the key. Facts a document does not have are left out, so a CV line stays a short card.
"""

from __future__ import annotations

import ipywidgets as w

from toolkit.cases.model import EvidenceItem, EvidenceVerdict
from toolkit.i18n import _

from .look import Look, esc

#: The four checks in form order (FR.IA.08): Valid, Asli, Terkini, Memadai.
CHECKS: tuple[str, ...] = ("valid", "authentic", "current", "sufficient")
#: A check's states as the dropdown holds them (a browser can only send one of these).
STATES: dict[str, bool | None] = {"unset": None, "met": True, "not_met": False}


def check_labels(lang: str) -> dict[str, str]:
    return {"valid": _("Valid", lang=lang), "authentic": _("Authentic (asli)", lang=lang),
            "current": _("Current (terkini)", lang=lang),
            "sufficient": _("Sufficient (memadai)", lang=lang)}


def state_labels(lang: str) -> dict[str, str]:
    """The printed name of each check state."""
    return {"unset": _("not judged yet", lang=lang), "met": _("met", lang=lang),
            "not_met": _("not met", lang=lang)}


def kind_label(kind: str, lang: str) -> str:
    """The printed name of an evidence kind."""
    labels = {
        "certificate": _("certificate", lang=lang), "work_sample": _("work sample", lang=lang),
        "log": _("photo/video log", lang=lang),
        "third_party_report": _("third-party report", lang=lang),
        "cv_entry": _("CV entry", lang=lang), "written_answer": _("written answer", lang=lang),
        "observation_note": _("observation note", lang=lang),
        "project_report": _("project report", lang=lang),
        "employment_letter": _("employment letter (surat keterangan kerja)", lang=lang),
    }
    return labels.get(str(kind), str(kind).replace("_", " "))


def class_label(evidence_class: str | None, lang: str) -> str:
    """``L`` → ``L (direct)``: the BNSP evidence class with its meaning."""
    names = {"L": _("direct", lang=lang), "TL": _("indirect", lang=lang),
             "T": _("supplementary", lang=lang)}
    if not evidence_class:
        return ""
    return f"{evidence_class} ({names.get(evidence_class, evidence_class)})"


def _yes_no(value: bool | None, lang: str) -> str:
    return "" if value is None else (_("yes", lang=lang) if value else _("no", lang=lang))


def item_facts(item: EvidenceItem, lang: str,
               labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The document's facts as (label, value) rows; empty facts are left out."""
    labels = labels or {}
    certifies = {"attendance": _("attendance only", lang=lang),
                 "competence": _("competence", lang=lang)}
    signatory = ", ".join(p for p in (item.signatory, item.signatory_role) if p)
    rows = [
        (_("Evidence class", lang=lang), class_label(item.evidence_class, lang)),
        (_("Date", lang=lang), item.date.isoformat()),
        (_("Owner", lang=lang), item.owner),
        (_("Issuer", lang=lang), item.issuer),
        (_("Signed by", lang=lang), signatory),
        (_("Signed", lang=lang), _yes_no(item.signed, lang)),
        (_("Stamped", lang=lang), _yes_no(item.stamped, lang)),
        (_("Valid until", lang=lang), item.valid_until.isoformat() if item.valid_until else ""),
        (_("Certifies", lang=lang), certifies.get(item.certifies or "", "")),
        (_("Contributors", lang=lang), ", ".join(item.contributors)),
        (_("Stated contribution", lang=lang), item.contribution),
        (_("Claims KUK", lang=lang), ", ".join(labels.get(k, k) for k in item.claims) or "—"),
    ]
    return [(name, value) for name, value in rows if value]


def facts_table(rows: list[tuple[str, str]]) -> str:
    """(label, value) rows as an HTML table (values escaped here)."""
    return "<table>" + "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>"
                               for k, v in rows) + "</table>"


def card_html(item: EvidenceItem, lang: str, labels: dict[str, str] | None = None) -> str:
    """The read-only part of the card: its heading, facts and the document's text."""
    summary = f"<div>{esc(item.summary)}</div>" if item.summary else ""
    return (f'<div class="asesorlab-card"><b>{esc(item.id)} · {esc(item.title)}</b> '
            f'<span class="asesorlab-muted">({esc(kind_label(item.kind, lang))})</span>'
            f"{facts_table(item_facts(item, lang, labels))}{summary}</div>")


class EvidenceCard(w.GridBox):
    """An evidence item and a three-state dropdown per rule; :meth:`verdict` reads them."""

    def __init__(self, item: EvidenceItem, look: Look, lang: str,
                 labels: dict[str, str] | None = None) -> None:
        self.item_id = item.id
        names, states = check_labels(lang), state_labels(lang)
        options = [(states[state], state) for state in STATES]
        self._checks = {name: w.Dropdown(options=options, value="unset",
                                         description=names[name], layout=look.select,
                                         style=look.select_style,
                                         tooltip=f"{item.id} · {names[name]}")
                        for name in CHECKS}
        self._text = look.html(card_html(item, lang, labels), layout=look.span)
        self._text.add_class("asesorlab-span")
        super().__init__([self._text, *self._checks.values()], layout=look.card)
        self.add_class("asesorlab-evidence")

    def verdict(self) -> EvidenceVerdict:
        """Each check as judged: True, False, or None while belum dinilai."""
        return EvidenceVerdict(**{name: STATES.get(str(box.value)) for name, box in
                                  self._checks.items()})

    @property
    def judged(self) -> bool:
        """True once at least one check is judged."""
        return any(box.value != "unset" for box in self._checks.values())

    def close(self) -> None:
        """Close the card and its own widgets (not the shared layouts and styles)."""
        for widget in (self._text, *self._checks.values()):
            widget.close()
        super().close()

    def set_checks(self, **values: bool | None) -> None:
        """Judge checks by name, as a trainee would (``valid=True``, ``current=None``)."""
        for name, value in values.items():
            if name not in self._checks:
                raise ValueError(f"no check {name!r}; the checks are {CHECKS}")
            self._checks[name].value = ("unset" if value is None else
                                        "met" if value else "not_met")


__all__ = ["CHECKS", "STATES", "EvidenceCard", "card_html", "check_labels", "class_label",
           "facts_table", "item_facts", "kind_label", "state_labels"]
