"""notebooks/author.ipynb in a real JupyterLab, in Debian Chromium: render, edit, save."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from labserver import (
    ROOT,
    LabServer,
    generate_in_simulator,
    open_notebook,
    run_all_cells_from_menu,
)

from toolkit.schemeio import read_scheme, sample_scheme_path

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.kernel, pytest.mark.slow]
# `make screenshots` sets this to docs/img to refresh README's pictures; the suite never does.
SCREENSHOTS_TO = os.environ.get("ASESORLAB_SCREENSHOTS")
NEW_KUK = "Konsep data diidentifikasi lewat halaman JupyterLab sesuai konteks."


def _shot(page, locator, artifacts: Path, name: str) -> Path:
    """A screenshot of the page with ``locator`` scrolled to the top of the notebook."""
    target = artifacts / name
    locator.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(target))
    if SCREENSHOTS_TO:
        folder = ROOT / SCREENSHOTS_TO
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, folder / name)
    return target


def test_author_notebook_edits_and_saves_the_scheme(lab: LabServer, page, artifacts: Path):
    from playwright.sync_api import expect

    scheme_file = lab.root / "skema.yaml"
    before = scheme_file.read_bytes()
    assert before == sample_scheme_path().read_bytes()

    open_notebook(page, lab, "author.ipynb")
    run_all_cells_from_menu(page)

    editor = page.locator(".asesorlab-editor")
    expect(editor).to_be_visible(timeout=60_000)
    first_unit = editor.locator(".asesorlab-unit").first
    expect(first_unit.locator(".asesorlab-unit-title input")).to_have_value(
        "Menggunakan Struktur Data", timeout=30_000)
    expect(editor.locator(".asesorlab-unit")).to_have_count(len(read_scheme(scheme_file).units))
    expect(editor.locator(".asesorlab-saved")).to_be_visible()

    first_unit.locator(".widget-toggle-button").click()
    kuk = first_unit.locator(".asesorlab-kuk textarea").first
    expect(kuk).to_have_value(read_scheme(scheme_file).units[0].elements[0].criteria[0].text)
    kuk.fill(NEW_KUK)
    kuk.press("Tab")  # the text box sends its value when it loses focus
    expect(editor.locator(".asesorlab-unsaved")).to_be_visible(timeout=15_000)
    _shot(page, editor, artifacts, "author-editor.png")

    editor.locator(".asesorlab-save").click()
    expect(editor.locator(".asesorlab-saved")).to_be_visible(timeout=15_000)
    expect(editor.locator(".asesorlab-status")).to_contain_text("Disimpan ke")
    after = scheme_file.read_bytes()
    assert after != before
    saved = read_scheme(scheme_file)
    assert saved.units[0].elements[0].criteria[0].text == NEW_KUK
    assert saved.units[1:] == read_scheme(sample_scheme_path()).units[1:]

    simulator = generate_in_simulator(page)
    for select in simulator.locator(".asesorlab-key select").all():
        expect(select).not_to_have_value("")
    _shot(page, simulator, artifacts, "author-simulator.png")
    assert (artifacts / "author-editor.png").stat().st_size > 10_000

