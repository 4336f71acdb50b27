"""The practice app's small widgets driven headless: set values, click, read state.

Three-state VATM checks, the K/BK choice with its unset state, "perlu bukti tambahan" with
its chooser and card, the case view's new facts, and the history chart.
"""

from __future__ import annotations

from datetime import date

import pytest
from traitlets import TraitError

from toolkit.cases.model import (
    AsesiProfile,
    Case,
    Employment,
    EvidenceItem,
    EvidenceVerdict,
    FollowUpResult,
    Observation,
    QuestionAnswer,
    SelfClaim,
)
from toolkit.store import Attempt
from widgets.practice.case_view import CaseView
from widgets.practice.evidence_card import EvidenceCard, card_html
from widgets.practice.followup_chooser import FollowUpChooser
from widgets.practice.history import history_svg
from widgets.practice.kuk_row import KukRow
from widgets.practice.look import Look

KUK = "J.620100.004.02/1.1"


def _item(**fields: object) -> EvidenceItem:
    base: dict[str, object] = {
        "id": "E07", "kind": "certificate", "title": "Sertifikat pelatihan basis data",
        "date": date(2023, 5, 2), "owner": "Rina Wati", "issuer": "LPK Data Prima",
        "claims": [KUK]}
    return EvidenceItem.model_validate({**base, **fields})


def test_evidence_checks_start_unjudged_and_take_three_states() -> None:
    card = EvidenceCard(_item(), Look(), "en")
    assert card.verdict() == EvidenceVerdict() and not card.judged  # all belum dinilai
    card.set_checks(valid=True, authentic=False)
    assert card.verdict() == EvidenceVerdict(valid=True, authentic=False)
    assert card.judged and card.verdict().rejected() and not card.verdict().accepted()
    card._checks["current"].value = "met"  # as the browser sets a dropdown
    card.set_checks(authentic=None)  # back to belum dinilai
    assert card.verdict() == EvidenceVerdict(valid=True, current=True)
    with pytest.raises(TraitError):
        card._checks["sufficient"].value = "maybe"  # a browser can send only an option
    with pytest.raises(ValueError):
        card.set_checks(relevant=True)
    labels = [o[0] for o in card._checks["valid"].options]
    assert labels == ["not judged yet", "met", "not met"]


def test_evidence_card_shows_the_documents_facts_and_leaves_out_empty_ones() -> None:
    item = _item(evidence_class="TL", signatory="Budi Santoso", signatory_role="kepala LPK",
                 signed=True, stamped=False, valid_until=date(2024, 5, 1),
                 certifies="attendance", contributors=["Rina Wati", "Dodi"],
                 contribution="membuat skema tabel")
    html = card_html(item, "id", {KUK: "J.620100.004.02 1.1"})
    for text in ("TL (tidak langsung)", "Budi Santoso, kepala LPK", "Bertanda tangan",
                 "<td>ya</td>", "Berstempel</th><td>tidak", "2024-05-01", "kehadiran saja",
                 "Rina Wati, Dodi", "membuat skema tabel", "J.620100.004.02 1.1",
                 "LPK Data Prima", "2023-05-02"):
        assert text in html, text
    plain = card_html(_item(kind="cv_entry"), "id")
    assert "Berlaku sampai" not in plain and "Kontributor" not in plain
    assert "riwayat kerja (CV)" in plain


def test_a_kuk_choice_has_an_explicit_unset_state() -> None:
    row = KukRow(KUK, "1.1", "Konsep data diidentifikasi", Look(), "en")
    changes: list[str | None] = []
    row.on_change(lambda r: changes.append(r.verdict))
    assert row.verdict is None
    row._k.click()
    assert row.verdict == "K" and row._k.button_style == "success"
    row._k.click()  # the chosen button again: unset
    assert row.verdict is None and row._k.button_style == ""
    row._bk.click()
    assert row.verdict == "BK" and changes == ["K", None, "BK"]


def test_more_evidence_needed_opens_the_chooser_asks_and_shows_the_card() -> None:
    row = KukRow(KUK, "1.1", "Konsep data diidentifikasi", Look(), "id")
    asked: list[tuple[str, str]] = []
    row.on_follow_up(lambda r, kind: asked.append((r.kuk_id, kind)))
    row.choose("K")
    row._follow.click()  # "perlu bukti tambahan"
    assert row._follow.description == "perlu bukti tambahan"
    assert row.wants_follow_up and row.verdict is None  # the verdict waits for the evidence
    chooser = row.chooser
    assert chooser is not None and chooser in row.children
    assert [o[0] for o in chooser._kind.options] == [
        "pertanyaan lisan", "demonstrasi", "klarifikasi pihak ketiga"]
    chooser._kind.value = "demonstration"
    chooser._ask.click()
    assert asked == [(KUK, "demonstration")]
    row.show_follow_up("demonstration", FollowUpResult(observation=Observation(
        criterion=KUK, note="Asesi menyusun ERD tanpa bantuan.", result="met")))
    card = row.follow_up_card
    assert card is not None and card in row.children and row.chooser is None
    assert "Bukti tambahan (demonstrasi)" in card.value and "tercapai" in card.value
    assert row._follow.disabled  # one follow-up per KUK
    row._follow.click()
    assert row.chooser is None
    row.choose("BK")  # then the trainee decides
    assert row.verdict == "BK" and card in row.children
    row.reset()
    assert row.follow_up_card is None and not row._follow.disabled
    assert list(row.children) == row._base


def test_deciding_while_the_chooser_is_open_closes_it_and_a_refusal_is_shown() -> None:
    row = KukRow(KUK, "1.1", "Konsep", Look(), "en")
    row.want_follow_up()
    row.follow_up_refused("nothing this way")
    assert row.chooser is not None and "nothing this way" in row.chooser.message
    row.want_follow_up(False)  # taken back
    assert row.chooser is None
    row._follow.click()
    row.choose("K")
    assert row.chooser is None and row.verdict == "K"


def test_the_chooser_accepts_only_the_three_kinds() -> None:
    chooser = FollowUpChooser(Look(), "en")
    kinds: list[str] = []
    chooser.on_ask(kinds.append)
    chooser.ask("third_party")
    assert kinds == ["third_party"] and chooser.kind == "third_party"
    with pytest.raises(ValueError):
        chooser.ask("bribe")
    with pytest.raises(TraitError):
        chooser._kind.value = "interview"


def _case() -> Case:
    return Case(
        id="case-0042", scheme_code="SKM-1", scheme_title="Junior Web Programmer",
        scheme_version="v", units=["J.620100.004.02"], assessment_date=date(2024, 10, 1),
        asesi=AsesiProfile(name="Rina Wati", employment=[
            Employment(employer="PT Data Prima", role="programmer", start=date(2019, 3, 1),
                       end=date(2021, 6, 30), supervisor="Budi Santoso"),
            Employment(employer="CV Kode Kita", role="web developer", start=date(2021, 7, 1))]),
        evidence=[_item()],
        observations=[Observation(criterion=KUK, note="Menjelaskan array.", result="not_met")],
        answers=[QuestionAnswer(criterion=KUK, question="Apa itu stack?", answer="Tumpukan.",
                                expected="Struktur LIFO.", form="FR.IA.07")],
        self_assessment=[SelfClaim(criterion=KUK, answer="K", evidence=["E07"])])


def test_the_case_view_shows_employment_and_apl02_and_leaves_direct_evidence_to_rows() -> None:
    view = CaseView(Look())
    view.show(_case(), "id", {KUK: "J.620100.004.02 1.1"})
    html = view.value
    for text in ("Riwayat pekerjaan", "PT Data Prima", "programmer", "2019-03-01 – 2021-06-30",
                 "Budi Santoso", "2021-07-01 – sekarang", "Asesmen mandiri (FR.APL.02): 1 KUK, "
                 "1 K, 0 BK", "J.620100.004.02 1.1", "E07"):
        assert text in html, text
    assert "Menjelaskan array" not in html  # under the KUK row instead


def test_a_row_shows_the_observation_with_its_result_and_the_expected_answer() -> None:
    from widgets.practice.case_sections import direct_for

    row = KukRow(KUK, "1.1", "Konsep", Look(), "id")
    row.show_direct(direct_for(_case(), "id")[KUK])
    text = row._text.value
    for part in ("Menjelaskan array.", "belum tercapai", "Apa itu stack?", "Tumpukan.",
                 "Jawaban yang diharapkan", "Struktur LIFO.", "FR.IA.07"):
        assert part in text, part
    row.show_direct("")
    assert "Tumpukan" not in row._text.value and "Konsep" in row._text.value


def test_the_history_chart_has_axes_values_and_case_labels() -> None:
    attempts = [Attempt(token=f"t{n}", trainee="Rina", case_id=f"case-000{n}",
                        opened_at=None, judgement={}, score={  # type: ignore[arg-type]
                            "criteria_agreement": share, "false_competent": bad})
                for n, (share, bad) in enumerate([(0.5, 1), (0.875, 0), (1.0, 0)], start=1)]
    svg = history_svg(attempts, "id")
    for text in (">0%<", ">50%<", ">100%<", ">88%<", ">0001<", ">0003<", ">Kasus<",
                 'role="img"', "case-0002: kesesuaian 88%"):
        assert text in svg, text
    assert svg.count("#cf222e") == 1  # the attempt with a false competent is red
    assert history_svg([], "id") == ""
