"""A scheme, a bank and a case set whose every text holds the classic payloads.

Each text field holds all payloads, starting with a different one (so a spreadsheet cell
starts with ``=cmd…`` in one unit, with ``+1`` in another, …). What a page shows is
compared after collapsing whitespace, as a reader sees it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from toolkit.cases.io import save_case_set
from toolkit.cases.keys import generate_case_set
from toolkit.cases.model import Case
from toolkit.instruments import InstrumentBank
from toolkit.scheme import Scheme

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "[x](javascript:alert(1))",
    "{{7*7}}",
    "=cmd|' /C calc'!A0",
    "+1",
    "@SUM(1)",
    "-2",
)


def hostile(index: int) -> str:
    """Every payload, the ``index``-th first (a text field of the hostile scheme)."""
    start = index % len(PAYLOADS)
    return " ".join(PAYLOADS[start:] + PAYLOADS[:start])


def _unit(number: int) -> dict[str, Any]:
    base = number * 7
    return {
        "code": f"J.620100.{number + 1:03d}.02",
        "title": hostile(number),
        "description": hostile(base + 1),
        "elements": [{"title": hostile(base + e), "criteria": [hostile(base + e + k)
                                                              for k in range(2)]}
                     for e in range(2)],
        "range_statement": {"konteks": hostile(base + 2), "peralatan": [hostile(base + 3)]},
        "assessment_guide": {"konteks": hostile(base + 4),
                             "aspek_kritis": [hostile(base + 5), hostile(base + 6)],
                             "pengetahuan": [hostile(base + 3)]},
    }


def hostile_scheme() -> Scheme:
    """One unit per payload (its title starting with it), two elements of two KUK each."""
    return Scheme.model_validate({
        "code": "SKM-XSS-01", "title": hostile(0), "kind": "okupasi",
        "standard": hostile(3), "language": "id",
        "units": [_unit(n) for n in range(len(PAYLOADS))],
        "groups": [{"name": hostile(4), "units": ["J.620100.001.02"]}],
    })


def hostile_bank(scheme: Scheme) -> InstrumentBank:
    """Questions of every kind the forms print, with hostile text and answers."""
    units: dict[str, Any] = {}
    for number, unit in enumerate(scheme.units):
        units[unit.code] = {
            "questions": [
                {"kind": kind, "text": hostile(number + i), "answer": hostile(number + i + 1),
                 "kuk": ["1.1"]}
                for i, kind in enumerate(("supporting", "oral", "essay", "interview",
                                          "third_party", "project"))],
            "demonstration": {"scenario": hostile(number), "equipment": [hostile(number + 1)],
                              "steps": [{"text": hostile(number + 2), "kuk": ["1.1"]}]},
            "project": {"brief": hostile(number + 3), "output": hostile(number + 4)},
        }
    return InstrumentBank.model_validate({"scheme": scheme.code, "units": units})


def _hostile_case(case: Case) -> Case:
    asesi = case.asesi.model_copy(update={"name": hostile(1), "background": hostile(2),
                                          "workplace": hostile(3)})
    evidence = [item.model_copy(update={"title": hostile(i), "summary": hostile(i + 4)})
                for i, item in enumerate(case.evidence)]
    observations = [o.model_copy(update={"note": hostile(i + 2)})
                    for i, o in enumerate(case.observations)]
    answers = [a.model_copy(update={"question": hostile(i), "answer": hostile(i + 5)})
               for i, a in enumerate(case.answers)]
    return case.model_copy(update={"asesi": asesi, "evidence": evidence,
                                   "observations": observations, "answers": answers})


def hostile_case_set(scheme: Scheme, folder: Path, count: int = 2,
                     units: list[str] | None = None) -> list[Path]:
    """Cases of ``scheme`` whose asesi, evidence, observations and answers hold the
    payloads, saved with their keys (and follow-ups) into ``folder``."""
    made = generate_case_set(scheme, count=count, seed=17, units=units)
    return save_case_set([(_hostile_case(c), k) for c, k, _f in made], folder,
                         [f for _c, _k, f in made])


def shown(text: str) -> str:
    """Text as a reader sees it: runs of whitespace as one space."""
    return re.sub(r"\s+", " ", text)


def missing(text: str) -> list[str]:
    """The payloads not shown literally in ``text``."""
    seen = shown(text)
    return [p for p in PAYLOADS if p not in seen]
