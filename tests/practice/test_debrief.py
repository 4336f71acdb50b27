"""The debrief table: critical errors first, unjudged evidence summed up in one line, one
row per evidence item with its reason once, and Indonesian text without ids or English."""

from __future__ import annotations

import re

from toolkit.cases import FlawRates, Judgement, generate_cases
from toolkit.cases.model import EvidenceVerdict, Reasons
from toolkit.schemeio import read_scheme, sample_scheme_path
from toolkit.scoring import score
from widgets.practice.debrief import debrief_html


def test_unjudged_evidence_is_one_line_and_critical_errors_come_first() -> None:
    scheme = read_scheme(sample_scheme_path())
    ((case, key),) = generate_cases(scheme, seed=5, units=["J.620100.004.02"],
                                    flaws=FlawRates(met=0.5), generator="classic")
    bk = next(kuk for kuk, verdict in key.criteria.items() if verdict == "BK")
    judged = case.evidence[0].id
    judgement = Judgement(
        case=case.id, criteria={**key.criteria, bk: "K"},
        evidence={judged: key.evidence[judged]}, units=key.units,
        recommendation=key.recommendation)
    report = score(key, judgement, lang="id")
    page = debrief_html(report, "id")
    rows = page.split("<h3>Perbedaan dengan kunci</h3>")[1].split("<tr")[2:]
    assert 'class="asesorlab-critical"' in rows[0] and bk in rows[0]  # the critical one first
    unjudged = len(case.evidence) - 1
    assert f"{unjudged} bukti belum dinilai" in page
    assert page.count("/valid<") == 0  # no per-check rows for evidence nobody judged


def _judged_badly(reasons: bool = True) -> tuple[str, str, str, str]:
    """A default case judged all K with every item's checks inverted: the debrief in
    Indonesian, the case's KUK labels used, one item id and its reason (``reasons=False``:
    a key without reasons, to read only the app's own words)."""
    scheme = read_scheme(sample_scheme_path())
    ((case, key),) = generate_cases(scheme, seed=3, units=["J.620100.004.02",
                                                           "J.620100.005.02"])
    if not reasons:
        key = key.model_copy(update={"reasons": Reasons()})
    labels = {ref.id: f"{ref.unit.code} {ref.label}" for ref in scheme.iter_criteria()}
    flipped = {item: EvidenceVerdict(valid=not v.valid, authentic=not v.authentic,
                                     current=v.current, sufficient=None)
               for item, v in key.evidence.items()}
    criteria = dict.fromkeys(key.criteria, "K")
    judgement = Judgement(case=case.id, criteria=criteria, evidence=flipped,  # type: ignore[arg-type]
                          units=dict.fromkeys(key.units, "K"), recommendation="K")
    report = score(key, judgement, lang="id")
    page = debrief_html(report, "id", labels, case)
    item = case.evidence[0]
    reason = key.reasons.evidence.get(item.id, {}).get("id", "")
    return page, f"{item.id} · {item.title}", item.id, reason


def test_an_item_is_one_row_with_its_checks_and_its_reason_once() -> None:
    page, name, _item_id, reason = _judged_badly()
    rows = [r for r in page.split("<tr") if f"<td>{name}" in r.replace("&#x27;", "'")
            or f"<td>{name}".replace("'", "&#x27;") in r]
    assert len(rows) == 1
    row = rows[0]
    assert "Valid ✗" in row or "Valid ✓" in row
    assert "Memadai –" in row  # belum dinilai
    if reason:
        shown = reason.replace("'", "&#x27;").replace("/", " ")  # KUK named as the case does
        assert page.count(shown) == 1  # the reason once, not once per check


def test_the_indonesian_debrief_has_no_ids_or_english() -> None:
    with_reasons = re.sub(r"<[^>]+>", " ", _judged_badly()[0])
    assert not re.search(r"\.\d{2}/\d", with_reasons)  # KUK ids shown as "J.6… 1.2", even
    # in the key's reasons
    text = re.sub(r"<[^>]+>", " ", _judged_badly(reasons=False)[0])
    assert not re.search(r"E\d+/|/(valid|authentic|current|sufficient)", text)
    for english in ("recommendation", "evidence", "Reference", "criterion", " wrong",
                    "not judged", "Sufficient", "Authentic", "Debrief", " key "):
        assert english not in text, english
    for indonesian in ("Pembahasan", "Kunci", "Rekomendasi untuk asesi", "bukti", "sesuai kunci"):
        assert indonesian in text, indonesian


def test_the_debrief_opens_with_the_case_result_and_the_critical_errors() -> None:
    from toolkit.cases.keys import generate_case_set

    scheme = read_scheme(sample_scheme_path())
    labels = {ref.id: f"{ref.unit.code} {ref.label}" for ref in scheme.iter_criteria()}
    triples = generate_case_set(scheme, count=4, seed=7)
    case, key, _extra = next(t for t in triples if t[1].follow_up_due)
    thin = key.follow_up_due[0]
    right = Judgement(case=case.id, criteria=dict(key.criteria), evidence=dict(key.evidence),
                      units=dict(key.units), recommendation=key.recommendation,
                      follow_ups={thin: "question"})
    page = debrief_html(score(key, right, lang="id"), "id", labels, case)
    assert page.index("Lulus kasus") < page.index("asesorlab-score")  # the headline
    assert 'data-passed="true"' in page and "Kesalahan kritis" not in page
    credited = page.split('class="asesorlab-ok asesorlab-followup-credited">')[1]
    assert credited.startswith("Penilaian lanjut yang tepat") and labels[thin] in credited
    bk = next(k for k, v in key.criteria.items() if v == "BK") if "BK" in \
        key.criteria.values() else None
    wrong = right.model_copy(update={
        "criteria": {**key.criteria, **({bk: "K"} if bk else {})},
        "recommendation": "K" if key.recommendation == "BK" else "BK", "follow_ups": {}})
    page = debrief_html(score(key, wrong, lang="id"), "id", labels, case)
    head = page.split("<table>")[0]
    assert "Belum lulus kasus" in head and 'data-passed="false"' in head
    assert "Kesalahan kritis" in head and "<b>Rekomendasi untuk asesi</b>: " in head
    if bk:
        assert f"<b>{labels[bk]}</b>: dinilai tercapai padahal menurut kunci" in head
    assert "Seharusnya bukti tambahan dikumpulkan dulu" in head and labels[thin] in head
