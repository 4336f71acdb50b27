"""The other duties (issue 11) in Debian Chromium, on case folders made by ``asesorlab
simulate`` (one unit a case): a trainee plans, declares a conflict on an integrity case and
declines (case passed); on another proceeds (not passed, the critical error shown first),
writes feedback and downloads the record (a zip holding FR.AK.02 with the trainee's
decision); nothing of the key's plan or integrity verdict reaches the page before submit;
a timed case is submitted by the kernel at zero with the page left alone."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from suite_support import duty_secrets, key_secrets, text_variants

from toolkit.cases.io import case_files, key_path_for, load_case, load_key
from toolkit.store import Store
from widgets.practice.deadline import LIMIT_ENV
from widgets.practice.duties import plan_instruments

from .conftest import Served, start_server, stop_server
from .duties_support import integrity_set, timed_set

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


@pytest.fixture(scope="module")
def duties_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("duties")
    server = start_server(integrity_set(root / "cases"), f"sqlite:///{root / 'attempts.db'}")
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def timed_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("timed")
    cases = timed_set(root / "cases")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(LIMIT_ENV, "6")  # the served kernels' limit for a timed case
        server = start_server(cases, f"sqlite:///{root / 'attempts.db'}")
    yield server
    stop_server(server)


def _case_where(served: Served, wanted: str) -> Path:
    for path in case_files(served.cases_dir):
        verdict = load_key(key_path_for(path)).integrity_key
        assert verdict is not None and verdict.scenario is not None
        if (wanted == "decline" and verdict.conflict and "decline" in verdict.acts) or \
                (wanted == "no-proceed" and "proceed" not in verdict.acts):
            return path
    raise AssertionError(f"no case for {wanted}")


def _open(page: Any, served: Served, case_id: str, trainee: str) -> None:
    page.goto(f"{served.url}?case={case_id}")
    page.locator(".asesorlab-trainee input").fill(trainee)
    page.locator(".asesorlab-start").click()
    page.locator(".asesorlab-plan-route select").wait_for(state="visible")


def _plan(page: Any) -> None:
    page.locator(".asesorlab-plan-route select").select_option(label="competency test "
                                                               "(uji kompetensi)")
    page.locator(".asesorlab-plan-tuk select").select_option(label="TUK sewaktu")
    page.locator(".asesorlab-plan-expand").click()
    page.locator(".asesorlab-method-observasi input").first.check()
    page.locator(".asesorlab-method-lisan input").first.check()
    titles = dict(plan_instruments("en"))
    page.locator(".asesorlab-plan-instruments select").first.select_option(
        label=[f"{code} · {titles[code]}" for code in ("FR.IA.01", "FR.IA.07")])


def _declare(page: Any, conflict: str, act: str) -> None:
    page.locator(".asesorlab-integrity-conflict label", has_text=conflict).click()
    page.locator(".asesorlab-integrity-act label", has_text=act).click()


def _record(frames: list[str]) -> Any:
    def on_websocket(ws: Any) -> None:
        ws.on("framereceived", lambda payload: frames.append(
            payload if isinstance(payload, str) else payload.decode("utf-8", "replace")))
    return on_websocket


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def test_declining_rightly_passes_and_the_key_stays_out_of_the_page(
        chromium: Any, duties_served: Served) -> None:
    path = _case_where(duties_served, "decline")
    case, key = load_case(path), load_key(key_path_for(path))
    context = chromium.new_context()
    page = context.new_page()
    frames: list[str] = []
    page.on("websocket", _record(frames))
    _open(page, duties_served, case.id, "Browser Decliner")
    assert case.integrity is not None
    situation = page.locator(".asesorlab-integrity-situation")
    assert case.integrity.text[:60] in situation.inner_text()
    _plan(page)
    _declare(page, "I declare a conflict of interest", "decline and hand the asesi over")
    page.locator(".asesorlab-integrity-note textarea").fill("the asesi is my relative")
    page.locator(".asesorlab-units").wait_for()
    before = "\n".join(frames)
    assert "asesorlab-plan-unit" in before and "asesorlab-integrity" in before  # recorded
    secrets = duty_secrets(key) + key_secrets(key)
    assert len(secrets) > 10
    assert [s for s in secrets if any(v in before for v in text_variants(s))] == []
    assert "asesorlab-check" not in before and "data:application/zip" not in before
    page.locator(".asesorlab-submit").click()
    page.locator(".asesorlab-debrief .asesorlab-headline").wait_for()
    assert page.locator(".asesorlab-debrief .asesorlab-result").get_attribute(
        "data-passed") == "true"
    assert "Case passed" in page.locator(".asesorlab-debrief .asesorlab-headline").inner_text()
    page.locator(".asesorlab-part-integrity").wait_for()
    page.locator(".asesorlab-record-download").wait_for()  # offered after submit only
    context.close()
    stored = Store(duties_served.db_url).attempts("Browser Decliner")[-1]
    assert stored.judgement["integrity"] == {"conflict": True, "act": "decline",
                                             "note": "the asesi is my relative"}
    assert stored.judgement["plan"]["route"] == "uji_kompetensi"
    assert stored.judgement["plan"]["units"][case.units[0]]["instruments"] == [
        "FR.IA.01", "FR.IA.07"]


def test_proceeding_despite_a_conflict_fails_first_and_the_record_downloads(
        chromium: Any, duties_served: Served) -> None:
    path = _case_where(duties_served, "no-proceed")
    case = load_case(path)
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    _open(page, duties_served, case.id, "Browser Proceeder")
    _plan(page)
    _declare(page, "I declare there is no conflict", "proceed with the assessment")
    rows = page.locator(".asesorlab-kuk:visible")
    for index in range(rows.count()):
        rows.nth(index).locator(".asesorlab-verdict-k").click()
    page.locator(".asesorlab-units .widget-toggle-button.mod-active").last.wait_for()
    feedback = page.get_by_placeholder("Feedback to the asesi", exact=False)
    feedback.fill(f"Dear asesi, your unit {case.units[0]} is Kompeten (K). You may appeal "
                  "(banding) through FR.AK.04.")
    page.locator(".asesorlab-next-steps textarea").fill("none needed")
    page.locator(".asesorlab-comments textarea").fill("evidence sufficient")
    page.locator(".asesorlab-submit").click()
    page.locator(".asesorlab-debrief .asesorlab-headline").wait_for()
    assert page.locator(".asesorlab-debrief .asesorlab-result").get_attribute(
        "data-passed") == "false"
    # the critical errors come before every part of the debrief
    assert page.evaluate("""() => {
        const errors = document.querySelector('.asesorlab-debrief .asesorlab-critical-errors');
        const part = document.querySelector('.asesorlab-debrief .asesorlab-part');
        return !!errors && !!part &&
            !!(errors.compareDocumentPosition(part) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    link = page.locator(".asesorlab-record-download")
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"assessment-record-{case.id}.zip"
    archive = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    names = archive.namelist()
    ak02 = next(name for name in names if name.startswith("FR.AK.02") and
                name.endswith(".html"))
    assert any(name.startswith("FR.AK.02") and name.endswith(".docx") for name in names)
    parser = _Text()
    parser.feed(archive.read(ak02).decode("utf-8"))
    text = " ".join(" ".join(parser.parts).split())
    # the unit's row holds the trainee's decision (every KUK K, so the unit K)
    row = text[text.index(case.units[0]):]
    assert row.split("Decision:", 1)[1].strip().startswith("Competent (K)"), row[:200]
    context.close()
    stored = Store(duties_served.db_url).attempts("Browser Proceeder")[-1]
    assert stored.judgement["integrity"] == {"conflict": False, "act": "proceed", "note": ""}
    assert stored.judgement["next_steps"] == "none needed"
    assert "integrity" in [e["kind"] for e in stored.score["critical_errors"]]


def test_a_timed_case_is_submitted_by_the_kernel_at_zero(chromium: Any,
                                                         timed_served: Served) -> None:
    case = load_case(case_files(timed_served.cases_dir)[0])
    context = chromium.new_context()
    page = context.new_page()
    _open(page, timed_served, case.id, "Browser Timed")
    clock = page.locator(".asesorlab-countdown")
    clock.wait_for()
    shown = page.evaluate("""() => { const c = getComputedStyle(
        document.querySelector('.asesorlab-countdown'));
        return [c.getPropertyValue('--asesorlab-m'), c.getPropertyValue('--asesorlab-s')]; }""")
    assert int(shown[0]) == 0 and 0 <= int(shown[1]) <= 6  # counting down from 0:06
    assert "5 minutes left" in page.locator(".asesorlab-timer").inner_text()
    page.locator(".asesorlab-kuk:visible").first.locator(".asesorlab-verdict-k").click()
    # nobody clicks submit: the kernel's deadline does
    page.locator(".asesorlab-debrief .asesorlab-headline").wait_for(timeout=60_000)
    assert "submitted by the clock at zero" in page.locator(
        ".asesorlab-debrief .asesorlab-time-used").inner_text()
    assert "Time is up" in page.locator(".asesorlab-timer").inner_text()
    context.close()
    stored = Store(timed_served.db_url).attempts("Browser Timed")
    assert len(stored) == 1 and stored[0].judgement["auto_submitted"] is True
    assert stored[0].judgement["time_used_s"] >= 6
    assert len(stored[0].judgement["criteria"]) == 1
