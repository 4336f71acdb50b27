"""Declared notebook parameters and the checking of a run's values against them."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.i18n import language
from training.batch.manifest import notebooks_dir
from training.batch.params import (
    DeclarationError,
    check_parameters,
    check_value,
    declared_parameters,
    parse_parameters_cell,
)

CELL = '''
seed = 1  # type: int  random seed
ratio: float = 0.5
units = "all"  # type: list[str]|str  unit codes
language = "id"  # type: Literal["id","en"]  language
scheme = None  # type: path|None  a file
rates = None  # type: dict[str,float]|None
name = "x"
'''


def test_parameters_cell_declares_names_types_defaults_and_help() -> None:
    declared = parse_parameters_cell(CELL)
    assert list(declared) == ["seed", "ratio", "units", "language", "scheme", "rates", "name"]
    assert declared["seed"].type == "int" and declared["seed"].default == 1
    assert declared["seed"].help == "random seed"
    assert declared["ratio"].type == "float"
    assert declared["units"].type == "list[str]|str"
    assert declared["name"].type == "str"  # from the default
    assert declared["scheme"].is_path and not declared["units"].is_path


@pytest.mark.parametrize(("type_text", "value", "fits"), [
    ("int", 3, True), ("int", True, False), ("int", "3", False), ("float", 2, True),
    ("float", 2.5, True), ("bool", False, True), ("str", 1, False),
    ("list[str]|str", ["a", "b"], True), ("list[str]|str", "all", True),
    ("list[str]|str", [1], False), ('Literal["id","en"]', "en", True),
    ('Literal["id","en"]', "fr", False), ("dict[str,float]|None", {"met": 0.5}, True),
    ("dict[str,float]|None", None, True), ("dict[str,float]|None", {"met": "x"}, False),
    ("path|None", "a.yaml", True), ("Any", object(), True),
])
def test_values_are_checked_against_types(type_text: str, value: object, fits: bool) -> None:
    assert check_value(type_text, value) is fits


def test_unknown_type_in_a_declaration_is_reported() -> None:
    with language("en"), pytest.raises(DeclarationError, match="unknown type 'itn'"):
        parse_parameters_cell("seed = 1  # type: itn  typo")


def test_check_parameters_resolves_paths_and_names_problems(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("code: X\n")
    declared = parse_parameters_cell(CELL)
    values, problems = check_parameters(declared, {"seed": 2, "scheme": "s.yaml"}, tmp_path)
    assert problems == []
    assert values == {"seed": 2, "scheme": str((tmp_path / "s.yaml").resolve())}
    with language("en"):
        _values, problems = check_parameters(
            declared, {"seed": "two", "colour": "red", "scheme": "missing.yaml"}, tmp_path)
    messages = dict(problems)
    assert "must be int" in messages["seed"]
    assert "unknown parameter 'colour'" in messages["colour"]
    assert "missing.yaml" in messages["scheme"]


def test_training_pack_declares_its_parameters() -> None:
    declared = declared_parameters(notebooks_dir() / "training_pack.ipynb")
    assert set(declared) == {"scheme", "units", "seed", "cases", "difficulty", "k_share", "flaws",
                             "language", "out_dir"}
    assert declared["difficulty"].type == 'Literal["mudah","sedang","sulit"]'
    assert declared["k_share"].type == "float"
    assert declared["seed"].type == "int"
    assert declared["language"].type == 'Literal["id","en"]'
