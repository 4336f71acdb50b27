"""Built-in plugin: the YAML, JSON and XLSX scheme file types.

The readers and writers are imported when a file is read or written (``lazy_callable``),
so registering the formats costs nothing: the command line starts without YAML, pydantic
or openpyxl and imports each only when a command needs it.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..schemeio import SchemeFormat
from . import lazy_callable

_TEXT = "toolkit.schemeio.textformats"
_XLSX = "toolkit.schemeio.xlsx"


@hookimpl
def register_scheme_formats() -> list[SchemeFormat]:
    """YAML (``.yaml``/``.yml``), JSON and the LSP spreadsheet layout (``.xlsx``)."""
    return [
        SchemeFormat("yaml", (".yaml", ".yml"), lazy_callable(f"{_TEXT}:read_yaml"),
                     lazy_callable(f"{_TEXT}:write_yaml"), "YAML scheme file"),
        SchemeFormat("json", (".json",), lazy_callable(f"{_TEXT}:read_json"),
                     lazy_callable(f"{_TEXT}:write_json"), "JSON scheme file"),
        SchemeFormat("xlsx", (".xlsx",), lazy_callable(f"{_XLSX}:read_xlsx"),
                     lazy_callable(f"{_XLSX}:write_xlsx"), "LSP scheme spreadsheet"),
    ]
