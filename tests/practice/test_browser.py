"""The practice app in Debian Chromium: sign in, judge every KUK, submit, read the debrief;
the answer key never reaches the browser before submit, nor the follow-ups before they are
asked for; the attempt is in the database."""

from __future__ import annotations

from typing import Any

import pytest
from suite_support import key_secrets, text_variants

from toolkit.cases.io import (
    case_files,
    follow_up_path_for,
    key_path_for,
    load_case,
    load_follow_ups,
    load_key,
)
from toolkit.cases.model import AnswerKey, Judgement, recommendation, unit_verdict
from toolkit.scoring import score
from toolkit.store import Store

from .conftest import Served
from .test_follow_ups import follow_up_secrets

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


def _pattern(index: int) -> str:
    """The known answer pattern: K, K, BK, K, K, BK, …"""
    return "BK" if index % 3 == 2 else "K"


def _expected(served: Served, kuks: list[str]) -> tuple[Any, AnswerKey]:
    first = case_files(served.cases_dir)[0]
    case, key = load_case(first), load_key(key_path_for(first))
    criteria = {kuk: _pattern(i) for i, kuk in enumerate(kuks)}
    units = {code: unit_verdict(criteria, code) for code in case.units}  # type: ignore[arg-type]
    judgement = Judgement(case=case.id, criteria=criteria, units=units,  # type: ignore[arg-type]
                          recommendation=recommendation(units))
    return score(key, judgement), key


def _sign_in_and_answer(page: Any, served: Served, trainee: str) -> int:
    page.goto(served.url)
    page.locator(".asesorlab-trainee input").fill(trainee)
    page.locator(".asesorlab-start").click()
    return answer_every_kuk(page)


def answer_every_kuk(page: Any) -> int:
    """Click K or BK on every KUK row of the open case (the known pattern); the count."""
    rows = page.locator(".asesorlab-kuk:visible")
    rows.first.locator(".asesorlab-verdict-k").wait_for(state="visible")
    count = rows.count()
    for index in range(count):
        button = ".asesorlab-verdict-k" if _pattern(index) == "K" else ".asesorlab-verdict-bk"
        rows.nth(index).locator(button).click()
    # the rule fills the recommendation once every KUK is answered
    page.locator(".asesorlab-units .widget-toggle-button.mod-active").last.wait_for()
    return count


def test_trainee_judges_submits_and_gets_the_right_score(chromium: Any, served: Served) -> None:
    context = chromium.new_context()
    page = context.new_page()
    sent: list[str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(
        payload if isinstance(payload, str) else payload.decode("utf-8", "replace"))))
    count = _sign_in_and_answer(page, served, "Browser Trainee")
    case = load_case(case_files(served.cases_dir)[0])
    from toolkit.schemeio import read_scheme, sample_scheme_path

    kuks = read_scheme(sample_scheme_path()).criterion_ids(case.units)
    assert count == len(kuks)
    report, _key = _expected(served, kuks)
    note = page.locator(".asesorlab-kuk:visible").first.locator("input")  # after a verdict
    note.fill("checked against the log")
    # a double click: both clicks leave the browser before the kernel answers the first
    # (two clicks in a row could find the button already hidden: a submit takes ~30 ms)
    clicks = sum('"click"' in frame for frame in sent)
    page.locator(".asesorlab-submit").dblclick()
    score_box = page.locator(".asesorlab-debrief .asesorlab-score")
    score_box.wait_for()
    assert float(score_box.get_attribute("data-agreement")) == pytest.approx(
        report.criteria_agreement, abs=1e-4)
    assert int(score_box.get_attribute("data-false-competent")) == report.false_competent
    assert f"{report.criteria_agreed} of {report.criteria_total} KUK" in score_box.inner_text()
    headline = page.locator(".asesorlab-debrief .asesorlab-headline").inner_text()
    assert ("Case passed" if report.passed else "Case not passed") in headline
    assert sum('"click"' in frame for frame in sent) - clicks >= 2  # the kernel got both
    context.close()
    attempts = Store(served.db_url).attempts("Browser Trainee")
    assert len(attempts) == 1  # the second click stored nothing
    stored = attempts[0]
    assert stored.case_id == case.id and stored.scheme_version == case.scheme_version
    assert stored.judgement["criteria"] == {kuk: _pattern(i) for i, kuk in enumerate(kuks)}
    assert stored.judgement["notes"] == {kuks[0]: "checked against the log"}
    assert stored.score["criteria_agreement"] == pytest.approx(report.criteria_agreement)
    assert stored.seconds > 0


def test_key_never_reaches_the_browser_before_submit(chromium: Any, served: Served) -> None:
    """Nor what the follow-ups reveal before they are asked for: then only the asked KUK's
    (and kind's) evidence arrives, and still nothing of the key."""
    context = chromium.new_context()
    page = context.new_page()
    received: list[str] = []

    def on_websocket(ws: Any) -> None:
        ws.on("framereceived", lambda payload: received.append(
            payload if isinstance(payload, str) else payload.decode("utf-8", "replace")))

    def on_response(response: Any) -> None:
        try:
            received.append(response.body().decode("utf-8", "replace"))
        except Exception:  # redirects and aborted requests have no body
            received.append(response.url)

    page.on("websocket", on_websocket)
    page.on("response", on_response)
    _sign_in_and_answer(page, served, "Leak Check")
    for toggle in page.locator(".asesorlab-evidence-toggle:visible").all()[:2]:
        toggle.click()
    page.locator(".asesorlab-evidence").first.wait_for()
    # the other duties (issue 11): the plan's unit rows and the declaration, before submit
    page.locator(".asesorlab-plan-expand").click()
    page.locator(".asesorlab-plan-unit").first.wait_for()
    page.locator(".asesorlab-integrity-conflict label", has_text="a conflict").click()
    page.locator(".asesorlab-integrity-note").wait_for()
    key = load_key(key_path_for(case_files(served.cases_dir)[0]))
    secrets = key_secrets(key)
    assert len(secrets) > 10 and any(len(s) > 40 for s in secrets)
    before = "\n".join(received)
    assert "asesorlab-kuk" in before and "asesorlab-evidence" in before  # we did record
    assert "asesorlab-plan-unit" in before and "asesorlab-integrity-note" in before
    assert "asesorlab-check" not in before  # no rubric check exists before submit
    leaked = [s for s in secrets if any(v in before for v in text_variants(s))]
    assert leaked == []
    first = case_files(served.cases_dir)[0]
    prepared = load_follow_ups(follow_up_path_for(first)).model_dump(mode="json")["criteria"]
    everything = follow_up_secrets(first, prepared)
    assert len(everything) > 20 and any(len(s) > 60 for s in everything)
    assert [s for s in everything if any(v in before for v in text_variants(s))] == []
    row = page.locator(".asesorlab-kuk:visible").nth(1)
    asked = load_case(first).units[0] + "/" + row.locator("b").first.inner_text().strip()
    assert asked in prepared
    row.locator(".asesorlab-followup").click()
    row.locator(".asesorlab-followup-chooser select").select_option(
        label="third-party clarification")
    row.locator(".asesorlab-followup-ask").click()
    row.locator(".asesorlab-followup-result").wait_for()
    revealed = "\n".join(received)
    wanted = follow_up_secrets(first, {asked: {"third_party": prepared[asked]["third_party"]}})
    assert wanted and all(any(v in revealed for v in text_variants(s)) for s in wanted)
    unasked = {k: v for k, v in prepared.items() if k != asked}
    unasked[asked] = {k: v for k, v in prepared[asked].items() if k != "third_party"}
    others = [s for s in follow_up_secrets(first, unasked) if s not in wanted]
    assert [s for s in others if any(v in revealed for v in text_variants(s))] == []
    assert [s for s in secrets if any(v in revealed for v in text_variants(s))] == []
    row.locator(".asesorlab-verdict-k").click()  # decided on the further evidence
    page.locator(".asesorlab-units .widget-toggle-button.mod-active").last.wait_for()
    page.locator(".asesorlab-submit").click()
    page.locator(".asesorlab-debrief .asesorlab-headline").wait_for()
    after = "\n".join(received)
    shown = [s for s in secrets if any(v in after for v in text_variants(s))]
    assert shown, "the debrief should show the key's reasons after submit"
    context.close()
