"""A small chart of one trainee's attempts: criteria agreement per attempt, as inline SVG.

No plotting library: the chart is a few SVG rectangles, so the debrief appears at once.
A bar is red when that attempt had a false competent (the costly error).
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from toolkit.i18n import _
from toolkit.store import Attempt

from .look import Look, esc

WIDTH, HEIGHT, BAR_MAX = 360, 90, 30


def history_svg(attempts: Sequence[Attempt], lang: str) -> str:
    """The chart of the last :data:`BAR_MAX` attempts (oldest left)."""
    recent = list(attempts)[-BAR_MAX:]
    if not recent:
        return ""
    step = WIDTH / BAR_MAX
    bars = []
    for index, attempt in enumerate(recent):
        share = float(attempt.score.get("criteria_agreement") or 0.0)
        height = max(1.0, share * (HEIGHT - 12))
        colour = "#cf222e" if attempt.score.get("false_competent") else "#2da44e"
        tip = _("{case}: {percent}% agreement", lang=lang, case=attempt.case_id,
                percent=round(share * 100))
        bars.append(f'<rect x="{index * step + 2:.1f}" y="{HEIGHT - height:.1f}" '
                    f'width="{step - 4:.1f}" height="{height:.1f}" fill="{colour}">'
                    f"<title>{esc(tip)}</title></rect>")
    axis = f'<line x1="0" y1="{HEIGHT}" x2="{WIDTH}" y2="{HEIGHT}" stroke="#8c959f"/>'
    title = esc(_("Your attempts: KUK agreement (red: a false competent)", lang=lang))
    return (f'<div class="asesorlab-history"><div class="asesorlab-muted">{title}</div>'
            f'<svg width="{WIDTH}" height="{HEIGHT + 2}" role="img">{axis}{"".join(bars)}'
            "</svg></div>")


class HistoryChart(w.HTML):
    """The chart as an HTML widget; :meth:`show` redraws it."""

    def __init__(self, look: Look) -> None:
        super().__init__("", layout=look.auto, style=look.html_style)

    def show(self, attempts: Sequence[Attempt], lang: str) -> None:
        """Draw ``attempts``."""
        self.value = history_svg(attempts, lang)


__all__ = ["HistoryChart", "history_svg"]
