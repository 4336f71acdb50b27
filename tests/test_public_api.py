"""The curated public API of ``toolkit`` and the layering rules of the house."""

from __future__ import annotations

import ast

from suite_support import ROOT

import toolkit

FORBIDDEN_IN_TOOLKIT = ("ipywidgets", "IPython", "voila", "jupyter_server", "jupyterlab",
                        "anywidget", "widgets", "training")


def test_all_names_exist_and_nothing_else_is_advertised() -> None:
    assert sorted(toolkit.__all__) == sorted(set(toolkit.__all__))
    for name in toolkit.__all__:
        assert hasattr(toolkit, name), name
    assert {"Scheme", "Unit", "Element", "Criterion", "load_scheme", "save_scheme",
            "PluginHost", "SchemeError"} <= set(toolkit.__all__)


def test_toolkit_never_imports_ui_or_jupyter_server_code() -> None:
    offenders = []
    for path in (ROOT / "toolkit").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names
                          if n.split(".")[0] in FORBIDDEN_IN_TOOLKIT]
    assert not offenders


def test_every_module_has_a_docstring() -> None:
    missing = [str(p.relative_to(ROOT)) for package in ("toolkit", "widgets", "training")
               for p in (ROOT / package).rglob("*.py")
               if p.stat().st_size and ast.get_docstring(ast.parse(p.read_text("utf-8"))) is None]
    assert not missing
