"""Every renderer of user text, fed a scheme whose every text holds the classic payloads.

The forms (HTML, DOCX, JSON, every built-in instrument), the training packs (trainee and
trainer), the cohort report (HTML, XLSX, JSON) and dashboard, the practice app's widgets
(case view, evidence, KUK rows, debrief), the simulator's trainee view and key review: each
HTML output is opened in Debian Chromium — no dialog may open, no injected element may
exist, and every payload must be shown as written. DOCX text and JSON hold the payloads
literally; the scheme goes YAML → XLSX → YAML through ``asesorlab convert`` unchanged.
A summary (renderer, pages, payloads checked, dialogs) goes to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import ipywidgets as w
import nbformat
import pytest
from docx import Document
from openpyxl import load_workbook

from security.conftest import record as _record
from security.payloads import PAYLOADS, hostile, hostile_bank, hostile_case_set, hostile_scheme
from security.payloads import missing as not_shown
from toolkit.analytics import demo_cohort
from toolkit.analytics.demo import TraineeProfile
from toolkit.analytics.report import build_report
from toolkit.analytics.report_files import write_report
from toolkit.cases.io import case_files, key_path_for, load_case, load_key
from toolkit.exporters import export_documents
from toolkit.instruments import generate, list_instruments
from toolkit.instruments.bank import save_bank
from toolkit.scheme import Scheme
from toolkit.schemeio import read_scheme, save_scheme
from toolkit.store import Store
from training.batch.export import notebook_docx, notebook_html
from training.pack import build_pack

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Elements a payload would create if it were markup; a page of ours has none of them.
INJECTED = ("Array.from(document.querySelectorAll(\"iframe, img[src='x'], a[href^='javascript'], "
            "script\")).filter(e => e.tagName !== 'SCRIPT' || e.textContent.includes('alert'))"
            ".length")
#: Forms that print no text of the scheme, bank or case (only the form's own labels).
WITHOUT_USER_TEXT = {"FR.AK.03"}


@pytest.fixture(scope="module")
def scheme() -> Scheme:
    return hostile_scheme()


@pytest.fixture(scope="module")
def cases(scheme: Scheme, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-cases")
    hostile_case_set(scheme, folder)
    save_scheme(scheme, folder / "scheme.yaml")
    return folder


def _open_all(chromium: Any, files: Iterable[Path],
              literal: bool = True) -> tuple[int, int, list[str]]:
    """Open each file; (pages, dialogs, problems). With ``literal`` false a page may show
    no payload at all (not some of them: that is a payload eaten by markup)."""
    problems: list[str] = []
    pages = dialogs = 0
    for file in files:
        page = chromium.new_page()
        seen: list[str] = []
        page.on("dialog", lambda dialog, seen=seen: (seen.append(dialog.message),
                                                     dialog.dismiss()))
        page.goto(file.as_uri())
        page.wait_for_load_state("load")
        text = page.inner_text("body")
        injected = page.evaluate(INJECTED)
        page.close()
        pages, dialogs = pages + 1, dialogs + len(seen)
        if seen or injected:
            problems.append(f"{file.name}: {len(seen)} dialogs, {injected} injected elements")
        absent = not_shown(text)
        if len(absent) == len(PAYLOADS) and (file.stem in WITHOUT_USER_TEXT or not literal):
            continue  # a form that prints no scheme text (still opened: no dialog)
        if absent:
            problems.append(f"{file.name}: not shown literally: {absent}")
    return pages, dialogs, problems


def _page(path: Path, fragments: Iterable[str]) -> Path:
    """A standalone page of HTML fragments (what widgets put in the browser)."""
    path.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
                    + "\n".join(fragments) + "</body></html>", encoding="utf-8")
    return path


def _html_values(widget: w.Widget, seen: set[str] | None = None) -> list[str]:
    """The HTML of every HTML widget in ``widget``'s tree (shown or hidden)."""
    seen = set() if seen is None else seen
    if widget.model_id in seen:
        return []
    seen.add(widget.model_id)
    out = [str(widget.value)] if isinstance(widget, w.HTML | w.HTMLMath) else []
    for name in widget.keys:
        value = getattr(widget, name)
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, w.Widget):
                out += _html_values(item, seen)
    return out


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows
              for cell in row.cells]
    return "\n".join(parts)


def test_forms_html_docx_json(scheme: Scheme, chromium: Any, tmp_path: Path) -> None:
    bank = hostile_bank(scheme)
    save_bank(bank, tmp_path / "bank.yaml")
    html_files: list[Path] = []
    docx_files: list[Path] = []
    json_files: list[Path] = []
    for instrument in list_instruments():
        documents = generate(scheme, instrument.code, bank=bank, lang="en")
        html_files += export_documents(documents, tmp_path / f"{instrument.code}.html")
        docx_files += export_documents(documents, tmp_path / f"{instrument.code}.docx")
        json_files += export_documents(documents, tmp_path / f"{instrument.code}.json")
    pages, dialogs, problems = _open_all(chromium, html_files)
    _record("forms (HTML)", pages, dialogs)
    assert problems == []
    docx_problems = [f"{f.name}: {not_shown(_docx_text(f))}" for f in docx_files
                     if not_shown(_docx_text(f)) and f.stem not in WITHOUT_USER_TEXT]
    _record("forms (DOCX)", len(docx_files))
    assert docx_problems == []
    json_problems = [f.name for f in json_files if f.stem not in WITHOUT_USER_TEXT
                     and not all(p in f.read_text(encoding="utf-8") for p in
                                (json.dumps(p, ensure_ascii=False)[1:-1] for p in PAYLOADS))]
    _record("forms (JSON)", len(json_files))
    assert json_problems == []
    assert len(html_files) >= 23


def test_training_packs(scheme: Scheme, chromium: Any, tmp_path: Path) -> None:
    made = build_pack(scheme=scheme, cases=1, language="en", out_dir=tmp_path / "pack",
                      units=[scheme.units[0].code, scheme.units[5].code])
    nb = nbformat.v4.new_notebook()
    for section in (made.intro, made.cases, made.exercise):
        cell = nbformat.v4.new_code_cell("pack.section")
        cell.outputs = [nbformat.v4.new_output("display_data",
                                               data={"text/markdown": str(section)})]
        nb.cells.append(cell)
    trainee = tmp_path / "trainee-sections.html"
    trainee.write_text(notebook_html(nb), encoding="utf-8")
    files = [trainee, *sorted((tmp_path / "pack").rglob("*.html"))]
    pages, dialogs, problems = _open_all(chromium, files)
    _record("training packs (HTML)", pages, dialogs)
    assert problems == []
    notebook_docx(nb, tmp_path / "trainee-sections.docx")
    docs = [tmp_path / "trainee-sections.docx", *sorted((tmp_path / "pack").rglob("*.docx"))]
    _record("training packs (DOCX)", len(docs))
    assert [d.name for d in docs if not_shown(_docx_text(d))] == []


def test_cohort_report_and_dashboard(scheme: Scheme, chromium: Any, tmp_path: Path) -> None:
    from widgets.cohort.dashboard import CohortDashboard

    store = Store(f"sqlite:///{tmp_path / 'cohort.db'}")
    names = [hostile(i)[:120] for i in range(len(PAYLOADS))]
    demo_cohort(store, scheme, trainees=len(names), attempts=2, seed=5, lang="en",
                profiles=[TraineeProfile(name) for name in names])
    report = build_report(store)
    for suffix in (".html", ".xlsx", ".json"):
        write_report(report, tmp_path / f"report{suffix}")
    dashboard = _page(tmp_path / "dashboard.html", _html_values(CohortDashboard(store, "en")))
    pages, dialogs, problems = _open_all(chromium, [tmp_path / "report.html", dashboard])
    _record("cohort report + dashboard (HTML)", pages, dialogs)
    assert problems == []
    sheet = load_workbook(tmp_path / "report.xlsx", data_only=True).worksheets[0]
    stored = [row[0].value for row in sheet.iter_rows(min_row=2)]
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    _record("cohort report (XLSX)", 1)
    assert sorted(stored) == sorted(names) and formulas == []
    text = (tmp_path / "report.json").read_text(encoding="utf-8")
    assert all(json.dumps(n, ensure_ascii=False) in text for n in names)
    store.dispose()


def test_practice_widgets_and_debrief(cases: Path, chromium: Any, tmp_path: Path) -> None:
    from widgets.practice import PracticeApp, practice_app
    from widgets.simulator.key_review import KeyReview
    from widgets.simulator.trainee_view import TraineeView

    app = practice_app(cases, db=f"sqlite:///{tmp_path / 'attempts.db'}", lang="en")
    assert isinstance(app, PracticeApp), getattr(app, "value", app)
    app.sign_in("Rina O'Neil @SUM -2")  # names are checked at sign-in: no markup gets in
    for panel in app.evidence_panels:
        panel.expand()
    for index, row in enumerate(app.rows):
        row.choose("K" if index % 2 else "BK")
        row.note = hostile(index)
    app.units.override(None, "BK")
    case_page = _page(tmp_path / "practice-case.html", _html_values(app))
    assert app.submit(), app.message
    debrief = _page(tmp_path / "practice-debrief.html", _html_values(app.debrief))
    scheme = read_scheme(cases / "scheme.yaml")
    case_file = case_files(cases)[0]
    case, key = load_case(case_file), load_key(key_path_for(case_file))
    view, review = TraineeView("en"), KeyReview("en")
    view.show(case, {ref.id: ref.label for ref in scheme.iter_criteria()})
    review.show(key, scheme, case)
    simulator = _page(tmp_path / "simulator.html", _html_values(view) + _html_values(review))
    pages, dialogs, problems = _open_all(chromium, [case_page, simulator])
    _record("practice case view, simulator", pages, dialogs)
    assert problems == []
    # the debrief names KUK and units by code and says why in the app's own words
    pages, dialogs, problems = _open_all(chromium, [debrief], literal=False)
    _record("practice debrief (no scheme text)", pages, dialogs)
    assert problems == []


def test_scheme_xlsx_round_trip_through_convert(scheme: Scheme, tmp_path: Path) -> None:
    cli = [str(Path(sys.executable).parent / "asesorlab"), "--lang", "en", "convert"]
    save_scheme(scheme, tmp_path / "scheme.yaml")
    for source, target in (("scheme.yaml", "scheme.xlsx"), ("scheme.xlsx", "back.yaml")):
        done = subprocess.run([*cli, str(tmp_path / source), str(tmp_path / target)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
    sheet = load_workbook(tmp_path / "scheme.xlsx").worksheets[0]
    titles = [sheet.cell(row=r, column=3) for r in range(5, sheet.max_row + 1)
              if sheet.cell(row=r, column=3).value]
    assert {c.value[:len(p)] for c, p in zip(titles, PAYLOADS, strict=True)} == set(PAYLOADS)
    assert all(c.data_type == "s" for c in titles)
    assert [c.quotePrefix for c in titles if c.value.startswith(("=", "+", "-", "@"))] == \
        [True] * 4
    _record("scheme XLSX (convert → XLSX → back)", 1)
    assert read_scheme(tmp_path / "back.yaml").to_data() == scheme.to_data()
