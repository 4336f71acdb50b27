"""The duty hooks, as an LSP would add its own:

- ``register_integrity_scenarios``: ``gift_from_asesi``, the asesi brings the assessor a
  gift before the decision (refuse it, record it, go on disclosed);
- ``register_feedback_checks``: ``thanks``, the LSP's house rule that the feedback thanks
  the asesi (Indonesian and English).
"""

from __future__ import annotations

from typing import Any

from toolkit.cases import AnswerKey, Case, Judgement
from toolkit.cases.integrity import IntegrityScenario
from toolkit.feedback_rubric import FeedbackCheck, feedback_text
from toolkit.hookspecs import hookimpl

GIFT = IntegrityScenario(
    name="gift_from_asesi",
    label={"id": "Asesi membawa hadiah", "en": "The asesi brings a gift"},
    conflict=False, acts=("proceed_disclosed",),
    why={"id": "hadiah dari asesi ditolak dan dicatat; asesmen berlanjut dengan pengungkapan",
         "en": "a gift from the asesi is refused and recorded; the assessment goes on disclosed"},
    texts={"id": ("{asesi} membawakan Anda sekotak kue dan sebuah jam tangan sebelum "
                  "keputusan diumumkan.",),
           "en": ("{asesi} brings you a box of cakes and a wristwatch before the decision "
                  "is announced.",)},
)


def thanks(case: Case | None, key: AnswerKey, judgement: Judgement,
           lang: str) -> tuple[bool, str]:
    """The feedback thanks the asesi."""
    words = ("terima kasih",) if lang == "id" else ("thank",)
    met = any(word in feedback_text(judgement).lower() for word in words)
    return met, ("the asesi is thanked" if met else "the feedback does not thank the asesi")


@hookimpl
def register_integrity_scenarios() -> list[Any]:
    """The example's integrity scenario."""
    return [GIFT]


@hookimpl
def register_feedback_checks() -> list[Any]:
    """The example's house-rule check."""
    return [FeedbackCheck("thanks", {"id": "Berterima kasih kepada asesi",
                                     "en": "Thanks the asesi"}, thanks)]
