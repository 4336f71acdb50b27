"""The cohort charts as PNG images (matplotlib, no pyplot state): embedded in the HTML
report as data URLs and shown by the dashboard as image widgets."""

from __future__ import annotations

import base64
import io
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import numpy as np

from ..i18n import _
from .labels import flaw_label
from .queries import Matrix, Rate

DPI = 96
_STATUS_COLOURS = {"belum siap": "#cf222e", "hampir siap": "#bf8700", "siap": "#1a7f37"}


def _figure(width: float, height: float, left: float = 0.1, bottom: float = 0.15) -> Any:
    """A figure with fixed margins (a layout engine costs more than the drawing)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DPI)
    figure.subplots_adjust(left=left, bottom=bottom, right=0.97, top=0.88)
    return figure


def _png(figure: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 3})
    return buffer.getvalue()


def data_url(png: bytes) -> str:
    """A PNG as a ``data:`` URL for an ``<img>``."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def agreement_chart(series: dict[str, list[tuple[datetime, float]]],
                    max_lines: int = 30) -> bytes:
    """KUK agreement over time: the cohort's daily mean, and each trainee's line (the
    first ``max_lines`` trainees) behind it."""
    figure = _figure(8, 3.2, bottom=0.25)
    axes = figure.add_subplot()
    daily: dict[Any, list[float]] = defaultdict(list)
    for index, (_name, points) in enumerate(series.items()):
        for moment, value in points:
            daily[moment.date()].append(value)
        if index < max_lines and points:
            axes.plot([p[0] for p in points], [p[1] for p in points], color="#8c959f",
                      linewidth=0.6, alpha=0.5)
    if daily:
        days = sorted(daily)
        axes.plot(days, [float(np.mean(daily[d])) for d in days], color="#0969da",
                  linewidth=2.2, label=_("cohort mean"))
        axes.legend(loc="lower right")
    lowest = min((v for points in series.values() for _m, v in points), default=0.0)
    axes.set_ylim(max(0.0, min(lowest, 0.9) - 0.05), 1.01)
    axes.set_ylabel(_("KUK agreement"))
    axes.set_title(_("Agreement with the key over time"))
    figure.autofmt_xdate()
    return _png(figure)


def heatmap_chart(matrix: Matrix, max_trainees: int = 60) -> bytes:
    """KUK × trainee error rates; the trainees with most errors when there are many."""
    rates = matrix.rates
    names = list(matrix.trainees)
    if len(names) > max_trainees:
        totals = np.nan_to_num(rates).sum(axis=1)
        keep = sorted(np.argsort(-totals, kind="stable")[:max_trainees])
        rates, names = rates[keep], [names[i] for i in keep]
    height = max(2.5, 1.6 + 0.14 * len(names))
    figure = _figure(9, height, left=0.2, bottom=1.3 / height)
    axes = figure.add_subplot()
    shown = np.ma.masked_invalid(rates) if rates.size else np.zeros((1, 1))
    top = float(np.nanmax(rates)) if rates.size and not np.isnan(rates).all() else 1.0
    image = axes.imshow(shown, aspect="auto", cmap="Reds", vmin=0, vmax=max(top, 0.1),
                        interpolation="nearest")
    axes.set_yticks(range(len(names)), names, fontsize=6)
    step = max(1, len(matrix.kuks) // 25)
    axes.set_xticks(range(0, len(matrix.kuks), step),
                    [matrix.kuks[i] for i in range(0, len(matrix.kuks), step)],
                    fontsize=5, rotation=90)
    axes.set_title(_("KUK errors per trainee (share of attempts wrong)"))
    figure.colorbar(image, ax=axes, fraction=0.03, pad=0.01)
    return _png(figure)


def flaw_chart(flaws: dict[str, Rate]) -> bytes:
    """How often each flaw kind was missed (accepted although flawed)."""
    kinds = [k for k, r in flaws.items() if r.rate is not None]
    figure = _figure(8, max(2.2, 1.0 + 0.35 * len(kinds)), left=0.35, bottom=0.25)
    axes = figure.add_subplot()
    values = [flaws[k].rate or 0.0 for k in kinds]
    axes.barh(range(len(kinds)), values, color="#cf222e")
    axes.set_yticks(range(len(kinds)), [flaw_label(k) for k in kinds], fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.set_xlabel(_("share of flawed items accepted"))
    axes.set_title(_("Flaw kinds missed"))
    return _png(figure)


def status_chart(counts: dict[str, int], labels: Sequence[str]) -> bytes:
    """How many trainees are not ready, almost ready and ready."""
    figure = _figure(5, 2.2, left=0.25, bottom=0.15)
    axes = figure.add_subplot()
    keys = list(counts)
    axes.barh(range(len(keys)), [counts[k] for k in keys],
              color=[_STATUS_COLOURS.get(k, "#8c959f") for k in keys])
    axes.set_yticks(range(len(keys)), list(labels))
    axes.set_title(_("Trainees by status"))
    return _png(figure)


__all__ = ["agreement_chart", "data_url", "flaw_chart", "heatmap_chart", "status_chart"]
