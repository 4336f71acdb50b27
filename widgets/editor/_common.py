"""Small helpers shared by the editor's widgets: buttons, message HTML, closing trees."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ipywidgets as w

from toolkit.checks import Finding
from toolkit.editing import SchemeEdit
from toolkit.escaping import html_text as esc


@dataclass
class EditorContext:
    """What every part of the editor shares: the edit, the language, and a refresh call.

    Parts call the :class:`~toolkit.editing.SchemeEdit` operations, rebuild what they
    own, then call :attr:`refresh` so that messages and the unsaved marker follow.
    """

    edit: SchemeEdit
    lang: str
    refresh: Callable[[], None]

_COLOURS = {"error": "#b3261e", "warning": "#8a5a00"}


class Movable:
    """Action pairs of a tree item: ``on_move``/``move`` and ``on_delete``/``delete``."""

    def _init_actions(self) -> None:
        self._move_handlers: list[Callable[[int], None]] = []
        self._delete_handlers: list[Callable[[], None]] = []

    def on_move(self, callback: Callable[[int], None]) -> None:
        """Call ``callback(delta)`` (-1 up, +1 down) when a move is asked for."""
        self._move_handlers.append(callback)

    def move(self, delta: int) -> None:
        """Ask to move this item by ``delta`` places (what the arrow buttons do)."""
        for callback in self._move_handlers:
            callback(delta)

    def on_delete(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` when deletion is asked for."""
        self._delete_handlers.append(callback)

    def delete(self) -> None:
        """Ask to delete this item (what the bin button does)."""
        for callback in self._delete_handlers:
            callback()

    def _action_buttons(self, up: str, down: str, delete: str) -> list[w.Button]:
        return [small_button("arrow-up", up, lambda: self.move(-1)),
                small_button("arrow-down", down, lambda: self.move(1)),
                small_button("trash", delete, self.delete, "asesorlab-delete")]


def small_button(icon: str, tooltip: str, on_click: Callable[[], None],
                 css_class: str = "") -> w.Button:
    """A narrow icon button that calls ``on_click()``."""
    button = w.Button(icon=icon, tooltip=tooltip, layout=w.Layout(width="2.4em", padding="0"))
    if css_class:
        button.add_class(css_class)
    button.on_click(lambda _button: on_click())
    return button


def findings_html(findings: Iterable[Finding], extra: str = "") -> str:
    """Findings as short coloured lines (empty string when there are none)."""
    lines = [f'<div class="asesorlab-{f.severity}" style="color:{_COLOURS[f.severity]}">'
             f"{'⛔' if f.severity == 'error' else '⚠'} {esc(f.message)}</div>"
             for f in findings]
    if extra:
        lines.append(f'<div class="asesorlab-inside" style="color:#555">{esc(extra)}'
                     "</div>")
    return "".join(lines)


def close_tree(widget: w.Widget) -> None:
    """Close ``widget`` and every widget below it, so the browser drops their models."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()


__all__ = ["EditorContext", "Movable", "close_tree", "findings_html", "small_button"]
