"""What follow-ups reveal (penilaian lanjut), and the bank's questions the generator asks.

For every KUK of a case the generator prepares what each follow-up would show — an oral
answer against the bank's expected answer, an observed demonstration, a third-party
clarification from the supervisor (FR.IA.10) — true to whether the KUK is met. The file
(:class:`~toolkit.cases.model.FollowUps`) stays beside the key; the practice app reads one
KUK's entry when a trainee asks for it.
"""

from __future__ import annotations

import random
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..scheme import Scheme
from . import phrases as P
from .model import (
    Employment,
    EvidenceItem,
    EvidenceKind,
    FollowUpResult,
    FollowUps,
    Observation,
    QuestionAnswer,
)

if TYPE_CHECKING:
    from ..instruments.bank import InstrumentBank


def prepare_follow_ups(case_id: str, kuks: list[str], labels: dict[str, str],
                       met: dict[str, bool], bank: dict[str, tuple[str, str]],
                       job: Employment, asesi: str, assessed: date, lang: str,
                       rng: random.Random) -> FollowUps:
    """Per KUK, what a question, a demonstration and a third-party check reveal: true to
    whether the KUK is met (``met``), in the case's language."""
    prepared: dict[str, dict[str, FollowUpResult]] = {}
    for number, kuk in enumerate(kuks, start=1):
        yes = met[kuk]
        question, expected = bank.get(kuk) or (
            P.GENERIC_QUESTION[lang].format(label=labels[kuk]), P.GENERIC_EXPECTED[lang])
        answer = (P.RIGHT_PREFIX[lang] + expected) if yes else rng.choice(
            P.WRONG_ANSWER[lang])
        text = (P.CLARIFICATION_YES if yes else P.CLARIFICATION_NO)[lang].format(
            supervisor=job.supervisor, employer=job.employer, date=assessed.isoformat())
        clarification = EvidenceItem(
            id=f"F{number:02d}", kind=EvidenceKind.THIRD_PARTY_REPORT,
            title=P.CLARIFICATION_TITLE[lang], date=assessed, owner=asesi,
            issuer=job.employer, claims=[kuk] if yes else [], summary=text,
            evidence_class="TL", signatory=job.supervisor,
            signatory_role=P.SIGNATORY_ROLE[lang], signed=True, stamped=True)
        prepared[kuk] = {
            "question": FollowUpResult(answer=QuestionAnswer(
                criterion=kuk, question=question, answer=answer, expected=expected,
                form="FR.IA.07")),
            "demonstration": FollowUpResult(observation=Observation(
                criterion=kuk, note=rng.choice(
                    (P.OBSERVED_MET if yes else P.OBSERVED_NOT_MET)[lang]),
                result="met" if yes else "not_met")),
            "third_party": FollowUpResult(item=clarification),
        }
    return FollowUps(case=case_id, criteria=prepared)  # type: ignore[arg-type]


@lru_cache(maxsize=8)
def _bundled_banks(paths: tuple[tuple[str, float], ...]) -> tuple[InstrumentBank, ...]:
    from ..instruments.bank import load_bank

    return tuple(load_bank(path) for path, _mtime in paths)


def bank_questions(scheme: Scheme, lang: str, kuks: list[str],
                   labels: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Per KUK, the first oral or supporting question of the scheme's bundled bank and its
    expected answer (an empty mapping when the scheme has no bank, or the case is not in
    the scheme's language: banks are written in one)."""
    found: dict[str, tuple[str, str]] = {}
    if lang != scheme.language:
        return found
    folder = Path(__file__).resolve().parent.parent / "data"
    paths = tuple((str(p), p.stat().st_mtime) for p in sorted(folder.glob("*.bank.yaml")))
    for bank in _bundled_banks(paths):
        if bank.scheme != scheme.code:
            continue
        for code, unit_bank in bank.units.items():
            for question in unit_bank.questions:
                if question.kind not in ("oral", "supporting") or not question.answer:
                    continue
                for label in question.kuk:
                    kuk = f"{code}/{label}"
                    if kuk in labels:
                        found.setdefault(kuk, (question.text, question.answer))
    return {k: v for k, v in found.items() if k in kuks}


__all__ = ["bank_questions", "prepare_follow_ups"]
