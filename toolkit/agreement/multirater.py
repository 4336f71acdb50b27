"""Agreement of two or more raters: percent agreement, Fleiss' kappa, Gwet's AC1 and
Krippendorff's alpha."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..i18n import _
from .labels import AgreementError, Category, Level, _is_text, _matrix_counts

# --------------------------------------------------------------------------- multi-rater


def _pa_and_shares(counts: NDArray[np.int64]) -> tuple[float, NDArray[np.float64]]:
    """Observed pairwise agreement and mean category shares (Gwet 2014, ch. 2)."""
    per_item = counts.sum(axis=1)
    pairable = per_item >= 2
    if not pairable.any():
        raise AgreementError(_("no item was rated by two or more raters"))
    c = counts[pairable].astype(np.float64)
    r = per_item[pairable].astype(np.float64)
    pa = float(np.mean((c * (c - 1)).sum(axis=1) / (r * (r - 1))))
    rated = per_item >= 1
    shares = (counts[rated] / per_item[rated, None]).mean(axis=0)
    return pa, shares


def percent_agreement(ratings: ArrayLike, categories: Sequence[Category] | None = None) -> float:
    """Share of agreeing rater pairs, averaged over items (0..1, not 0..100).

    For two raters: the share of items (rated by both) given the same rating.
    For more: per item, the share of rater pairs that agree, averaged over the
    items rated by two or more raters.
    """
    counts, _cats = _matrix_counts(ratings, categories)
    pa, _shares = _pa_and_shares(counts)
    return pa


def fleiss_kappa(ratings: ArrayLike, categories: Sequence[Category] | None = None) -> float:
    """Fleiss' kappa for two or more raters; ratings shaped (raters, items).

    Complete data give Fleiss (1971) exactly; missing ratings use Gwet's
    generalisation (see the module docstring).  1.0 when every rating is the
    same category.
    """
    counts, _cats = _matrix_counts(ratings, categories)
    pa, shares = _pa_and_shares(counts)
    if np.count_nonzero(shares) <= 1:
        return 1.0
    pe = float(np.sum(shares**2))
    return (pa - pe) / (1.0 - pe)


def gwet_ac1(ratings: ArrayLike, categories: Sequence[Category] | None = None) -> float:
    """Gwet's AC1 for two or more raters; ratings shaped (raters, items).

    ``pe = sum_k pi_k (1 - pi_k) / (q - 1)`` where ``q`` is the number of
    categories: ``len(categories)`` if given, else the number observed.  Pass
    ``categories`` when a possible rating may go unused.  Missing ratings are
    handled as in Gwet (2014).  1.0 when there is only one category.
    """
    counts, cats = _matrix_counts(ratings, categories)
    q = len(cats)
    pa, shares = _pa_and_shares(counts)
    if q == 1:
        return 1.0
    pe = float(np.sum(shares * (1.0 - shares))) / (q - 1)
    return (pa - pe) / (1.0 - pe)


_LEVELS = ("nominal", "ordinal", "interval", "ratio")


def _distances(
    level: str, cats: tuple[Category, ...], marginals: NDArray[np.float64]
) -> NDArray[np.float64]:
    q = len(cats)
    idx = np.arange(q)
    if level == "nominal":
        return (idx[:, None] != idx[None, :]).astype(np.float64)
    if level == "ordinal":
        lo = np.minimum(idx[:, None], idx[None, :])
        hi = np.maximum(idx[:, None], idx[None, :])
        cumulative = np.cumsum(marginals)
        between = cumulative[hi] - cumulative[lo] + marginals[lo]
        return (between - (marginals[:, None] + marginals[None, :]) / 2.0) ** 2
    values = np.asarray(cats, dtype=np.float64)
    if level == "interval":
        return (values[:, None] - values[None, :]) ** 2
    total = values[:, None] + values[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(total != 0, (values[:, None] - values[None, :]) / total, 0.0)
    return ratio**2


def krippendorff_alpha(
    ratings: ArrayLike,
    level: Level = "nominal",
    categories: Sequence[Category] | None = None,
) -> float:
    """Krippendorff's alpha; ratings shaped (raters, items), NaN/None for missing.

    ``level`` is "nominal", "ordinal", "interval" or "ratio".  Ordinal uses the
    category order (numeric order, or ``categories`` as given: text ratings
    need ``categories`` in scale order); interval and ratio use the numeric
    values.  Items with fewer than two ratings are not pairable and ignored.
    1.0 when all pairable ratings are the same value.
    """
    if level not in _LEVELS:
        raise AgreementError(
            _(
                "unknown level {level!r}; use one of {levels} (or ratio)",
                level=level,
                levels=", ".join(_LEVELS[:3]),
            )
        )
    counts, cats = _matrix_counts(ratings, categories)
    if _is_text(cats):
        if level in ("interval", "ratio"):
            raise AgreementError(
                _("{level} alpha needs numeric ratings; these are text", level=level)
            )
        if level == "ordinal" and categories is None:
            raise AgreementError(
                _("ordinal alpha of text ratings needs categories listed in scale order")
            )
    q = len(cats)
    per_item = counts.sum(axis=1)
    pairable = per_item >= 2
    if not pairable.any():
        raise AgreementError(_("no item was rated by two or more raters, so nothing is pairable"))
    c = counts[pairable].astype(np.float64)
    weighted = c / (per_item[pairable, None] - 1.0)
    coincidences = weighted.T @ c
    coincidences[np.diag_indices(q)] -= weighted.sum(axis=0)
    marginals = coincidences.sum(axis=0)
    total = marginals.sum()
    d = _distances(level, cats, marginals)
    expected = float(marginals @ d @ marginals) / (total - 1.0)
    if expected == 0.0:
        return 1.0
    observed = float(np.sum(coincidences * d))
    return 1.0 - observed / expected
