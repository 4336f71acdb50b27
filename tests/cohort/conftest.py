"""Fixtures of the cohort tests: a store on SQLite or PostgreSQL, a synthetic cohort in it.

PostgreSQL is the practice tests' throw-away Debian server (``postgres_server`` and
``postgres_url`` from :mod:`practice.conftest`, reused, not rewritten).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from practice.conftest import postgres_server, postgres_url  # noqa: F401

from toolkit.analytics import DemoCohort, demo_cohort
from toolkit.scheme import Scheme
from toolkit.schemeio import read_scheme, sample_scheme_path
from toolkit.store import Store

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def scheme() -> Scheme:
    """The bundled sample scheme (Junior Web Programmer, 68 KUK)."""
    return read_scheme(sample_scheme_path())


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An empty database: a SQLite file, or a fresh database on the test PostgreSQL."""
    if request.param == "postgres":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path_factory.mktemp('cohort') / 'attempts.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A store on :func:`db_url`."""
    made = Store(db_url)
    yield made
    made.dispose()


@pytest.fixture
def cohort(store: Store, scheme: Scheme) -> DemoCohort:
    """12 trainees × 10 attempts; most weak trainees miss evidence too old to be current."""
    return demo_cohort(store, scheme, trainees=12, attempts=10, seed=5, focus="too_old")
