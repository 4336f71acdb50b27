"""The case as a trainee sees it: profile, evidence cards, observation notes, answers.

The read-only renderers are the practice app's (:mod:`widgets.practice.case_view`,
:mod:`widgets.practice.evidence_card`), so both apps show a case the same way.
"""

from __future__ import annotations

import ipywidgets as w

from toolkit.cases.model import Case
from toolkit.i18n import _
from widgets.practice.case_view import case_html
from widgets.practice.evidence_card import card_html
from widgets.practice.look import CSS, esc


class TraineeView(w.VBox):
    """One case, read-only, with one card per evidence item (CSS ``asesorlab-evidence``)."""

    def __init__(self, lang: str) -> None:
        self._lang = lang
        self._case = w.HTML(_("Generate a case to see it here.", lang=lang))
        self._heading = w.HTML()
        self._cards = w.VBox()
        super().__init__([w.HTML(f"<style>{CSS}</style>", layout=w.Layout(display="none")),
                          self._case, self._heading, self._cards],
                         layout=w.Layout(flex="1 1 380px", width="auto", min_width="0",
                                         padding="0 8px 0 0"))
        self.add_class("asesorlab-case-view")

    @property
    def cards(self) -> list[w.HTML]:
        """The evidence cards, in case order."""
        return list(self._cards.children)  # type: ignore[arg-type]

    def show(self, case: Case, labels: dict[str, str]) -> None:
        """Show ``case``; ``labels`` maps KUK ids to their printed numbers."""
        self._case.value = case_html(case, self._lang, labels)
        self._heading.value = "<h3>{}</h3>".format(
            esc(_("Evidence ({count})", count=len(case.evidence), lang=self._lang)))
        for card in self._cards.children:
            card.close()
        cards = []
        for item in case.evidence:
            card = w.HTML(card_html(item, self._lang), layout=w.Layout(width="auto"))
            card.add_class("asesorlab-evidence")
            cards.append(card)
        self._cards.children = cards


__all__ = ["TraineeView"]
