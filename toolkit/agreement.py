"""Inter-rater agreement for assessor calibration, vectorised with NumPy.

In a calibration exercise several trainee assessors judge the same case (each
KUK K or BK, a unit K or BK, a score on a scale) and their agreement with the
master assessor's key and with each other is discussed in an FR.VA-style
moderation.  This module computes the usual coefficients:

* :func:`percent_agreement` - share of agreeing rater pairs (a proportion, 0..1);
* :func:`cohen_kappa` - two raters, unweighted or linear/quadratic weighted;
* :func:`fleiss_kappa` - two or more raters (Fleiss 1971);
* :func:`krippendorff_alpha` - any number of raters, missing ratings, nominal,
  ordinal, interval (and ratio) data (Krippendorff 2011);
* :func:`gwet_ac1` - Gwet's AC1, which stays meaningful when nearly every item
  falls in one category (the "kappa paradox" of skewed K/BK data).

and batch versions for scoring many trainees against one key in one go:
:func:`cohen_kappa_many`, :func:`gwet_ac1_many`, :func:`percent_agreement_many`
(no Python loop over trainees: confusion counts come from one ``np.bincount``
over combined codes).

Input conventions
-----------------
Multi-rater functions take a 2-D array shaped ``(raters, items)`` - the layout
of the ``krippendorff`` package's ``reliability_data`` - where a missing rating
is ``np.nan`` or ``None`` (or an empty string).  Ratings may be numbers or text
("K"/"BK").  :func:`encode_labels` turns them into integer codes ``0..q-1``
(``-1`` for missing).  The order of the codes is the order of ``categories``
when given, otherwise the observed values sorted (numbers numerically, text
alphabetically).  That order is the scale order for weighted kappa and ordinal
alpha; interval and ratio alpha use the numeric values themselves.

Missing ratings
---------------
* Cohen's kappa and percent agreement use the items both raters rated.
* Fleiss' kappa and Gwet's AC1 with missing ratings use Gwet's (2014)
  generalisation, as the R package irrCAC does: observed agreement over items
  rated by two or more raters, category shares averaged over items rated by at
  least one.  With complete data this is exactly Fleiss (1971) / Gwet (2008).
* Krippendorff's alpha uses the pairable values (items with two or more).

Degenerate data (a documented convention)
-----------------------------------------
The functions never return NaN.  When every rating falls in one and the same
category the chance agreement is 1 and the coefficients are 0/0; observed
agreement is then necessarily perfect, and this module returns **1.0**
(scikit-learn returns nan for Cohen's kappa there, and the ``krippendorff``
package raises).  Everything else that leaves a coefficient undefined raises
:class:`AgreementError` with a plain message: fewer than two raters, every
rating missing, no item rated by two raters, unknown weights or level, text
ratings for interval data.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from os import PathLike
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .i18n import _

__all__ = [
    "AgreementError",
    "Metric",
    "builtin_metrics",
    "cohen_kappa",
    "cohen_kappa_many",
    "encode_labels",
    "fleiss_kappa",
    "gwet_ac1",
    "gwet_ac1_many",
    "krippendorff_alpha",
    "percent_agreement",
    "percent_agreement_many",
    "read_long_csv",
]

Weights = Literal["linear", "quadratic"] | None
Level = Literal["nominal", "ordinal", "interval", "ratio"]
Category = Any  # str, int or float

MISSING = -1
"""The code :func:`encode_labels` gives a missing rating."""

_CHUNK_CELLS = 1 << 22  # cells per batch chunk: bounds temporary memory to tens of MB


class AgreementError(ValueError):
    """Agreement cannot be computed from this input; the message says why.

    ``file`` and ``line`` are set when the problem is in a ratings file.
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        self.message = message
        self.file = file
        self.line = line
        if file is not None and line is not None:
            text = f"{file}:{line}: {message}"
        elif file is not None:
            text = f"{file}: {message}"
        else:
            text = message
        super().__init__(text)


# --------------------------------------------------------------------------- encoding


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return bool(np.isnan(value))
    if isinstance(value, str):
        return value.strip() == ""
    return False


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, np.bool_
    )


def _python_scalar(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _numeric_categories(values: NDArray[np.float64]) -> tuple[Category, ...]:
    if np.all(values == np.floor(values)):
        return tuple(int(v) for v in values)
    return tuple(float(v) for v in values)


def _check_categories(categories: Sequence[Category]) -> list[Category]:
    cats = [_python_scalar(c) for c in categories]
    if not cats:
        raise AgreementError(_("categories is empty; list the possible ratings"))
    if any(_is_missing(c) for c in cats):
        raise AgreementError(_("categories must not contain a missing value"))
    if len(set(cats)) != len(cats):
        raise AgreementError(_("categories has duplicates: {categories}", categories=cats))
    return cats


def _unknown(values: Iterator[Any] | Sequence[Any], categories: Sequence[Category]) -> str:
    shown = sorted({str(_python_scalar(v)) for v in values})
    listed = ", ".join(repr(s) for s in shown[:5])
    if len(shown) > 5:
        return _(
            "rating(s) {ratings} (and {count} more) not among the categories {categories}",
            ratings=listed,
            count=len(shown) - 5,
            categories=list(categories),
        )
    return _(
        "rating(s) {ratings} not among the categories {categories}",
        ratings=listed,
        categories=list(categories),
    )


def _encode_numeric(
    values: NDArray[Any], categories: Sequence[Category] | None
) -> tuple[NDArray[np.intp], tuple[Category, ...]]:
    """Codes for 1-D numeric ``values`` (no missing among them; ints or floats)."""
    if values.dtype.kind == "b":
        values = values.astype(np.intp)
    if values.dtype.kind == "f" and values.size and not np.all(np.isfinite(values)):
        raise AgreementError(_("ratings must be finite numbers (use NaN or None for missing)"))
    if categories is not None:
        cats = _check_categories(categories)
        if not all(_is_number(c) for c in cats):
            raise AgreementError(
                _(
                    "the ratings are numbers but the categories are not all numbers: {categories}",
                    categories=cats,
                )
            )
        cat_values = np.asarray(cats, dtype=np.float64)
        order = np.argsort(cat_values, kind="stable")
        ordered = cat_values[order]
        pos = np.searchsorted(ordered, values)
        pos_clipped = np.minimum(pos, len(ordered) - 1)
        bad = ordered[pos_clipped] != values
        if bad.any():
            raise AgreementError(_unknown(values[bad][:1000].tolist(), cats))
        return order[pos_clipped].astype(np.intp), tuple(cats)
    if values.size == 0:
        return np.empty(0, dtype=np.intp), ()
    integral = values.dtype.kind in "biu"
    lo = values.min()
    hi = values.max()
    span = float(hi) - float(lo) + 1
    if span <= max(1024, values.size) and (integral or np.all(values == np.floor(values))):
        # integral ratings in a small range (the usual case): a lookup table, O(n)
        offset = values.astype(np.intp) - int(lo)
        present = np.bincount(offset, minlength=int(span)) > 0
        lookup = (np.cumsum(present) - 1).astype(np.intp)
        cats_found = np.flatnonzero(present) + int(lo)
        return lookup[offset], tuple(int(c) for c in cats_found)
    cats_found, inverse = np.unique(values, return_inverse=True)
    return inverse.astype(np.intp).reshape(values.shape), _numeric_categories(
        cats_found.astype(np.float64)
    )


def _encode_text(
    values: NDArray[Any], categories: Sequence[Category] | None
) -> tuple[NDArray[np.intp], tuple[Category, ...]]:
    """Codes for ``values``, an array of non-missing strings."""
    uniques, inverse = np.unique(values.astype(str), return_inverse=True)
    inverse = inverse.reshape(values.shape)
    if categories is None:
        return inverse.astype(np.intp), tuple(str(u) for u in uniques)
    cats = _check_categories(categories)
    if not all(isinstance(c, str) for c in cats):
        raise AgreementError(
            _(
                "the ratings are text but the categories are not all text: {categories}",
                categories=cats,
            )
        )
    index = {c: i for i, c in enumerate(cats)}
    unknown = [str(u) for u in uniques if str(u) not in index]
    if unknown:
        raise AgreementError(_unknown(unknown, cats))
    lookup = np.array([index[str(u)] for u in uniques], dtype=np.intp)
    return lookup[inverse] if uniques.size else inverse.astype(np.intp), tuple(cats)


def encode_labels(
    ratings: ArrayLike, categories: Sequence[Category] | None = None
) -> tuple[NDArray[np.intp], tuple[Category, ...]]:
    """Encode ratings (numbers or text, any shape) as integer codes.

    Returns ``(codes, categories)``: ``codes`` has the shape of ``ratings``,
    holds ``0..len(categories)-1`` and ``-1`` for a missing rating (``None``,
    ``NaN`` or a blank string; in a NumPy text array also the string "nan",
    which is what ``np.asarray`` makes of ``np.nan`` among strings).
    ``categories`` gives the order of the codes; by default it is the observed
    values sorted (numbers numerically, text alphabetically).  Numbers and text
    cannot be mixed.  Numeric categories come back as ``int`` when integral.
    """
    arr = ratings if isinstance(ratings, np.ndarray) else np.asarray(ratings, dtype=object)
    codes = np.full(arr.shape, MISSING, dtype=np.intp)
    kind = arr.dtype.kind
    if kind in "biuf":
        if kind in "biu":
            flat = arr.reshape(-1)
            missing = None
        else:
            flat = arr.reshape(-1).astype(np.float64, copy=False)
            missing = np.isnan(flat)
        valid = flat if missing is None or not missing.any() else flat[~missing]
        valid_codes, cats = _encode_numeric(valid, categories)
        if missing is None or not missing.any():
            codes = valid_codes.reshape(arr.shape)
        else:
            codes.reshape(-1)[~missing] = valid_codes
        return codes, cats
    if kind in "US":
        text = arr.astype(str)
        missing = (np.char.strip(text) == "") | (text == "nan")
        valid_codes, cats = _encode_text(text[~missing], categories)
        codes[~missing] = valid_codes
        return codes, cats
    if kind != "O":
        raise AgreementError(
            _("cannot use ratings of dtype {dtype}; use numbers or text", dtype=arr.dtype)
        )
    flat = arr.reshape(-1)
    missing = np.fromiter((_is_missing(v) for v in flat), dtype=bool, count=flat.size)
    present = flat[~missing]
    if present.size == 0:
        if categories is not None:
            return codes, tuple(_check_categories(categories))
        return codes, ()
    if all(_is_number(v) for v in present):
        valid_codes, cats = _encode_numeric(present.astype(np.float64), categories)
    elif all(isinstance(v, str) for v in present):
        valid_codes, cats = _encode_text(np.array(present.tolist(), dtype=str), categories)
    else:
        kinds = sorted({type(v).__name__ for v in present})
        raise AgreementError(
            _(
                "ratings mix numbers and text (or other values: {kinds}); use one kind of rating",
                kinds=", ".join(kinds),
            )
        )
    codes.reshape(-1)[~missing] = valid_codes
    return codes, cats


def _is_text(categories: Sequence[Category]) -> bool:
    return any(isinstance(c, str) for c in categories)


def _encode_together(
    parts: Sequence[ArrayLike], categories: Sequence[Category] | None
) -> tuple[list[NDArray[np.intp]], tuple[Category, ...]]:
    """Encode several arrays against one set of categories (the union if not given)."""
    encoded = [encode_labels(p, categories) for p in parts]
    if categories is not None:
        return [codes for codes, _cats in encoded], encoded[0][1]
    found = [cats for _codes, cats in encoded]
    union = set().union(*found)
    kinds = {_is_text(cats) for cats in found if cats}
    if len(kinds) > 1:
        raise AgreementError(_("one rater uses numbers and another text; use one kind of rating"))
    merged = sorted(union)
    position = {c: i for i, c in enumerate(merged)}
    out = []
    for codes, cats in encoded:
        if list(cats) == merged:
            out.append(codes)
            continue
        # the extra last entry maps MISSING (-1) to itself
        lookup = np.array([position[c] for c in cats] + [MISSING], dtype=np.intp)
        out.append(lookup[codes])
    return out, tuple(merged)


def _as_matrix(ratings: ArrayLike) -> NDArray[Any]:
    """The ratings as a validated (raters, items) array."""
    arr = ratings if isinstance(ratings, np.ndarray) else np.asarray(ratings, dtype=object)
    if arr.ndim != 2:
        raise AgreementError(
            _(
                "ratings must be a 2-D table shaped (raters, items); got {ndim} dimension(s)",
                ndim=arr.ndim,
            )
        )
    raters, items = arr.shape
    if raters < 2:
        raise AgreementError(
            _(
                "agreement needs at least two raters; got {raters} (rows are raters, columns "
                "are items: transpose the table if it is the other way)",
                raters=raters,
            )
        )
    if items == 0:
        raise AgreementError(_("there are no items to compare"))
    return arr


def _matrix_codes(
    ratings: ArrayLike, categories: Sequence[Category] | None
) -> tuple[NDArray[np.intp], tuple[Category, ...]]:
    """Validate a (raters, items) matrix and encode it."""
    codes, cats = encode_labels(_as_matrix(ratings), categories)
    if not (codes >= 0).any():
        raise AgreementError(_("every rating is missing"))
    return codes, cats


def _value_counts(codes: NDArray[np.intp], q: int) -> NDArray[np.int64]:
    """(items, q) counts of raters giving each category to each item."""
    items = codes.shape[1]
    valid = codes >= 0
    combined = codes + (np.arange(items, dtype=np.intp) * q)[None, :]
    selected = combined.reshape(-1) if valid.all() else combined[valid]
    return np.bincount(selected, minlength=items * q).reshape(items, q)


def _integer_counts(
    arr: NDArray[Any],
) -> tuple[NDArray[np.int64], tuple[Category, ...]] | None:
    """Fast path: counts straight from integral numbers in a small range.

    Bins each rating by its offset from the minimum, with one extra bin per item
    for missing ratings, so neither codes nor boolean masks are materialised.
    Returns None when the data do not fit (the general path then decides).
    """
    kind = arr.dtype.kind
    if kind == "f":
        lo = np.fmin.reduce(arr, axis=None)  # ignores NaN
        hi = np.fmax.reduce(arr, axis=None)
        if not (np.isfinite(lo) and np.isfinite(hi)):
            return None  # all missing, or infinities: the general path raises
    elif kind in "iu":
        lo, hi = arr.min(), arr.max()
    else:
        return None
    span = int(hi) - int(lo) + 1
    if span > 1024:
        return None
    if kind == "f":
        shifted = arr - lo
        np.copyto(shifted, float(span), where=np.isnan(arr))  # missing -> the extra bin
        offsets = shifted.astype(np.intp)
        if not np.array_equal(offsets, shifted):
            return None  # not integral
    else:
        offsets = arr.astype(np.intp) - int(lo)
    items = arr.shape[1]
    width = span + 1
    offsets += (np.arange(items, dtype=np.intp) * width)[None, :]
    raw = np.bincount(offsets.reshape(-1), minlength=items * width).reshape(items, width)
    present = raw[:, :span].any(axis=0)
    cats = tuple(int(v) + int(lo) for v in np.flatnonzero(present))
    return raw[:, :span][:, present], cats


def _matrix_counts(
    ratings: ArrayLike, categories: Sequence[Category] | None
) -> tuple[NDArray[np.int64], tuple[Category, ...]]:
    """Validate a (raters, items) matrix; (items, q) category counts and categories."""
    arr = _as_matrix(ratings)
    if categories is None:
        fast = _integer_counts(arr)
        if fast is not None:
            return fast
    codes, cats = _matrix_codes(arr, categories)
    return _value_counts(codes, len(cats)), cats


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


# --------------------------------------------------------------------------- two raters


_WEIGHTS = ("linear", "quadratic")


def _weight_matrix(q: int, weights: Weights) -> NDArray[np.float64]:
    idx = np.arange(q)
    diff = np.abs(idx[:, None] - idx[None, :]).astype(np.float64)
    if weights is None:
        return (diff > 0).astype(np.float64)
    if weights == "linear":
        return diff
    if weights == "quadratic":
        return diff**2
    raise AgreementError(
        _("unknown weights {weights!r}; use linear, quadratic or none", weights=weights)
    )


def _kappa_from_confusion(
    confusion: NDArray[np.int64], weights: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Kappa per confusion matrix, ``confusion`` shaped (n, q, q)."""
    counts = confusion.astype(np.float64)
    n = counts.sum(axis=(1, 2))
    rows = counts.sum(axis=2)
    cols = counts.sum(axis=1)
    observed = np.einsum("tij,ij->t", counts, weights)
    expected = np.einsum("ti,ij,tj->t", rows, weights, cols) / n
    # expected == 0 only if both raters used one and the same category: kappa := 1
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = np.where(expected > 0, 1.0 - observed / expected, 1.0)
    return kappa


def _batch_codes(
    reference: ArrayLike, judgements: ArrayLike, categories: Sequence[Category] | None
) -> tuple[NDArray[np.intp], NDArray[np.intp], tuple[Category, ...]]:
    ref = reference if isinstance(reference, np.ndarray) else np.asarray(reference, dtype=object)
    judg = (
        judgements if isinstance(judgements, np.ndarray) else np.asarray(judgements, dtype=object)
    )
    if ref.ndim != 1:
        raise AgreementError(
            _("reference must be 1-D (one rating per item); got {ndim}-D", ndim=ref.ndim)
        )
    if judg.ndim == 1:
        judg = judg[None, :]
    if judg.ndim != 2:
        raise AgreementError(_("judgements must be 2-D, shaped (trainees, items)"))
    if judg.shape[1] != ref.shape[0]:
        raise AgreementError(
            _(
                "reference has {reference} items but judgements have {judgements}",
                reference=ref.shape[0],
                judgements=judg.shape[1],
            )
        )
    if ref.shape[0] == 0:
        raise AgreementError(_("there are no items to compare"))
    (ref_codes, judg_codes), cats = _encode_together([ref, judg], categories)
    return ref_codes, judg_codes, cats


def _chunks(rows: int, items: int) -> Iterator[slice]:
    step = max(1, _CHUNK_CELLS // max(items, 1))
    for start in range(0, rows, step):
        yield slice(start, min(start + step, rows))


def _no_pairs_error(rows: NDArray[np.intp]) -> AgreementError:
    listed = ", ".join(str(int(r)) for r in rows[:10])
    if len(rows) > 10:
        return AgreementError(
            _(
                "no item rated by both the reference and judgement row(s) {rows} and {count} more",
                rows=listed,
                count=len(rows) - 10,
            )
        )
    return AgreementError(
        _("no item rated by both the reference and judgement row(s) {rows}", rows=listed)
    )


def _confusions(
    ref: NDArray[np.intp], judg: NDArray[np.intp], q: int
) -> Iterator[tuple[slice, NDArray[np.int64]]]:
    """Confusion matrices (rows: reference, columns: judgement) per chunk of rows."""
    ref_valid = ref >= 0
    all_valid = bool(ref_valid.all())
    ref_scaled = ref * q
    qq = q * q
    for sl in _chunks(judg.shape[0], judg.shape[1]):
        block = judg[sl]
        t = block.shape[0]
        combined = ref_scaled[None, :] + block
        combined += (np.arange(t, dtype=np.intp) * qq)[:, None]
        if all_valid and bool((block >= 0).all()):
            selected = combined.reshape(-1)
        else:
            selected = combined[ref_valid[None, :] & (block >= 0)]
        yield sl, np.bincount(selected, minlength=t * qq).reshape(t, q, q)


def _kappas(
    ref: NDArray[np.intp],
    judg: NDArray[np.intp],
    cats: tuple[Category, ...],
    weights: Weights,
    categories_given: bool,
    what: str,
) -> NDArray[np.float64]:
    if weights is not None and weights not in _WEIGHTS:
        raise AgreementError(
            _("unknown weights {weights!r}; use linear, quadratic or none", weights=weights)
        )
    if weights is not None and _is_text(cats) and not categories_given:
        raise AgreementError(_("weighted kappa of text ratings needs categories in scale order"))
    q = max(len(cats), 1)
    w = _weight_matrix(q, weights)
    out = np.empty(judg.shape[0], dtype=np.float64)
    for sl, confusion in _confusions(ref, judg, q):
        empty = confusion.sum(axis=(1, 2)) == 0
        if empty.any():
            if what == "pair":
                raise AgreementError(
                    _("every rating is missing")
                    if not (ref >= 0).any() and not (judg >= 0).any()
                    else _("no item was rated by both raters")
                )
            raise _no_pairs_error(np.flatnonzero(empty) + sl.start)
        out[sl] = _kappa_from_confusion(confusion, w)
    return out


def cohen_kappa_many(
    reference: ArrayLike,
    judgements: ArrayLike,
    categories: Sequence[Category] | None = None,
    weights: Weights = None,
) -> NDArray[np.float64]:
    """Cohen's kappa of each row of ``judgements`` (trainees, items) against ``reference``.

    Equal to ``[cohen_kappa(reference, row, weights, categories) for row in
    judgements]`` without the Python loop.  Items missing in either are left
    out of that row's comparison.
    """
    ref, judg, cats = _batch_codes(reference, judgements, categories)
    return _kappas(ref, judg, cats, weights, categories is not None, "batch")


def cohen_kappa(
    a: ArrayLike,
    b: ArrayLike,
    weights: Weights = None,
    categories: Sequence[Category] | None = None,
) -> float:
    """Cohen's kappa between two raters' ratings of the same items.

    ``weights`` None (unweighted), "linear" or "quadratic"; weights use the
    category positions (as scikit-learn does), so give ``categories`` in scale
    order for text ratings.  Items missing in either rating are left out.
    Returns 1.0 when both raters gave one and the same category to every item
    (scikit-learn returns nan there).
    """
    a_arr = a if isinstance(a, np.ndarray) else np.asarray(a, dtype=object)
    b_arr = b if isinstance(b, np.ndarray) else np.asarray(b, dtype=object)
    if a_arr.ndim != 1 or b_arr.ndim != 1:
        raise AgreementError(_("cohen_kappa takes two 1-D rating sequences, one per rater"))
    if a_arr.shape != b_arr.shape:
        raise AgreementError(
            _(
                "the two raters rated different numbers of items ({first} and {second})",
                first=a_arr.size,
                second=b_arr.size,
            )
        )
    ref, judg, cats = _batch_codes(a_arr, b_arr[None, :], categories)
    return float(_kappas(ref, judg, cats, weights, categories is not None, "pair")[0])


def _ac1_percent_many(
    reference: ArrayLike,
    judgements: ArrayLike,
    categories: Sequence[Category] | None,
    want_ac1: bool,
) -> NDArray[np.float64]:
    ref, judg, cats = _batch_codes(reference, judgements, categories)
    q = max(len(cats), 1)
    n_items = ref.shape[0]
    ref_valid = ref >= 0
    ref_counts = np.bincount(ref[ref_valid], minlength=q).astype(np.float64)
    out = np.empty(judg.shape[0], dtype=np.float64)
    for sl in _chunks(judg.shape[0], n_items):
        block = judg[sl]
        t = block.shape[0]
        block_valid = block >= 0
        both = ref_valid[None, :] & block_valid
        pairs = both.sum(axis=1)
        if (pairs == 0).any():
            raise _no_pairs_error(np.flatnonzero(pairs == 0) + sl.start)
        agree = np.count_nonzero(both & (block == ref[None, :]), axis=1)
        pa = agree / pairs
        if not want_ac1:
            out[sl] = pa
            continue
        if q == 1:
            out[sl] = 1.0
            continue
        row_offset = (np.arange(t, dtype=np.intp) * q)[:, None]
        if ref_valid.all() and block_valid.all():
            judg_counts = np.bincount((block + row_offset).reshape(-1), minlength=t * q)
            shares = (ref_counts[None, :] + judg_counts.reshape(t, q)) / (2.0 * n_items)
        else:
            # Gwet (2014): an item rated once counts fully for that rating
            raters = ref_valid[None, :].astype(np.float64) + block_valid
            rated = np.count_nonzero(raters, axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                inverse = np.where(raters > 0, 1.0 / raters, 0.0)
            ref_codes = np.broadcast_to(ref[None, :], block.shape) + row_offset
            ref_w = np.bincount(
                ref_codes[np.broadcast_to(ref_valid, block.shape)],
                weights=inverse[np.broadcast_to(ref_valid, block.shape)],
                minlength=t * q,
            )
            judg_w = np.bincount(
                (block + row_offset)[block_valid], weights=inverse[block_valid], minlength=t * q
            )
            shares = (ref_w + judg_w).reshape(t, q) / rated[:, None]
        pe = np.sum(shares * (1.0 - shares), axis=1) / (q - 1)
        out[sl] = (pa - pe) / (1.0 - pe)
    return out


def gwet_ac1_many(
    reference: ArrayLike,
    judgements: ArrayLike,
    categories: Sequence[Category] | None = None,
) -> NDArray[np.float64]:
    """Gwet's AC1 of each row of ``judgements`` (trainees, items) against ``reference``.

    Equal to ``gwet_ac1(np.vstack([reference, row]), categories)`` per row.
    Without ``categories`` the number of categories ``q`` is the number
    observed in the whole batch, so pass ``categories`` (e.g. ``["BK", "K"]``)
    to make each trainee's AC1 independent of the others.
    """
    return _ac1_percent_many(reference, judgements, categories, want_ac1=True)


def percent_agreement_many(
    reference: ArrayLike,
    judgements: ArrayLike,
    categories: Sequence[Category] | None = None,
) -> NDArray[np.float64]:
    """Share (0..1) of items where each row of ``judgements`` matches ``reference``.

    Items missing in either are left out of that row's share.
    """
    return _ac1_percent_many(reference, judgements, categories, want_ac1=False)


# --------------------------------------------------------------------------- files, registry


def _parse_number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def read_long_csv(
    path: str | PathLike[str],
) -> tuple[NDArray[Any], list[str], list[str], tuple[Category, ...]]:
    """Read a long ratings CSV with the header ``item,rater,rating``.

    One row per rating; a blank rating is a missing rating, and an (item,
    rater) pair without a row is missing too.  Returns ``(matrix, item_ids,
    rater_ids, categories)``: ``matrix`` is shaped (raters, items) in order of
    first appearance, float with NaN when every rating is a number, otherwise
    an object array of strings with NaN; ``categories`` are the observed
    ratings sorted.  A bad row raises :class:`AgreementError` naming its line.
    """
    name = str(path)
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise AgreementError(
            _("cannot open the ratings file: {problem}", problem=exc.strerror), file=name
        ) from exc
    items: dict[str, int] = {}
    raters: dict[str, int] = {}
    seen: dict[tuple[str, str], int] = {}
    cells: list[tuple[int, int, str]] = []
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                raise AgreementError(_("the file is empty; expected item,rater,rating"), file=name)
            if [h.strip().lower() for h in header] != ["item", "rater", "rating"]:
                raise AgreementError(
                    _(
                        "expected the header item,rater,rating; got {header!r}",
                        header=",".join(header),
                    ),
                    file=name,
                    line=reader.line_num,
                )
            for row in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != 3:
                    raise AgreementError(
                        _("expected 3 fields (item,rater,rating); got {count}", count=len(row)),
                        file=name,
                        line=line,
                    )
                item, rater, rating = (cell.strip() for cell in row)
                if not item:
                    raise AgreementError(_("the item is blank"), file=name, line=line)
                if not rater:
                    raise AgreementError(_("the rater is blank"), file=name, line=line)
                number = _parse_number(rating) if rating else None
                if number is not None and not math.isfinite(number):
                    raise AgreementError(
                        _(
                            "rating {rating!r} is not usable; leave the cell blank if it is "
                            "missing",
                            rating=rating,
                        ),
                        file=name,
                        line=line,
                    )
                if (item, rater) in seen:
                    raise AgreementError(
                        _(
                            "rater {rater!r} already rated item {item!r} on line {first}",
                            rater=rater,
                            item=item,
                            first=seen[item, rater],
                        ),
                        file=name,
                        line=line,
                    )
                seen[item, rater] = line
                i = items.setdefault(item, len(items))
                r = raters.setdefault(rater, len(raters))
                if rating:
                    cells.append((r, i, rating))
        except csv.Error as exc:
            raise AgreementError(
                _("unreadable CSV: {problem}", problem=exc), file=name, line=reader.line_num
            ) from exc
        except UnicodeDecodeError as exc:
            raise AgreementError(_("the file is not UTF-8 text"), file=name) from exc
    if not seen:
        raise AgreementError(_("the file has a header but no ratings"), file=name)
    shape = (len(raters), len(items))
    numbers = [_parse_number(text) for _r, _i, text in cells]
    matrix: NDArray[Any]
    if all(n is not None for n in numbers):
        matrix = np.full(shape, np.nan)
        values = np.array(numbers, dtype=np.float64)
        categories: tuple[Category, ...] = _numeric_categories(np.unique(values))
    else:
        matrix = np.full(shape, np.nan, dtype=object)
        values = np.array([text for _r, _i, text in cells], dtype=object)
        categories = tuple(sorted({text for _r, _i, text in cells}))
    if cells:
        rows = np.array([r for r, _i, _t in cells], dtype=np.intp)
        cols = np.array([i for _r, i, _t in cells], dtype=np.intp)
        matrix[rows, cols] = values
    return matrix, list(items), list(raters), categories


@dataclass(frozen=True)
class Metric:
    """An agreement coefficient as the CLI and plugins see it.

    ``compute(matrix, **options)`` takes a (raters, items) matrix and returns a
    float; ``accepts`` names the keyword options it understands (every
    built-in also accepts ``categories``).
    """

    name: str
    title: str
    compute: Callable[..., float]
    accepts: tuple[str, ...] = ()


def _cohen_matrix(
    matrix: ArrayLike, weights: Weights = None, categories: Sequence[Category] | None = None
) -> float:
    arr = matrix if isinstance(matrix, np.ndarray) else np.asarray(matrix, dtype=object)
    if arr.ndim == 2 and arr.shape[0] != 2:
        raise AgreementError(
            _(
                "Cohen's kappa compares exactly two raters; got {raters} "
                "(use fleiss, krippendorff or ac1 for more)",
                raters=arr.shape[0],
            )
        )
    codes, cats = _matrix_codes(arr, categories)
    kappa = _kappas(codes[0], codes[1:], cats, weights, categories is not None, "pair")
    return float(kappa[0])


def builtin_metrics() -> list[Metric]:
    """The five built-in metrics: cohen, fleiss, krippendorff, ac1, percent."""
    return [
        Metric("cohen", _("Cohen's kappa"), _cohen_matrix, ("weights", "categories")),
        Metric("fleiss", _("Fleiss' kappa"), fleiss_kappa, ("categories",)),
        Metric(
            "krippendorff",
            _("Krippendorff's alpha"),
            krippendorff_alpha,
            ("level", "categories"),
        ),
        Metric("ac1", _("Gwet's AC1"), gwet_ac1, ("categories",)),
        Metric("percent", _("Percent agreement"), percent_agreement, ("categories",)),
    ]
