"""Built-in plugin: the HTML, DOCX and JSON exporters of form documents.

Each writer is imported when a document is written (``lazy_callable``), so python-docx
is loaded only by a command that writes DOCX.
"""

from __future__ import annotations

from ..exporters import Exporter
from ..hookspecs import hookimpl
from . import lazy_callable


@hookimpl
def register_exporters() -> list[Exporter]:
    """Printable HTML (A4), Word DOCX and the JSON document model."""
    return [
        Exporter("html", (".html", ".htm"), lazy_callable("toolkit.exporters.html:write_html"),
                 "standalone printable HTML (A4)"),
        Exporter("docx", (".docx",), lazy_callable("toolkit.exporters.docx:write_docx"),
                 "Word document"),
        Exporter("json", (".json",), lazy_callable("toolkit.exporters.jsonfile:write_json"),
                 "form document model as JSON"),
    ]
