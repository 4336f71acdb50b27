"""Constants and types shared by the suite's test modules (importable, unlike conftest)."""

from __future__ import annotations

import html
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.cases import AnswerKey

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PLUGIN = ROOT / "tests" / "plugins" / "asesorlab-example"
ASESORLAB = Path(sys.executable).parent / "asesorlab"


@dataclass
class CliResult:
    """What one run of the real ``asesorlab`` command produced."""

    code: int
    out: str
    err: str


def key_secrets(key: AnswerKey) -> list[str]:
    """Strings that exist only in the key: reasons, flaw labels, the verdict mapping."""
    texts: list[str] = []
    reasons = key.reasons
    for group in (reasons.criteria, reasons.evidence, reasons.units):
        for localized in group.values():
            texts += list(localized.values())
    texts += list(reasons.recommendation.values())
    if key.plan_key is not None:  # the acceptable plan and why (issue 11)
        for option in [*key.plan_key.routes, *key.plan_key.tuk]:
            texts += list(option.why.values())
        for unit in key.plan_key.units.values():
            texts += list(unit.why.values())
    if key.integrity_key is not None:  # the integrity verdict and why
        texts += list(key.integrity_key.why.values())
    texts = [t for t in texts if len(t) >= 25]
    flaws = sorted({str(flaw) for labels in key.flaws.values() for flaw in labels})
    verdicts = [json.dumps(key.criteria)[1:-1][:200], '"truly_met"', '"flaws"', '"reasons"',
                '"plan_key"', '"integrity_key"', '"required_methods"', '"acceptable_methods"']
    return sorted(set(texts)) + flaws + verdicts


def duty_secrets(key: AnswerKey) -> list[str]:
    """What only the key holds of the plan and the integrity verdict (issue 11): every
    reason, and the verdict's fields as they stand in JSON."""
    texts: list[str] = []
    plan = getattr(key, "plan_key", None)
    if plan is not None:
        for option in (*plan.routes, *plan.tuk):
            texts += list(option.why.values())
        for unit in plan.units.values():
            texts += list(unit.why.values())
    verdict = getattr(key, "integrity_key", None)
    if verdict is not None:
        texts += list(verdict.why.values())
        texts.append(f'"acts": {json.dumps(verdict.model_dump(mode="json")["acts"])}')
    if plan is not None or verdict is not None:
        texts += ['"integrity_key"', '"plan_key"', '"required_methods"', '"acceptable_methods"']
    return sorted({t for t in texts if len(t) >= 20 or t.startswith('"')})


def text_variants(text: str) -> set[str]:
    """``text`` as it may stand in HTML, JSON or both."""
    return {text, html.escape(text), json.dumps(text)[1:-1], json.dumps(html.escape(text))[1:-1]}
