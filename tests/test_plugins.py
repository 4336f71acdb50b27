"""The plugin host: built-ins through hooks, the installed example plugin, documented hooks."""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from suite_support import ROOT, CliResult

from toolkit import hookspecs
from toolkit.plugins import DEFAULT_PLUGINS, PluginHost, PluginLookupError

Run = Callable[..., CliResult]
HOOKS = [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
         if name.startswith("register_")]


def test_every_hook_has_a_docstring_and_is_documented() -> None:
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert len(HOOKS) >= 8
    for name in HOOKS:
        assert getattr(hookspecs, name).__doc__, f"{name} has no docstring"
        assert f"`{name}" in docs, f"{name} is missing from docs/plugins.md"


def test_builtins_register_through_hooks() -> None:
    host = PluginHost(load_entrypoints=False)
    names = [name for name, _plugin in host.pm.list_name_plugin()]
    assert names[: len(DEFAULT_PLUGINS)] == list(DEFAULT_PLUGINS)
    assert {fmt.name for fmt in host.scheme_formats()} >= {"yaml", "json", "xlsx"}


def test_lookup_failure_names_what_exists() -> None:
    host = PluginHost(load_entrypoints=False)
    with pytest.raises(PluginLookupError) as caught:
        host.lookup("register_scheme_formats", "toml", "scheme format")
    assert "toml" in str(caught.value)
    assert "yaml" in str(caught.value) and "xlsx" in str(caught.value)


def test_example_plugin_appears_in_plugins(asesorlab: Run,
                                           example_plugin_env: dict[str, str]) -> None:
    result = asesorlab(["plugins", "--json"], env=example_plugin_env)
    assert result.code == 0
    listing = json.loads(result.out)
    plugins = {p["name"]: p for p in listing["plugins"]}
    outline = plugins["example_outline"]
    assert outline["source"] == "asesorlab-example 0.1.0"
    assert outline["provides"]["register_scheme_formats"] == ["outline (.outline)"]
    assert outline["provides"]["register_commands"] == ["outline"]
    plain = asesorlab(["plugins"], env=example_plugin_env)
    assert re.search(r"example_outline\s+\[asesorlab-example 0\.1\.0\]", plain.out)


def test_example_reader_is_used_by_the_cli(asesorlab: Run, example_plugin_env: dict[str, str],
                                           sample_path: Path, tmp_path: Path) -> None:
    outline = tmp_path / "jwp.outline"
    converted = asesorlab(["convert", str(sample_path), str(outline)], env=example_plugin_env)
    assert converted.code == 0, converted.out + converted.err
    assert outline.read_text(encoding="utf-8").startswith("Kode Skema: SS.JWP/LSPP/005/2022")
    checked = asesorlab(["validate", str(outline)], env=example_plugin_env)
    assert checked.code == 0
    assert checked.out.strip().endswith("OK: 8 unit, 24 elemen, 68 KUK")
    shown = asesorlab(["outline", str(outline)], env=example_plugin_env)
    assert "  - Mengidentifikasi konsep data dan struktur data" in shown.out
    # without the plugin the same file type is refused with a clear message
    refused = asesorlab(["validate", str(outline)])
    assert refused.code == 1 and "'.outline'" in refused.out


def test_example_reader_reports_located_errors(asesorlab: Run, example_plugin_env: dict[str, str],
                                               tmp_path: Path) -> None:
    outline = tmp_path / "bad.outline"
    outline.write_text("Kode Skema: A\nJudul Skema: B\nJ.620100.004.02 Struktur Data\n"
                       "  - Elemen tanpa KUK\n", encoding="utf-8")
    result = asesorlab(["validate", str(outline), "--json"], env=example_plugin_env)
    assert result.code == 1
    (error,) = json.loads(result.out)["errors"]
    assert error["line"] == 4


def test_broken_plugin_is_reported_not_fatal(asesorlab: Run, tmp_path: Path) -> None:
    site = tmp_path / "site"
    dist = site / "broken_plugin-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[asesorlab]\nbroken = broken_plugin_missing\n")
    result = asesorlab(["plugins"], env={"PYTHONPATH": str(site)})
    assert result.code == 0
    assert "broken" in result.out and "ModuleNotFoundError" in result.out
    assert asesorlab(["validate", "--help"], env={"PYTHONPATH": str(site)}).code == 0


def test_trace_env_prints_hook_calls(asesorlab: Run) -> None:
    result = asesorlab(["show"], env={"ASESORLAB_TRACE_PLUGINS": "1"})
    assert result.code == 0
    assert "register_scheme_formats" in result.err


def test_example_plugin_implements_every_hook(asesorlab: Run,
                                              example_plugin_env: dict[str, str]) -> None:
    listing = json.loads(asesorlab(["plugins", "--json"], env=example_plugin_env).out)
    assert listing["errors"] == {}
    provided = {hook for plugin in listing["plugins"] if plugin["name"].startswith("example_")
                for hook in plugin["provides"]}
    assert provided == set(HOOKS)


def test_example_plugin_families_work_through_the_cli(
        asesorlab: Run, example_plugin_env: dict[str, str], sample_path: Path,
        tmp_path: Path) -> None:
    env = example_plugin_env
    form = asesorlab(["instrument", str(sample_path), "LSP.IA.02", "-o",
                      str(tmp_path / "ia02.md"), "--units", "J.620100.004.02"], env=env)
    assert form.code == 0, form.out + form.err
    markdown = (tmp_path / "ia02.md").read_text(encoding="utf-8")
    assert markdown.startswith("# LSP.IA.02") and "| Mengidentifikasi konsep data" in markdown
    cases = tmp_path / "cases"
    simulated = asesorlab(["simulate", str(sample_path), "--generator", "clean", "--rule",
                           "triple", "--seed", "3", "-o", str(cases)], env=env)
    assert simulated.code == 0, simulated.out + simulated.err
    key = json.loads((cases / "case-0001.key.json").read_text(encoding="utf-8"))
    assert key["rule"] == "triple"
    assert set(key["truly_met"].values()) == {True}
    # the plugin's catalogue serves its schemes, and its flaw is planted and found
    ex_scheme = tmp_path / "ex.yaml"
    ex_scheme.write_text(sample_path.read_text(encoding="utf-8").replace(
        "code: SS.JWP/LSPP/005/2022", "code: EX-JWP"), encoding="utf-8")
    ex_cases = tmp_path / "ex-cases"
    made = asesorlab(["simulate", str(ex_scheme), "--cases", "12", "--difficulty", "sulit",
                      "--units", "J.620100.004.02", "-o", str(ex_cases)], env=env)
    assert made.code == 0, made.out + made.err
    ex_case = json.loads((ex_cases / "case-0001.json").read_text(encoding="utf-8"))
    assert {item["artefact"] for item in ex_case["evidence"]} <= {"ex_logbook", "ex_certificate",
                                                                 "ex_report"}
    ex_keys = [json.loads(p.read_text(encoding="utf-8")) for p in ex_cases.glob("*.key.json")]
    flawed = [(k, item) for k in ex_keys for item, flaws in k["flaws"].items()
              if "unlegalised_copy" in flaws]
    assert flawed, "the plugin's flaw was never planted"
    ex_key, item = flawed[0]
    assert not ex_key["evidence"][item]["authentic"]
    assert "fotokopi sertifikat tanpa legalisir" in ex_key["reasons"]["evidence"][item]["id"]
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("item,rater,rating\n1,a,K\n1,b,K\n2,a,K\n2,b,BK\n3,a,BK\n3,b,BK\n")
    agreed = asesorlab(["agreement", str(ratings), "--metric", "positive"], env=env)
    assert agreed.code == 0, agreed.out + agreed.err
    assert abs(float(agreed.out) - 2 / 3) < 1e-6
    one_rater = tmp_path / "one.csv"
    one_rater.write_text("item,rater,rating\n1,a,K\n2,a,K\n")
    refused = asesorlab(["agreement", str(one_rater), "--metric", "positive"], env=env)
    assert refused.code != 0
    assert "kesepakatan positif memerlukan dua penilai" in refused.out + refused.err
