"""What one stored attempt says, as plain facts: passed or not, its errors, its flaw outcomes.

A score report (``Attempt.score``, from ``ScoreReport.to_dict()``) may carry ``passed``,
``critical_errors`` and ``flaws`` (the realistic-cases work adds them); older reports do
not. :func:`attempt_facts` reads them when present and falls back otherwise: *passed* is
"no false competent and the right recommendation", critical errors are the debrief's
critical items, and flaw outcomes are unknown (``None``).

Flaw kinds are open strings (``"not_current"``, ``"expired_certificate"``, …): nothing
here lists them. :func:`flaw_outcomes` computes the outcomes from a key and a judgement,
in the shape the score report will hold them, for generators that have both at hand
(the synthetic cohort, a key file next to a case).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..cases.model import AnswerKey, Judgement

#: Judgement verdict codes in a verdict string: K, BK, undecided.
VERDICT_CODE = {"K": "K", "BK": "B"}
UNDECIDED = "."


@dataclass
class ErrorFact:
    """One disagreement with the key: a KUK, a unit or the recommendation."""

    level: str  # "kuk" | "unit" | "recommendation"
    target: str
    expected: str
    given: str


@dataclass
class AttemptFacts:
    """The facts of one attempt that the cohort analytics aggregate."""

    passed: bool
    critical: int
    ac1: float | None
    key_k_share: float | None
    recommendation_false_competent: bool
    disagreements: int
    units: list[str]
    kuks: list[str]
    verdicts: str
    errors: list[ErrorFact] = field(default_factory=list)
    #: kind → (items planted, items missed); None when the score has no flaw outcomes
    flaws: dict[str, tuple[int, int]] | None = None


def flaw_outcomes(key: AnswerKey, judgement: Judgement) -> list[dict[str, Any]]:
    """For every evidence item with planted flaws: ``{"item", "flaws", "caught"}``, where
    caught means the trainee did not accept the item (an item left unjudged is not
    accepted)."""
    outcomes = []
    for item, kinds in key.flaws.items():
        if not kinds:
            continue
        verdict = judgement.evidence.get(item)
        outcomes.append({"item": item, "flaws": [str(k) for k in kinds],
                         "caught": verdict is None or not verdict.accepted()})
    return outcomes


def with_outcomes(score: Mapping[str, Any], key: AnswerKey,
                  judgement: Judgement) -> dict[str, Any]:
    """``score`` with ``flaws`` and ``passed`` added where it does not have them yet."""
    enriched = dict(score)
    if "flaws" not in enriched:
        enriched["flaws"] = flaw_outcomes(key, judgement)
    if "passed" not in enriched:
        enriched["passed"] = fallback_passed(enriched)
    return enriched


def fallback_passed(score: Mapping[str, Any]) -> bool:
    """A case counts as passed with no false competent KUK and the right recommendation."""
    return not int(score.get("false_competent") or 0) and bool(
        score.get("recommendation_correct"))


def _number(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _flaw_counts(raw: Any) -> dict[str, tuple[int, int]] | None:
    if not isinstance(raw, list):
        return None
    planted: dict[str, int] = {}
    missed: dict[str, int] = {}
    for entry in raw:  # hundreds per case: kept to plain dict operations
        try:
            kinds, caught = entry["flaws"], entry.get("caught")
        except (TypeError, KeyError, AttributeError):
            continue
        for kind in kinds or ():
            planted[kind] = planted.get(kind, 0) + 1
            if not caught:
                missed[kind] = missed.get(kind, 0) + 1
    return {str(kind): (count, missed.get(kind, 0)) for kind, count in planted.items()}


def attempt_facts(score: Mapping[str, Any], judgement: Mapping[str, Any]) -> AttemptFacts:
    """The facts of one attempt from its stored score report and judgement."""
    debrief = [d for d in score.get("debrief") or [] if type(d) is dict or isinstance(
        d, Mapping)]
    errors = []
    for item in debrief:
        level = {"criterion": "kuk", "unit": "unit",
                 "recommendation": "recommendation"}.get(str(item.get("kind")))
        if level:
            errors.append(ErrorFact(level, str(item.get("target", "")),
                                    str(item.get("expected") or ""),
                                    str(item.get("given") or "")))
    if isinstance(score.get("critical_errors"), list):
        critical = len(score["critical_errors"])
    else:
        critical = sum(1 for item in debrief if item.get("critical"))
    passed = (bool(score["passed"]) if isinstance(score.get("passed"), bool)
              else fallback_passed(score))
    criteria = judgement.get("criteria") or {}
    kuks = sorted(set(criteria) | {e.target for e in errors if e.level == "kuk"})
    code = VERDICT_CODE.get
    verdicts = "".join([code(criteria.get(k), UNDECIDED) for k in kuks])
    total = int(score.get("criteria_total") or len(kuks) or 0)
    agreed = int(score.get("criteria_agreed") or 0)
    given_k = verdicts.count("K")
    key_k = given_k - int(score.get("false_competent") or 0) + int(
        score.get("false_not_yet_competent") or 0)
    units = sorted(dict(score.get("units_correct") or {})) or sorted(
        {k.rpartition("/")[0] for k in kuks})
    return AttemptFacts(
        passed=passed, critical=critical, ac1=_number(score.get("ac1")),
        key_k_share=(key_k / total) if total else None,
        recommendation_false_competent=(score.get("recommendation_expected") == "BK"
                                        and score.get("recommendation_given") == "K"),
        disagreements=max(0, total - agreed), units=units, kuks=kuks, verdicts=verdicts,
        errors=errors, flaws=_flaw_counts(score.get("flaws")))


__all__ = ["AttemptFacts", "ErrorFact", "attempt_facts", "fallback_passed", "flaw_outcomes",
           "with_outcomes"]
