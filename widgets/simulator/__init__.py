"""The case simulator: generate a simulated asesi, browse it beside its key, override."""

from __future__ import annotations

from .controls import SimulatorControls
from .key_review import KeyReview, key_html
from .simulator import CaseSimulator
from .trainee_view import TraineeView

__all__ = ["CaseSimulator", "KeyReview", "SimulatorControls", "TraineeView", "key_html"]
