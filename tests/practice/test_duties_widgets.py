"""The widgets of the other duties (issue 11) driven headless: the plan panel, the
objectivity declaration, the FR.AK.02 notes, the countdown and the kernel's deadline, the
debrief parts and the record download — set values, read state."""

from __future__ import annotations

import asyncio
import base64
import io
import re
import zipfile

import pytest
from traitlets import TraitError

from toolkit.cases.duties_model import (
    METHOD_CLASS,
    METHODS,
    AssessmentPlan,
    IntegrityDeclaration,
    IntegrityScenarioText,
    UnitPlan,
)
from toolkit.cases.model import Case
from toolkit.cases.plan import PLAN_INSTRUMENTS
from toolkit.score_parts import Check, PartScore
from widgets.practice.deadline import LIMIT_ENV, Deadline, limit_seconds
from widgets.practice.debrief_parts import AFTER_DETAILS, BEFORE_DETAILS, parts_html, time_html
from widgets.practice.duties import plan_instruments
from widgets.practice.integrity_panel import IntegrityPanel
from widgets.practice.look import Look
from widgets.practice.plan_panel import PlanPanel
from widgets.practice.record_download import RecordDownload, zip_bytes
from widgets.practice.record_notes import RecordNotes
from widgets.practice.timer import Timer, countdown_html

from .duties_support import in_own_thread

UNITS = [("J.620100.004.02", "Menggunakan struktur data"),
         ("J.620100.005.02", "Mengimplementasikan user interface"),
         ("J.620100.011.01", "Melakukan instalasi software tools pemrograman")]


def _plan_panel(lang: str = "en") -> PlanPanel:
    methods = [(m, METHOD_CLASS[m]) for m in METHODS]
    return PlanPanel(UNITS, methods, lambda: plan_instruments(lang), Look(), lang)


def _case(**fields: object) -> Case:
    base: dict[str, object] = {
        "id": "case-0001", "scheme_code": "SKM-JWP", "scheme_title": "Junior Web Programmer",
        "scheme_version": "v", "assessment_date": "2024-10-01", "asesi": {"name": "Rina Wati"},
        "units": [code for code, _title in UNITS[:2]]}
    return Case.model_validate({**base, **fields})


def test_the_plan_panel_gives_an_assessment_plan_of_the_open_case() -> None:
    panel = _plan_panel()
    panel.use_units(["J.620100.005.02", "J.620100.004.02", "X.NOT.IN.SCHEME"])
    assert panel.units == ["J.620100.005.02", "J.620100.004.02"]
    assert panel.plan == AssessmentPlan()  # nothing chosen, the unit rows still closed
    assert not panel.expanded
    panel.set_route("portofolio")
    panel.set_tuk("tempat_kerja")
    panel.expand()
    assert panel.plan.units == {"J.620100.005.02": UnitPlan(), "J.620100.004.02": UnitPlan()}
    panel.set_unit("J.620100.004.02", ["observasi", "pihak_ketiga"], ["FR.IA.01", "FR.IA.10"])
    assert panel.plan == AssessmentPlan(route="portofolio", tuk="tempat_kerja", units={
        "J.620100.005.02": UnitPlan(),
        "J.620100.004.02": UnitPlan(methods=["observasi", "pihak_ketiga"],
                                    instruments=["FR.IA.01", "FR.IA.10"])})
    with pytest.raises(TraitError):
        panel.set_route("interview")
    with pytest.raises(TraitError):
        panel.set_unit("J.620100.004.02", instruments=["FR.AK.02"])  # not an instrument
    with pytest.raises(ValueError, match="unknown method"):
        panel.set_unit("J.620100.004.02", ["guessing"])
    with pytest.raises(ValueError, match="not in the open case"):
        panel.set_unit("J.620100.011.01", ["lisan"])
    panel.use_units(["J.620100.004.02"])  # a new case: cleared, closed, the row kept
    assert panel.plan == AssessmentPlan() and not panel.expanded
    panel.expand()
    assert panel.plan.units == {"J.620100.004.02": UnitPlan()}


def test_each_method_shows_its_evidence_class_and_the_instruments_are_the_ia_forms() -> None:
    panel = _plan_panel("id")
    panel.use_units(["J.620100.004.02"])
    panel.expand()
    row = panel.children[-1]
    boxes = [b for b in row.children[1].children]
    assert [b.description for b in boxes] == [
        "observasi (L)", "demonstrasi (L)", "pertanyaan tertulis (T)", "pertanyaan lisan (T)",
        "verifikasi portofolio (TL)", "laporan pihak ketiga (TL)"]
    select = row.children[2]
    codes = [value for _label, value in select.options]
    assert codes == list(PLAN_INSTRUMENTS) and "FR.IA.07" in codes
    assert "OBSERVASI" in select.options[0][0]  # the form's title, in the app's language
    boxes[0].value = True  # as the browser ticks it
    assert panel.plan.units["J.620100.004.02"].methods == ["observasi"]


def test_the_declaration_is_none_until_chosen_and_a_conflict_brings_the_note() -> None:
    panel = IntegrityPanel(Look(), "en")
    panel.use_case(_case())
    assert panel.situation == "" and panel.declaration is None
    panel.set(False, "proceed")
    assert panel.declaration == IntegrityDeclaration(conflict=False, act="proceed")
    assert not panel.has_note_field
    situation = IntegrityScenarioText(id="relative", who="Rina Wati, the asesi",
                                      text="The asesi is your cousin <b>Rina</b>.")
    panel.use_case(_case(integrity=situation))  # a new case clears the choice
    assert panel.declaration is None
    assert "The asesi is your cousin &lt;b&gt;Rina&lt;/b&gt;." in panel.situation
    assert "Rina Wati, the asesi" in panel.children[0].value
    panel.set(True, "decline", "  cousin; told the LSP  ")
    assert panel.has_note_field
    assert panel.declaration == IntegrityDeclaration(conflict=True, act="decline",
                                                     note="cousin; told the LSP")
    with pytest.raises(TraitError):
        panel.set(True, "bribe")
    panel.use_case(_case())
    assert panel.declaration is None and not panel.has_note_field


def test_the_declaration_labels_are_indonesian_by_default() -> None:
    panel = IntegrityPanel(Look(), "id")
    labels = [label for group in panel.children[1:3] for label, _v in group.options]
    assert "Saya menyatakan tidak ada konflik kepentingan" in labels
    assert "menolak dan menyerahkan asesi kepada asesor lain" in labels


def test_the_record_notes_are_trimmed_and_cut() -> None:
    notes = RecordNotes(Look(), "en")
    notes.set("  gap training on J.620100.005.02, re-assessment  ", "x" * 9000)
    assert notes.next_steps == "gap training on J.620100.005.02, re-assessment"
    assert len(notes.comments) == 5000
    notes.reset()
    assert notes.next_steps == notes.comments == ""


def _clock_start(html: str) -> tuple[int, int, int, int]:
    """The countdown's first values from its two animations: (seconds anim delay, seconds
    iterations, minutes anim delay)."""
    match = re.search(r"asesorlab-sec-down 60s steps\(60, jump-none\) (\d+) -(\d+)s forwards, "
                      r"asesorlab-min-down 360000s steps\(6000, end\) -(\d+)s forwards", html)
    assert match, html
    iterations, sec_delay, min_delay = (int(g) for g in match.groups())
    left = int(re.search(r'data-left="(\d+)"', html).group(1))  # type: ignore[union-attr]
    return left, iterations, sec_delay, min_delay


@pytest.mark.parametrize("seconds", [8, 59.2, 60, 61, 300, 1799.5, 5400])
def test_the_countdown_starts_at_the_time_left_and_stops_at_zero(seconds: float) -> None:
    left, iterations, sec_delay, min_delay = _clock_start(countdown_html(seconds, "en"))
    assert left == -(-seconds // 1)  # whole seconds, rounded up

    def shown(t: int) -> tuple[int, int]:
        """What the two CSS animations show ``t`` whole seconds after the start."""
        sec_elapsed = t + sec_delay
        # ended: held at its last frame, 0
        secs = 0 if sec_elapsed >= 60 * iterations else 59 - sec_elapsed % 60
        min_elapsed = t + min_delay
        mins = 0 if min_elapsed >= 360000 else 6000 - min_elapsed // 60
        return mins, secs

    for t in range(0, left + 90):
        remaining = max(0, left - t)
        assert shown(t) == divmod(remaining, 60), t


def test_the_timer_counts_down_warns_and_expires() -> None:
    timer = Timer(Look(), "en")
    timer.restart(600)
    assert "Time left" in timer.value and "asesorlab-countdown" in timer.value
    timer.warn()
    assert "asesorlab-timer-warning" in timer._dom_classes and "5 minutes left" in timer.value
    assert timer.expire() >= 0 and "Time is up" in timer.value
    timer.restart()  # an untimed case counts up again, unwarned
    assert "asesorlab-countdown" not in timer.value
    assert "asesorlab-timer-warning" not in timer._dom_classes


def test_the_limit_is_the_cases_unless_the_environment_shortens_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LIMIT_ENV, raising=False)
    assert limit_seconds(_case()) is None
    assert limit_seconds(_case(time_limit_minutes=30)) == 1800
    monkeypatch.setenv(LIMIT_ENV, "7.5")  # shortens timed cases only
    assert limit_seconds(_case()) is None
    assert limit_seconds(_case(time_limit_minutes=30)) == 7.5
    monkeypatch.setenv(LIMIT_ENV, "soon")  # not a number: the case's own limit
    assert limit_seconds(_case(time_limit_minutes=2)) == 120


def test_the_deadline_runs_in_the_event_loop_warns_then_calls_zero_once() -> None:
    events: list[str] = []

    async def run() -> None:
        deadline = Deadline()
        zero = asyncio.Event()

        def at_zero() -> None:
            events.append("zero")
            zero.set()

        assert deadline.start(0.3, lambda: events.append("warn"), at_zero, warn_before=0.2)
        assert events == []  # the warning is due in 0.1 s
        await asyncio.wait_for(zero.wait(), 10)
        deadline.expire()  # time is already up: nothing more
        again = Deadline()
        again.start(0.05, lambda: events.append("warn2"), lambda: events.append("zero2"),
                    warn_before=1.0)
        again.cancel()  # submitted in time
        await asyncio.sleep(0.2)

    in_own_thread(lambda: asyncio.run(run()))
    assert events == ["warn", "zero", "warn2"]


def test_without_an_event_loop_the_deadline_is_ended_by_expire() -> None:
    events: list[str] = []
    deadline = Deadline()

    def start() -> None:
        assert not deadline.start(600, lambda: events.append("warn"),
                                  lambda: events.append("zero"))

    in_own_thread(start)
    assert deadline.running
    deadline.expire()
    deadline.expire()
    assert events == ["zero"] and not deadline.running


class _Report:
    """A score report as the debrief reads it (the parts by field name)."""

    def __init__(self, **fields: object) -> None:
        self.__dict__.update(fields)


def test_the_debrief_parts_show_each_check_met_or_not_and_why() -> None:
    report = _Report(
        plan=PartScore(score=0.5, passed=False, checks=[
            Check(id="route", met=False, why="A fresh graduate has no portfolio: uji "
                  "kompetensi."),
            Check(id="tuk", met=True, why="TUK sewaktu fits.")]),
        integrity=PartScore(score=1.0, passed=True, checks=[
            Check(id="act", met=True, why="You declined <and> handed over.")]),
        judging=PartScore(),  # no checks: left out
        feedback=PartScore(score=0.0, passed=False, checks=[
            Check(id="banding", met=False, why="The right to appeal is not mentioned.")]),
        record=PartScore(score=1.0, passed=True, checks=[
            Check(id="ak02/J.620100.004.02", met=True,
                  why="J.620100.004.02/1.1: you BK, reference BK")]),
        time_used_s=125.4, time_limit_minutes=30, auto_submitted=True)
    names = {"J.620100.004.02/1.1": "J.620100.004.02 1.1"}
    before = parts_html(report, BEFORE_DETAILS, "en", names)
    after = parts_html(report, AFTER_DETAILS, "en", names)
    assert before.index("Assessment plan") < before.index("Objectivity")
    assert "Judging the evidence" not in before
    assert '<li class="asesorlab-check" data-check="route" data-met="false">' in before
    assert "✗ not met</span>: A fresh graduate has no portfolio" in before
    assert "✓ met</span>: You declined &lt;and&gt; handed over." in before
    assert 'asesorlab-part-plan" data-passed="false"' in before and "(50%)" in before
    assert "Feedback to the asesi" in after and "right to appeal" in after
    assert "J.620100.004.02 1.1: you BK" in after  # named as the case shows it
    assert parts_html(_Report(), BEFORE_DETAILS, "en", {}) == ""  # an older report
    timing = time_html(report, "en")
    assert "Time used: 2:05 of 30:00" in timing and "submitted by the clock" in timing
    assert time_html(_Report(), "en") == ""
    indonesian = parts_html(report, BEFORE_DETAILS, "id", names) + time_html(report, "id")
    assert "Rencana asesmen" in indonesian and "tidak terpenuhi" in indonesian
    assert "Waktu terpakai: 2:05 dari 30:00" in indonesian


def test_the_record_download_is_a_zip_in_a_data_link() -> None:
    download = RecordDownload(Look(), "en")
    assert download.value == ""
    files = {"FR.AK.02.html": b"<html>K</html>", "FR.AK.02.docx": b"PK-docx"}
    download.offer(files, "assessment-record-case-0001.zip")
    href = re.search(r'href="data:application/zip;base64,([^"]+)"', download.value)
    assert href and 'download="assessment-record-case-0001.zip"' in download.value
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(href.group(1))))
    assert sorted(archive.namelist()) == sorted(files)
    assert archive.read("FR.AK.02.html") == b"<html>K</html>"
    assert zip_bytes(files) == download.data  # the same record, the same bytes
    download.clear()
    assert download.value == "" and download.data == b""
    download.failed("<disk full>")
    assert "&lt;disk full&gt;" in download.value
