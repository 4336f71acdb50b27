"""One KUK in the editor: its number, its text, and move/delete buttons."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from traitlets import Unicode

from toolkit.checks import Finding
from toolkit.i18n import _

from ._common import Movable, findings_html


class KukRow(w.HBox, Movable):
    """A KUK's label (``1.2``) and editable text; tells its owner about edits."""

    value = Unicode(help="the KUK statement as shown in the text box")
    label = Unicode(help="the printed number, e.g. 1.2")

    def __init__(self, label: str, text: str, lang: str) -> None:
        self._init_actions()
        self._number = w.Label(label, layout=w.Layout(width="3em", flex="0 0 auto"))
        self._text = w.Textarea(value=text, rows=2, continuous_update=False,
                                placeholder=_("KUK statement (passive, observable)", lang=lang),
                                layout=w.Layout(flex="1 1 auto", width="auto"))
        self._message = w.HTML(layout=w.Layout(flex="0 1 auto", max_width="40%"))
        buttons = self._action_buttons(_("Move KUK up", lang=lang),
                                       _("Move KUK down", lang=lang),
                                       _("Delete KUK", lang=lang))
        super().__init__([self._number, self._text, self._message, *buttons],
                         layout=w.Layout(width="100%", align_items="flex-start"))
        self.add_class("asesorlab-kuk")
        self.label, self.value = label, text
        w.link((self._text, "value"), (self, "value"))
        w.dlink((self, "label"), (self._number, "value"))

    def on_edit(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(text)`` when the text changes."""
        self.observe(lambda change: callback(change["new"]), "value")

    def show_findings(self, findings: list[Finding]) -> None:
        """Show the problems of this KUK beside it."""
        self._message.value = findings_html(findings)


__all__ = ["KukRow"]
