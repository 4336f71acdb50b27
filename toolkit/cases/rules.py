"""Evidence rules: the policy that turns a case's evidence into its answer key.

The built-in rule (:class:`DefaultRule`, name ``default``) reads only what the
trainee sees — the case — the scheme's settings and the scheme's evidence catalogue
(what each kind of document can show). Per document:

* **Valid**: every KUK it claims is of the assessed units and one its artefact can back
  (the catalogue's ``criteria``); a document of no known artefact (older case files) is
  valid when ``validity_overlap`` of the KUK's content words occur in its text.
* **Asli** (authentic): in the asesi's name; an employer's document from an employer of
  the employment history, dated within the asesi's time there; a letter signed and
  stamped; a reference signed by the supervisor the history names; a work with several
  contributors states the asesi's part; no known public sample copied; not dated after
  the assessment.
* **Terkini** (current): dated within ``currency_years`` (default 3) of the assessment
  and, for a certificate with a validity period, still valid.
* **Memadai** (sufficient): valid, authentic and current, not a document that cannot
  stand alone (a CV entry, an attendance certificate, a theory test), and every KUK it
  claims is sufficiently evidenced.

Per KUK (``min_evidence``, default 2, is the number of independent sources):

* an observation (direct evidence, L) decides: shown → K, not shown → BK;
* otherwise K needs at least one acceptable document that can stand alone, corroborated
  by other independent sources (another kind of document or another issuer, or a right
  answer to a question) up to ``min_evidence``;
* acceptable evidence that is there but thin (one document alone, only a CV line or an
  attendance certificate, a partly right answer) calls for gathering more — *penilaian
  lanjut*: the key lists the KUK in ``follow_up_due`` and decides it with what the
  prepared follow-up reveals (:class:`~toolkit.cases.model.FollowUps`);
* no acceptable evidence → BK.

A unit is K only if every KUK is K; the recommendation is K only if every unit is K. Every
reason names the items and the rule in plain words, in Indonesian and English.
``fixed`` maps override targets (see :class:`~toolkit.cases.model.Override`) to values the
rule takes as given, so that a lead assessor's correction of one evidence item flows on to
its KUK, unit and recommendation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from ..i18n import _
from ..scheme import Scheme
from .model import (
    AnswerKey,
    Case,
    CaseError,
    LocalizedText,
    Verdict,
)
from .texts import in_all_languages as L

_WORD = re.compile(r"[^\W\d_]+")
_STOPWORD_TEXT = """
    yang dengan sesuai untuk dari pada dalam akan atau tersebut secara telah dapat serta
    agar bagi adalah juga harus sudah oleh karena setiap antara terhadap sebagai melalui
    dilakukan dibuat yaitu bahwa saat para kepada hingga sampai maupun tanpa beberapa
    berdasarkan digunakan menggunakan dipergunakan dipakai yakni masing sebuah suatu lain
    with that this from into when which their them they have been were will shall should
    each other than then also upon about such only must more most some what
"""
#: Common Indonesian and English words that say nothing about a KUK's content.
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

FixedValues = Mapping[str, Any]


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry content: four letters or more, not common words."""
    return {w for w in (m.lower() for m in _WORD.findall(text)) if len(w) >= 4
            and w not in STOPWORDS}


def overlap(kuk_text: str, content: str) -> float:
    """Share (0..1) of the KUK's content words that occur in ``content``."""
    wanted = content_words(kuk_text)
    if not wanted:
        return 1.0
    return len(wanted & content_words(content)) / len(wanted)


def currency_cutoff(assessed: date, years: int) -> date:
    """The oldest date still current: ``years`` years before the assessment date."""
    year = assessed.year - years
    try:
        return assessed.replace(year=year)
    except ValueError:  # 29 February in a year without one
        return assessed.replace(year=year, day=28)


def same_person(a: str, b: str) -> bool:
    """True when two names are the same, ignoring case and spacing."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


@dataclass(frozen=True)
class RuleSettings:
    """The policy values the built-in rule reads from ``Scheme.settings``."""

    currency_years: int = 3
    min_evidence: int = 2
    validity_overlap: float = 0.5

    @classmethod
    def from_scheme(cls, scheme: Scheme) -> RuleSettings:
        """Read and check the values; a bad one raises :class:`CaseError`."""
        settings = scheme.effective_settings()
        min_evidence = getattr(settings, "min_evidence", cls.min_evidence)
        threshold = getattr(settings, "validity_overlap", cls.validity_overlap)
        if not isinstance(min_evidence, int) or isinstance(min_evidence, bool) or min_evidence < 1:
            raise CaseError(_("settings: min_evidence must be a whole number of 1 or more, "
                              "not {value!r}", value=min_evidence))
        if (not isinstance(threshold, int | float) or isinstance(threshold, bool)
                or not 0 < threshold <= 1):
            raise CaseError(_("settings: validity_overlap must be a number above 0 and at "
                              "most 1, not {value!r}", value=threshold))
        return cls(settings.currency_years, min_evidence, float(threshold))


class EvidenceRule(Protocol):
    """What an evidence rule plugin registers: a name and a ``derive`` method."""

    name: str
    description: str

    def derive(self, case: Case, scheme: Scheme, fixed: FixedValues | None = None) -> AnswerKey:
        """The answer key of ``case``, taking the ``fixed`` override values as given.

        A rule may also take ``follow_ups`` (a :class:`~toolkit.cases.model.FollowUps`) as
        a keyword, to decide the KUK where gathering more evidence was due."""
        ...


def labels(ids: list[str]) -> str:
    """Item or KUK ids as a list for a reason ("-" for none)."""
    return ", ".join(ids) if ids else "-"


def kuk_label(kuk: str) -> str:
    """``UNIT/1.2`` → ``1.2``."""
    return kuk.rpartition("/")[2] if "/" in kuk else kuk


def verdict_or(value: Any, default: Verdict) -> Verdict:
    """An override's K/BK, or ``default`` when there is none."""
    return "K" if value == "K" else "BK" if value == "BK" else default


def unit_reason(criteria: Mapping[str, Verdict], code: str) -> LocalizedText:
    """Why a unit is K or BK under the rule 'K only if every KUK is K'."""
    missing = [kuk_label(k) for k, v in criteria.items()
               if k.rpartition("/")[0] == code and v != "K"]
    if missing:
        return L.gettext("KUK not met: {kuks}", kuks=", ".join(missing))
    return L.gettext("every KUK of the unit is met")


def recommendation_reason(units: Mapping[str, Verdict]) -> LocalizedText:
    """Why the recommendation is K or BK under the rule 'K only if every unit is K'."""
    short = [code for code, v in units.items() if v != "K"]
    if short:
        return L.gettext("units not yet competent (BK): {units}", units=", ".join(short))
    return L.gettext("every unit is competent (K)")


__all__ = [
    "STOPWORDS",
    "EvidenceRule",
    "FixedValues",
    "RuleSettings",
    "content_words",
    "currency_cutoff",
    "kuk_label",
    "labels",
    "overlap",
    "recommendation_reason",
    "same_person",
    "unit_reason",
    "verdict_or",
]
