"""Tests for toolkit.agreement: reference libraries, published examples, edge cases."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from toolkit.agreement import (
    AgreementError,
    Metric,
    builtin_metrics,
    cohen_kappa,
    cohen_kappa_many,
    encode_labels,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac1_many,
    krippendorff_alpha,
    percent_agreement,
    percent_agreement_many,
    read_long_csv,
)
from toolkit.i18n import language

TOL = 1e-9
SEEDS = range(8)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The tests match the English messages; Indonesian is the default language."""
    with language("en"):
        yield


def close(actual: float, expected: float, tol: float = TOL) -> bool:
    return math.isfinite(actual) and abs(actual - expected) <= tol


def random_matrix(
    rng: np.random.Generator, raters: int, items: int, q: int, missing: float = 0.0
) -> np.ndarray:
    """(raters, items) ratings 1..q with some agreement structure and NaN holes."""
    truth = rng.integers(1, q + 1, size=items)
    noise = rng.integers(1, q + 1, size=(raters, items))
    keep = rng.random((raters, items)) < 0.6
    matrix = np.where(keep, truth[None, :], noise).astype(float)
    matrix[rng.random((raters, items)) < missing] = np.nan
    return matrix


# ------------------------------------------------------------------ independent references


def ac1_reference(matrix: np.ndarray) -> float:
    """Gwet's AC1 by the textbook formula, item by item (Gwet 2014, missing allowed)."""
    cats = sorted({v for v in matrix.ravel().tolist() if not math.isnan(v)})
    q = len(cats)
    pa_terms, shares, rated = [], dict.fromkeys(cats, 0.0), 0
    for column in matrix.T:
        values = [v for v in column.tolist() if not math.isnan(v)]
        r = len(values)
        if r >= 1:
            rated += 1
            for c in cats:
                shares[c] += values.count(c) / r
        if r >= 2:
            pa_terms.append(
                sum(values.count(c) * (values.count(c) - 1) for c in cats) / (r * (r - 1))
            )
    pa = sum(pa_terms) / len(pa_terms)
    pe = sum((s / rated) * (1 - s / rated) for s in shares.values()) / (q - 1)
    return (pa - pe) / (1 - pe)


def fleiss_from_counts(table: np.ndarray) -> float:
    """Fleiss (1971) from a subjects x categories count table, as printed in the paper."""
    table = np.asarray(table, dtype=float)
    n = table.sum(axis=1)[0]
    p_j = table.sum(axis=0) / table.sum()
    p_i = ((table**2).sum(axis=1) - n) / (n * (n - 1))
    p_bar, pe = p_i.mean(), (p_j**2).sum()
    return (p_bar - pe) / (1 - pe)


def counts_to_matrix(table: np.ndarray, labels: list) -> np.ndarray:
    """Subjects x categories counts -> (raters, items) raw ratings (rater order arbitrary)."""
    columns = [np.repeat(labels, row) for row in np.asarray(table)]
    return np.array(columns, dtype=float).T


def contingency_to_pairs(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a, b = [], []
    for i, row in enumerate(np.asarray(table)):
        for j, count in enumerate(row):
            a += [i + 1] * int(count)
            b += [j + 1] * int(count)
    return np.array(a), np.array(b)


# ------------------------------------------------------------------ reference libraries


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_matches_sklearn(seed: int, weights: str | None) -> None:
    rng = np.random.default_rng(seed)
    a, b = random_matrix(rng, 2, 60 + seed * 7, q=2 + seed % 4).astype(int)
    expected = cohen_kappa_score(a, b, weights=weights)
    assert close(cohen_kappa(a, b, weights=weights), expected)
    # the same through lists of text labels when unweighted
    if weights is None:
        assert close(cohen_kappa([f"c{x}" for x in a], [f"c{x}" for x in b]), expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_cohen_with_categories_matches_sklearn_labels(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    a, b = random_matrix(rng, 2, 40, q=3).astype(int)
    labels = [1, 2, 3, 4, 5]  # 4 and 5 never used
    for weights in (None, "linear", "quadratic"):
        expected = cohen_kappa_score(a, b, weights=weights, labels=labels)
        assert close(cohen_kappa(a, b, weights=weights, categories=labels), expected)


@settings(max_examples=60, deadline=None, database=None)
@given(
    st.integers(min_value=2, max_value=5).flatmap(
        lambda q: st.lists(
            st.tuples(st.integers(0, q - 1), st.integers(0, q - 1)), min_size=2, max_size=40
        )
    ),
    st.sampled_from([None, "linear", "quadratic"]),
)
def test_cohen_matches_sklearn_property(pairs: list[tuple[int, int]], weights: str | None) -> None:
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    if len(set(a.tolist()) | set(b.tolist())) < 2:
        assert cohen_kappa(a, b, weights=weights) == 1.0  # sklearn: nan + warning
        return
    assert close(cohen_kappa(a, b, weights=weights), cohen_kappa_score(a, b, weights=weights))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("raters", [2, 3, 7])
def test_fleiss_matches_statsmodels(seed: int, raters: int) -> None:
    rng = np.random.default_rng(seed)
    matrix = random_matrix(rng, raters, 50, q=2 + seed % 4)
    table, _ = aggregate_raters(matrix.T.astype(int))
    assert close(fleiss_kappa(matrix), sm_fleiss_kappa(table, method="fleiss"))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_krippendorff_matches_package_with_missing(seed: int, level: str) -> None:
    rng = np.random.default_rng(seed)
    matrix = random_matrix(rng, 3 + seed % 5, 40 + seed * 5, q=3 + seed % 4, missing=0.25)
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
    assert close(krippendorff_alpha(matrix, level=level), expected)


@settings(max_examples=80, deadline=None, database=None)
@given(
    st.integers(2, 5),
    st.integers(1, 12),
    st.sampled_from(["nominal", "ordinal", "interval"]),
    st.data(),
)
def test_krippendorff_matches_package_property(
    raters: int, items: int, level: str, data: st.DataObject
) -> None:
    cell = st.one_of(st.none(), st.sampled_from([1.0, 2.0, 3.0, 5.0]))
    rows = data.draw(
        st.lists(st.lists(cell, min_size=items, max_size=items), min_size=raters, max_size=raters)
    )
    matrix = np.array([[np.nan if v is None else v for v in row] for row in rows])
    pairable = np.sum(~np.isnan(matrix), axis=0) >= 2
    if not pairable.any():
        with pytest.raises(AgreementError):
            krippendorff_alpha(matrix, level=level)
        return
    ours = krippendorff_alpha(matrix, level=level)
    assert math.isfinite(ours)
    pairable_values = matrix[:, pairable]
    if len(np.unique(pairable_values[~np.isnan(pairable_values)])) < 2:
        # no variation among pairable values: the package raises or divides 0/0
        assert ours == 1.0
        return
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
    assert close(ours, expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_ac1_matches_independent_formula(seed: int) -> None:
    rng = np.random.default_rng(seed)
    matrix = random_matrix(rng, 2 + seed % 4, 30, q=2 + seed % 3, missing=0.2 * (seed % 2))
    assert close(gwet_ac1(matrix), ac1_reference(matrix))


def test_ac1_two_raters_closed_form() -> None:
    rng = np.random.default_rng(7)
    a, b = random_matrix(rng, 2, 80, q=3).astype(int)
    pa = np.mean(a == b)
    pi = np.array([(np.sum(a == k) + np.sum(b == k)) / (2 * a.size) for k in (1, 2, 3)])
    pe = np.sum(pi * (1 - pi)) / 2
    assert close(gwet_ac1(np.vstack([a, b])), (pa - pe) / (1 - pe))


@pytest.mark.parametrize("seed", SEEDS)
def test_percent_agreement_two_raters(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = random_matrix(rng, 2, 50, q=3).astype(int)
    assert close(percent_agreement(np.vstack([a, b])), float(np.mean(a == b)))


@pytest.mark.parametrize("seed", SEEDS)
def test_numeric_fast_path_equals_general_path(seed: int) -> None:
    # integral numbers take a bincount fast path; given categories, lists with None
    # and text labels take the general encoder: all must agree
    rng = np.random.default_rng(seed)
    matrix = random_matrix(rng, 2 + seed % 4, 30, q=2 + seed % 4, missing=0.15 * (seed % 3))
    cats = sorted({int(v) for v in matrix[~np.isnan(matrix)]})
    as_list = [[None if math.isnan(v) else int(v) for v in row] for row in matrix.tolist()]
    as_text = [[None if v is None else f"r{v}" for v in row] for row in as_list]
    for metric in (percent_agreement, fleiss_kappa, gwet_ac1, krippendorff_alpha):
        fast = metric(matrix)
        assert close(metric(matrix, categories=cats), fast, 1e-12)
        assert close(metric(as_list), fast, 1e-12)
        assert close(metric(as_text), fast, 1e-12)
    if not np.isnan(matrix).any():
        assert close(gwet_ac1(matrix.astype(np.int16)), gwet_ac1(matrix), 1e-12)


@pytest.mark.parametrize("scale", [0.5, 1000.0, -3.0])
@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
def test_krippendorff_non_integral_and_wide_values(scale: float, level: str) -> None:
    rng = np.random.default_rng(5)
    matrix = random_matrix(rng, 4, 30, q=5, missing=0.2) * scale
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
    assert close(krippendorff_alpha(matrix, level=level), expected)


# ------------------------------------------------------------------ published worked examples

# Fleiss (1971) as reproduced on Wikipedia ("Fleiss' kappa", worked example):
# 10 subjects, 14 raters, 5 categories; P-bar = 0.378, P-bar-e = 0.213, kappa = 0.210.
FLEISS_1971 = np.array(
    [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
)


def test_fleiss_1971_worked_example() -> None:
    matrix = counts_to_matrix(FLEISS_1971, [1, 2, 3, 4, 5])
    assert matrix.shape == (14, 10)
    ours = fleiss_kappa(matrix)
    assert close(ours, fleiss_from_counts(FLEISS_1971))
    assert close(ours, sm_fleiss_kappa(FLEISS_1971))
    assert round(ours, 3) == 0.210
    assert round(percent_agreement(matrix), 3) == 0.378


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C:
# 4 observers x 12 units, 1-5 scale, missing data.  The same data are the
# irrCAC dataset cac.raw4raters (Gwet 2014, Handbook of Inter-Rater Reliability).
KRIPPENDORFF_2011 = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, np.nan, np.nan, np.nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, np.nan, 3],
        [np.nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, np.nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, np.nan],
    ]
)


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_worked_example(level: str, published: float) -> None:
    ours = krippendorff_alpha(KRIPPENDORFF_2011, level=level)
    expected = krippendorff.alpha(reliability_data=KRIPPENDORFF_2011, level_of_measurement=level)
    assert close(ours, expected)
    assert round(ours, 3) == published


def test_krippendorff_2011_nominal_by_hand() -> None:
    # Krippendorff (2011), example C worked through: n = 40 pairable values; the
    # coincidence matrix has diagonal 7, 10, 8, 4, 3 (values 1..5) and margins
    # n_c = 9, 13, 10, 5, 3, so Do = (40 - 32) / 40, De = (40^2 - sum n_c^2) / (40 * 39)
    # and alpha = 1 - 39 * 8 / 1216 = 0.7434...
    do = (40 - (7 + 10 + 8 + 4 + 3)) / 40
    n_c = np.array([9, 13, 10, 5, 3])
    de = (40**2 - np.sum(n_c**2)) / (40 * 39)
    assert close(krippendorff_alpha(KRIPPENDORFF_2011), 1 - do / de)
    assert close(1 - do / de, 1 - 39 * 8 / 1216)


def test_gwet_2014_raw4raters_example() -> None:
    # irrCAC vignette (Gwet): gwet.ac1.raw -> pa 0.8181818, pe 0.1903212, AC1 0.77544;
    # fleiss.kappa.raw -> 0.76117; pa.coeff.raw -> 0.8181818; krippen.alpha.raw -> 0.74342.
    ac1 = gwet_ac1(KRIPPENDORFF_2011)
    assert close(ac1, ac1_reference(KRIPPENDORFF_2011))
    pa, pe = 9 / 11, 0.1903212
    assert abs(ac1 - (pa - pe) / (1 - pe)) < 1e-6
    assert round(ac1, 5) == 0.77544
    assert round(fleiss_kappa(KRIPPENDORFF_2011), 5) == 0.76117
    assert close(percent_agreement(KRIPPENDORFF_2011), 9 / 11)
    assert round(krippendorff_alpha(KRIPPENDORFF_2011), 5) == 0.74342


# irrCAC vignette: cont3x3abstractors (2 raters x 100 subjects, contingency table).
ABSTRACTORS = np.array([[13, 0, 0], [0, 20, 7], [0, 4, 56]])


def test_gwet_abstractors_two_rater_example() -> None:
    a, b = contingency_to_pairs(ABSTRACTORS)
    # independent: AC1 from the table's margins, Gwet (2008) formula for q = 3
    n = ABSTRACTORS.sum()
    pa = np.trace(ABSTRACTORS) / n
    pi = (ABSTRACTORS.sum(axis=0) + ABSTRACTORS.sum(axis=1)) / (2 * n)
    pe = np.sum(pi * (1 - pi)) / 2
    assert close(gwet_ac1(np.vstack([a, b])), (pa - pe) / (1 - pe))
    assert round(gwet_ac1(np.vstack([a, b])), 7) == 0.8493305
    assert close(cohen_kappa(a, b), cohen_kappa_score(a, b))
    assert round(cohen_kappa(a, b), 7) == 0.7964094
    alpha = krippendorff_alpha(np.vstack([a, b]))
    assert close(alpha, krippendorff.alpha(np.vstack([a, b]), level_of_measurement="nominal"))
    assert round(alpha, 7) == 0.7972585


# irrCAC vignette: distrib.6raters (15 patients x 5 diagnoses, 6 psychiatrists each).
SIX_RATERS = np.array(
    [
        [0, 0, 0, 6, 0],
        [0, 3, 0, 0, 3],
        [0, 1, 4, 0, 1],
        [0, 0, 0, 0, 6],
        [0, 3, 0, 3, 0],
        [2, 0, 4, 0, 0],
        [0, 0, 4, 0, 2],
        [2, 0, 3, 1, 0],
        [2, 0, 0, 4, 0],
        [0, 0, 0, 0, 6],
        [1, 0, 0, 5, 0],
        [1, 1, 0, 4, 0],
        [0, 3, 3, 0, 0],
        [1, 0, 0, 5, 0],
        [0, 2, 0, 3, 1],
    ]
)


def test_gwet_six_raters_example() -> None:
    matrix = counts_to_matrix(SIX_RATERS, [1, 2, 3, 4, 5])
    assert close(fleiss_kappa(matrix), sm_fleiss_kappa(SIX_RATERS))
    assert round(fleiss_kappa(matrix), 7) == 0.4139265
    assert close(gwet_ac1(matrix), ac1_reference(matrix))
    assert round(gwet_ac1(matrix), 7) == 0.4448007
    alpha = krippendorff_alpha(matrix)
    assert close(alpha, krippendorff.alpha(matrix, level_of_measurement="nominal"))
    assert round(alpha, 7) == 0.4204384


def test_kappa_paradox_low_kappa_high_ac1() -> None:
    # 100 KUK; both raters say K almost always; they agree on 95 of 100.
    table = {("K", "K"): 94, ("K", "BK"): 3, ("BK", "K"): 2, ("BK", "BK"): 1}
    a = [x for (x, _), n in table.items() for _ in range(n)]
    b = [y for (_, y), n in table.items() for _ in range(n)]
    assert percent_agreement([a, b]) == pytest.approx(0.95)
    kappa = cohen_kappa(a, b)
    ac1 = gwet_ac1([a, b])
    assert close(kappa, cohen_kappa_score(a, b))
    # by hand: pe(kappa) = .97*.96 + .03*.04; pi_K = .965, pe(AC1) = 2*.965*.035
    assert close(kappa, (0.95 - 0.9324) / (1 - 0.9324))
    assert close(ac1, (0.95 - 0.06755) / (1 - 0.06755))
    assert kappa < 0.3
    assert ac1 > 0.9


# ------------------------------------------------------------------ batch functions


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("missing", [0.0, 0.15])
def test_many_equal_per_row(seed: int, missing: float) -> None:
    rng = np.random.default_rng(seed)
    items = 30
    reference = rng.choice(["K", "BK"], size=items, p=[0.8, 0.2]).astype(object)
    flip = rng.random((25, items)) < rng.uniform(0.02, 0.4, size=(25, 1))
    judgements = np.where(flip, np.where(reference == "K", "BK", "K"), reference).astype(object)
    judgements[rng.random(judgements.shape) < missing] = None
    if missing:
        reference[rng.random(items) < missing] = None
    cats = ["BK", "K"]
    kappas = cohen_kappa_many(reference, judgements, categories=cats)
    ac1s = gwet_ac1_many(reference, judgements, categories=cats)
    shares = percent_agreement_many(reference, judgements, categories=cats)
    assert kappas.shape == ac1s.shape == shares.shape == (25,)
    for i, row in enumerate(judgements):
        pair = np.vstack([reference, row])
        assert close(kappas[i], cohen_kappa(reference, row, categories=cats))
        assert close(ac1s[i], gwet_ac1(pair, categories=cats))
        assert close(shares[i], percent_agreement(pair))
        if not missing:
            assert close(kappas[i], cohen_kappa_score(reference.tolist(), row.tolist()))
            assert close(ac1s[i], ac1_reference(np.vstack([reference == "K", row == "K"]) * 1.0))


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_many_weighted_matches_sklearn_loop(weights: str | None) -> None:
    rng = np.random.default_rng(3)
    reference = rng.integers(1, 5, size=40)
    judgements = np.clip(reference[None, :] + rng.integers(-1, 2, size=(30, 40)), 1, 4)
    ours = cohen_kappa_many(reference, judgements, weights=weights)
    expected = [cohen_kappa_score(reference, row, weights=weights) for row in judgements]
    np.testing.assert_allclose(ours, expected, rtol=0, atol=TOL)


def test_many_chunking_matches_unchunked(monkeypatch: pytest.MonkeyPatch) -> None:
    import toolkit.agreement.pairwise as agreement

    rng = np.random.default_rng(11)
    reference = rng.integers(0, 2, size=50).astype(float)
    judgements = rng.integers(0, 2, size=(200, 50)).astype(float)
    judgements[rng.random(judgements.shape) < 0.1] = np.nan
    whole = [f(reference, judgements) for f in (cohen_kappa_many, gwet_ac1_many)]
    monkeypatch.setattr(agreement, "_CHUNK_CELLS", 120)  # 2 rows per chunk
    chunked = [f(reference, judgements) for f in (cohen_kappa_many, gwet_ac1_many)]
    for a, b in zip(whole, chunked, strict=True):
        np.testing.assert_array_equal(a, b)


def test_many_reports_rows_without_pairs() -> None:
    reference = [1, 2, np.nan]
    judgements = np.array([[1, 2, 1], [np.nan, np.nan, 2]], dtype=float)
    for f in (cohen_kappa_many, gwet_ac1_many, percent_agreement_many):
        with pytest.raises(AgreementError, match=r"row\(s\) 1"):
            f(reference, judgements)


def test_many_shape_mismatch() -> None:
    with pytest.raises(AgreementError, match="3 items"):
        cohen_kappa_many([1, 2, 3], np.ones((2, 4)))


# ------------------------------------------------------------------ degenerate inputs


ALL_METRICS = [percent_agreement, fleiss_kappa, gwet_ac1, krippendorff_alpha]


def test_one_shared_category_gives_one() -> None:
    same = [["K"] * 6, ["K"] * 6]
    assert cohen_kappa(*same) == 1.0
    assert cohen_kappa(*same, weights="linear", categories=["BK", "K"]) == 1.0
    for metric in ALL_METRICS:
        assert metric(same) == 1.0
    assert gwet_ac1(same, categories=["BK", "K"]) == 1.0
    assert krippendorff_alpha([[3.0] * 4, [3.0] * 4, [np.nan, 3, 3, 3]], level="interval") == 1.0
    assert cohen_kappa_many(["K"] * 6, [["K"] * 6, ["K"] * 5 + ["BK"]])[0] == 1.0


def test_one_rater_constant_other_varies_is_zero_not_nan() -> None:
    assert cohen_kappa(["K"] * 4, ["K", "K", "K", "BK"]) == 0.0
    assert cohen_kappa_score(["K"] * 4, ["K", "K", "K", "BK"]) == 0.0


@pytest.mark.parametrize("metric", ALL_METRICS)
def test_one_rater_is_an_error(metric) -> None:
    with pytest.raises(AgreementError, match="at least two raters"):
        metric([[1, 2, 3]])
    with pytest.raises(AgreementError, match="2-D"):
        metric([1, 2, 3])


@pytest.mark.parametrize("metric", ALL_METRICS)
def test_all_missing_is_an_error(metric) -> None:
    with pytest.raises(AgreementError, match="every rating is missing"):
        metric([[np.nan, np.nan], [None, None]])
    with pytest.raises(AgreementError, match="every rating is missing"):
        metric(np.full((3, 4), np.nan))


def test_cohen_degenerate_errors() -> None:
    with pytest.raises(AgreementError, match="every rating is missing"):
        cohen_kappa([None, None], [np.nan, None])
    with pytest.raises(AgreementError, match="both raters"):
        cohen_kappa([1, None], [None, 2])
    with pytest.raises(AgreementError, match="different numbers"):
        cohen_kappa([1, 2], [1, 2, 3])
    with pytest.raises(AgreementError, match="unknown weights"):
        cohen_kappa([1, 2], [1, 2], weights="cubic")
    with pytest.raises(AgreementError, match="scale order"):
        cohen_kappa(["a", "b"], ["b", "a"], weights="linear")


@pytest.mark.parametrize("metric", ALL_METRICS)
def test_no_pairable_items_is_an_error(metric) -> None:
    with pytest.raises(AgreementError, match="two or more raters"):
        metric([[1, np.nan, 3], [np.nan, 2, np.nan]])


def test_krippendorff_level_errors() -> None:
    text = [["low", "mid", "high"], ["low", "high", "high"]]
    with pytest.raises(AgreementError, match="unknown level"):
        krippendorff_alpha(text, level="circular")
    with pytest.raises(AgreementError, match="numeric"):
        krippendorff_alpha(text, level="interval")
    with pytest.raises(AgreementError, match="scale order"):
        krippendorff_alpha(text, level="ordinal")
    scale = ["low", "mid", "high"]
    numeric = [[1, 2, 3], [1, 3, 3]]
    assert close(
        krippendorff_alpha(text, level="ordinal", categories=scale),
        krippendorff_alpha(numeric, level="ordinal"),
    )
    assert close(
        krippendorff_alpha(text, level="ordinal", categories=scale),
        krippendorff.alpha(text, level_of_measurement="ordinal", value_domain=scale),
    )


@settings(max_examples=150, deadline=None, database=None)
@given(
    st.integers(1, 4).flatmap(
        lambda r: st.lists(
            st.lists(st.sampled_from(["K", "BK", None]), min_size=3, max_size=3),
            min_size=r,
            max_size=r,
        )
    )
)
def test_never_nan(rows: list[list[str | None]]) -> None:
    metrics = [*ALL_METRICS, *(m.compute for m in builtin_metrics() if m.name == "cohen")]
    for metric in metrics:
        try:
            value = metric(rows)
        except AgreementError as exc:
            assert str(exc)
            continue
        assert math.isfinite(value)
        assert value <= 1.0 + TOL  # small samples can go below -1 (e.g. Fleiss 2 x 3)


# ------------------------------------------------------------------ encoding


def test_encode_labels_text_and_numbers() -> None:
    codes, cats = encode_labels([["K", "BK", None], ["K", "", "BK"]])
    assert cats == ("BK", "K")
    assert codes.tolist() == [[1, 0, -1], [1, -1, 0]]
    codes, cats = encode_labels([["K", "BK"]], categories=["K", "BK"])
    assert codes.tolist() == [[0, 1]] and cats == ("K", "BK")
    codes, cats = encode_labels(np.array([10.0, np.nan, 2.0, 3.5]))
    assert cats == (2.0, 3.5, 10.0)
    assert codes.tolist() == [2, -1, 0, 1]
    codes, cats = encode_labels(np.array([[5, 1], [3, 1]]))
    assert cats == (1, 3, 5) and all(isinstance(c, int) for c in cats)
    assert codes.tolist() == [[2, 0], [1, 0]]
    codes, cats = encode_labels(np.array([3, 1, 2]), categories=[3, 2, 1])
    assert codes.tolist() == [0, 2, 1]
    codes, _ = encode_labels(np.array(["K", np.nan], dtype=object))
    assert codes.tolist() == [0, -1]
    codes, _ = encode_labels(np.array([["K", "nan"]]))  # np.asarray's spelling of NaN
    assert codes.tolist() == [[0, -1]]


def test_encode_labels_large_sparse_numbers_use_unique() -> None:
    codes, cats = encode_labels(np.array([1e9, 0.0, 1e9, np.nan]))
    assert cats == (0, 1000000000)
    assert codes.tolist() == [1, 0, 1, -1]


def test_encode_labels_errors() -> None:
    with pytest.raises(AgreementError, match="mix numbers and text"):
        encode_labels([["K", 1]])
    with pytest.raises(AgreementError, match="not among the categories"):
        encode_labels(["K", "X"], categories=["K", "BK"])
    with pytest.raises(AgreementError, match="not among the categories"):
        encode_labels([1, 7], categories=[1, 2])
    with pytest.raises(AgreementError, match="duplicates"):
        encode_labels(["K"], categories=["K", "K"])
    with pytest.raises(AgreementError, match="finite"):
        encode_labels(np.array([1.0, np.inf]))
    with pytest.raises(AgreementError, match="not all numbers"):
        encode_labels([1, 2], categories=["1", "2"])


# ------------------------------------------------------------------ CSV


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ratings.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_long_csv_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "item,rater,rating\n"
        "1.1,ani,K\n1.1,budi,K\n1.2,ani,BK\n1.2,budi,\n\n1.3,budi,K\n1.3,citra,BK\n",
    )
    matrix, items, raters, cats = read_long_csv(path)
    assert items == ["1.1", "1.2", "1.3"]
    assert raters == ["ani", "budi", "citra"]
    assert cats == ("BK", "K")
    assert matrix.shape == (3, 3)
    assert matrix[0, 0] == "K" and matrix[0, 1] == "BK"
    assert all(isinstance(v, float) and math.isnan(v) for v in (matrix[1, 1], matrix[2, 0]))
    codes, _ = encode_labels(matrix)
    assert codes.tolist() == [[1, 0, -1], [1, -1, 1], [-1, -1, 0]]
    assert close(percent_agreement(matrix), (1 + 0) / 2)


def test_read_long_csv_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffitem,rater,rating\nu1,A,3\nu1,B,4\nu2,A,2\nu2,B, 2 \n")
    matrix, items, raters, cats = read_long_csv(path)
    assert matrix.dtype == float
    assert matrix.tolist() == [[3.0, 2.0], [4.0, 2.0]]
    assert cats == (2, 3, 4)
    assert items == ["u1", "u2"] and raters == ["A", "B"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("item,rater,rating\n1,a,K\n1,b,K\n2,a,K,extra\n", 4, "3 fields"),
        ("item,rater,rating\n1,a,K\n\n1,a,BK\n", 4, "already rated item '1' on line 2"),
        ("item,rater,rating\n1,a,K\n,b,K\n", 3, "item is blank"),
        ("item,rater,rating\n1,a,K\n1, ,K\n", 3, "rater is blank"),
        ("item,rater,rating\n1,a,K\n1,b,nan\n", 3, "not usable"),
        ("unit,coder,value\n1,a,K\n", 1, "header"),
    ],
)
def test_read_long_csv_bad_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(AgreementError, match=message) as info:
        read_long_csv(path)
    assert info.value.line == line
    assert f":{line}:" in str(info.value)
    assert str(path) in str(info.value)


def test_messages_follow_the_language(tmp_path: Path) -> None:
    with language("id"), pytest.raises(AgreementError) as caught:
        fleiss_kappa([[1, 2, 3]])
    assert str(caught.value).startswith(
        "kesepakatan memerlukan sekurang-kurangnya dua penilai; diperoleh 1 (baris adalah penilai"
    )
    with language("en"), pytest.raises(AgreementError) as caught:
        fleiss_kappa([[1, 2, 3]])
    assert str(caught.value).startswith("agreement needs at least two raters; got 1 (rows are")
    twice = write(tmp_path, "item,rater,rating\n1,a,K\n1,a,BK\n")
    with language("id"), pytest.raises(AgreementError) as caught:
        read_long_csv(twice)
    assert str(caught.value) == f"{twice}:3: penilai 'a' sudah menilai butir '1' pada baris 2"
    with language("en"), pytest.raises(AgreementError) as caught:
        read_long_csv(twice)
    assert str(caught.value) == f"{twice}:3: rater 'a' already rated item '1' on line 2"
    with language("id"):
        assert {m.name: m.title for m in builtin_metrics()}["cohen"] == "Kappa Cohen"


def test_read_long_csv_empty_and_missing(tmp_path: Path) -> None:
    with pytest.raises(AgreementError, match="empty"):
        read_long_csv(write(tmp_path, ""))
    with pytest.raises(AgreementError, match="no ratings"):
        read_long_csv(write(tmp_path, "item,rater,rating\n"))
    with pytest.raises(AgreementError, match="cannot open"):
        read_long_csv(tmp_path / "absent.csv")


# ------------------------------------------------------------------ registry


def test_builtin_metrics() -> None:
    metrics = {m.name: m for m in builtin_metrics()}
    assert list(metrics) == ["cohen", "fleiss", "krippendorff", "ac1", "percent"]
    assert all(isinstance(m, Metric) and m.title for m in metrics.values())
    with pytest.raises(dataclasses.FrozenInstanceError):
        metrics["cohen"].name = "x"  # type: ignore[misc]
    assert metrics["cohen"].accepts == ("weights", "categories")
    assert "level" in metrics["krippendorff"].accepts

    two = KRIPPENDORFF_2011[1:3]
    a, b = two
    both = ~np.isnan(a) & ~np.isnan(b)
    assert close(
        metrics["cohen"].compute(two, weights="quadratic"),
        cohen_kappa_score(a[both], b[both], weights="quadratic"),
    )
    assert metrics["krippendorff"].compute(KRIPPENDORFF_2011, level="interval") == pytest.approx(
        0.849, abs=5e-4
    )
    assert metrics["fleiss"].compute(KRIPPENDORFF_2011) == fleiss_kappa(KRIPPENDORFF_2011)
    assert metrics["ac1"].compute(KRIPPENDORFF_2011) == gwet_ac1(KRIPPENDORFF_2011)
    assert metrics["percent"].compute(KRIPPENDORFF_2011) == pytest.approx(9 / 11)
    with pytest.raises(AgreementError, match="exactly two raters"):
        metrics["cohen"].compute(KRIPPENDORFF_2011)
    with pytest.raises(AgreementError, match="exactly two raters"):
        metrics["cohen"].compute([[1, 2, 3]])


def test_csv_to_metrics_round_trip(tmp_path: Path) -> None:
    lines = ["item,rater,rating"]
    for r, row in enumerate(KRIPPENDORFF_2011):
        for i, value in enumerate(row):
            lines.append(f"u{i + 1},obs{r + 1},{'' if np.isnan(value) else int(value)}")
    matrix, items, raters, cats = read_long_csv(write(tmp_path, "\n".join(lines) + "\n"))
    assert len(items) == 12 and len(raters) == 4 and cats == (1, 2, 3, 4, 5)
    np.testing.assert_array_equal(matrix, KRIPPENDORFF_2011)
    assert close(krippendorff_alpha(matrix, level="interval"), 0.8491071428571428, 1e-12)
