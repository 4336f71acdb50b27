"""Navigation by unit: a unit list with progress ("12/68 KUK dinilai", per unit and
overall), a button that jumps to the next unjudged KUK, and one section per unit.

Each unit's heading, evidence panel and KUK rows sit in a section of their own (a box
with the class ``asesorlab-unit-section``); the shown unit's section carries
``asesorlab-unit-current``. On a phone the stylesheet shows the current section only, so
the page is one unit long; on a wide screen every section stays on the page. Choosing a
unit in the list (a select: a phone's own picker) shows it and moves the focus to its
first unjudged KUK. Progress is read from the rows' ``verdict`` traits (a row is judged
once it is K or BK), so it follows every change however it is made: a click, a test, a
restored draft.

The nav costs the page four widget models (its bar, the list, the jump buttons above and
below the units, which say the progress) and a section per unit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w
from traitlets import Unicode

from toolkit.i18n import _

from .kuk_row import KukRow
from .look import Look

CURRENT = "asesorlab-unit-current"


class _Unit:
    """One unit: its section and its rows."""

    def __init__(self, code: str, title: str, parts: Sequence[w.Widget],
                 rows: Sequence[KukRow], look: Look) -> None:
        self.code, self.title, self.rows = code, title, list(rows)
        self.section = w.VBox(list(parts), layout=look.full)
        self.section.add_class("asesorlab-unit-section")

    @property
    def judged(self) -> int:
        return sum(row.verdict is not None for row in self.rows)


class UnitNav(w.HBox):
    """The unit list and progress of the open case; :attr:`sections` are what the app
    puts on the page, in scheme order, and :attr:`footer` goes under them."""

    current = Unicode("", help="the code of the unit shown (on a phone, the only one)")

    def __init__(self, look: Look, lang: str) -> None:
        self._look, self._lang = look, lang
        self._all: dict[str, _Unit] = {}
        self._active: list[str] = []
        self._last: KukRow | None = None
        self._quiet = False  # True while the kernel itself sets the list's options or value
        # a unit per option, with its progress: choosing one shows it and goes to its first
        # unjudged KUK (a select is one model, and a phone's own picker)
        self._list = w.Dropdown(options=[], description=_("Unit", lang=lang),
                                layout=look.select, style=look.select_style)
        self._list.add_class("asesorlab-unit-list")
        # the jump button says the progress (one model less than a line of its own)
        self._next = self._jump_button()
        super().__init__([self._next, self._list], layout=look.bar)
        self.add_class("asesorlab-unit-nav")
        # under the last section: the same jump, so a phone need not scroll back up
        self.footer = self._jump_button()
        self.footer.add_class("asesorlab-nav-footer")
        self._handlers: list[Callable[[str], None]] = []
        self._list.observe(self._on_list_value, "value")

    def _jump_button(self) -> w.Button:
        button = w.Button(description="", icon="arrow-down", layout=self._look.auto,
                          style=self._look.button_style,
                          tooltip=_("Go to the next KUK not yet marked K or BK",
                                    lang=self._lang))
        button.add_class("asesorlab-next-unjudged")
        button.on_click(self._on_next_click)
        return button

    # -- building ------------------------------------------------------------------
    def add_unit(self, code: str, title: str, parts: Sequence[w.Widget]) -> w.VBox:
        """Take a unit of the scheme: its parts (heading, evidence panel, KUK rows) go into
        a section of their own, which is returned; its :class:`KukRow` parts are counted."""
        rows = [part for part in parts if isinstance(part, KukRow)]
        unit = self._all[code] = _Unit(code, title, parts, rows, self._look)
        for row in unit.rows:
            row.observe(self._on_row_verdict, "verdict")
        return unit.section

    def use_units(self, codes: Sequence[str]) -> None:
        """Show the units of a new case (scheme order), the first one current."""
        wanted = set(codes)
        self._active = [code for code in self._all if code in wanted]
        self._last = None
        self.current = ""
        self._show_progress()
        self.show_unit(self._active[0] if self._active else "")

    @property
    def sections(self) -> list[w.VBox]:
        """The sections of the open case's units, in scheme order."""
        return [self._all[code].section for code in self._active]

    # -- state ---------------------------------------------------------------------
    @property
    def units(self) -> list[str]:
        """The codes of the open case's units."""
        return list(self._active)

    def unit_progress(self, code: str) -> tuple[int, int]:
        """(judged, total) KUK of one unit of the open case."""
        unit = self._all[code]
        return unit.judged, len(unit.rows)

    @property
    def progress(self) -> tuple[int, int]:
        """(judged, total) KUK of the open case."""
        counts = [self.unit_progress(code) for code in self._active]
        return sum(c[0] for c in counts), sum(c[1] for c in counts)

    @property
    def progress_text(self) -> str:
        """The overall line as shown: ``12/68 KUK dinilai``."""
        judged, total = self.progress
        return _("{judged}/{total} KUK judged", lang=self._lang, judged=judged, total=total)

    def unit_label(self, code: str) -> str:
        """A unit's entry in the list: code, progress, title (``J.620100.004.02 · 3/9 ·
        Menggunakan Struktur Data``; ✓ once every KUK is judged)."""
        judged, total = self.unit_progress(code)
        done = " ✓" if judged == total else ""
        return f"{code} · {judged}/{total}{done} · {self._all[code].title}"

    @property
    def unit_labels(self) -> list[str]:
        """The list's entries as shown, in order."""
        return [str(label) for label, _code in self._list.options]

    # -- actions -------------------------------------------------------------------
    def on_show(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(code)`` when another unit is shown."""
        self._handlers.append(callback)

    def show_unit(self, code: str, focus: bool = False) -> None:
        """Show a unit of the open case (as the list does); with ``focus``, move the
        focus to its first unjudged KUK (else its first)."""
        if code and code not in self._active:
            raise ValueError(f"no unit {code!r} in the open case; the units are "
                             f"{self._active}")
        if code != self.current:
            for name, unit in self._all.items():
                css = unit.section.add_class if name == code else unit.section.remove_class
                css(CURRENT)
            self.current = code
            self._set_list(value=code)
            for handler in self._handlers:
                handler(code)
        if focus and code:
            rows = self._all[code].rows
            target = next((row for row in rows if row.verdict is None), rows[0] if rows else None)
            if target is not None:
                target.focus_verdict()

    def next_unjudged(self) -> KukRow | None:
        """Show the unit of the next KUK not yet judged (after the last one judged or
        jumped to, wrapping round) and focus its K button; None when every KUK is judged."""
        rows = [row for code in self._active for row in self._all[code].rows]
        start = rows.index(self._last) + 1 if self._last in rows else 0
        target = next((row for row in rows[start:] + rows[:start] if row.verdict is None),
                      None)
        if target is None:
            return None
        self._last = target
        self.show_unit(target.kuk_id.rpartition("/")[0])
        target.focus_verdict()
        return target

    # -- handlers ------------------------------------------------------------------
    def _on_next_click(self, _button: w.Button) -> None:
        self.next_unjudged()

    def _on_list_value(self, change: dict[str, Any]) -> None:
        if not self._quiet and change["new"]:
            self.show_unit(str(change["new"]), focus=True)

    def _set_list(self, options: list[tuple[str, str]] | None = None,
                  value: str | None = None) -> None:
        """Set the list's options and/or value as the kernel's own change (new options
        would select the first unit: the shown one is kept), sent to the page at once."""
        self._quiet = True
        try:
            with self._list.hold_sync():
                if options is not None:
                    self._list.options = options
                wanted = self.current if value is None else value
                if wanted and self._list.value != wanted:
                    self._list.value = wanted
        finally:
            self._quiet = False

    def _on_row_verdict(self, change: dict[str, Any]) -> None:
        row = change["owner"]
        if change["new"] is not None:
            self._last = row
        if row.kuk_id.rpartition("/")[0] in self._active:
            self._show_progress()

    def _show_progress(self) -> None:
        judged, total = self.progress
        text = self.progress_text if judged == total else _(
            "{progress} · next unjudged KUK", lang=self._lang, progress=self.progress_text)
        for button in (self._next, self.footer):
            button.description, button.disabled = text, judged == total
        options = [(self.unit_label(code), code) for code in self._active]
        if list(self._list.options) != options:
            self._set_list(options)


__all__ = ["UnitNav"]
