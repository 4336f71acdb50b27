"""Ratings from a long CSV (item, rater, rating) and the registry of built-in metrics."""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from os import PathLike
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..i18n import _
from .labels import AgreementError, Category, Weights, _matrix_codes, _numeric_categories
from .multirater import fleiss_kappa, gwet_ac1, krippendorff_alpha, percent_agreement
from .pairwise import _kappas

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
