"""The other duties (issue 11) in the practice app, driven without a browser: the plan, the
declaration and the FR.AK.02 notes reach the stored judgement; declining rightly passes the
case without judging it, proceeding despite a conflict fails it with the critical error
first; the record is offered as a zip only after submit; a timed case is submitted by the
kernel's own clock at zero; nothing of the key's plan or integrity verdict is in any widget
before submit."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from suite_support import duty_secrets

from toolkit.cases.io import case_files, key_path_for, load_case, load_key
from toolkit.store import Store
from widgets.practice.deadline import LIMIT_ENV

from .conftest import open_app as _app
from .duties_support import in_own_thread, integrity_set, timed_set
from .test_app import _states


@pytest.fixture(scope="module")
def integrity_cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return integrity_set(tmp_path_factory.mktemp("integrity") / "cases")


def _case_where(cases: Path, wanted: str) -> str:
    """The id of a case with a conflict where ``decline`` is right (wanted="decline") or
    of one whose key forbids ``proceed`` (wanted="no-proceed")."""
    for path in case_files(cases):
        verdict = load_key(key_path_for(path)).integrity_key
        assert verdict is not None and verdict.scenario is not None
        if (wanted == "decline" and verdict.conflict and "decline" in verdict.acts) or \
                (wanted == "no-proceed" and "proceed" not in verdict.acts):
            return load_case(path).id
    raise AssertionError(f"no case in {cases} for {wanted}")


def _zip_in(html: str) -> zipfile.ZipFile:
    found = re.search(r'href="data:application/zip;base64,([^"]+)"', html)
    assert found, html[:300]
    return zipfile.ZipFile(io.BytesIO(base64.b64decode(found.group(1))))


def test_plan_declaration_and_notes_are_stored_and_declining_rightly_passes(
        integrity_cases: Path, db: str) -> None:
    app = _app(integrity_cases, db)
    app.sign_in("Sari")
    case_id = _case_where(integrity_cases, "decline")
    app.open_case(case_id)
    duties = app._duties
    case = app.session.entry(case_id).case  # type: ignore[union-attr]
    assert case.integrity is not None
    assert case.integrity.text.replace("'", "&#x27;") in duties.integrity.situation
    assert app.debrief.record.value == ""  # nothing to download before submit
    unit = case.units[0]
    duties.plan.set_route("uji_kompetensi")
    duties.plan.set_tuk("sewaktu")
    duties.plan.set_unit(unit, ["observasi", "lisan"], ["FR.IA.01", "FR.IA.07"])
    duties.integrity.set(True, "decline", "the asesi is my relative; told the LSP")
    duties.notes.set("handed over to another assessor", "declined: conflict of interest")
    assert app.submit()  # no KUK judged: declining needs none
    stored = Store(db).attempts("Sari")[-1]
    judgement = stored.judgement
    assert judgement["plan"]["units"][unit] == {"methods": ["observasi", "lisan"],
                                                "instruments": ["FR.IA.01", "FR.IA.07"]}
    assert judgement["integrity"] == {"conflict": True, "act": "decline",
                                      "note": "the asesi is my relative; told the LSP"}
    assert judgement["next_steps"] == "handed over to another assessor"
    assert judgement["comments"] == "declined: conflict of interest"
    assert judgement["time_used_s"] >= 0 and judgement["auto_submitted"] is False
    assert stored.score["passed"] is True
    assert 'class="asesorlab-result" data-passed="true"' in app.debrief.text
    text = app.debrief.text
    assert "asesorlab-part-integrity" in text and "asesorlab-part-plan" in text
    archive = _zip_in(app.debrief.record.value)
    names = archive.namelist()
    assert any(name.startswith("FR.AK.02") for name in names), names
    assert any(name.startswith("FR.MAPA.01") for name in names), names


def test_proceeding_despite_a_conflict_fails_with_the_critical_error_first(
        integrity_cases: Path, db: str) -> None:
    app = _app(integrity_cases, db)
    app.sign_in("Joko")
    app.open_case(_case_where(integrity_cases, "no-proceed"))
    for row in app.rows:
        row.choose("K")
    app._duties.integrity.set(False, "proceed")
    assert app.submit()
    stored = Store(db).attempts("Joko")[-1]
    assert stored.score["passed"] is False
    kinds = [error["kind"] for error in stored.score["critical_errors"]]
    assert "integrity" in kinds
    text = app.debrief.text
    assert 'data-passed="false"' in text
    # the critical errors come before every part of the debrief, named as the trainee knows
    assert text.index("asesorlab-critical-errors") < text.index("asesorlab-part-")
    errors = text[text.index("asesorlab-critical-errors"):text.index("asesorlab-part-")]
    assert "<b>Objectivity</b>" in errors and "<b>integrity</b>" not in errors


def test_nothing_of_the_plan_key_or_the_integrity_verdict_is_in_a_widget_before_submit(
        integrity_cases: Path, db: str) -> None:
    app = _app(integrity_cases, db)
    app.sign_in("Dewi")
    states: list[str] = []
    secrets: list[str] = []
    for path in case_files(integrity_cases):
        case = load_case(path)
        app.open_case(case.id)
        app._duties.plan.expand()
        app._duties.integrity.set(True, "proceed_disclosed", "a note")
        for row in app.rows:
            row.choose("BK")
        states.append(json.dumps(_states(app), ensure_ascii=False))
        secrets += duty_secrets(load_key(key_path_for(path)))
    everything = "\n".join(states)
    assert len(secrets) > 6 and any(len(s) > 40 for s in secrets)
    assert [s for s in secrets if s in everything] == []
    assert "asesorlab-check" not in everything  # no rubric check exists before submit
    assert app.submit()
    assert "asesorlab-check" in app.debrief.text


def test_a_timed_case_is_submitted_by_the_kernels_clock_at_zero(
        tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = timed_set(tmp_path / "timed")
    assert load_case(case_files(cases)[0]).time_limit_minutes == 1
    monkeypatch.setenv(LIMIT_ENV, "1.5")
    app = _app(cases, db)

    async def run() -> None:
        app.sign_in("Tono")  # in the event loop, as a kernel handles the click
        assert "asesorlab-countdown" in app._timer.value
        assert "asesorlab-timer-warning" in app._timer._dom_classes  # under 5 minutes
        app.rows[0].choose("K")  # one KUK judged, the rest left
        for _ in range(200):
            if Store(db).attempts("Tono"):
                return
            await asyncio.sleep(0.05)
        raise AssertionError("the case was not submitted at zero")

    in_own_thread(lambda: asyncio.run(run()))
    stored = Store(db).attempts("Tono")
    assert len(stored) == 1
    judgement = stored[0].judgement
    assert judgement["auto_submitted"] is True and judgement["time_used_s"] >= 1.5
    assert len(judgement["criteria"]) == 1  # unjudged stays unjudged
    assert stored[0].score["criteria_unjudged"] + stored[0].score["criteria_missing"] > 0
    assert "Time is up" in app._timer.value
    assert "submitted by the clock at zero" in app.debrief.text
