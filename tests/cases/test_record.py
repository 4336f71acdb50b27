"""``asesorlab record``: the trainee's filled FR.AK.02, FR.IA.08, FR.MAPA.01, FR.IA.01, AK.01."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CliRun
from docx import Document

from toolkit.cases import IntegrityDeclaration, Judgement
from toolkit.cases.io import load_case, load_key, save_judgement
from toolkit.record import build_record, portfolio_documents
from toolkit.scheme import Scheme
from toolkit.schemeio import save_scheme


class _Rows(HTMLParser):
    """The cell texts of every table row of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_rows(path: Path) -> list[list[str]]:
    parser = _Rows()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.rows


def _docx_rows(path: Path) -> list[list[str]]:
    document = Document(str(path))
    return [[cell.text.strip() for cell in row.cells] for table in document.tables
            for row in table.rows]


@pytest.fixture(scope="module")
def judged(small_scheme: Scheme, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A simulated case set (with its scheme copy) and a trainee's judgement of case 1 that
    differs from the key on one unit, with feedback holding markup."""
    from toolkit.cli import main

    folder = tmp_path_factory.mktemp("record")
    scheme_file = folder / "scheme-src.yaml"
    save_scheme(small_scheme, scheme_file)
    assert main(["simulate", str(scheme_file), "--seed", "4", "--integrity-rate", "0",
                 "-o", str(folder / "cases")]) == 0
    key_path = folder / "cases" / "case-0001.key.json"
    key = load_key(key_path)
    judgement = Judgement.model_validate(key.model_dump(
        include={"case", "criteria", "evidence", "units", "recommendation", "plan"}))
    first, second = list(key.units)
    judgement.units = {first: "BK", second: "K"}
    judgement.recommendation = "BK"
    judgement.feedback = "Bapak, unit <b>pertama</b> & tindak lanjut."
    judgement.next_steps = f"Unit {first}: pelatihan lalu uji ulang."
    judgement.comments = "Asesi kooperatif."
    judgement.integrity = IntegrityDeclaration(conflict=False, act="proceed")
    path = save_judgement(judgement, folder / "judgement.json")
    return {"key": key_path, "judgement": path, "case": folder / "cases" / "case-0001.json",
            "folder": folder}


def test_record_writes_ak02_with_the_trainees_unit_decisions_and_ia08_per_document(
        judged: dict[str, Path], cli: CliRun, tmp_path: Path) -> None:
    out = tmp_path / "rec"
    code, stdout, err = cli("record", str(judged["key"]), str(judged["judgement"]), "-o",
                            str(out))
    assert code == 0, err
    assert "10" in stdout
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{code}.{ext}" for code in (
        "FR.AK.01", "FR.AK.02", "FR.IA.01", "FR.IA.08", "FR.MAPA.01") for ext in ("html", "docx"))
    judgement = json.loads(judged["judgement"].read_text(encoding="utf-8"))
    for rows in (_docx_rows(out / "FR.AK.02.docx"), _html_rows(out / "FR.AK.02.html")):
        for unit, verdict in judgement["units"].items():
            [row] = [r for r in rows if r and r[0].startswith(unit)]
            label = "Belum Kompeten (BK)" if verdict == "BK" else "Kompeten (K)"
            assert f"Keputusan: {label}" in row[0].replace("\n", " ")
            assert "√" in row[1:]  # the evidence types used
        text = " ".join(" ".join(r) for r in rows)
        assert "pelatihan lalu uji ulang" in text and "Asesi kooperatif." in text
    case = load_case(judged["case"])
    documents = portfolio_documents(case)
    assert documents
    for rows in (_docx_rows(out / "FR.IA.08.docx"), _html_rows(out / "FR.IA.08.html")):
        portfolio = [r for r in rows if len(r) > 2 and r[0].rstrip(".").isdigit()
                     and any(r[1].startswith(f"{item.id}. ") for item in documents)]
        assert len(portfolio) == len(documents)
        assert [r[1].split(".")[0] for r in portfolio] == [item.id for item in documents]
        assert all(r[2:10].count("√") == 4 for r in portfolio)  # each rule judged Ya or Tidak
    html = (out / "FR.IA.01.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;pertama&lt;/b&gt; &amp; tindak lanjut." in html and "<b>pertama" not in html
    ak01 = (out / "FR.AK.01.html").read_text(encoding="utf-8")
    assert "Saya menyatakan tidak ada konflik kepentingan" in ak01
    mapa = " ".join(" ".join(r) for r in _docx_rows(out / "FR.MAPA.01.docx"))
    assert "☑ Pekerja berpengalaman" in mapa and "FR.IA.08" in mapa


@pytest.mark.slow
def test_record_docx_opens_in_libreoffice_with_every_unit_code(
        judged: dict[str, Path], cli: CliRun, tmp_path: Path) -> None:
    out = tmp_path / "rec"
    assert cli("record", str(judged["key"]), str(judged["judgement"]), "-o", str(out))[0] == 0
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                    str(out / "FR.AK.02.docx"), str(out / "FR.MAPA.01.docx")],
                   check=True, capture_output=True, timeout=240)
    units = list(load_key(judged["key"]).units)
    for name in ("FR.AK.02", "FR.MAPA.01"):
        text = subprocess.run(["pdftotext", str(tmp_path / "pdf" / f"{name}.pdf"), "-"],
                              check=True, capture_output=True, text=True).stdout
        assert all(unit in text for unit in units), (name, units)


def test_record_rebuilds_from_a_stored_attempt(judged: dict[str, Path], cli: CliRun,
                                               tmp_path: Path) -> None:
    from toolkit.store import Attempt, Store

    url = f"sqlite:///{tmp_path / 'attempts.db'}"
    store = Store(url)
    judgement = json.loads(judged["judgement"].read_text(encoding="utf-8"))
    attempt, _created = store.record(Attempt(
        token="t1", trainee="calon-1", case_id="case-0001", opened_at=datetime.now(UTC),
        judgement=judgement, score={"passed": False}))
    store.dispose()
    out = tmp_path / "again"
    code, _out, err = cli("record", str(judged["key"]), "--attempt", str(attempt.id), "--db",
                          url, "-o", str(out))
    assert code == 0, err
    direct = tmp_path / "direct"
    assert cli("record", str(judged["key"]), str(judged["judgement"]), "-o", str(direct))[0] == 0
    assert (out / "FR.AK.02.html").read_bytes() == (direct / "FR.AK.02.html").read_bytes()
    code, _out, err = cli("record", str(judged["key"]), "--attempt", "999", "--db", url, "-o",
                          str(tmp_path / "none"))
    assert code == 2 and "999" in err
    code, _out, err = cli("record", str(judged["key"]), "-o", str(tmp_path / "none"))
    assert code == 2 and "--attempt" in err


def test_build_record_in_english_uses_the_same_forms(judged: dict[str, Path],
                                                     small_scheme: Scheme) -> None:
    case = load_case(judged["case"])
    key = load_key(judged["key"])
    judgement = Judgement.model_validate_json(judged["judgement"].read_text(encoding="utf-8"))
    files = build_record(small_scheme, case, judgement, lang="en", key=key)
    ak02 = files["FR.AK.02.html"].decode("utf-8")
    assert "RECORD OF COMPETENCY ASSESSMENT" in ak02 and "Not yet competent (BK)" in ak02
    assert files["FR.AK.02.docx"][:2] == b"PK"
