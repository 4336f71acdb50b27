"""Batch runs of parameterised notebooks: a manifest, checked parameters, a process pool or
Dask, resumable atomic outputs and a report (``asesorlab batch``; see ``docs/batch.md``).

The names below are imported on first use, so that registering the ``batch`` command does
not import papermill or nbformat for every ``asesorlab`` invocation.
"""

from __future__ import annotations

import importlib
from typing import Any

_PUBLIC = {
    "BatchOutcome": "runner",
    "Declared": "params",
    "Manifest": "manifest",
    "ManifestInvalid": "manifest",
    "RunResult": "execute",
    "RunSpec": "manifest",
    "RunTask": "execute",
    "check_parameters": "params",
    "declared_parameters": "params",
    "execute_run": "execute",
    "load_manifest": "manifest",
    "plan_runs": "plan",
    "run_batch": "runner",
}


def __getattr__(name: str) -> Any:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'training.batch' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)


__all__ = sorted(_PUBLIC)
