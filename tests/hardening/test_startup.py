"""A fast command line: nothing heavy is imported before a command needs it (issue 15).

Times are measured by ``benchmarks/cli_startup.py``; these tests check the cause instead:
which modules a fresh interpreter has imported after each step.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
from click.testing import CliRunner
from suite_support import EXAMPLE_PLUGIN, CliResult

from toolkit.cli import LazyCommand, PluginGroup, build_cli, command_help_id
from toolkit.plugins import PluginHost

Run = Callable[..., CliResult]
HEAVY = ("sqlalchemy", "nbconvert", "voila", "jupyter_server", "matplotlib", "dask")


def _modules_after(code: str) -> set[str]:
    """The top-level packages a new interpreter has imported after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=120)
    return {name.split(".")[0] for name in json.loads(done.stdout.splitlines()[-1])}


def test_importing_the_cli_pulls_in_no_heavy_library() -> None:
    loaded = _modules_after("import toolkit.cli")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    assert "pydantic" not in loaded and "openpyxl" not in loaded


def test_version_and_help_import_no_model_reader_or_server_code() -> None:
    version = _modules_after("import toolkit.cli as c\ntry:\n    c.main(['--version'])\n"
                             "except SystemExit:\n    pass")
    assert "pluggy" in version or "click" in version  # the probe ran the CLI
    assert not version & {*HEAVY, "pydantic", "yaml", "openpyxl", "numpy", "docx", "babel"}
    helped = _modules_after("import toolkit.cli as c\nc.main(['--help'])")
    assert not helped & {*HEAVY, "pydantic", "openpyxl", "numpy", "docx", "papermill"}


def test_validate_imports_no_server_notebook_or_spreadsheet_code(sample_path: object) -> None:
    loaded = _modules_after(f"import toolkit.cli as c\nc.main(['validate', {str(sample_path)!r}])")
    assert "pydantic" in loaded  # the scheme was really read
    assert not loaded & {*HEAVY, "openpyxl", "docx", "papermill", "numpy"}


def test_version_loads_no_plugin() -> None:
    made: list[PluginHost] = []
    cli = build_cli(lambda: made.append(PluginHost(load_entrypoints=False)) or made[-1])
    assert CliRunner().invoke(cli, ["--version"]).exit_code == 0
    assert made == []
    assert CliRunner().invoke(cli, ["--help"]).exit_code == 0
    assert len(made) == 1


def test_help_lists_every_command_and_lazy_help_is_the_real_docstring(asesorlab: Run) -> None:
    host = PluginHost()
    cli = build_cli(host)
    assert isinstance(cli, PluginGroup)
    names = cli.list_commands(click.Context(cli))
    lazy = {name: cmd for name, cmd in cli.commands.items() if isinstance(cmd, LazyCommand)}
    assert {"batch", "serve"} <= set(lazy)
    for name, placeholder in lazy.items():  # the help given without importing = docstring
        real = placeholder.load()  # once run in-process, its help is translated: use the id
        help_id = getattr(real, "_asesorlab_help_ids", (real.help,))[0]
        assert command_help_id(help_id or "") == placeholder.help, name
    listed = asesorlab(["--lang", "en", "--help"]).out
    for name in names:
        assert f"  {name} " in listed, name
    assert "Serve the practice app" in listed and "Run a notebook over the runs" in listed
    real_help = asesorlab(["--lang", "en", "serve", "--help"])
    assert real_help.code == 0 and "--port" in real_help.out  # the real command, imported


def test_a_plugin_command_added_eagerly_still_works() -> None:
    class Plugin:
        @staticmethod
        def register_commands(cli: click.Group) -> None:
            @click.command("hello")
            def hello() -> int:
                """Say hello."""
                click.echo("hello from a plugin")
                return 0

            cli.add_command(hello)

    from toolkit.hookspecs import hookimpl

    Plugin.register_commands = hookimpl(Plugin.register_commands)  # type: ignore[method-assign]
    cli = build_cli(PluginHost(load_entrypoints=False, plugins=(Plugin,)))
    result = CliRunner().invoke(cli, ["hello"])
    assert result.exit_code == 0 and "hello from a plugin" in result.output
    listing = CliRunner().invoke(cli, ["--help"]).output
    assert "hello" in listing and "validate" in listing


def test_help_follows_the_language_of_each_invocation(capsys: object) -> None:
    from toolkit.cli import main

    for lang, expected in (("en", "Check a scheme file"), ("id", "Memeriksa berkas skema"),
                           ("en", "Check a scheme file")):
        assert main(["--lang", lang, "--help"]) == 0
        assert expected in capsys.readouterr().out  # type: ignore[attr-defined]
        assert main(["--lang", lang, "validate", "--help"]) == 0
        assert expected in capsys.readouterr().out  # type: ignore[attr-defined]


def test_the_quick_catalog_reader_reads_what_babel_reads(tmp_path: Path) -> None:
    from babel.messages.pofile import read_po

    from toolkit.i18n import LOCALE_DIR, read_simple_po

    files = [*LOCALE_DIR.glob("*/*.po"), *EXAMPLE_PLUGIN.rglob("*.po")]
    assert len(files) > 5
    for po_file in files:
        with po_file.open("rb") as handle:
            expected = {m.id: str(m.string) for m in read_po(handle)
                        if m.id and isinstance(m.id, str) and m.string}
        assert read_simple_po(po_file.read_text(encoding="utf-8")) == expected, po_file
    plural = 'msgid "one file"\nmsgid_plural "{n} files"\nmsgstr[0] "{n} berkas"\n'
    assert read_simple_po(plural) is None  # left to Babel
    escaped = 'msgid ""\n"a \\"b\\"\\n"\nmsgstr "c\\td"\n'
    assert read_simple_po(escaped) == {'a "b"\n': "c\td"}


_COMPARE = """
import json, sys
from importlib.metadata import entry_points
from toolkit.plugins.entrypoints import _scan
out = {}
for group in ("asesorlab", "papermill.engine", "console_scripts",
              "jupyter_client.kernel_provisioners"):
    ours = _scan(group)
    theirs = [(ep.name, ep.value, f"{ep.dist.name} {ep.dist.version}")
              for ep in entry_points(group=group)]
    mine = [(e.name, e.value, e.dist) for e in ours or []]
    out[group] = [ours is not None, mine == theirs, len(theirs)]
print(json.dumps(out))
"""


def test_entry_points_are_read_as_importlib_reads_them(example_plugin_env: dict[str, str],
                                                       tmp_path: Path) -> None:
    import os

    for env in ({}, example_plugin_env):
        done = subprocess.run([sys.executable, "-c", _COMPARE], capture_output=True, text=True,
                              check=True, timeout=120, env={**os.environ, **env})
        result = json.loads(done.stdout.splitlines()[-1])
        for group, (scanned, same, count) in result.items():
            assert scanned and same, (group, env)
            assert count > 0 or group != "console_scripts"
    plugins = subprocess.run([sys.executable, "-c", "from toolkit.plugins import PluginHost\n"
                              "print(PluginHost().sources['example_outline'])"],
                             capture_output=True, text=True, check=True, timeout=120,
                             env={**os.environ, **example_plugin_env})
    assert plugins.stdout.strip() == "asesorlab-example 0.1.0"
