"""Generators, evidence rules and metrics from a third-party plugin are used like built-ins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from click.testing import CliRunner

from toolkit.agreement import Metric
from toolkit.cases import AnswerKey, Case, DefaultGenerator, DefaultRule, generate_cases
from toolkit.cases.generator import CaseOptions, FlawRates, GeneratedCase
from toolkit.cli import build_cli
from toolkit.hookspecs import hookimpl
from toolkit.plugins import PluginHost
from toolkit.scheme import Scheme


class _StrictRule:
    """Like the default rule, but nobody is ever competent."""

    name = "strict"
    description = "every KUK BK"

    def derive(self, case: Case, scheme: Scheme, fixed: Any = None) -> AnswerKey:
        key = DefaultRule().derive(case, scheme, fixed)
        key.criteria = dict.fromkeys(key.criteria, "BK")
        key.units = dict.fromkeys(key.units, "BK")
        key.recommendation, key.rule = "BK", self.name
        return key


class _EnglishOnly:
    name = "english"
    description = "the default generator, always in English"

    def generate(self, scheme: Scheme, case_id: str, seed: int, units: list[str],
                 flaws: FlawRates, language: str) -> GeneratedCase:
        return DefaultGenerator().generate(scheme, case_id, seed, units, flaws, "en")


class _Plugin:
    @hookimpl
    def register_evidence_rules(self) -> list[Any]:
        return [_StrictRule()]

    @hookimpl
    def register_case_generators(self) -> list[Any]:
        return [_EnglishOnly()]

    @hookimpl
    def register_metrics(self) -> list[Any]:
        return [Metric("always_half", "Half", lambda matrix, **_options: 0.5)]


def test_plugin_generator_and_rule_are_used(small_scheme: Scheme) -> None:
    host = PluginHost(load_entrypoints=False, plugins=(_Plugin(),))
    (case, key), = generate_cases(small_scheme, seed=1, generator="english", rule="strict",
                                  host=host)
    assert case.language == "en" and case.generator == "default"
    assert key.rule == "strict" and set(key.criteria.values()) == {"BK"}
    competent = CaseOptions(k_share=1.0, difficulty="mudah", problem_units_max=0)
    (_case, default_key), = generate_cases(small_scheme, seed=1, options=competent, host=host)
    assert default_key.rule == "default" and default_key.recommendation == "K"


def test_plugin_metric_in_the_agreement_command(tmp_path: Path) -> None:
    host = PluginHost(load_entrypoints=False, plugins=(_Plugin(),))
    csv = tmp_path / "r.csv"
    csv.write_text("item,rater,rating\n1,a,K\n1,b,BK\n", encoding="utf-8")
    result = CliRunner().invoke(build_cli(host), ["agreement", str(csv), "--metric",
                                                  "always_half"], standalone_mode=False)
    assert result.exception is None and result.return_value == 0
    assert float(result.output) == 0.5
    assert np.isclose(host.lookup("register_metrics", "always_half", "metric").compute([]), 0.5)
