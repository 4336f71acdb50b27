"""``asesorlab demo-cohort`` and ``asesorlab report``: the real command, on SQLite and
PostgreSQL, writing JSON, XLSX and HTML."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from suite_support import CliResult

Run = Callable[..., CliResult]


def test_demo_cohort_then_a_json_report(asesorlab: Run, db_url: str, tmp_path: Path) -> None:
    made = asesorlab(["demo-cohort", "--db", db_url, "--trainees", "9", "--attempts", "8",
                      "--seed", "4", "--focus", "other_person"])
    assert made.code == 0, made.out + made.err
    assert "72" in made.out
    out = tmp_path / "report.json"
    result = asesorlab(["report", "--db", db_url, "-o", str(out)])
    assert result.code == 0, result.out + result.err
    assert "9" in result.out and "siap" in result.out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["trainees"]) == 9 and data["attempts"] == 72
    for trainee in data["trainees"]:
        assert trainee["status"] in ("belum siap", "hampir siap", "siap")
        assert trainee["reasons"] and all(isinstance(r, str) for r in trainee["reasons"])
        assert trainee["attempts"] == 8
        assert 0.0 <= trainee["criteria_agreement"] <= 1.0
        assert trainee["kappa"] is None or -1.0 <= trainee["kappa"] <= 1.0
        assert isinstance(trainee["false_competent"], int)
    assert next(iter(data["flaw_miss_rates"])) == "other_person"
    assert {"cases", "fleiss_kappa", "krippendorff_alpha"} <= set(data["consistency"])
    assert data["consistency"]["cases"][0]["raters"] >= 2


def test_xlsx_and_html_reports_and_filters(asesorlab: Run, tmp_path: Path,
                                           sample_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    assert asesorlab(["demo-cohort", "--db", db, "--trainees", "4", "--attempts", "3"]).code == 0
    xlsx = tmp_path / "report.xlsx"
    assert asesorlab(["report", "--db", db, "--scheme", str(sample_path), "-o",
                      str(xlsx)]).code == 0
    book = load_workbook(xlsx, read_only=True)
    assert len(book.sheetnames) == 6 and book.sheetnames[-1] == "FR.AK.05"
    rows = list(book[book.sheetnames[0]].iter_rows(values_only=True))
    assert len(rows) == 5 and rows[0][1] == "status"
    assert {r[1] for r in rows[1:]} <= {"belum siap", "hampir siap", "siap"}
    page = tmp_path / "report.html"
    assert asesorlab(["report", "--db", db, "--until", "2026-01-05", "-o", str(page)]).code == 0
    text = page.read_text(encoding="utf-8")
    assert text.count('<img class="chart"') == 4 and "data:image/png;base64," in text
    assert "4 percobaan oleh 4 calon asesor" in text  # only the first day's attempts
    assert "<script" not in text


def test_bad_input_is_a_message_not_a_traceback(asesorlab: Run, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    wrong = asesorlab(["report", "--db", db, "-o", str(tmp_path / "report.pdf")])
    assert wrong.code == 2 and ".html, .xlsx, .json" in wrong.err
    day = asesorlab(["report", "--db", db, "--since", "kemarin", "-o", str(tmp_path / "r.json")])
    assert day.code == 2 and "YYYY-MM-DD" in day.err
    empty = asesorlab(["report", "--db", db, "-o", str(tmp_path / "empty.html")])
    assert empty.code == 0 and (tmp_path / "empty.html").stat().st_size > 1000
    garbage = asesorlab(["report", "--db", "not a url", "-o", str(tmp_path / "r.json")])
    assert garbage.code == 1 and "Traceback" not in garbage.err


def test_a_plugin_s_qualification_rule_is_used(asesorlab: Run, tmp_path: Path,
                                               example_plugin_env: dict[str, str]) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    assert asesorlab(["demo-cohort", "--db", db, "--trainees", "3", "--attempts", "12"]).code == 0
    out = tmp_path / "r.json"
    strict = asesorlab(["report", "--db", db, "--rule", "strict", "-o", str(out)],
                       env=example_plugin_env)
    assert strict.code == 0, strict.out + strict.err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["rule"] == "strict"
    assert all(t["status"] != "siap" for t in data["trainees"])  # 12 of the 15 cases needed
    assert any("12 dari 15 kasus" in r for t in data["trainees"] for r in t["reasons"])
    missing = asesorlab(["report", "--db", db, "--rule", "strictest", "-o", str(out)])
    assert missing.code == 2 and "strictest" in missing.err and "default" in missing.err
