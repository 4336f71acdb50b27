"""The simulate, score, override, rekey and agreement commands, through the real entry."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from toolkit.agreement import fleiss_kappa, gwet_ac1, krippendorff_alpha, percent_agreement
from toolkit.cases.io import case_files, key_path_for, load_key
from toolkit.schemeio import sample_scheme_path

CliRun = Callable[..., tuple[int, str, str]]
SCHEME = sample_scheme_path()
UNITS = "J.620100.004.02,J.620100.005.02"


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three cases of two units, written by the real ``asesorlab simulate`` (subprocess)."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("cases")
    script = Path(sys.executable).parent / "asesorlab"
    done = subprocess.run([str(script), "--lang", "en", "simulate", str(SCHEME), "--cases", "3",
                           "--seed", "5", "--units", UNITS, "--difficulty", "sulit",
                           "-o", str(out)], capture_output=True, text=True, check=False,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Written: 3 case(s) and key(s)" in done.stdout
    return out


def _key_with_bk(case_dir: Path, count: int) -> Path:
    """The first key of the folder with at least ``count`` KUK the key says BK."""
    for path in sorted(case_dir.glob("*.key.json")):
        key = json.loads(path.read_text(encoding="utf-8"))
        if sum(v == "BK" for v in key["criteria"].values()) >= count:
            return path
    raise AssertionError(f"no key with {count} BK KUK in {case_dir}")


def _judgement_from_key(key_path: Path, target: Path, flip_bk: int = 0) -> Path:
    key = json.loads(key_path.read_text(encoding="utf-8"))
    data = {name: key[name] for name in ("case", "criteria", "evidence", "units",
                                         "recommendation")}
    data["follow_ups"] = dict.fromkeys(key.get("follow_up_due", []), "question")
    flipped = [k for k, v in data["criteria"].items() if v == "BK"][:flip_bk]
    for kuk in flipped:
        data["criteria"][kuk] = "K"
    target.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return target


def test_simulate_writes_cases_and_keys(case_dir: Path) -> None:
    cases = case_files(case_dir)
    assert [p.name for p in cases] == ["case-0001.json", "case-0002.json", "case-0003.json"]
    for path in cases:
        assert key_path_for(path).exists()
        assert json.loads(path.read_text(encoding="utf-8"))["units"] == UNITS.split(",")


def test_simulate_is_byte_identical_per_seed(case_dir: Path, cli: CliRun,
                                             tmp_path: Path) -> None:
    code, out, _err = cli("simulate", SCHEME, "--cases", "3", "--seed", "5", "--units",
                          "J.620100.004.02", "--units", "J.620100.005.02", "--difficulty",
                          "sulit", "-o", tmp_path)
    assert code == 0, out
    for path in case_dir.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_simulate_reports_a_bad_flaws_value(cli: CliRun, tmp_path: Path) -> None:
    code, _out, err = cli("--lang", "en", "simulate", SCHEME, "--flaws", "met=1.5",
                          "-o", tmp_path / "x")
    assert code == 2
    assert "--flaws" in err and "met must be a number from 0 to 1, not '1.5'" in err
    code, _out, err = cli("--lang", "en", "simulate", SCHEME, "--flaws", "oops=0.1",
                          "-o", tmp_path / "x")
    assert code == 2 and "unknown flaw rate 'oops'" in err and "not_sufficient" in err
    assert not (tmp_path / "x").exists()


def test_simulate_reports_an_unknown_unit_and_generator(cli: CliRun, tmp_path: Path) -> None:
    code, _out, err = cli("--lang", "en", "simulate", SCHEME, "--units", "Z.1", "-o", tmp_path)
    assert code == 2 and "Z.1" in err and "J.620100.004.02" in err
    code, _out, err = cli("--lang", "en", "simulate", SCHEME, "--generator", "nope",
                          "-o", tmp_path)
    assert code == 2 and "no case generator named 'nope'; available: default" in err


def test_score_prints_a_debrief(case_dir: Path, cli: CliRun, tmp_path: Path) -> None:
    key_path = _key_with_bk(case_dir, 1)
    judgement = _judgement_from_key(key_path, tmp_path / "j.json", flip_bk=1)
    code, out, _err = cli("--lang", "en", "score", key_path, judgement)
    assert code == 0
    assert "False competent (BK judged K, critical): 1" in out
    assert out.splitlines()[0] == "Case not passed"  # a false competent KUK fails the case
    assert "! critical — J.620100." in out and "judged K where the key says BK" in out
    code, out, _err = cli("score", key_path, judgement)
    assert "K keliru (seharusnya BK) — kesalahan kritis: 1" in out
    assert "K keliru, seharusnya BK" in out and out.splitlines()[0] == "Belum lulus kasus"


def test_score_json(case_dir: Path, cli: CliRun, tmp_path: Path) -> None:
    key_path = _key_with_bk(case_dir, 2)
    right = _judgement_from_key(key_path, tmp_path / "right.json")
    code, out, _err = cli("score", key_path, right, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["passed"] is True and data["critical_errors"] == []
    judgement = _judgement_from_key(key_path, tmp_path / "j.json", flip_bk=2)
    code, out, _err = cli("score", key_path, judgement, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["false_competent"] == 2 and data["false_not_yet_competent"] == 0
    assert data["recommendation_correct"] is True and data["passed"] is False
    kinds = [e["kind"] for e in data["critical_errors"]]
    assert kinds.count("false_competent_criterion") == 2
    assert all(set(e) == {"kind", "where", "why"} and e["why"] for e in data["critical_errors"])
    for name in ("criteria_agreement", "kappa", "evidence_agreement", "ac1", "units_correct"):
        assert name in data
    assert len([d for d in data["debrief"] if d["critical"]]) >= 2


def test_score_locates_a_bad_judgement(case_dir: Path, cli: CliRun, tmp_path: Path) -> None:
    key_path = case_dir / "case-0001.key.json"
    judgement = _judgement_from_key(key_path, tmp_path / "bad.json")
    lines = judgement.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if '"K"' in line or '"BK"' in line)
    lines[number - 1] = lines[number - 1].replace('"BK"', '"maybe"').replace('"K"', '"maybe"')
    judgement.write_text("\n".join(lines), encoding="utf-8")
    code, out, _err = cli("--lang", "en", "score", key_path, judgement)
    assert code == 1
    assert f"{judgement}:{number}: error: " in out and "must be one of" in out

    broken = tmp_path / "broken.json"
    broken.write_text('{"case": "case-0001",\n "criteria": {,}}', encoding="utf-8")
    code, out, _err = cli("--lang", "en", "score", key_path, broken)
    assert code == 1 and f"{broken}:2: error: JSON syntax error" in out

    stray = _judgement_from_key(key_path, tmp_path / "stray.json")
    data = json.loads(stray.read_text(encoding="utf-8"))
    data["criteria"]["J.620100.004.02/9.9"] = "K"
    stray.write_text(json.dumps(data, indent=2), encoding="utf-8")
    code, out, _err = cli("--lang", "en", "score", key_path, stray)
    assert code == 1 and "KUK J.620100.004.02/9.9 is not in the key of case-0001" in out
    assert f"{stray}:" in out


def test_score_locates_a_bad_key(case_dir: Path, cli: CliRun, tmp_path: Path) -> None:
    judgement = _judgement_from_key(case_dir / "case-0001.key.json", tmp_path / "j.json")
    bad_key = tmp_path / "bad.key.json"
    data = json.loads((case_dir / "case-0001.key.json").read_text(encoding="utf-8"))
    del data["recommendation"]
    item = next(iter(data["evidence"]))
    data["evidence"][item]["current"] = "sometimes"
    bad_key.write_text(json.dumps(data, indent=2), encoding="utf-8")
    code, out, _err = cli("--lang", "en", "score", bad_key, judgement)
    assert code == 1
    assert f"'evidence/{item}/current' must be true or false" in out
    assert "required field 'recommendation' is missing" in out and f"{bad_key}:" in out
    code, out, _err = cli("--lang", "en", "score", tmp_path / "none.json", judgement)
    assert code == 1 and "none.json: error: file not found" in out


def test_override_and_rekey_keep_the_lead_assessors_correction(case_dir: Path, cli: CliRun,
                                                                tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "set"
    shutil.copytree(case_dir, folder)
    key_path = folder / "case-0001.key.json"
    kuk = next(k for k, v in load_key(key_path).criteria.items() if v == "BK")
    code, out, _err = cli("--lang", "en", "override", key_path, f"criteria/{kuk}", "K",
                          "--note", "observation shows it", "--author", "Master")
    assert code == 0 and f"criteria/{kuk} = K" in out
    assert load_key(key_path).criteria[kuk] == "K"
    code, out, _err = cli("--lang", "en", "rekey", SCHEME, folder)
    assert code == 0 and "1 override(s) kept" in out and "Written: 3 key(s)" in out
    key = load_key(key_path)
    assert key.criteria[kuk] == "K" and key.overrides[0].note == "observation shows it"
    assert key.reasons.criteria[kuk]["en"] == "lead assessor's override: observation shows it"
    code, out, _err = cli("--lang", "en", "override", key_path, "criteria/nope", "K",
                          "--note", "x")
    assert code == 1 and f"{key_path}: error: override target 'criteria/nope'" in out


# -- agreement ---------------------------------------------------------------------------

RATINGS = {  # item → ratings of raters a, b, c ("" = missing)
    "1": ("K", "K", "K"), "2": ("K", "BK", "K"), "3": ("BK", "BK", "BK"),
    "4": ("K", "K", ""), "5": ("BK", "K", "BK"), "6": ("K", "K", "K"),
    "7": ("BK", "BK", "K"), "8": ("K", "K", "K"),
}


def _write_long(path: Path, raters: int = 3, scores: bool = False) -> Path:
    lines = ["item,rater,rating"]
    for item, ratings in RATINGS.items():
        for rater, rating in zip("abc"[:raters], ratings, strict=False):
            value = {"K": "1", "BK": "0", "": ""}[rating] if scores else rating
            lines.append(f"{item},{rater},{value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _matrix(raters: int = 3) -> np.ndarray:
    return np.array([[r[i] or None for r in RATINGS.values()] for i in range(raters)],
                    dtype=object)


@pytest.mark.parametrize(("metric", "expected"), [
    ("fleiss", lambda m: fleiss_kappa(m)),
    ("krippendorff", lambda m: krippendorff_alpha(m)),
    ("ac1", lambda m: gwet_ac1(m)),
    ("percent", lambda m: percent_agreement(m)),
])
def test_agreement_prints_the_value(metric: str, expected: Callable[[np.ndarray], float],
                                    cli: CliRun, tmp_path: Path) -> None:
    csv = _write_long(tmp_path / "r.csv")
    code, out, _err = cli("agreement", csv, "--metric", metric)
    assert code == 0
    assert float(out) == pytest.approx(expected(_matrix()), abs=1e-6)


def test_agreement_cohen_matches_sklearn(cli: CliRun, tmp_path: Path) -> None:
    csv = _write_long(tmp_path / "two.csv", raters=2)
    a, b = ([r[i] for r in RATINGS.values()] for i in range(2))
    code, out, _err = cli("agreement", csv, "--metric", "cohen")
    assert code == 0 and float(out) == pytest.approx(cohen_kappa_score(a, b), abs=1e-6)
    numbers = _write_long(tmp_path / "num.csv", raters=2, scores=True)
    code, out, _err = cli("agreement", numbers, "--metric", "cohen", "--weights", "quadratic",
                          "--json")
    data = json.loads(out)
    assert code == 0 and data["weights"] == "quadratic" and data["raters"] == 2
    assert data["value"] == pytest.approx(cohen_kappa_score(a, b, weights="quadratic"))


def test_agreement_level_for_krippendorff(cli: CliRun, tmp_path: Path) -> None:
    csv = _write_long(tmp_path / "num.csv", scores=True)
    code, out, _err = cli("agreement", csv, "--metric", "krippendorff", "--level", "interval")
    matrix = np.array([[{"K": 1.0, "BK": 0.0}.get(r[i], np.nan) for r in RATINGS.values()]
                       for i in range(3)])
    assert code == 0
    assert float(out) == pytest.approx(krippendorff_alpha(matrix, level="interval"), abs=1e-6)


def test_agreement_errors(cli: CliRun, tmp_path: Path) -> None:
    csv = _write_long(tmp_path / "r.csv")
    code, _out, err = cli("--lang", "en", "agreement", csv, "--metric", "fleiss",
                          "--weights", "linear")
    assert code == 2 and "--weights does not apply to the metric fleiss" in err
    code, _out, err = cli("--lang", "en", "agreement", csv, "--metric", "nope")
    assert code == 2 and "no metric named 'nope'" in err and "krippendorff" in err
    code, _out, err = cli("agreement", csv, "--metric", "cohen")
    assert code == 1 and "tepat dua penilai" in err  # Indonesian by default
    bad = tmp_path / "bad.csv"
    bad.write_text("item,rater,rating\n1,a,K\n1,a,BK\n", encoding="utf-8")
    code, _out, err = cli("agreement", bad, "--metric", "percent")
    assert code == 1 and f"{bad}:3:" in err


def test_plugins_lists_generators_rules_and_metrics(cli: CliRun) -> None:
    code, out, _err = cli("plugins")
    assert code == 0
    assert "register_case_generators: default" in out
    assert "register_evidence_rules: default" in out
    assert "register_metrics: cohen, fleiss, krippendorff, ac1, percent" in out


def test_a_simulated_folder_serves_without_naming_its_scheme(cli: CliRun, tmp_path: Path) -> None:
    """``simulate`` writes a copy of the scheme, so ``serve DIR`` needs no ``--scheme``."""
    from training.serve import resolve_source

    cookery = Path(SCHEME).with_name("helper-cookery.yaml")
    code, out, _err = cli("simulate", cookery, "--cases", "2", "--seed", "1", "-o", tmp_path)
    assert code == 0, out
    assert (tmp_path / "scheme.yaml").is_file()
    assert sorted(p.name for p in tmp_path.glob("*.followup.json")) == [
        "case-0001.followup.json", "case-0002.followup.json"]
    source = resolve_source(tmp_path, None, 1, 0, "id")
    assert source.scheme_path == (tmp_path / "scheme.yaml").resolve()
    assert source.cases_dir == tmp_path.resolve()
