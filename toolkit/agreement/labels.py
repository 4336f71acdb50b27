"""Rating labels: codes for categories, missing values, the rater × item matrix and
the errors of agreement computations."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..i18n import _

Weights = Literal["linear", "quadratic"] | None
Level = Literal["nominal", "ordinal", "interval", "ratio"]
Category = Any  # str, int or float

MISSING = -1
"""The code :func:`encode_labels` gives a missing rating."""



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
