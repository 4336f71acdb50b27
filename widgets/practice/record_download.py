"""The download of the trainee's assessment record (rekaman asesmen) after submit: one zip of
the forms ``toolkit.record.build_record`` fills (FR.AK.02, FR.IA.08, FR.MAPA.01, FR.IA.01,
the declaration; HTML and DOCX).

The served app serves no files (``asesorlab serve`` denies them all), so the zip travels in
the widget's own value as a ``data:`` link that the kernel builds after submit — never
before, and only for the attempt submitted.
"""

from __future__ import annotations

import base64
import io
import zipfile
from collections.abc import Mapping

import ipywidgets as w

from toolkit.i18n import _

from .look import Look, esc


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """The files in one zip, in name order, with a fixed date (the same record, the same
    bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


class RecordDownload(w.HTML):
    """Empty until :meth:`offer`; then a link that downloads the record's zip."""

    def __init__(self, look: Look, lang: str) -> None:
        super().__init__("", layout=look.full, style=look.html_style)
        self._lang = lang
        self.filename = ""
        self.data = b""
        self.add_class("asesorlab-record")

    def preparing(self) -> None:
        """Say that the record is being filled (between submit and :meth:`offer`)."""
        self.value = (f'<span class="asesorlab-muted">'
                      f'{esc(_("Filling in your assessment record…", lang=self._lang))}</span>')

    def offer(self, files: Mapping[str, bytes], filename: str) -> None:
        """Offer ``files`` as one zip named ``filename``."""
        self.data, self.filename = zip_bytes(files), filename
        href = "data:application/zip;base64," + base64.b64encode(self.data).decode("ascii")
        names = ", ".join(sorted({name.rsplit(".", 1)[0] for name in files}))
        label = _("Download your assessment record (zip)", lang=self._lang)
        self.value = (f'<a class="asesorlab-record-download" download="{esc(filename)}" '
                      f'href="{href}">{esc(label)}</a> '
                      f'<span class="asesorlab-muted">{esc(names)}</span>')

    def failed(self, problem: str) -> None:
        """Say that the record could not be filled, and why."""
        text = _("The assessment record could not be filled: {problem}", lang=self._lang,
                 problem=problem)
        self.value = f'<span class="asesorlab-error">{esc(text)}</span>'

    def clear(self) -> None:
        """Nothing offered (a new case)."""
        self.value, self.data, self.filename = "", b"", ""


__all__ = ["RecordDownload", "zip_bytes"]
