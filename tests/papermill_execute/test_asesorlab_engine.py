"""papermill's execution tests with the ``asesorlab`` engine as papermill's default engine.

Every test class of papermill's ``test_execute.py`` runs again here with
:class:`training.engine.PooledEngine` registered as papermill's default (engine ``None``),
so ``papermill.execute_notebook`` without ``engine_name`` uses pooled, forked kernels.
Left out (skipped, saying why): the two tests that mock papermill's internal client class
(``papermill.engines.PapermillNotebookClient``) and assert on its constructor arguments;
our engine subclasses that client, so they test papermill's wiring, not the behaviour.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from papermill import execute as papermill_execute

from training.engine import PooledEngine, shutdown_pools

from .adapt import upstream_classes

pytestmark = pytest.mark.kernel

MOCKS_THE_CLIENT = "mocks papermill's internal client class (PapermillNotebookClient)"
SKIPPED = {("TestNotebookHelpers", "test_start_timeout"): MOCKS_THE_CLIENT,
           ("TestNotebookHelpers", "test_default_start_timeout"): MOCKS_THE_CLIENT}


class _AsesorlabIsTheDefaultEngine:
    """Registers the pooled engine as papermill's default for the duration of each test."""

    def setUp(self) -> None:
        registry = papermill_execute.papermill_engines
        self._stock_engine = registry.get_engine(None)
        registry.register(None, PooledEngine)
        super().setUp()  # type: ignore[misc]

    def tearDown(self) -> None:
        super().tearDown()  # type: ignore[misc]
        papermill_execute.papermill_engines.register(None, self._stock_engine)


globals().update(upstream_classes(_AsesorlabIsTheDefaultEngine, SKIPPED))


@pytest.fixture(autouse=True, scope="module")
def _kernels_stopped_afterwards() -> Iterator[None]:
    yield
    shutdown_pools()
