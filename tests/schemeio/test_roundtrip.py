"""Round trips between YAML, JSON and XLSX are lossless."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import Scheme, load_scheme, read_scheme, save_scheme
from toolkit.scheme import AssessmentGuide, Group, RangeStatement, Settings
from toolkit.synthetic import make_large_scheme


def _rich_scheme(sample_path: Path) -> Scheme:
    scheme = read_scheme(sample_path)
    first = scheme.units[0]
    return scheme.model_copy(update={
        "groups": [Group(name="Pemrograman dasar", units=[u.code for u in scheme.units[:3]])],
        "settings": Settings(currency_years=2),
        "units": [
            first.model_copy(update={
                "description": "Unit ini berkaitan dengan struktur data.",
                "range_statement": RangeStatement(konteks=["a", "b"], peralatan="Komputer"),
                "assessment_guide": AssessmentGuide(aspek_kritis=["Memilih struktur data"]),
            }),
            *scheme.units[1:],
        ],
    })


@pytest.mark.parametrize("chain", [
    (".yaml", ".json", ".yaml"),
    (".yaml", ".xlsx", ".yaml"),
    (".json", ".xlsx", ".json"),
    (".xlsx", ".yml", ".xlsx"),
])
def test_round_trip_is_lossless(sample_path: Path, tmp_path: Path, chain: tuple[str, ...]) -> None:
    original = _rich_scheme(sample_path)
    current = original
    for step, suffix in enumerate(chain):
        target = tmp_path / f"step{step}{suffix}"
        save_scheme(current, target)
        current = read_scheme(target)
        assert current == original, f"changed after writing {suffix}"


def test_written_files_read_back_byte_identical(sample_path: Path, tmp_path: Path) -> None:
    scheme = read_scheme(sample_path)
    for suffix in (".yaml", ".json"):
        first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        save_scheme(scheme, first)
        save_scheme(read_scheme(first), second)
        assert first.read_bytes() == second.read_bytes()


def test_large_scheme_round_trips_through_xlsx(tmp_path: Path) -> None:
    scheme = make_large_scheme()
    save_scheme(scheme, tmp_path / "big.xlsx")
    loaded = load_scheme(tmp_path / "big.xlsx")
    assert loaded.scheme == scheme
    assert loaded.scheme.criterion_count == 750
    assert loaded.warnings == []


def test_no_temporary_files_left_behind(sample_path: Path, tmp_path: Path) -> None:
    scheme = read_scheme(sample_path)
    out = tmp_path / "out"
    for suffix in (".yaml", ".json", ".xlsx"):
        save_scheme(scheme, out / f"s{suffix}")
    assert sorted(p.name for p in out.iterdir()) == ["s.json", "s.xlsx", "s.yaml"]


def test_saved_files_are_readable_by_others(sample_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "s.yaml"
    save_scheme(read_scheme(sample_path), target)
    assert target.stat().st_mode & 0o044 == 0o044  # group and others may read
