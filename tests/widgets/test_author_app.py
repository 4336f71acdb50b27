"""The authoring app: three tabs over one scheme file, the later two built on demand."""

from __future__ import annotations

from pathlib import Path

from toolkit.schemeio import read_scheme, sample_scheme_path
from widgets.author import BUILDER, SIMULATOR, AuthorApp


def test_app_starts_from_a_copy_of_the_sample_and_tabs_share_the_scheme(tmp_path: Path) -> None:
    target = tmp_path / "skema.yaml"
    app = AuthorApp(target)
    assert target.read_bytes() == sample_scheme_path().read_bytes()
    assert app.titles == ("Penyunting skema", "Simulator kasus", "Penyusun instrumen")
    assert app.editor.unit_panel(0).title == "Menggunakan Struktur Data"
    assert app.children[SIMULATOR].children == ()  # not built before it is shown

    app.editor.unit_panel(0).code = "J.620100.104.02"
    simulator = app.simulator
    assert app.selected_index == SIMULATOR
    assert "asesorlab-simulator" in simulator._dom_classes
    assert simulator.controls.units == ["J.620100.104.02"]
    assert simulator.generate()
    assert all(kuk.startswith("J.620100.104.02/") for kuk in simulator.key.criteria)

    builder = app.builder
    assert app.selected_index == BUILDER and app.children[BUILDER] is builder
    assert "asesorlab-builder" in builder._dom_classes
    assert "J.620100.104.02" in str(builder._units.options)  # the edited scheme
    app.editor.save()
    assert read_scheme(target).units[0].code == "J.620100.104.02"


def test_english_titles(tmp_path: Path) -> None:
    app = AuthorApp(tmp_path / "s.yaml", language="en")
    assert app.titles == ("Scheme editor", "Case simulator", "Instrument builder")
