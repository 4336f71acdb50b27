"""The bank editor of the instrument builder: questions and benchmarks per unit and KUK.

Every rule (what a valid question is) lives in :mod:`toolkit.instruments.bank`;
this widget only collects values and calls it. ``add()`` / ``on_change()`` let a
test drive it without a browser.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from traitlets import Unicode

from toolkit.escaping import html_text as esc
from toolkit.i18n import _
from toolkit.instruments import InstrumentBank, check_bank
from toolkit.instruments.bank import QuestionKind
from toolkit.scheme import Scheme

KINDS: tuple[tuple[str, str], ...] = (
    ("supporting", "FR.IA.03"), ("oral", "FR.IA.07"), ("multiple_choice", "FR.IA.05"),
    ("essay", "FR.IA.06"), ("interview", "FR.IA.09"), ("third_party", "FR.IA.10"),
    ("project", "FR.IA.04B"))


class BankEditor(w.VBox):
    """Add and remove questions of one unit; set a KUK's benchmark."""

    unit = Unicode("", help="code of the unit being edited").tag(sync=True)
    message = Unicode("", help="the last problem or confirmation").tag(sync=True)

    def __init__(self, scheme: Scheme, bank: InstrumentBank, **kwargs: object) -> None:
        self._scheme, self.bank = scheme, bank
        self._callbacks: list[Callable[[], None]] = []
        codes = [(f"{u.code} {u.title}", u.code) for u in scheme.units]
        self._unit = w.Dropdown(options=codes, description=_("Unit"))
        self._kuk = w.SelectMultiple(description="KUK", rows=4)
        self._kind = w.Dropdown(options=[(f"{k} ({form})", k) for k, form in KINDS],
                                description=_("Kind"))
        self._text = w.Textarea(description=_("Question"), layout=w.Layout(width="95%"))
        self._answer = w.Textarea(description=_("Answer"), layout=w.Layout(width="95%"))
        self._options = w.Textarea(description=_("Options"), placeholder=_("one option a line"),
                                   layout=w.Layout(width="95%"))
        self._add = w.Button(description=_("Add question"), icon="plus")
        self._list = w.HTML()
        self._remove_index = w.BoundedIntText(min=1, max=1, description="#")
        self._remove = w.Button(description=_("Remove question"), icon="trash")
        self._benchmark = w.Text(description=_("Benchmark"), layout=w.Layout(width="95%"))
        self._set_benchmark = w.Button(description=_("Set benchmark"))
        self._message = w.HTML()
        super().__init__(children=[
            self._unit, self._kuk, self._kind, self._text, self._answer, self._options,
            self._add, self._list, w.HBox([self._remove_index, self._remove]),
            w.HBox([self._benchmark, self._set_benchmark]), self._message], **kwargs)
        self.add_class("asesorlab-bank-editor")
        self._unit.observe(self._on_unit_value, "value")
        self._add.on_click(self._on_add_click)
        self._remove.on_click(self._on_remove_click)
        self._set_benchmark.on_click(self._on_set_benchmark_click)
        self.unit = self._unit.value or ""
        self._refresh()

    # -- events ------------------------------------------------------------------
    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after every change to the bank."""
        self._callbacks.append(callback)

    def _changed(self) -> None:
        self._refresh()
        for callback in self._callbacks:
            callback()

    def _on_unit_value(self, change: dict) -> None:
        self.unit = change["new"] or ""
        self._refresh()

    def _on_add_click(self, _button: object) -> None:
        options = [line.strip() for line in self._options.value.splitlines() if line.strip()]
        self.add(self.unit, self._kind.value, self._text.value, list(self._kuk.value),
                 self._answer.value, options)

    def _on_remove_click(self, _button: object) -> None:
        questions = self.bank.unit(self.unit).questions
        if questions:
            self.bank.remove_question(self.unit, self._remove_index.value - 1)
            self._changed()

    def _on_set_benchmark_click(self, _button: object) -> None:
        for kuk in self._kuk.value or ():
            self.bank.set_benchmark(self.unit, kuk, self._benchmark.value)
        self._changed()

    # -- actions -----------------------------------------------------------------
    def add(self, unit: str, kind: QuestionKind, text: str, kuk: list[str] | None = None,
            answer: str = "", options: list[str] | None = None) -> bool:
        """Add a question; keep it only if the bank stays valid (else say why)."""
        self.bank.add_question(unit, kind, text, kuk, answer, options)
        problems = check_bank(self.bank, self._scheme)
        if problems:
            self.bank.remove_question(unit, len(self.bank.unit(unit).questions) - 1)
            self.message = "; ".join(message for _path, message in problems)
            self._message.value = f"<span style='color:#a00'>{esc(self.message)}</span>"
            return False
        self.message = _("Question added")
        self._message.value = esc(self.message)
        self._text.value = self._answer.value = self._options.value = ""
        self._changed()
        return True

    def _refresh(self) -> None:
        if not self.unit:
            return
        labels = [ref.label for ref in self._scheme.iter_criteria([self.unit])]
        if list(self._kuk.options) != labels:
            self._kuk.options = labels
        questions = self.bank.unit(self.unit).questions
        items = "".join(
            f"<li><b>{esc(q.kind)}</b> {esc(q.text)}"
            f"{' (KUK ' + esc(', '.join(q.kuk)) + ')' if q.kuk else ''}</li>"
            for q in questions)
        empty_text = _("No questions yet")
        empty = f"<i>{esc(empty_text)}</i>"
        self._list.value = f"<ol>{items}</ol>" if items else empty
        self._remove_index.max = max(1, len(questions))


__all__ = ["BankEditor"]
