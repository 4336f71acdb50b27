"""Keep the trainee's work on the open case as they go, and put it back on return.

:class:`DraftKeeper` watches every input of the practice area (K/BK, notes, VATM checks,
unit decisions, feedback — including inputs made later, such as a unit's evidence cards
once opened: it watches the boxes' children too). A change schedules a save a couple of
seconds later on the kernel's event loop, so a burst of clicks is one write to
:class:`toolkit.drafts.Drafts`; outside a kernel (tests driving the app) it saves at once.
When the trainee opens a case that has a draft, the draft is put back; a submit removes it.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from toolkit.cases.model import Judgement
from toolkit.drafts import Drafts
from toolkit.store_faults import StoreUnavailable, store_guard

from .kernel_loop import kernel_loop

if TYPE_CHECKING:
    from .app import PracticeApp

#: Seconds from the last change to the save.
SAVE_DELAY = 1.5
#: The draft's own key: the recommendation shown (a judgement always has one).
RECOMMENDED = "_recommendation_shown"


class DraftKeeper:
    """Saves the open case's judgement of one app, restores it when that case is opened."""

    def __init__(self, app: PracticeApp, drafts: Drafts, root: w.Box,
                 delay: float = SAVE_DELAY) -> None:
        self.app, self.drafts, self.delay = app, drafts, delay
        self._root = root
        self._watched: set[int] = set()
        self._quiet = False
        self._pending: asyncio.TimerHandle | None = None
        self._ready: object | None = None  # the opened case whose draft is in place
        self.saves = 0
        self._watch(root)
        for row in app._rows.values():  # K/BK are buttons: the row says when they change
            row.on_change(self._on_value)

    # -- watching ---------------------------------------------------------------------
    def _watch(self, widget: Any) -> None:
        """Observe ``widget`` and everything under it that was not observed yet."""
        if id(widget) not in self._watched:
            self._watched.add(id(widget))
            if isinstance(widget, w.Box):
                widget.observe(self._on_children, "children")
            elif widget.has_trait("value") and not isinstance(widget, w.HTML):
                widget.observe(self._on_value, "value")
        for child in getattr(widget, "children", ()):
            self._watch(child)

    def _on_children(self, change: dict) -> None:
        for child in change["new"]:
            self._watch(child)

    def _on_value(self, _change: Any) -> None:
        opened = self.app._opened
        # a case being opened (its inputs cleared) is not saved until its draft is back
        if self._quiet or opened is None or opened is not self._ready or \
                opened.result is not None:
            return
        self.schedule()

    # -- saving -----------------------------------------------------------------------
    def schedule(self) -> None:
        """Save in :attr:`delay` seconds (one save for a burst of changes)."""
        loop = kernel_loop()
        if loop is None:  # not in a kernel (a test driving the app): save now
            self.save()
            return
        if self._pending is None:
            self._pending = loop.call_later(self.delay, self.save)

    def save(self) -> None:
        """Keep the open case's judgement so far as the trainee's draft."""
        self._pending = None
        app, opened = self.app, self.app._opened
        if opened is None or opened.result is not None or app.trainee is None:
            return
        judgement = app.judgement()
        if judgement is not None:
            data = judgement.model_dump(mode="json")
            data[RECOMMENDED] = app.units.recommendation()  # None: not decided yet
            try:
                with store_guard("keep the draft", app.trainee):
                    self.drafts.save(app.trainee, opened.entry.id, data)
            except StoreUnavailable:  # logged; the work stays in the kernel, kept next time
                return
            self.saves += 1

    # -- the app's moments --------------------------------------------------------------
    def opened(self) -> bool:
        """A case was opened: put back its draft, if there is one (True then)."""
        self._cancel()
        app, opened = self.app, self.app._opened
        self._ready = opened
        if opened is None or app.trainee is None:
            return False
        try:
            with store_guard("read the draft", app.trainee):
                data = self.drafts.load(app.trainee, opened.entry.id)
        except StoreUnavailable:  # logged; the case opens without its draft
            return False
        if not data:
            return False
        decided = data.pop(RECOMMENDED, None)
        try:
            draft = Judgement.model_validate(data)
        except ValueError:  # a draft of an older shape: start afresh
            return False
        self._quiet = True
        try:
            self._restore(draft, decided)
        finally:
            self._quiet = False
        return True

    def submitted(self) -> None:
        """The open case was submitted: its draft is done with."""
        self._cancel()
        app, opened = self.app, self.app._opened
        if opened is not None and app.trainee is not None:
            self.drafts.discard(app.trainee, opened.entry.id)

    def _cancel(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None

    def _restore(self, draft: Judgement, decided: str | None) -> None:
        app = self.app
        rows = {row.kuk_id: row for row in app.rows}
        for kuk, verdict in draft.criteria.items():
            if kuk in rows:
                rows[kuk].choose(verdict)
        for kuk, note in draft.notes.items():
            if kuk in rows:
                rows[kuk].note = note
        wanted = set(draft.evidence)
        for panel in app.evidence_panels:
            if wanted & {item.id for item in panel.items}:
                panel.expand()
        for card in app.evidence_cards:
            if card.item_id in draft.evidence:
                card.set_checks(**draft.evidence[card.item_id].model_dump())
        units = app.units
        for code, verdict in draft.units.items():
            if units.units().get(code) != verdict:
                units.override(code, verdict)
        if decided in ("K", "BK") and units.recommendation() != decided:
            units.override(None, decided)  # type: ignore[arg-type]
        app._feedback.value = draft.feedback


__all__ = ["SAVE_DELAY", "DraftKeeper"]
