"""Every duty scored with a good and a bad answer, each with the reason (issue 11)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CliRun

from toolkit.cases import (
    AnswerKey,
    AssessmentPlan,
    Case,
    CaseOptions,
    IntegrityDeclaration,
    Judgement,
    generate_case_set,
    generate_cases,
)
from toolkit.cases.integrity_builtins import RELATIVE, SIGN_UNOBSERVED, STUDENT
from toolkit.cases.io import save_case_set, save_judgement
from toolkit.cases.plan import plan_key
from toolkit.scheme import Scheme
from toolkit.scoring import ScoreReport, score

NO_CONFLICT = IntegrityDeclaration(conflict=False, act="proceed")


@pytest.fixture(scope="module")
def bk_pair(small_scheme: Scheme) -> tuple[Case, AnswerKey]:
    """A BK candidate (one unit BK) of the two-unit scheme, without an integrity scenario."""
    for seed in range(40):
        ((case, key),) = generate_cases(small_scheme, seed=seed, integrity_rate=0.0,
                                        options=CaseOptions(k_share=0.0))
        if sorted(key.units.values()) == ["BK", "K"]:
            return case, key
    raise AssertionError("no case with one BK unit in 40 seeds")


def _perfect(key: AnswerKey, as_judgement: Callable[[AnswerKey], Judgement]) -> Judgement:
    return as_judgement(key)


def _check(report: ScoreReport, part: str, check_id: str) -> tuple[bool, str]:
    [found] = [c for c in getattr(report, part).checks if c.id == check_id]
    return found.met, found.why


def good_feedback(case: Case, key: AnswerKey) -> str:
    """Feedback that meets every built-in check for ``key``'s decisions."""
    lines = [f"Bapak/Ibu {case.asesi.name}, terima kasih telah mengikuti asesmen."]
    for unit, verdict in key.units.items():
        if verdict == "K":
            lines.append(f"Unit {unit}: Kompeten (K).")
        else:
            kuks = ", ".join(k.rpartition("/")[2] for k, v in key.criteria.items()
                             if v == "BK" and k.startswith(unit + "/"))
            lines.append(f"Unit {unit}: Belum Kompeten (BK); KUK {kuks} belum tercapai karena "
                         "bukti portofolio belum cukup.")
    lines.append("Tindak lanjut: ikuti pelatihan untuk kesenjangan ini, lalu asesmen ulang.")
    lines.append("Bila tidak setuju dengan keputusan ini, Bapak/Ibu berhak mengajukan banding "
                 "(FR.AK.04).")
    return "\n".join(lines)


# -- planning -------------------------------------------------------------------------------
def test_reference_plan_meets_every_check_and_a_fresh_graduate_on_the_portfolio_route_fails(
        bk_pair: tuple[Case, AnswerKey], small_scheme: Scheme,
        as_judgement: Callable[[AnswerKey], Judgement]) -> None:
    case, key = bk_pair
    good = score(key, as_judgement(key), lang="en", case=case)
    assert good.plan.passed and good.plan.score == 1.0, good.plan.checks
    met, why = _check(good, "plan", "plan.route")
    assert met and "portfolio documents backing" in why
    assert "also right: competency test (uji kompetensi)" in why

    fresh = case.model_copy(deep=True)
    fresh.asesi.experience_years, fresh.asesi.employment = 0, []
    fresh_key = key.model_copy(update={"plan_key": plan_key(fresh, small_scheme)})
    assert [o.value for o in fresh_key.plan_key.routes] == ["uji_kompetensi"]
    wrong = as_judgement(key)
    wrong.plan = wrong.plan.model_copy(update={"route": "portofolio"})
    report = score(fresh_key, wrong, lang="en", case=fresh)
    met, why = _check(report, "plan", "plan.route")
    assert not met and "fresh graduate" in why
    assert "portfolio assessment (asesmen portofolio) does not fit this asesi" in why
    assert not report.plan.passed
    assert report.passed  # a plan error is scored and explained, it does not fail the case
    indonesian = score(fresh_key, wrong, lang="id", case=fresh)
    assert "lulusan baru" in _check(indonesian, "plan", "plan.route")[1]


def test_plan_methods_and_instruments_are_checked_per_unit(
        bk_pair: tuple[Case, AnswerKey], as_judgement: Callable[[AnswerKey], Judgement]) -> None:
    case, key = bk_pair
    unit = case.units[0]
    judgement = as_judgement(key)
    judgement.plan.units[unit].methods = ["tertulis"]
    judgement.plan.units[unit].instruments = ["FR.IA.05", "FR.IA.11"]
    report = score(key, judgement, lang="en", case=case)
    met, why = _check(report, "plan", f"plan.methods.{unit}")
    assert not met and "needs one of: portfolio verification / third-party report" in why
    met, why = _check(report, "plan", f"plan.instruments.{unit}")
    assert not met and "FR.IA.11 does not fit" in why
    empty = score(key, as_judgement(key).model_copy(update={"plan": None}), lang="en", case=case)
    assert empty.plan.score == 0.0 and "no assessment plan" in empty.plan.checks[0].why


# -- objectivity ----------------------------------------------------------------------------
def _with(scenario: object, case: Case, key: AnswerKey) -> tuple[Case, AnswerKey]:
    case = case.model_copy(deep=True)
    case.integrity = scenario.plant(case, random.Random(1))  # type: ignore[attr-defined]
    return case, key.model_copy(update={"integrity_key": scenario.key()})  # type: ignore[attr-defined]


def test_proceeding_despite_a_relative_is_critical_and_declining_passes(
        bk_pair: tuple[Case, AnswerKey], as_judgement: Callable[[AnswerKey], Judgement]) -> None:
    case, key = _with(RELATIVE, *bk_pair)
    assert case.integrity is not None and case.asesi.name in case.integrity.text
    proceeding = as_judgement(key).model_copy(update={"integrity": IntegrityDeclaration(
        conflict=True, act="proceed_disclosed")})
    report = score(key, proceeding, lang="en", case=case)
    assert not report.passed and [e.kind for e in report.critical_errors] == ["integrity"]
    assert "proceed with disclosure is not right here" in report.critical_errors[0].why
    assert "your relative" in report.critical_errors[0].why
    declining = Judgement(case=key.case, recommendation="BK", integrity=IntegrityDeclaration(
        conflict=True, act="decline", note="asesi adalah sepupu saya"))
    report = score(key, declining, lang="id", case=case)
    assert report.passed and report.integrity.passed and not report.critical_errors
    assert report.integrity.score == 1.0


def test_a_missing_declaration_is_critical_on_an_integrity_case_and_a_part_error_otherwise(
        bk_pair: tuple[Case, AnswerKey], as_judgement: Callable[[AnswerKey], Judgement]) -> None:
    plain_case, plain_key = bk_pair
    silent = as_judgement(plain_key).model_copy(update={"integrity": None})
    plain = score(plain_key, silent, lang="en", case=plain_case)
    assert plain.passed and not plain.integrity.passed
    assert "no declaration" in plain.integrity.checks[0].why
    case, key = _with(SIGN_UNOBSERVED, plain_case, plain_key)
    report = score(key, silent, lang="en", case=case)
    assert not report.passed and report.critical_errors[0].kind == "integrity"
    assert "no declaration" in report.critical_errors[0].why
    signing = silent.model_copy(update={"integrity": NO_CONFLICT})
    report = score(key, signing, lang="en", case=case)
    assert not report.passed and "falsify the assessment record" in report.critical_errors[0].why
    student_case, student_key = _with(STUDENT, plain_case, plain_key)
    disclosed = silent.model_copy(update={"integrity": IntegrityDeclaration(
        conflict=True, act="proceed_disclosed")})
    assert score(student_key, disclosed, case=student_case).integrity.passed
    wrongly = disclosed.model_copy(update={"integrity": IntegrityDeclaration(
        conflict=False, act="proceed_disclosed")})
    met, why = _check(score(student_key, wrongly, lang="en", case=student_case), "integrity",
                      "integrity.conflict")
    assert not met and "must be declared" in why


# -- feedback -------------------------------------------------------------------------------
def test_feedback_with_everything_right_meets_every_check(
        bk_pair: tuple[Case, AnswerKey], as_judgement: Callable[[AnswerKey], Judgement]) -> None:
    case, key = bk_pair
    judgement = as_judgement(key).model_copy(update={"feedback": good_feedback(case, key)})
    report = score(key, judgement, lang="id", case=case)
    assert report.feedback.passed and report.feedback.score == 1.0, report.feedback.checks
    assert {c.id for c in report.feedback.checks} == {
        "feedback.decision_per_unit", "feedback.bk_named", "feedback.next_steps",
        "feedback.banding", "feedback.respectful", "feedback.no_leak"}


def test_feedback_that_omits_a_bk_unit_or_banding_fails_that_check_with_the_reason(
        bk_pair: tuple[Case, AnswerKey], as_judgement: Callable[[AnswerKey], Judgement]) -> None:
    case, key = bk_pair
    [bk_unit] = [u for u, v in key.units.items() if v == "BK"]
    text = good_feedback(case, key)
    without_unit = "\n".join(line for line in text.splitlines() if bk_unit not in line)
    report = score(key, as_judgement(key).model_copy(update={"feedback": without_unit}),
                   lang="en", case=case)
    met, why = _check(report, "feedback", "feedback.bk_named")
    assert not met and f"unit {bk_unit} (BK) is not named" in why
    met, why = _check(report, "feedback", "feedback.decision_per_unit")
    assert not met and bk_unit in why
    assert not report.feedback.passed
    without_banding = "\n".join(line for line in text.splitlines() if "banding" not in line)
    report = score(key, as_judgement(key).model_copy(update={"feedback": without_banding}),
                   lang="id", case=case)
    met, why = _check(report, "feedback", "feedback.banding")
    assert not met and why == "hak banding (FR.AK.04) tidak disampaikan"
    assert all(c.met for c in report.feedback.checks if c.id != "feedback.banding")


def test_feedback_that_insults_or_names_another_asesi_fails(
        bk_pair: tuple[Case, AnswerKey], small_scheme: Scheme,
        as_judgement: Callable[[AnswerKey], Judgement]) -> None:
    case, key = bk_pair
    others = [c for c, _k in generate_cases(small_scheme, count=3, seed=99)
              if c.asesi.name != case.asesi.name]
    text = good_feedback(case, key) + "\nAnda ceroboh."
    report = score(key, as_judgement(key).model_copy(update={"feedback": text}), lang="en",
                   case=case)
    met, why = _check(report, "feedback", "feedback.respectful")
    assert not met and "ceroboh" in why
    leak = good_feedback(case, key) + f"\nSeperti {others[0].asesi.name} di case-0007."
    report = score(key, as_judgement(key).model_copy(update={"feedback": leak}), lang="en",
                   case=case)
    met, why = _check(report, "feedback", "feedback.no_leak")
    assert not met and others[0].asesi.name in why and "case-0007" in why


def test_english_cases_get_english_checks(small_scheme: Scheme,
                                          as_judgement: Callable[[AnswerKey], Judgement]) -> None:
    ((case, key),) = generate_cases(small_scheme, seed=2, language="en", integrity_rate=0.0)
    text = (f"Dear Mr {case.asesi.name.split()[0]}, " + " ".join(
        f"Unit {u}: competent." for u in key.units if key.units[u] == "K")
        + " You may appeal the decision (FR.AK.04).")
    report = score(key, as_judgement(key).model_copy(update={"feedback": text}), lang="en",
                   case=case)
    assert _check(report, "feedback", "feedback.banding")[0]
    assert _check(report, "feedback", "feedback.respectful")[0]


# -- record part, timing, the JSON report ---------------------------------------------------
def test_record_part_compares_the_trainees_ak02_with_the_keys(
        bk_pair: tuple[Case, AnswerKey], as_judgement: Callable[[AnswerKey], Judgement]) -> None:
    case, key = bk_pair
    [bk_unit] = [u for u, v in key.units.items() if v == "BK"]
    judgement = as_judgement(key).model_copy(update={"next_steps": "pelatihan dan uji ulang"})
    report = score(key, judgement, lang="en", case=case)
    assert report.record.passed, report.record.checks
    judgement.units[bk_unit] = "K"
    judgement.next_steps = ""
    met, why = _check(score(key, judgement, lang="en", case=case), "record",
                      f"record.unit.{bk_unit}")
    assert not met and why == f"FR.AK.02 unit {bk_unit}: yours K, the key's BK"
    judgement = as_judgement(key)
    met, why = _check(score(key, judgement, lang="en", case=case), "record", "record.follow_up")
    assert not met and bk_unit in why


def test_score_json_reports_each_part_and_the_time_used(
        bk_pair: tuple[Case, AnswerKey], cli: CliRun, tmp_path: Path,
        as_judgement: Callable[[AnswerKey], Judgement]) -> None:
    case, key = bk_pair
    [case_path] = save_case_set([(case, key)], tmp_path)
    judgement = as_judgement(key).model_copy(update={
        "feedback": good_feedback(case, key), "time_used_s": 754.0, "auto_submitted": True})
    path = save_judgement(judgement, tmp_path / "j.json")
    code, out, _err = cli("score", str(case_path.with_name("case-0001.key.json")), str(path),
                          "--json")
    assert code == 0
    data = json.loads(out)
    for part in ("plan", "integrity", "judging", "feedback", "record"):
        assert set(data[part]) == {"score", "passed", "checks"}
        assert all(set(c) == {"id", "met", "why"} for c in data[part]["checks"])
    assert data["feedback"]["passed"] and data["passed"] is True
    assert data["time_used_s"] == 754.0 and data["auto_submitted"] is True
    code, out, _err = cli("--lang", "en", "score",
                          str(case_path.with_name("case-0001.key.json")), str(path))
    assert "Time used: 12:34 (submitted by the clock)" in out
    assert "Feedback to the asesi: 100% — passed" in out
    assert "Plan (FR.MAPA.01): 100% — passed" in out


# -- generation: rate, determinism, time limit ----------------------------------------------
def test_integrity_scenarios_are_rare_deterministic_and_never_say_the_right_act(
        small_scheme: Scheme, tmp_path: Path) -> None:
    one = small_scheme.model_copy(update={"units": small_scheme.units[:1]})
    made = generate_case_set(one, count=60, seed=5)
    carried = [case for case, _key, _f in made if case.integrity is not None]
    assert 3 <= len(carried) <= 18  # default rate 0.15
    for case, key, _follow in made:
        if case.integrity is None:
            assert key.integrity_key is not None and key.integrity_key.acts == ["proceed"]
        else:
            assert key.integrity_key.scenario == case.integrity.id
            text = case.integrity.text.lower()
            assert not any(word in text for word in ("tolak", "decline", "serahkan", "hand over"))
    assert not any(c.integrity for c, _k, _f in generate_case_set(one, count=20, seed=5,
                                                                  integrity_rate=0.0))
    everything = generate_case_set(one, count=12, seed=5, integrity_rate=1.0)
    assert len({c.integrity.id for c, _k, _f in everything}) >= 4  # type: ignore[union-attr]
    first = save_case_set([(c, k) for c, k, _f in made[:8]], tmp_path / "a")
    again = generate_case_set(one, count=8, seed=5)
    second = save_case_set([(c, k) for c, k, _f in again], tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    for path in (tmp_path / "a").glob("*.key.json"):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_time_limit_from_simulate_or_the_scheme_settings(
        small_scheme: Scheme, cli: CliRun, tmp_path: Path) -> None:
    from toolkit.schemeio import save_scheme

    scheme_file = tmp_path / "s.yaml"
    save_scheme(small_scheme, scheme_file)
    code, _out, err = cli("simulate", str(scheme_file), "--time-limit", "25",
                          "--integrity-rate", "1", "-o", str(tmp_path / "timed"))
    assert code == 0, err
    case = json.loads((tmp_path / "timed" / "case-0001.json").read_text(encoding="utf-8"))
    assert case["time_limit_minutes"] == 25 and case["integrity"]["text"]
    assert "acts" not in case["integrity"] and "why" not in json.dumps(case)
    settings = small_scheme.effective_settings().model_copy(update={"time_limit_minutes": 40})
    timed = small_scheme.model_copy(update={"settings": settings})
    ((case_model, _key),) = generate_cases(timed, seed=1)
    assert case_model.time_limit_minutes == 40
    ((untimed, _key),) = generate_cases(small_scheme, seed=1)
    assert untimed.time_limit_minutes is None
    code, _out, err = cli("simulate", str(scheme_file), "--integrity-rate", "2", "-o",
                          str(tmp_path / "bad"))
    assert code == 2 and "--integrity-rate" in err


def test_rekey_keeps_the_integrity_verdict_and_plan_key(bk_pair: tuple[Case, AnswerKey],
                                                        small_scheme: Scheme) -> None:
    from toolkit.cases import derive_key

    case, key = _with(RELATIVE, *bk_pair)
    again = derive_key(case, small_scheme, previous=key)
    assert again.integrity_key == RELATIVE.key()
    assert again.plan_key == plan_key(case, small_scheme)
    assert again.integrity == IntegrityDeclaration(conflict=True, act="decline")
    assert isinstance(again.plan, AssessmentPlan)
