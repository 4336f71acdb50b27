"""Built-in plugin: the YAML, JSON and XLSX scheme file types."""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..schemeio import SchemeFormat
from ..schemeio.textformats import read_json, read_yaml, write_json, write_yaml
from ..schemeio.xlsx import read_xlsx, write_xlsx


@hookimpl
def register_scheme_formats() -> list[SchemeFormat]:
    """YAML (``.yaml``/``.yml``), JSON and the LSP spreadsheet layout (``.xlsx``)."""
    return [
        SchemeFormat("yaml", (".yaml", ".yml"), read_yaml, write_yaml, "YAML scheme file"),
        SchemeFormat("json", (".json",), read_json, write_json, "JSON scheme file"),
        SchemeFormat("xlsx", (".xlsx",), read_xlsx, write_xlsx, "LSP scheme spreadsheet"),
    ]
