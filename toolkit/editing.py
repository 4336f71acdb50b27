"""Editing a scheme: add, change, move and delete units, elements and KUK, with undo.

:class:`SchemeEdit` holds the scheme being edited and a history of snapshots, so
that every operation can be undone (and redone). Consecutive changes of the same
text field (typing in one box) count as one step. A revision counter tells
whether the scheme differs from what was last saved (:attr:`SchemeEdit.dirty`).

Items are addressed by their position: unit ``u``, element ``e`` of that unit,
KUK ``k`` of that element, all counted from 0. A position out of range raises
:class:`EditError` with a message naming what exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import Finding, check_scheme
from .errors import SchemeInvalid
from .i18n import _
from .scheme import Criterion, Element, Scheme, Unit
from .schemeio import load_scheme, sample_scheme_path
from .schemeio.atomic import write_bytes_atomic

if TYPE_CHECKING:
    from .plugins import PluginHost

DataPath = tuple[str | int, ...]


class EditError(IndexError):
    """An edit named an item that does not exist."""


@dataclass(frozen=True)
class _Step:
    label: str
    snapshot: Scheme
    revision: int


def empty_scheme() -> Scheme:
    """A new scheme with no units, to start from."""
    return Scheme(code="", title="", units=[])


class SchemeEdit:
    """A scheme under edit, with undo/redo history and an unsaved-changes marker."""

    def __init__(self, scheme: Scheme | None = None, history_limit: int = 100) -> None:
        self.scheme: Scheme = (scheme or empty_scheme()).model_copy(deep=True)
        self.history_limit = history_limit
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self._revision = 0
        self._next_revision = 1
        self._saved_revision = 0
        self._coalesce_key: DataPath | None = None
        self._listeners: list[Callable[[SchemeEdit, str], None]] = []

    # -- state -----------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """True when the scheme differs from the last saved (or loaded) state."""
        return self._revision != self._saved_revision

    @property
    def can_undo(self) -> bool:
        """True when there is a change to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone change to redo."""
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        """What :meth:`undo` would undo (translated), or ``None``."""
        return self._undo[-1].label if self._undo else None

    def mark_saved(self) -> None:
        """Record that the current state is what is on disk."""
        self._saved_revision = self._revision
        self._coalesce_key = None

    def reset(self, scheme: Scheme) -> None:
        """Start over on ``scheme`` (e.g. a file just opened): no history, not dirty."""
        self.scheme = scheme.model_copy(deep=True)
        self._undo.clear()
        self._redo.clear()
        self._revision = self._saved_revision = 0
        self._coalesce_key = None
        self._notify("reset")

    def on_change(self, callback: Callable[[SchemeEdit, str], None]) -> None:
        """Call ``callback(edit, kind)`` after every change, undo, redo or reset.

        ``kind`` names what changed: ``units``, ``unit``, ``elements``, ``element``,
        ``criteria``, ``criterion``, ``scheme``, ``undo``, ``redo`` or ``reset``.
        """
        self._listeners.append(callback)

    def findings(self) -> list[Finding]:
        """The errors and warnings of the scheme as it is now."""
        return check_scheme(self.scheme)

    # -- history ---------------------------------------------------------------
    def _notify(self, label: str) -> None:
        for callback in list(self._listeners):
            callback(self, label)

    def _record(self, label: str, key: DataPath | None = None) -> None:
        """Snapshot the state before a change (unless it continues the last text edit)."""
        if key is not None and key == self._coalesce_key and self._undo:
            self._revision = self._next_revision
            self._next_revision += 1
            return
        self._undo.append(_Step(label, self.scheme.model_copy(deep=True), self._revision))
        del self._undo[: -self.history_limit]
        self._redo.clear()
        self._revision = self._next_revision
        self._next_revision += 1
        self._coalesce_key = key

    def undo(self) -> bool:
        """Undo the last change; False when there is nothing to undo."""
        if not self._undo:
            return False
        step = self._undo.pop()
        self._redo.append(_Step(step.label, self.scheme, self._revision))
        self.scheme, self._revision = step.snapshot, step.revision
        self._coalesce_key = None
        self._notify("undo")
        return True

    def redo(self) -> bool:
        """Redo the last undone change; False when there is none."""
        if not self._redo:
            return False
        step = self._redo.pop()
        self._undo.append(_Step(step.label, self.scheme, self._revision))
        self.scheme, self._revision = step.snapshot, step.revision
        self._coalesce_key = None
        self._notify("redo")
        return True

    # -- lookups ---------------------------------------------------------------
    def unit(self, u: int) -> Unit:
        """Unit ``u``; :class:`EditError` when there is none."""
        if not 0 <= u < len(self.scheme.units):
            raise EditError(_("there is no unit {number}; the scheme has {count} units",
                              number=u + 1, count=len(self.scheme.units)))
        return self.scheme.units[u]

    def element(self, u: int, e: int) -> Element:
        """Element ``e`` of unit ``u``."""
        unit = self.unit(u)
        if not 0 <= e < len(unit.elements):
            raise EditError(_("unit {code} has no element {number}; it has {count}",
                              code=unit.code, number=e + 1, count=len(unit.elements)))
        return unit.elements[e]

    def criterion(self, u: int, e: int, k: int) -> Criterion:
        """KUK ``k`` of element ``e`` of unit ``u``."""
        element = self.element(u, e)
        if not 0 <= k < len(element.criteria):
            raise EditError(_("element {element} of unit {code} has no KUK {number}",
                              element=e + 1, code=self.unit(u).code, number=k + 1))
        return element.criteria[k]

    # -- scheme fields ---------------------------------------------------------
    def set_scheme_field(self, field: str, value: str) -> None:
        """Change the scheme's ``code``, ``title`` or ``standard``."""
        if field not in ("code", "title", "standard"):
            raise EditError(_("the scheme has no editable field {field!r}", field=field))
        self._record(_("edit scheme {field}", field=field), ("scheme", field))
        setattr(self.scheme, field, value)
        self._notify("scheme")

    # -- units -----------------------------------------------------------------
    def add_unit(self, code: str = "", title: str = "", index: int | None = None) -> int:
        """Insert a unit (at the end by default) with one empty element; return its index."""
        units = self.scheme.units
        where = len(units) if index is None else max(0, min(index, len(units)))
        self._record(_("add unit"))
        units.insert(where, Unit(code=code, title=title,
                                 elements=[Element(title="", criteria=[Criterion(text="")])]))
        self._notify("units")
        return where

    def update_unit(self, u: int, *, code: str | None = None, title: str | None = None) -> None:
        """Change a unit's code and/or title; typing in one field is one undo step."""
        unit = self.unit(u)
        fields = tuple(name for name, value in (("code", code), ("title", title))
                       if value is not None)
        self._record(_("edit unit {code}", code=unit.code), ("units", u, *fields))
        if code is not None:
            unit.code = code
        if title is not None:
            unit.title = title
        self._notify("unit")

    def move_unit(self, u: int, to: int) -> int:
        """Move unit ``u`` to position ``to`` (clamped); return where it landed."""
        return self._move(self.scheme.units, u, to, self.unit, _("move unit"), "units")

    def delete_unit(self, u: int) -> Unit:
        """Remove unit ``u`` and return it."""
        self.unit(u)
        self._record(_("delete unit"))
        removed = self.scheme.units.pop(u)
        self._notify("units")
        return removed

    # -- elements --------------------------------------------------------------
    def add_element(self, u: int, title: str = "", index: int | None = None) -> int:
        """Insert an element with one empty KUK into unit ``u``; return its index."""
        elements = self.unit(u).elements
        where = len(elements) if index is None else max(0, min(index, len(elements)))
        self._record(_("add element"))
        elements.insert(where, Element(title=title, criteria=[Criterion(text="")]))
        self._notify("elements")
        return where

    def update_element(self, u: int, e: int, title: str) -> None:
        """Change an element's title."""
        element = self.element(u, e)
        self._record(_("edit element"), ("units", u, "elements", e, "title"))
        element.title = title
        self._notify("element")

    def move_element(self, u: int, e: int, to: int) -> int:
        """Move element ``e`` of unit ``u`` to position ``to``; return where it landed."""
        return self._move(self.unit(u).elements, e, to, lambda i: self.element(u, i),
                          _("move element"), "elements")

    def delete_element(self, u: int, e: int) -> Element:
        """Remove element ``e`` of unit ``u`` and return it."""
        self.element(u, e)
        self._record(_("delete element"))
        removed = self.scheme.units[u].elements.pop(e)
        self._notify("elements")
        return removed

    # -- criteria (KUK) ----------------------------------------------------------
    def add_criterion(self, u: int, e: int, text: str = "", index: int | None = None) -> int:
        """Insert a KUK into element ``e`` of unit ``u``; return its index."""
        criteria = self.element(u, e).criteria
        where = len(criteria) if index is None else max(0, min(index, len(criteria)))
        self._record(_("add KUK"))
        criteria.insert(where, Criterion(text=text))
        self._notify("criteria")
        return where

    def update_criterion(self, u: int, e: int, k: int, text: str) -> None:
        """Change a KUK's text."""
        criterion = self.criterion(u, e, k)
        self._record(_("edit KUK"), ("units", u, "elements", e, "criteria", k))
        criterion.text = text
        self._notify("criterion")

    def move_criterion(self, u: int, e: int, k: int, to: int) -> int:
        """Move KUK ``k`` within its element to position ``to``; return where it landed."""
        return self._move(self.element(u, e).criteria, k, to,
                          lambda i: self.criterion(u, e, i), _("move KUK"), "criteria")

    def delete_criterion(self, u: int, e: int, k: int) -> Criterion:
        """Remove a KUK and return it."""
        self.criterion(u, e, k)
        self._record(_("delete KUK"))
        removed = self.scheme.units[u].elements[e].criteria.pop(k)
        self._notify("criteria")
        return removed

    # -- shared ------------------------------------------------------------------
    def _move(self, items: list, index: int, to: int, check: Callable[[int], object],
              label: str, kind: str) -> int:
        check(index)
        target = max(0, min(to, len(items) - 1))
        if target == index:
            return index
        self._record(label)
        items.insert(target, items.pop(index))
        self._notify(kind)
        return target


def open_for_edit(path: str | Path, host: PluginHost | None = None) -> Scheme:
    """Read a scheme file to edit it, accepting a half-written scheme.

    Rule errors (an empty element, a duplicate code) do not stop an editor: the
    scheme is returned and the editor shows them. A file whose structure is broken
    (syntax, unknown keys) raises :class:`~toolkit.errors.SchemeInvalid`.
    """
    try:
        return load_scheme(path, host).scheme
    except SchemeInvalid as exc:
        if exc.scheme is None:
            raise
        return exc.scheme


def ensure_scheme_file(path: str | Path) -> Path:
    """``path``, first made as a copy of the bundled sample scheme when it does not exist.

    A notebook can then name its own scheme file and edit it without touching the
    sample that ships with the package.
    """
    target = Path(path)
    if not target.exists():
        write_bytes_atomic(target, sample_scheme_path().read_bytes())
    return target


def findings_under(findings: list[Finding], path: DataPath,
                   exact: bool = False) -> list[Finding]:
    """The findings at ``path`` (``exact``) or at or below it."""
    size = len(path)
    if exact:
        return [f for f in findings if f.path == path or
                (f.path[:size] == path and len(f.path) == size + 1
                 and isinstance(f.path[-1], str))]
    return [f for f in findings if f.path[:size] == path]


__all__ = [
    "EditError",
    "SchemeEdit",
    "empty_scheme",
    "ensure_scheme_file",
    "findings_under",
    "open_for_edit",
]
