"""A plain-text outline scheme format (``.outline``), read and written by this plugin.

::

    Kode Skema: SKM-01
    Judul Skema: Contoh
    J.620100.004.02 Menggunakan Struktur Data
      - Mengidentifikasi konsep data
        * Konsep data diidentifikasi
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from toolkit.cli import pass_host
from toolkit.hookspecs import hookimpl
from toolkit.scheme import Scheme
from toolkit.schemeio import LoadedScheme, Locator, SchemeFormat, build_scheme, load_scheme
from toolkit.schemeio.atomic import write_text_atomic


def read_outline(path: Path) -> LoadedScheme:
    """Parse an outline file, keeping the line of every unit, element and KUK."""
    locator = Locator(str(path))
    data: dict[str, Any] = {"units": []}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        units = data["units"]
        if line.startswith("Kode Skema:"):
            data["code"] = line.split(":", 1)[1].strip()
            locator.lines[("code",)] = number
        elif line.startswith("Judul Skema:"):
            data["title"] = line.split(":", 1)[1].strip()
            locator.lines[("title",)] = number
        elif line.startswith("- ") and units:
            units[-1]["elements"].append({"title": line[2:].strip(), "criteria": []})
            locator.lines[("units", len(units) - 1, "elements",
                           len(units[-1]["elements"]) - 1)] = number
        elif line.startswith("* ") and units and units[-1]["elements"]:
            criteria = units[-1]["elements"][-1]["criteria"]
            criteria.append(line[2:].strip())
            locator.lines[("units", len(units) - 1, "elements", len(units[-1]["elements"]) - 1,
                           "criteria", len(criteria) - 1)] = number
        else:
            code, _, title = line.partition(" ")
            units.append({"code": code, "title": title.strip(), "elements": []})
            locator.lines[("units", len(units) - 1)] = number
    return build_scheme(data, locator)


def write_outline(scheme: Scheme, path: Path) -> None:
    """Write ``scheme`` as an outline file."""
    lines = [f"Kode Skema: {scheme.code}", f"Judul Skema: {scheme.title}"]
    for unit in scheme.units:
        lines.append(f"{unit.code} {unit.title}")
        for element in unit.elements:
            lines.append(f"  - {element.title}")
            lines.extend(f"    * {criterion.text}" for criterion in element.criteria)
    write_text_atomic(path, "\n".join(lines) + "\n")


@click.command("outline")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_host
def outline_command(host: Any, file: Path) -> int:
    """Print a scheme file as an indented outline."""
    scheme = load_scheme(file, host).scheme
    for unit in scheme.units:
        click.echo(f"{unit.code} {unit.title}")
        for element in unit.elements:
            click.echo(f"  - {element.title}")
    return 0


@hookimpl
def register_scheme_formats() -> list[SchemeFormat]:
    """The ``.outline`` file type."""
    return [SchemeFormat("outline", (".outline",), read_outline, write_outline,
                         "indented plain-text outline")]


@hookimpl
def register_commands(cli: click.Group) -> None:
    """The ``outline`` command."""
    cli.add_command(outline_command)
