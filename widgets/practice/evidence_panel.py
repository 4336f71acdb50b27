"""The evidence of one unit, behind a button: the cards are built when first opened.

A portfolio may hold well over a hundred items; built all at once they would cost the
page a thousand widget models before the trainee sees the first KUK. Here a unit's
evidence costs two models (the panel and its button) until the trainee opens it. The
panel stays for the next case (:meth:`EvidencePanel.use`), empty when the case has no
item for its unit; shown cards are children of the panel, hidden ones are not in the page.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as w

from toolkit.cases.model import EvidenceItem
from toolkit.i18n import _

from .evidence_card import EvidenceCard
from .look import Look


class EvidencePanel(w.VBox):
    """A show/hide button and, once opened, an :class:`EvidenceCard` per item."""

    def __init__(self, items: Sequence[EvidenceItem], look: Look, lang: str,
                 labels: dict[str, str] | None = None) -> None:
        self._look, self._lang, self._labels = look, lang, labels or {}
        self._items: list[EvidenceItem] = []
        self._cards: list[EvidenceCard] = []
        self._expanded = False
        self._toggle = look.button("", "asesorlab-evidence-toggle", icon="folder")
        super().__init__([self._toggle], layout=look.full)
        self._toggle.on_click(self._on_toggle_click)
        self.use(items)

    @property
    def items(self) -> list[EvidenceItem]:
        """The items of the panel."""
        return list(self._items)

    @property
    def cards(self) -> list[EvidenceCard]:
        """The cards built so far (none before the first :meth:`expand`)."""
        return list(self._cards)

    @property
    def expanded(self) -> bool:
        """True while the cards are shown."""
        return self._expanded

    def use(self, items: Sequence[EvidenceItem]) -> None:
        """Hold other items (a new case): closed, with the previous cards dropped."""
        old = self._cards
        self._items, self._cards, self._expanded = list(items), [], False
        self.children = (self._toggle,) if self._items else ()  # no items: nothing shown
        for card in old:
            card.close()
        self._show_label()

    def expand(self, visible: bool = True) -> None:
        """Show (building them the first time) or hide the cards, as the button does."""
        if visible and not self._cards:
            self._cards = [EvidenceCard(item, self._look, self._lang, self._labels)
                           for item in self._items]
        if not self._items:
            return
        self._expanded = visible
        self.children = (self._toggle, *self._cards) if visible else (self._toggle,)
        self._show_label()

    def _show_label(self) -> None:
        count = len(self._items)
        self._toggle.description = (
            _("Evidence ({count} items): hide", lang=self._lang, count=count)
            if self._expanded else
            _("Evidence ({count} items): show", lang=self._lang, count=count))

    def _on_toggle_click(self, _button: w.Button) -> None:
        self.expand(not self.expanded)


__all__ = ["EvidencePanel"]
