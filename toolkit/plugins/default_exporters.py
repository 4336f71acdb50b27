"""Built-in plugin: the HTML, DOCX and JSON exporters of form documents."""

from __future__ import annotations

from ..exporters import Exporter
from ..exporters.docx import write_docx
from ..exporters.html import write_html
from ..exporters.jsonfile import write_json
from ..hookspecs import hookimpl


@hookimpl
def register_exporters() -> list[Exporter]:
    """Printable HTML (A4), Word DOCX and the JSON document model."""
    return [
        Exporter("html", (".html", ".htm"), write_html, "standalone printable HTML (A4)"),
        Exporter("docx", (".docx",), write_docx, "Word document"),
        Exporter("json", (".json",), write_json, "form document model as JSON"),
    ]
