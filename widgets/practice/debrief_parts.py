"""The parts of the debrief beyond judging: the plan (FR.MAPA.01), objectivity, the feedback
rubric and the record (the trainee's FR.AK.02 against the reference), each with its checks
met or not met and why, and the time used in timed mode.

Everything comes from the fields of a :class:`toolkit.scoring.ScoreReport` (``plan``,
``integrity``, ``judging``, ``feedback``, ``record``: ``PartScore(score, passed, checks)``);
the reasons are the toolkit's, in the report's language. A part without checks (an older
report, or a part the case does not test) is left out.
"""

from __future__ import annotations

from typing import Any

from toolkit.i18n import _

from .debrief_result import named
from .look import esc

#: The parts in the order the debrief shows them (judging's details follow its checks).
BEFORE_DETAILS = ("plan", "integrity", "judging")
AFTER_DETAILS = ("feedback", "record")


def part_titles(lang: str) -> dict[str, str]:
    """The printed name of each part."""
    return {"plan": _("Assessment plan (FR.MAPA.01)", lang=lang),
            "integrity": _("Objectivity", lang=lang),
            "judging": _("Judging the evidence", lang=lang),
            "feedback": _("Feedback to the asesi", lang=lang),
            "record": _("Assessment record: yours and the reference FR.AK.02", lang=lang)}


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def part_html(report: Any, name: str, lang: str, names: dict[str, str]) -> str:
    """One part: its title with the share of checks met and passed / not passed, then each
    check (met ✓ or not met ✗) with why; empty when the report has no checks for it."""
    part = getattr(report, name, None)
    checks = list(getattr(part, "checks", None) or [])
    if part is None or not checks:
        return ""
    passed = bool(getattr(part, "passed", False))
    state = _("passed", lang=lang) if passed else _("not passed", lang=lang)
    score = f"{float(getattr(part, 'score', 0.0)) * 100:.0f}%"
    lines = []
    for check in checks:
        met = bool(getattr(check, "met", False))
        mark = "✓" if met else "✗"
        said = _("met", lang=lang) if met else _("not met", lang=lang)
        why = named(str(getattr(check, "why", "") or ""), names)
        css = "asesorlab-ok" if met else "asesorlab-error"
        lines.append(f'<li class="asesorlab-check" data-check="{esc(getattr(check, "id", ""))}"'
                     f' data-met="{"true" if met else "false"}"><span class="{css}">{mark} '
                     f"{esc(said)}</span>{': ' + esc(why) if why else ''}</li>")
    css = "asesorlab-ok" if passed else "asesorlab-error"
    return (f'<div class="asesorlab-part asesorlab-part-{esc(name)}" '
            f'data-passed="{"true" if passed else "false"}">'
            f"<h3>{esc(part_titles(lang)[name])} · <span class=\"{css}\">{esc(state)}</span> "
            f"({esc(score)})</h3><ul>{''.join(lines)}</ul></div>")


def time_html(report: Any, lang: str) -> str:
    """The time used (and the limit, and whether the clock submitted); empty when untimed
    and unmeasured."""
    used = getattr(report, "time_used_s", None)
    if used is None:
        return ""
    limit = getattr(report, "time_limit_minutes", None)
    if limit:
        text = _("Time used: {used} of {limit}:00", lang=lang, used=_clock(float(used)),
                 limit=int(limit))
    else:
        text = _("Time used: {used}", lang=lang, used=_clock(float(used)))
    if getattr(report, "auto_submitted", False):
        text += " · " + _("submitted by the clock at zero, as it stood", lang=lang)
    return f'<p class="asesorlab-time-used" data-seconds="{float(used):.1f}">{esc(text)}</p>'


def parts_html(report: Any, parts: tuple[str, ...], lang: str, names: dict[str, str]) -> str:
    """The given parts, in order."""
    return "".join(part_html(report, name, lang, names) for name in parts)


__all__ = ["AFTER_DETAILS", "BEFORE_DETAILS", "part_html", "part_titles", "parts_html",
           "time_html"]
