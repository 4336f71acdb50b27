"""The assessor's other duties in the practice app (issue 11), wired into
:class:`~widgets.practice.app.PracticeApp` with a few lines: the plan (FR.MAPA.01) and the
objectivity declaration before judging, the FR.AK.02 tindak lanjut and komentar beside the
feedback, timed mode's deadline, and the record offered after submit.

The rules are the toolkit's: the methods and their evidence classes
(:data:`toolkit.cases.plan.METHOD_EVIDENCE`), the instruments a plan may name
(:data:`toolkit.cases.plan.PLAN_INSTRUMENTS`), the scoring and the record
(:func:`toolkit.record.build_record`, called only after submit). Nothing of the key is
read here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from toolkit.cases.duties_model import METHODS
from toolkit.cases.model import Case, Judgement
from toolkit.cases.plan import METHOD_EVIDENCE, PLAN_INSTRUMENTS
from toolkit.i18n import _
from toolkit.plugins import default_host
from toolkit.scheme import Scheme

from .deadline import Deadline, limit_seconds
from .integrity_panel import IntegrityPanel
from .kernel_loop import kernel_loop
from .look import Look
from .plan_panel import PlanPanel
from .record_download import RecordDownload
from .record_notes import RecordNotes
from .timer import Timer


def plan_instruments(lang: str) -> list[tuple[str, str]]:
    """The assessment instruments a plan may name
    (:data:`~toolkit.cases.plan.PLAN_INSTRUMENTS`), each with its registered form's title."""
    forms = {form.code: form for form in default_host().collect("register_instruments")}
    return [(code, forms[code].title(lang) if code in forms else "")
            for code in PLAN_INSTRUMENTS]


class Duties:
    """The panels of the other duties and the deadline of one app."""

    def __init__(self, units: list[tuple[str, str]], look: Look, lang: str) -> None:
        self._lang = lang
        methods = [(method, METHOD_EVIDENCE.get(method, "")) for method in METHODS]
        self.plan = PlanPanel(units, methods, lambda: plan_instruments(lang), look, lang)
        self.integrity = IntegrityPanel(look, lang)
        self.notes = RecordNotes(look, lang)
        self.deadline = Deadline()
        self._generation = 0  # one per opened case: a late record is not offered

    def use_case(self, case: Case) -> None:
        """Lay out a new case's plan units and situation; clear every choice."""
        self.plan.use_units(case.units)
        self.integrity.use_case(case)
        self.notes.reset()

    def fields(self) -> dict[str, Any]:
        """The judgement's fields these panels hold."""
        return {"plan": self.plan.plan, "integrity": self.integrity.declaration,
                "next_steps": self.notes.next_steps, "comments": self.notes.comments}

    def judging_required(self) -> bool:
        """False when the trainee declines the assessment (a conflict of interest): then
        the case goes in without a decision on every KUK."""
        declaration = self.integrity.declaration
        return declaration is None or declaration.act != "decline"

    def opened(self, case: Case, timer: Timer, on_zero: Callable[[], None],
               download: RecordDownload) -> None:
        """A case is opened: no record offered; the timer restarts — counting down, with
        the kernel's deadline, when ``case`` is timed (:func:`~.deadline.limit_seconds`),
        else counting up."""
        self._generation += 1
        download.clear()
        limit = limit_seconds(case)
        timer.restart(limit)
        if limit is None:
            self.deadline.cancel()
        else:
            self.deadline.start(limit, timer.warn, on_zero)

    def offer_record(self, scheme: Scheme, case: Case, judgement: Judgement,
                     download: RecordDownload) -> None:
        """Fill the submitted ``judgement``'s record and offer it: just after this turn of
        the kernel's event loop, so the debrief reaches the page first; at once without a
        loop."""
        filename = _("assessment-record-{case}.zip", lang=self._lang, case=judgement.case)
        generation = self._generation

        def fill() -> None:
            if generation != self._generation:  # another case is open by now
                return
            try:
                from toolkit.record import build_record  # (python-docx: imported when used)

                files = build_record(scheme, case, judgement, lang=self._lang)
            except (OSError, ValueError, KeyError) as exc:
                download.failed(str(exc))
                return
            download.offer(files, filename)

        download.preparing()
        loop = kernel_loop()
        if loop is None:
            fill()
        else:
            loop.call_soon(fill)


__all__ = ["Duties", "plan_instruments"]
