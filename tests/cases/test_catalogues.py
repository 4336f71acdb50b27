"""The bundled evidence catalogues: they load, they keep the hard rules, and they serve."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from suite_support import ROOT

from toolkit.cases import catalogue_for, load_catalogue
from toolkit.cases.catalogue import bundled_catalogue_paths, generic_catalogue
from toolkit.errors import SchemeInvalid
from toolkit.plugins import PluginHost
from toolkit.scheme import Scheme
from toolkit.schemeio import read_scheme


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_catalogue",
                                                  ROOT / "scripts" / "check_catalogue.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", bundled_catalogue_paths(), ids=lambda p: p.name)
def test_bundled_catalogues_keep_the_hard_rules(path: Path) -> None:
    catalogue = load_catalogue(path)
    assert 14 <= len(catalogue.artefacts) <= 24
    report = _checker().check(path)
    assert report.errors == []


def test_the_checker_finds_a_quoted_kuk(tmp_path: Path, jwp: Scheme) -> None:
    source = bundled_catalogue_paths()[-1]
    text = source.read_text(encoding="utf-8")
    kuk = next(iter(jwp.iter_criteria())).text
    broken = tmp_path / source.name
    broken.write_text(text.replace("Repositori Git", f"Repositori Git ({kuk})", 1),
                      encoding="utf-8")
    errors = _checker().check(broken, ROOT / "toolkit" / "data" / "junior-web-programmer.yaml")
    assert any("run" in e or "8" in e for e in errors.errors), errors.errors


def test_each_scheme_gets_its_catalogue_and_others_the_generic_one(jwp: Scheme,
                                                                   host: PluginHost) -> None:
    assert catalogue_for(jwp, host).name == "junior-web-programmer"
    cookery = read_scheme(ROOT / "toolkit" / "data" / "helper-cookery.yaml")
    assert catalogue_for(cookery, host).name == "helper-cookery"
    other = jwp.model_copy(update={"code": "LSP-LAIN-01"})
    generic = catalogue_for(other, host)
    assert generic.name == "generic" and generic == generic_catalogue(other)
    every = {ref.id for ref in other.iter_criteria()}
    assert every <= {k for a in generic.artefacts for k in a.criteria}


def test_a_broken_catalogue_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "bad.evidence.yaml"
    bad.write_text("name: x\nartefacts:\n  - id: a\n    kind: poster\n", encoding="utf-8")
    with pytest.raises(SchemeInvalid) as caught:
        load_catalogue(bad)
    assert caught.value.errors[0].line == 4
