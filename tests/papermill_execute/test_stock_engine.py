"""papermill's execution tests with papermill's stock engine (``nbclient``), as papermill
runs them: the baseline that ``test_asesorlab_engine.py`` must match."""

from __future__ import annotations

import pytest

from .adapt import upstream_classes

pytestmark = pytest.mark.kernel

globals().update(upstream_classes())
