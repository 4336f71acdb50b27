"""How long the scheme editor takes to become interactive in a real JupyterLab.

Starts ``jupyter lab`` on a free port (temporary folders, token), opens a
notebook in Debian Chromium and, for each build, runs one cell and measures in
the browser (``performance.now()``) the time from "run cell" until the editor's
parts are in the page: every unit panel and the save button (and, for the naive
build, every KUK row). Builds:

* ``sample``: the bundled sample scheme (8 units, 68 KUK), units collapsed;
* ``large``: ``toolkit.synthetic.make_large_scheme()`` (30 units, 750 KUK), collapsed;
* ``large-naive``: the same scheme with every unit expanded up front, i.e. one
  row of widgets per KUK (what an editor without lazy units would build);
* ``open-unit``: on the large scheme, opening one unit (25 KUK) by its toggle.

    python benchmarks/editor_render.py            # 3 rounds
    python benchmarks/editor_render.py --quick    # 1 round

The machine is shared, so numbers are noisy: compare the ratio within one run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "jupyterlab"), str(ROOT / "benchmarks")]

from _common import print_table, write_result  # noqa: E402
from labserver import lab_server, launch_browser, open_notebook  # noqa: E402

from toolkit.schemeio import sample_scheme_path, save_scheme  # noqa: E402
from toolkit.synthetic import make_large_scheme  # noqa: E402

SETUP = "from widgets.editor import SchemeEditor"
BUILDS = {
    "sample": 'SchemeEditor("sample.yaml")',
    "large": 'SchemeEditor("large.yaml")',
    "large-naive": 'naive = SchemeEditor("large.yaml")\nnaive.expand_all()\nnaive',
}
LIMIT_MS = 180_000

# Run cell `index` (never run before); resolve with the ms from "run" until the editor's
# unit panels, KUK rows (at least `kuk`) and save button are in the page.
_RUN_AND_WAIT = """
async ([index, units, kuk, limit]) => {
    const panel = window.jupyterapp.shell.currentWidget;
    const cell = panel.content.widgets[index];
    panel.content.activeCellIndex = index;
    const ready = () => {
        const editor = cell.node.querySelector('.asesorlab-editor');
        return !!editor && editor.querySelectorAll('.asesorlab-unit').length === units
            && editor.querySelectorAll('.asesorlab-kuk').length >= kuk
            && !!editor.querySelector('.asesorlab-save');
    };
    await new Promise(r => requestAnimationFrame(r));
    const start = performance.now();
    window.jupyterapp.commands.execute('notebook:run-cell');
    while (!ready() && performance.now() - start < limit) {
        await new Promise(r => requestAnimationFrame(r));
    }
    const editor = cell.node.querySelector('.asesorlab-editor');
    return {ms: performance.now() - start, done: ready(),
            units: editor ? editor.querySelectorAll('.asesorlab-unit').length : 0,
            kuk: editor ? editor.querySelectorAll('.asesorlab-kuk').length : 0};
}
"""

_OPEN_UNIT = """
async ([index, unit, kuk, limit]) => {
    const cell = window.jupyterapp.shell.currentWidget.content.widgets[index];
    const panel = cell.node.querySelectorAll('.asesorlab-unit')[unit];
    const start = performance.now();
    panel.querySelector('.widget-toggle-button').click();
    while (panel.querySelectorAll('.asesorlab-kuk').length < kuk) {
        if (performance.now() - start > limit) { throw new Error('unit did not open'); }
        await new Promise(r => requestAnimationFrame(r));
    }
    return performance.now() - start;
}
"""

# Drop a measured cell's output so that later cells do not pay for its widgets.
_CLEAR = "([index]) => window.jupyterapp.shell.currentWidget.content.widgets[index]" \
    ".outputArea.model.clear()"


def _notebook(path: Path, rounds: int) -> list[str]:
    """Cell 0 imports and warms up; then one fresh cell per build and round."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    order = [name for _round in range(rounds) for name in BUILDS]
    nb.cells = [nbformat.v4.new_code_cell(f"{SETUP}\n{BUILDS['sample']}"),
                *(nbformat.v4.new_code_cell(BUILDS[name]) for name in order)]
    nbformat.write(nb, path)
    return order


def measure(rounds: int) -> tuple[dict[str, list[float]], list[str]]:
    """Milliseconds per build, ``rounds`` times each, in one browser and one kernel.

    A build not ready after ``LIMIT_MS`` counts as ``LIMIT_MS`` (a lower bound) and is
    listed in the second value.
    """
    from playwright.sync_api import sync_playwright

    large = make_large_scheme()
    with tempfile.TemporaryDirectory(prefix="asesorlab-bench-") as tmp:
        work = Path(tmp)
        save_scheme(large, work / "large.yaml")
        order = _notebook(work / "bench.ipynb", rounds)
        files = {"bench.ipynb": work / "bench.ipynb", "sample.yaml": sample_scheme_path(),
                 "large.yaml": work / "large.yaml"}
        with lab_server(work / "lab", files) as server, sync_playwright() as playwright:
            browser = launch_browser(playwright)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            open_notebook(page, server, "bench.ipynb")
            sizes = {"sample": (8, 0), "large": (30, 0),
                     "large-naive": (30, large.criterion_count)}
            times: dict[str, list[float]] = {name: [] for name in (*sizes, "open-unit")}
            unfinished: list[str] = []
            page.evaluate(_RUN_AND_WAIT, [0, 8, 0, LIMIT_MS])
            for index, name in enumerate(order, start=1):
                got = page.evaluate(_RUN_AND_WAIT, [index, *sizes[name], LIMIT_MS])
                print(f"cell {index}: {name}: {got}", file=sys.stderr, flush=True)
                if not got["done"]:
                    unfinished.append(f"{name} (cell {index}): after {got['ms']:.0f} ms "
                                      f"{got['units']} units and {got['kuk']} KUK rows shown")
                times[name].append(got["ms"])
                if name == "large":
                    times["open-unit"].append(page.evaluate(_OPEN_UNIT,
                                                            [index, 29, 25, LIMIT_MS]))
                page.evaluate(_CLEAR, [index])
            browser.close()
    return times, unfinished


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one round only")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else args.rounds
    times, unfinished = measure(rounds)
    median = {name: statistics.median(values) for name, values in times.items()}
    ratio = median["large-naive"] / median["large"]
    print_table(["build", "median ms", "runs (ms)"],
                [[name, f"{median[name]:.0f}", ", ".join(f"{v:.0f}" for v in values)]
                 for name, values in times.items()])
    for line in unfinished:
        print(f"not ready within {LIMIT_MS} ms (time is a lower bound): {line}")
    print(f"naive / collapsed (750 KUK): {ratio:.1f}x; target: large < 3000 ms and >= 3x")
    path = write_result("editor_render", {
        "rounds": rounds, "times_ms": times, "median_ms": median,
        "naive_over_collapsed": ratio, "limit_ms": LIMIT_MS, "unfinished": unfinished,
        "target_met": median["large"] < 3000 and ratio >= 3,
        "note": "shared machine: absolute numbers are noisy; the ratio is from one run",
    })
    print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
