"""The scheme editor: units → elements → KUK, checked as you type, saved atomically."""

from __future__ import annotations

from .editor import SchemeEditor
from .element_panel import ElementPanel
from .kuk_row import KukRow
from .toolbar import Toolbar
from .tree import SchemeTree
from .unit_panel import UnitPanel

__all__ = ["ElementPanel", "KukRow", "SchemeEditor", "SchemeTree", "Toolbar", "UnitPanel"]
