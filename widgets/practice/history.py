"""A small chart of one trainee's attempts: KUK agreement per attempt, as inline SVG, with
a percentage axis, the value over each bar and the case under it.

No plotting library: the chart is a few SVG shapes, so the debrief appears at once. A bar
is red when that attempt had a KUK judged K where the key says BK (the costly error).
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from toolkit.i18n import _
from toolkit.store import Attempt

from .look import Look, esc

#: Most attempts shown (the latest), the width of one bar's slot, the plot's height.
BAR_MAX, STEP, HEIGHT = 12, 52, 120
LEFT, TOP, BOTTOM = 44, 18, 34
OK_COLOUR, CRITICAL_COLOUR, AXIS_COLOUR = "#2da44e", "#cf222e", "#57606a"


def _case_label(case_id: str) -> str:
    """``case-0007`` → ``0007``: the axis says they are cases."""
    return case_id.removeprefix("case-")


def history_svg(attempts: Sequence[Attempt], lang: str) -> str:
    """The chart of the last :data:`BAR_MAX` attempts (oldest left); empty without any."""
    recent = list(attempts)[-BAR_MAX:]
    if not recent:
        return ""
    width = LEFT + STEP * len(recent) + 8
    total = TOP + HEIGHT + BOTTOM
    base = TOP + HEIGHT
    shapes = []
    for tick in (0, 50, 100):  # the percentage axis and its grid lines
        y = base - HEIGHT * tick / 100
        shapes.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{width - 4}" y2="{y:.1f}" '
                      f'stroke="#d0d7de"/><text x="{LEFT - 6}" y="{y + 4:.1f}" '
                      f'text-anchor="end" font-size="11" fill="{AXIS_COLOUR}">{tick}%</text>')
    shapes.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}" '
                  f'stroke="{AXIS_COLOUR}"/><line x1="{LEFT}" y1="{base}" x2="{width - 4}" '
                  f'y2="{base}" stroke="{AXIS_COLOUR}"/>')
    described = []
    for index, attempt in enumerate(recent):
        share = float(attempt.score.get("criteria_agreement") or 0.0)
        percent = round(share * 100)
        height = max(1.0, share * HEIGHT)
        critical = bool(attempt.score.get("false_competent"))
        x = LEFT + index * STEP + 8
        middle = x + (STEP - 16) / 2
        label = _case_label(attempt.case_id)
        shapes.append(
            f'<rect x="{x}" y="{base - height:.1f}" width="{STEP - 16}" height="{height:.1f}" '
            f'fill="{CRITICAL_COLOUR if critical else OK_COLOUR}"/>'
            f'<text x="{middle:.1f}" y="{base - height - 4:.1f}" text-anchor="middle" '
            f'font-size="11" fill="#1f2328">{percent}%</text>'
            f'<text x="{middle:.1f}" y="{base + 14}" text-anchor="middle" font-size="11" '
            f'fill="{AXIS_COLOUR}">{esc(label)}</text>')
        described.append(_("{case}: {percent}% agreement", lang=lang, case=attempt.case_id,
                           percent=percent))
    shapes.append(f'<text x="{LEFT + (width - LEFT) / 2:.1f}" y="{total - 4}" '
                  f'text-anchor="middle" font-size="11" fill="{AXIS_COLOUR}">'
                  f'{esc(_("Case", lang=lang))}</text>')
    title = _("Your attempts: KUK agreement per case (red: a KUK judged K where the key "
              "says BK)", lang=lang)
    summary = esc(f"{title}. {'; '.join(described)}")
    return (f'<div class="asesorlab-history"><div class="asesorlab-muted">{esc(title)}</div>'
            f'<svg width="{width}" height="{total}" viewBox="0 0 {width} {total}" role="img" '
            f'aria-label="{summary}" style="max-width: 100%; height: auto">'
            f"<title>{summary}</title>{''.join(shapes)}</svg></div>")


class HistoryChart(w.HTML):
    """The chart as an HTML widget; :meth:`show` redraws it."""

    def __init__(self, look: Look) -> None:
        super().__init__("", layout=look.auto, style=look.html_style)
        self.add_class("asesorlab-history-chart")

    def show(self, attempts: Sequence[Attempt], lang: str) -> None:
        """Draw ``attempts``."""
        self.value = history_svg(attempts, lang)


__all__ = ["HistoryChart", "history_svg"]
