"""The default qualification rule, rule by rule, on hand-made attempt records."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from toolkit.analytics import AttemptRecord, DefaultQualification, get_rule, status_label
from toolkit.i18n import language
from toolkit.plugins import PluginHost, PluginLookupError

GOOD = AttemptRecord(id=1, trainee="Ani", case_id="case-0001", scheme_code="S",
                     submitted=datetime(2026, 1, 5, tzinfo=UTC).timestamp(), seconds=900.0,
                     criteria_agreement=0.97, kappa=0.9, ac1=0.95, key_k_share=0.6,
                     false_competent=0, false_not_yet_competent=1,
                     recommendation_correct=True, recommendation_false_competent=False,
                     passed=True, critical=0, disagreements=1)


def _records(count: int = 10, **changes: object) -> list[AttemptRecord]:
    return [GOOD._replace(id=i, submitted=GOOD.submitted + 86400 * i, **changes)
            for i in range(count)]


def test_every_rule_met_over_a_full_window_is_siap() -> None:
    result = DefaultQualification().evaluate(_records())
    assert result.status == "siap" and all(c.met for c in result.checks)
    assert len(result.reasons) == 6


def test_too_few_cases_is_hampir_siap_then_belum_siap() -> None:
    rule = DefaultQualification()
    assert rule.evaluate(_records(6)).status == "hampir siap"
    assert rule.evaluate(_records(4)).status == "belum siap"
    assert rule.evaluate([]).status == "belum siap"


def test_one_rule_a_little_short_is_hampir_siap_far_short_is_belum_siap() -> None:
    rule = DefaultQualification()
    close = _records(8) + _records(2, passed=False)  # 80% → exactly the threshold
    assert rule.evaluate(close).status == "siap"
    short = _records(7) + _records(3, passed=False)  # 70%: within the 10-point margin
    result = rule.evaluate(short)
    assert result.status == "hampir siap"
    assert result.reasons[0].startswith("kasus lulus: 7 dari 10")
    far = _records(5) + _records(5, passed=False)
    assert rule.evaluate(far).status == "belum siap"


def test_a_false_competent_recommendation_is_never_almost_ready() -> None:
    records = [*_records(9), GOOD._replace(id=99, recommendation_false_competent=True)]
    with language("en"):
        result = DefaultQualification().evaluate(records)
    assert result.status == "belum siap"
    assert "1 false competent recommendation(s)" in result.reasons[0]


def test_ac1_replaces_kappa_where_nearly_every_kuk_is_k() -> None:
    # kappa paradox: 96% agreement, nearly all K in the key, kappa low; AC1 stays high
    records = _records(kappa=0.3, ac1=0.93, key_k_share=0.95)
    with language("en"):
        result = DefaultQualification().evaluate(records)
    assert result.status == "siap"
    assert any(r.startswith("AC1 with the key: 0.93") for r in result.reasons)
    balanced = _records(kappa=0.3, ac1=0.93, key_k_share=0.5)
    assert DefaultQualification().evaluate(balanced).status == "belum siap"  # kappa 0.30


def test_too_many_disagreements_in_a_case() -> None:
    records = _records(8) + _records(2, disagreements=9)
    result = DefaultQualification().evaluate(records)
    assert result.status == "belum siap"
    assert not next(c for c in result.checks if c.name == "disagreements").met


def test_rules_are_plugins_and_statuses_have_labels() -> None:
    host = PluginHost(load_entrypoints=False)
    assert isinstance(get_rule("default", host), DefaultQualification)
    with pytest.raises(PluginLookupError, match="default"):
        get_rule("strictest", host)
    with language("en"):
        assert status_label("hampir siap") == "almost ready"
    assert status_label("siap") == "siap"
