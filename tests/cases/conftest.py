"""Fixtures of the case tests: schemes, generated case sets and an in-process CLI."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from pathlib import Path

import pytest

from toolkit.cases import AnswerKey, Case, FlawRates, Judgement, generate_cases
from toolkit.cli import main
from toolkit.plugins import PluginHost
from toolkit.scheme import Criterion, Element, Scheme, Unit
from toolkit.schemeio import read_scheme, sample_scheme_path


@pytest.fixture(scope="session")
def host() -> PluginHost:
    """A plugin host with the built-ins only."""
    return PluginHost(load_entrypoints=False)


@pytest.fixture(scope="session")
def jwp() -> Scheme:
    """The bundled Junior Web Programmer scheme (8 units, 68 KUK)."""
    return read_scheme(sample_scheme_path())


@pytest.fixture(scope="session")
def small_scheme(jwp: Scheme) -> Scheme:
    """Two units of the sample scheme: quick to generate, still realistic wording."""
    return jwp.model_copy(update={"units": jwp.units[:2]})


def tiny_scheme(currency_years: int = 3, **settings: object) -> Scheme:
    """One unit, two elements, three KUK with far-apart wording."""
    return Scheme.model_validate({
        "code": "SKM-TINY", "title": "Tiny", "settings": {"currency_years": currency_years,
                                                         **settings},
        "units": [Unit(code="J.620100.004.02", title="Menggunakan Struktur Data", elements=[
            Element(title="Mengidentifikasi konsep data", criteria=[
                Criterion(text="Konsep data dan struktur data diidentifikasi sesuai konteks."),
                Criterion(text="Alternatif struktur data dibandingkan kelebihan kekurangannya."),
            ]),
            Element(title="Menerapkan struktur data", criteria=[
                Criterion(text="Struktur data diimplementasikan dalam bahasa pemrograman."),
            ]),
        ]).model_dump()],
    })


@pytest.fixture(scope="session")
def small_pairs(small_scheme: Scheme, host: PluginHost) -> list[tuple[Case, AnswerKey]]:
    """Four cases of the small scheme with high flaw rates (seed 7)."""
    rates = FlawRates(met=0.6, not_valid=0.3, not_authentic=0.3, not_current=0.3,
                      not_sufficient=0.3)
    return generate_cases(small_scheme, count=4, seed=7, flaws=rates, host=host,
                          generator="classic")


def _as_judgement(key: AnswerKey) -> Judgement:
    """The key's decisions, with a follow-up asked wherever the key says one was due."""
    judgement = Judgement.model_validate(key.model_dump(
        include={"case", "criteria", "evidence", "units", "recommendation", "plan",
                 "integrity"}))
    judgement.follow_ups = dict.fromkeys(key.follow_up_due, "demonstration")
    return judgement


@pytest.fixture(scope="session")
def as_judgement() -> Callable[[AnswerKey], Judgement]:
    """Make a judgement that copies a key's decisions exactly."""
    return _as_judgement


CliRun = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CliRun:
    """Run ``toolkit.cli.main`` (what the ``asesorlab`` script runs) in this process.

    Returns (exit code, stdout, stderr); the language it sets stays inside the call.
    """
    def run(*args: str | Path) -> tuple[int, str, str]:
        capsys.readouterr()
        code = contextvars.copy_context().run(main, [str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
