"""Two raters, and one reference against many judgements: Cohen's kappa (weighted or
not), AC1 and percent agreement, vectorised over trainees."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..i18n import _
from .labels import AgreementError, Category, Weights, _encode_together, _is_text

_CHUNK_CELLS = 1 << 22  # cells per batch chunk: bounds temporary memory to tens of MB


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
