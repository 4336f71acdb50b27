"""The debrief table: critical errors first, unjudged evidence summed up in one line."""

from __future__ import annotations

from toolkit.cases import FlawRates, Judgement, generate_cases
from toolkit.schemeio import read_scheme, sample_scheme_path
from toolkit.scoring import score
from widgets.practice.debrief import debrief_html


def test_unjudged_evidence_is_one_line_and_critical_errors_come_first() -> None:
    scheme = read_scheme(sample_scheme_path())
    ((case, key),) = generate_cases(scheme, seed=5, units=["J.620100.004.02"],
                                    flaws=FlawRates(met=0.5))
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
