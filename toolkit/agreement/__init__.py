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

from .labels import MISSING, AgreementError, encode_labels
from .multirater import fleiss_kappa, gwet_ac1, krippendorff_alpha, percent_agreement
from .pairwise import cohen_kappa, cohen_kappa_many, gwet_ac1_many, percent_agreement_many
from .registry import Metric, builtin_metrics, read_long_csv

__all__ = [
    "MISSING",
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
