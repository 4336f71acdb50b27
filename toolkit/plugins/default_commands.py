"""Built-in plugin: the ``validate``, ``convert``, ``show`` and ``plugins`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..cli import lang_option, pass_host, print_problems
from ..errors import SchemeInvalid
from ..hookspecs import hookimpl
from ..i18n import _
from ..plugins import PluginHost
from ..schemeio import load_scheme, sample_scheme_path, save_scheme


def _summary(units: int, elements: int, criteria: int) -> str:
    return _("{units} units, {elements} elements, {criteria} KUK", units=units,
             elements=elements, criteria=criteria)


@click.command("validate")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@lang_option
@pass_host
def validate_command(host: PluginHost, file: Path, as_json: bool) -> int:
    """Check a scheme file (YAML, JSON, XLSX or a plugin's type)."""
    errors, warnings, scheme = [], [], None
    try:
        loaded = load_scheme(file, host)
        scheme, warnings = loaded.scheme, loaded.warnings
    except SchemeInvalid as exc:
        errors, warnings, scheme = exc.errors, exc.warnings, exc.scheme
    counts = (scheme.unit_count, scheme.element_count, scheme.criterion_count) if scheme else (
        0, 0, 0)
    if as_json:
        click.echo(json.dumps({
            "valid": not errors,
            "units": counts[0], "elements": counts[1], "criteria": counts[2],
            "warnings": [w.to_dict() for w in warnings],
            "errors": [e.to_dict() for e in errors],
        }, ensure_ascii=False))
    else:
        print_problems(SchemeInvalid(errors, warnings))
        if errors:
            click.echo(_("INVALID: {errors} error(s), {warnings} warning(s)",
                         errors=len(errors), warnings=len(warnings)))
        else:
            click.echo(f"OK: {_summary(*counts)}")
    return 1 if errors else 0


@click.command("convert")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@lang_option
@pass_host
def convert_command(host: PluginHost, source: Path, target: Path) -> int:
    """Convert a scheme between file types, chosen by extension (.yaml .yml .json .xlsx)."""
    loaded = load_scheme(source, host)
    print_problems(SchemeInvalid([], loaded.warnings))
    scheme = loaded.scheme
    save_scheme(scheme, target, host)
    click.echo(_("Written: {path} ({summary})", path=target, summary=_summary(
        scheme.unit_count, scheme.element_count, scheme.criterion_count)))
    return 0


@click.command("show")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@lang_option
@pass_host
def show_command(host: PluginHost, file: Path | None) -> int:
    """Summarise a scheme unit by unit (default: the bundled sample scheme)."""
    loaded = load_scheme(file or sample_scheme_path(), host)
    scheme = loaded.scheme
    print_problems(SchemeInvalid([], loaded.warnings))
    click.echo(f"{scheme.code} — {scheme.title} ({scheme.kind})")
    if scheme.standard:
        click.echo(scheme.standard)
    width = max(len(unit.code) for unit in scheme.units)
    click.echo(f"{_('Unit code'):<{width}}  {_('Elem'):>4}  {'KUK':>4}  {_('Title')}")
    for unit in scheme.units:
        click.echo(f"{unit.code:<{width}}  {len(unit.elements):>4}  "
                   f"{unit.criterion_count():>4}  {unit.title}")
    click.echo(f"OK: {_summary(scheme.unit_count, scheme.element_count, scheme.criterion_count)}")
    return 0


@click.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@lang_option
@pass_host
def plugins_command(host: PluginHost, as_json: bool) -> int:
    """List every registered plugin and what it provides."""
    infos = host.describe()
    if as_json:
        click.echo(json.dumps({
            "plugins": [{"name": i.name, "source": i.source, "provides": i.provides}
                        for i in infos],
            "errors": host.load_errors,
        }, ensure_ascii=False, indent=2))
        return 0
    for info in infos:
        click.echo(f"{info.name}  [{info.source}]")
        for hook, items in info.provides.items():
            click.echo(f"    {hook}: {', '.join(items) or '-'}")
    for name, problem in host.load_errors.items():
        click.echo(_("plugin {name} failed to load: {problem}", name=name, problem=problem))
    return 0


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add the built-in scheme commands."""
    for command in (validate_command, convert_command, show_command, plugins_command):
        cli.add_command(command)
