"""The training pack module, in-process: files, sidecar, sections, checks and exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from toolkit.cases.io import load_case
from toolkit.i18n import language
from toolkit.schemeio import read_scheme, sample_scheme_path
from training.batch.export import markdown_blocks, markdown_docx, markdown_html
from training.pack import Pack, build_pack, check_parameters, summarize

from .leaks import trainee_leaks

UNIT = "J.620100.004.02"


@pytest.fixture(scope="module")
def pack_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pack")


@pytest.fixture(scope="module")
def pack(pack_dir: Path) -> Pack:
    return build_pack(units=[UNIT], seed=3, cases=3, flaws={"met": 0.5, "not_current": 0.3},
                      language="en", out_dir=pack_dir)


def test_pack_writes_a_trainee_and_a_trainer_folder(pack: Pack, pack_dir: Path) -> None:
    expected = {"trainee/instruments/FR.IA.01.html", "trainee/instruments/FR.IA.03.html",
                "trainer/trainer-pack.docx", "trainer/trainer-pack.html",
                "trainer/difficulty.png"} | {
        f"trainee/cases/case-000{n}.json" for n in (1, 2, 3)} | {
        f"trainer/cases/case-000{n}{suffix}" for n in (1, 2, 3)
        for suffix in (".json", ".key.json")}
    assert set(pack.files) == expected
    sidecar = json.loads((pack_dir / "trainer" / "pack-results.json").read_text(
        encoding="utf-8"))
    assert sidecar["parameters"]["flaws"].startswith("met=0.5,")
    assert sidecar["units"] == [UNIT]
    assert [c["id"] for c in sidecar["cases"]] == ["case-0001", "case-0002", "case-0003"]
    assert all(0 <= c["difficulty"] <= 1 for c in sidecar["cases"])
    assert (pack_dir / "trainer" / "difficulty.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_nothing_of_a_key_is_in_the_trainee_folder(pack: Pack, pack_dir: Path) -> None:
    keys = [key for _case, key in pack.pairs]
    assert trainee_leaks(pack_dir / "trainee", keys) == []
    # the checker does find the key material where it is: the trainer's folder
    found = trainee_leaks(pack_dir / "trainer", keys)
    assert any("answer key file" in leak for leak in found)
    assert any("trainer-pack.html" in leak and "verdict" in leak for leak in found)
    assert any("difficulty.png" in leak for leak in found)


def test_trainee_cases_are_the_cases_without_the_seed(pack: Pack, pack_dir: Path) -> None:
    for case, _key in pack.pairs:
        given = load_case(pack_dir / "trainee" / "cases" / f"{case.id}.json")
        assert case.seed == 3 and given.seed == 0
        assert given.model_dump(exclude={"seed"}) == case.model_dump(exclude={"seed"})


def test_sections_are_markdown_in_the_pack_language(pack: Pack) -> None:
    assert pack.intro._repr_markdown_().startswith("# Training pack: Junior Web Programmer")
    assert "1.1 Konsep data" in str(pack.intro)
    assert str(pack.cases).count("## Case case-000") == 3
    assert "| Valid | Authentic | Current | Sufficient |" in str(pack.exercise)
    assert str(pack.summary).count("| case-000") == 3
    assert pack.chart._repr_png_()[:4] == b"\x89PNG"


def test_the_trainer_pack_is_titled_and_gives_the_key_with_reasons(pack: Pack,
                                                                    pack_dir: Path) -> None:
    html = (pack_dir / "trainer" / "trainer-pack.html").read_text(encoding="utf-8")
    key = json.loads((pack_dir / "trainer" / "cases" / "case-0001.key.json").read_text(
        encoding="utf-8"))
    first_kuk = next(iter(key["criteria"]))
    assert first_kuk in html and key["reasons"]["criteria"][first_kuk]["en"] in html
    assert "for the trainer only, do not hand out" in html
    assert html.count("data:image/png;base64,") == 1  # the difficulty chart, embedded
    assert "Reason" not in str(pack.cases) and "Reason" not in str(pack.exercise)
    document = Document(str(pack_dir / "trainer" / "trainer-pack.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "do not hand out" in text and "Answer key" in text
    assert len(document.inline_shapes) == 1


def test_difficulty_counts_traps(pack: Pack) -> None:
    for (case, key), row in zip(pack.pairs, pack.summary_rows, strict=True):
        assert summarize(case, key) == row
        assert row.flawed == sum(1 for flaws in key.flaws.values() if flaws)
        assert row.traps >= row.flawed


def test_indonesian_pack(tmp_path: Path) -> None:
    pack = build_pack(units=UNIT, cases=2, language="id", out_dir=tmp_path)
    assert str(pack.intro).startswith("# Paket pelatihan: Junior Web Programmer")
    assert "Lembar latihan" in str(pack.exercise)
    assert trainee_leaks(tmp_path / "trainee", [key for _c, key in pack.pairs]) == []
    html = (tmp_path / "trainer" / "trainer-pack.html").read_text(encoding="utf-8")
    assert "untuk pelatih, jangan dibagikan" in html


def test_check_parameters_names_what_is_wrong() -> None:
    with language("en"):
        problems = dict(check_parameters({"units": ["X.1"], "cases": 0, "flaws": "met=2",
                                          "language": "fr"}))
    assert "unknown unit(s) X.1" in problems["units"]
    assert set(problems) == {"units", "cases", "flaws", "language"}
    assert check_parameters({"scheme": str(sample_scheme_path()), "units": "all"}) == []


def test_markdown_exports_keep_headings_lists_and_tables(tmp_path: Path) -> None:
    text = ("# Title\n\nA **bold** line\ncontinued.\n\n- item\n\n"
            "| a | b \\| c |\n|---|---|\n| 1 | 2 |")
    assert markdown_blocks(text) == [
        ("heading", (1, "Title")), ("paragraph", "A **bold** line continued."),
        ("bullet", "item"), ("table", [["a", "b | c"], ["1", "2"]])]
    html = markdown_html(text, "T")
    assert "<h1>Title</h1>" in html and "<strong>bold</strong>" in html
    assert "<td>b | c</td>" not in html and "<th>b | c</th>" in html
    markdown_docx(text, tmp_path / "x.docx")
    document = Document(str(tmp_path / "x.docx"))
    assert document.tables[0].cell(1, 1).text == "2"
    assert read_scheme(sample_scheme_path()).units[0].code == UNIT
