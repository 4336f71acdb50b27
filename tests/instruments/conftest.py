"""Fixtures of the instrument tests: the sample scheme and bank, a hostile scheme, outputs."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

from toolkit.instruments import InstrumentBank, load_bank, sample_bank_path
from toolkit.plugins import PluginHost
from toolkit.scheme import Scheme
from toolkit.schemeio import read_scheme, sample_scheme_path

from .instrument_readers import HOSTILE

EXAMPLE_SRC = Path(__file__).resolve().parent.parent / "plugins" / "asesorlab-example"


@pytest.fixture(scope="session")
def scheme() -> Scheme:
    """The bundled Junior Web Programmer scheme."""
    return read_scheme(sample_scheme_path())


@pytest.fixture(scope="session")
def bank(scheme: Scheme) -> InstrumentBank:
    """The bundled bank of the sample scheme."""
    return load_bank(sample_bank_path(), scheme)


@pytest.fixture(scope="session")
def hostile_scheme() -> Scheme:
    """A scheme whose titles, elements and KUK hold markup that must print as text."""
    return Scheme.model_validate({
        "code": "SKM-<b>X</b>", "title": f"Skema {HOSTILE}", "units": [{
            "code": "J.620100.004.02", "title": f"Unit {HOSTILE}",
            "elements": [{"title": f"Elemen {HOSTILE}",
                          "criteria": [f"KUK satu {HOSTILE}", "KUK dua <i>&amp;</i>"]}]}]})


@pytest.fixture(scope="session")
def example_forms() -> ModuleType:
    """The example plugin's forms module, imported from its source folder."""
    sys.path.insert(0, str(EXAMPLE_SRC))
    try:
        return importlib.import_module("asesorlab_example.forms")
    finally:
        sys.path.remove(str(EXAMPLE_SRC))


@pytest.fixture(scope="session")
def host_with_example(example_forms: ModuleType) -> PluginHost:
    """A plugin host with the built-ins and the example LSP.IA.02 form registered in-process."""
    return PluginHost(load_entrypoints=False, plugins=(example_forms,))
