"""The top of the debrief: did the trainee pass the case ("Lulus kasus" / "Belum lulus
kasus"), the critical errors first, the follow-ups credited and missed, and what was left
unjudged.

It reads the fields of a :class:`toolkit.scoring.ScoreReport` by name and shows each part
only when the report has it (older reports have none of them).
"""

from __future__ import annotations

import re
from typing import Any

from toolkit.i18n import _

from .look import esc, ul

_KUK_ID = re.compile(r"[^\s,;:()]+/\d+\.\d+")


def named(text: str, names: dict[str, str]) -> str:
    """``text`` with every KUK id in it (``J.620100.004.02/1.2``) written as the case
    shows it (``J.620100.004.02 1.2``)."""
    return _KUK_ID.sub(lambda m: names.get(m.group(0), m.group(0)), text)


def critical_labels(lang: str) -> dict[str, str]:
    """The printed name of each kind of critical error."""
    return {
        "false_competent_criterion": _("KUK judged K where the key says BK", lang=lang),
        "false_competent_unit": _("unit judged K where the key says BK", lang=lang),
        "wrong_recommendation": _("wrong recommendation", lang=lang),
        "accepted_inauthentic": _("evidence accepted that is not authentic", lang=lang),
        "integrity": _("conflict of interest not handled as the code of ethics requires",
                       lang=lang),
    }


def place_names(labels: dict[str, str], case: Any = None, lang: str = "id") -> dict[str, str]:
    """Everything a debrief may point at, by id, as the trainee saw it: KUK labels, unit
    codes, evidence items as ``E001 · title``, and the recommendation."""
    names = dict(labels)
    names["recommendation"] = _("Recommendation for the asesi", lang=lang)
    names["integrity"] = _("Objectivity", lang=lang)  # where an integrity error is
    if case is not None:
        names.update({unit: unit for unit in getattr(case, "units", [])})
        names.update({item.id: f"{item.id} · {item.title}"
                      for item in getattr(case, "evidence", [])})
    return names


def _field(report: Any, name: str) -> Any:
    return getattr(report, name, None)


def result_html(report: Any, lang: str, names: dict[str, str]) -> str:
    """The case result and what follows from it; empty for a report without ``passed``."""
    passed = _field(report, "passed")
    parts: list[str] = []
    if passed is not None:  # said in the headline; here for scripts and tests
        flag = "true" if passed else "false"
        parts.append(f'<div class="asesorlab-result" data-passed="{flag}"></div>')
    errors = list(_field(report, "critical_errors") or [])
    if errors:
        kinds = critical_labels(lang)
        lines = []
        for error in errors:
            kind = str(getattr(error, "kind", ""))
            where = str(getattr(error, "where", ""))
            why = named(str(getattr(error, "why", "") or ""), names)
            place = names.get(where, where)
            if why:  # the scoring says what went wrong; the place is enough of a title
                lines.append(f"<b>{esc(place)}</b>: {esc(why)}" if place else esc(why))
            else:
                label = kinds.get(kind, _("critical error", lang=lang))
                lines.append(f"<b>{esc(label)}</b>" + (f" — {esc(place)}" if place else ""))
        parts.append(f'<div class="asesorlab-critical-errors"><h3>'
                     f'{esc(_("Critical errors ({count})", lang=lang, count=len(errors)))}'
                     f"</h3>{ul(lines)}</div>")
    parts.append(_follow_ups_html(report, lang, names))
    parts.append(_unjudged_html(report, lang))
    return "".join(parts)


def _follow_ups_html(report: Any, lang: str, names: dict[str, str]) -> str:
    credited = list(_field(report, "follow_ups_credited") or [])
    missed = list(_field(report, "follow_ups_missed") or [])
    lines = []
    if credited:
        lines.append('<li class="asesorlab-ok asesorlab-followup-credited">' + esc(_(
            "Further evidence rightly gathered (penilaian lanjut) for: {kuks}", lang=lang,
            kuks=", ".join(names.get(k, k) for k in credited))) + "</li>")
    if missed:
        lines.append('<li class="asesorlab-followup-missed">' + esc(_(
            "More evidence was due before deciding: {kuks}", lang=lang,
            kuks=", ".join(names.get(k, k) for k in missed))) + "</li>")
    return f'<ul class="asesorlab-followups">{"".join(lines)}</ul>' if lines else ""


def _unjudged_html(report: Any, lang: str) -> str:
    criteria = _field(report, "criteria_unjudged")
    evidence = _field(report, "evidence_unjudged")
    lines = []
    if criteria:
        lines.append(_("{count} KUK not judged", lang=lang, count=int(criteria)))
    if evidence:
        lines.append(_("{count} evidence items not judged", lang=lang, count=int(evidence)))
    if not lines:
        return ""
    return f'<p class="asesorlab-muted asesorlab-unjudged">{esc("; ".join(lines))}</p>'


__all__ = ["critical_labels", "named", "place_names", "result_html"]
