"""The evidence of one unit, behind a button: the cards are built when first opened.

A portfolio may hold well over a hundred items; built all at once they would cost the
page a thousand widget models before the trainee sees the first KUK. Here a unit's
evidence costs two models until the trainee opens it.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from toolkit.cases.model import EvidenceItem
from toolkit.i18n import _

from .evidence_card import EvidenceCard
from .look import Look, shown


class EvidencePanel(w.VBox):
    """A show/hide button and, once opened, an :class:`EvidenceCard` per item."""

    def __init__(self, items: Sequence[EvidenceItem], look: Look, lang: str) -> None:
        self._items, self._look, self._lang = list(items), look, lang
        self._toggle = w.Button(description=_("Evidence ({count} items): show",
                                              lang=lang, count=len(self._items)),
                                icon="folder", layout=w.Layout(width="auto"))
        self._toggle.add_class("asesorlab-evidence-toggle")
        self._cards = w.VBox(layout=w.Layout(width="100%", display="none"))
        super().__init__([self._toggle, self._cards], layout=w.Layout(width="100%"))
        self._toggle.on_click(self._on_toggle_click)

    @property
    def cards(self) -> list[EvidenceCard]:
        """The cards built so far (none before the first :meth:`expand`)."""
        return [card for card in self._cards.children if isinstance(card, EvidenceCard)]

    @property
    def expanded(self) -> bool:
        """True while the cards are shown."""
        return self._cards.layout.display != "none"

    def expand(self, visible: bool = True) -> None:
        """Show (building them the first time) or hide the cards, as the button does."""
        if visible and not self._cards.children:
            self._cards.children = [EvidenceCard(item, self._look, self._lang)
                                    for item in self._items]
        shown(self._cards, visible)
        self._toggle.description = (
            _("Evidence ({count} items): hide", lang=self._lang, count=len(self._items))
            if visible else
            _("Evidence ({count} items): show", lang=self._lang, count=len(self._items)))

    def _on_toggle_click(self, _button: w.Button) -> None:
        self.expand(not self.expanded)


__all__ = ["EvidencePanel"]
