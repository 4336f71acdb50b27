"""Case, key and judgement files: round trips, folder helpers and located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.cases import AnswerKey, Case
from toolkit.cases.io import (
    case_files,
    key_path_for,
    load_case,
    load_judgement,
    load_key,
    save_case_set,
    save_judgement,
)
from toolkit.errors import SchemeInvalid
from toolkit.i18n import language


def test_round_trip(small_pairs: list[tuple[Case, AnswerKey]], tmp_path: Path,
                    as_judgement: object) -> None:
    paths = save_case_set(small_pairs, tmp_path)
    for path, (case, key) in zip(paths, small_pairs, strict=True):
        assert load_case(path) == case
        assert load_key(key_path_for(path)) == key
    judgement = as_judgement(small_pairs[0][1])  # type: ignore[operator]
    target = save_judgement(judgement, tmp_path / "answers" / "j.json")
    assert load_judgement(target, key=small_pairs[0][1]) == judgement


def test_case_files_skip_keys_and_others(small_pairs: list, tmp_path: Path) -> None:
    save_case_set(small_pairs[:2], tmp_path)
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    assert [p.name for p in case_files(tmp_path)] == ["case-0001.json", "case-0002.json"]
    assert key_path_for(tmp_path / "case-0002.json") == tmp_path / "case-0002.key.json"
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary files


def _errors(call: object, *args: object) -> list[str]:
    with language("en"), pytest.raises(SchemeInvalid) as info:
        call(*args)  # type: ignore[operator]
    return [str(error) for error in info.value.errors]


def test_located_errors(small_pairs: list, tmp_path: Path) -> None:
    (path, *_rest) = save_case_set(small_pairs[:1], tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["evidence"][0]["date"] = "kemarin"
    data["asesi"]["nickname"] = "x"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, indent=2), encoding="utf-8")
    lines = bad.read_text(encoding="utf-8").splitlines()
    date_line = next(i for i, line in enumerate(lines, 1) if '"kemarin"' in line)
    errors = _errors(load_case, bad)
    assert f"{bad}:{date_line}: 'evidence/0/date' must be a date (YYYY-MM-DD)" in errors
    assert any("unknown key 'asesi/nickname'" in e for e in errors)
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    assert _errors(load_key, empty) == [f"{empty}: the file is empty"]
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    assert "must hold a JSON object (a judgement)" in _errors(load_judgement, listed)[0]
    partial = tmp_path / "partial.json"
    partial.write_text('{"case": "case-0001", "criteria": {}}', encoding="utf-8")
    assert _errors(load_judgement, partial) == [
        f"{partial}:1: required field 'recommendation' is missing"]
    assert _errors(load_case, tmp_path) == [f"{tmp_path}: this is a folder, not a file"]


V1 = Path(__file__).parent / "data" / "v1"


def test_files_written_before_the_realistic_cases_still_read_and_score() -> None:
    """A case, key and judgement written by the first release (tests/cases/data/v1)."""
    from toolkit.scoring import score

    case = load_case(V1 / "case-0001.json")
    key = load_key(V1 / "case-0001.key.json")
    judgement = load_judgement(V1 / "judgement.json", key=key)
    assert case.self_assessment == [] and case.asesi.employment == []
    assert all(item.artefact == "" for item in case.evidence)
    assert {f for flaws in key.flaws.values() for f in flaws} <= {
        "not_valid", "not_authentic", "not_current", "not_sufficient"}
    assert key.follow_up_due == [] and judgement.follow_ups == {}
    report = score(key, judgement)
    assert report.passed and report.criteria_agreement == 1.0
    assert all(v.valid is not None for v in judgement.evidence.values())
