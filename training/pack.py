"""A training pack: cases, keys, instruments and readable sections for one scheme and units.

:func:`build_pack` is everything ``notebooks/training_pack.ipynb`` does, so the notebook
only passes its parameters and shows the sections a trainee may read::

    pack = build_pack(scheme="jwp.yaml", units="all", seed=1, cases=4, language="id")
    pack.intro      # the unit(s): description, elements, KUK, critical aspects
    pack.cases      # the cases as a trainee reads them
    pack.exercise   # the blank exercise sheet
    pack.summary    # one row per case, with its difficulty (trainer only)
    pack.chart      # a bar chart of the case difficulty (PNG, trainer only)

One run writes two packs into two folders of ``out_dir`` (atomically):

* ``trainee/`` — what may be handed out: ``cases/case-0001.json`` (the case only, without
  the generator's seed, from which the key could be made again) and the blank instruments
  ``instruments/FR.IA.01.html`` …; the batch puts the notebook's HTML and DOCX here.
* ``trainer/`` — for the trainer only: the cases with their ``.key.json`` keys,
  ``trainer-pack.html`` and ``.docx`` (titled "for the trainer — do not hand out": the
  sections, the summary, the difficulty chart and the answer key with reasons),
  ``difficulty.png`` and the JSON sidecar ``pack-results.json``; the batch puts the executed
  notebook (whose parameters hold the seed) here.

Nothing derived from a key is written under ``trainee/``.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from toolkit.cases import AnswerKey, Case, CaseError, CaseOptions, FlawRates, generate_cases
from toolkit.cases.io import key_path_for, save_case, save_case_set
from toolkit.errors import SchemeInvalid
from toolkit.exporters import export_documents
from toolkit.i18n import LANGUAGES, _
from toolkit.i18n import language as use_language
from toolkit.instruments import generate
from toolkit.scheme import Scheme
from toolkit.schemeio import read_scheme, sample_scheme_path
from toolkit.schemeio.atomic import write_bytes_atomic, write_text_atomic

from .batch.export import markdown_docx, markdown_html
from .pack_render import (
    answer_key_text,
    case_text,
    exercise_sheet,
    table,
    trainer_pack_text,
    unit_intro,
)

DEFAULT_FORMS: tuple[str, ...] = ("FR.IA.01", "FR.IA.03")
SIDECAR = "pack-results.json"
#: The folders of a pack: what may be handed to trainees, and what stays with the trainer.
TRAINEE_DIR, TRAINER_DIR = "trainee", "trainer"
CHART = "difficulty.png"


class Markdown:
    """A block of Markdown that Jupyter shows as rendered text (``_repr_markdown_``)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


class Png:
    """A PNG image that Jupyter shows (``_repr_png_``)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def _repr_png_(self) -> bytes:
        return self.data


@dataclass
class CaseSummary:
    """One case in a row: what it holds and how hard it is."""

    id: str
    asesi: str
    evidence: int
    flawed: int
    criteria_k: int
    criteria_bk: int
    traps: int
    difficulty: float
    recommendation: str


@dataclass
class Pack:
    """A built training pack: its sections for reading and the files it wrote."""

    scheme: Scheme
    units: list[str]
    pairs: list[tuple[Case, AnswerKey]]
    intro: Markdown
    cases: Markdown
    exercise: Markdown
    summary_rows: list[CaseSummary]
    summary: Markdown
    chart: Png
    files: list[str] = field(default_factory=list)


def summary_text(rows: list[CaseSummary]) -> str:
    """The summary table: one row per case."""
    header = [_("Case"), _("Asesi"), _("Evidence"), _("Flawed items"), _("KUK K"),
              _("KUK BK"), _("Traps"), _("Difficulty"), _("Recommendation")]
    cells = [[s.id, s.asesi, s.evidence, s.flawed, s.criteria_k, s.criteria_bk, s.traps,
              f"{s.difficulty:.2f}", s.recommendation] for s in rows]
    return "## " + _("Summary") + "\n\n" + table(header, cells)


def resolve_units(scheme: Scheme, units: str | list[str] | None) -> list[str]:
    """``"all"`` (or nothing) → every unit; else the codes, checked against the scheme."""
    if units is None or units == "all" or units == ["all"]:
        return [unit.code for unit in scheme.units]
    chosen = [units] if isinstance(units, str) else list(units)
    known = [unit.code for unit in scheme.units]
    unknown = [code for code in chosen if code not in known]
    if unknown:
        raise CaseError(_("unknown unit(s) {codes}; the scheme {scheme} has: {known}",
                          codes=", ".join(unknown), scheme=scheme.code, known=", ".join(known)))
    return chosen


def flaw_rates(flaws: str | dict[str, float] | None) -> FlawRates:
    """Flaw rates from ``"met=0.6,not_current=0.2"``, a mapping, or nothing (defaults).

    Flaw rates are knobs of the ``classic`` generator: a pack given them is made by it;
    otherwise the realistic generator makes it, with ``difficulty`` and ``k_share``."""
    if not flaws:
        return FlawRates()
    if isinstance(flaws, dict):
        return FlawRates.parse(",".join(f"{k}={v}" for k, v in flaws.items()))
    return FlawRates.parse(flaws)


def summarize(case: Case, key: AnswerKey) -> CaseSummary:
    """Count a case's traps: flawed evidence and KUK claimed by evidence but not met."""
    flawed = sum(1 for flaws in key.flaws.values() if flaws)
    claimed = {kuk for item in case.evidence for kuk in item.claims}
    false_leads = sum(1 for kuk, verdict in key.criteria.items()
                      if verdict == "BK" and kuk in claimed)
    k = sum(1 for v in key.criteria.values() if v == "K")
    decisions = len(case.evidence) + len(key.criteria)
    traps = flawed + false_leads
    return CaseSummary(case.id, case.asesi.name, len(case.evidence), flawed, k,
                       len(key.criteria) - k, traps,
                       round(traps / decisions, 3) if decisions else 0.0, key.recommendation)


def difficulty_chart(rows: list[CaseSummary]) -> bytes:
    """A bar chart (PNG) of each case's difficulty: its traps per decision."""
    figure = Figure(figsize=(6, 1.6 + 0.4 * len(rows)), dpi=90, layout="constrained")
    axes = figure.add_subplot()
    names = [row.id for row in rows]
    values = [row.difficulty for row in rows]
    colours = ["#c0392b" if row.recommendation == "BK" else "#27ae60" for row in rows]
    axes.barh(names, values, color=colours)
    axes.invert_yaxis()
    axes.set_xlim(0, max([*values, 0.1]) * 1.15)
    axes.set_xlabel(_("difficulty (traps per decision)"))
    axes.set_title(_("Case difficulty (red: key recommends BK, green: K)"))
    for y, row in enumerate(rows):
        axes.text(row.difficulty, y, f" {row.traps}", va="center", fontsize=8)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _write_trainer_pack(text: str, chart: bytes, out: Path) -> list[Path]:
    html_path, docx_path = out / "trainer-pack.html", out / "trainer-pack.docx"
    images = {CHART: chart}
    write_text_atomic(html_path, markdown_html(text, title=_(
        "Trainer pack — for the trainer only, do not hand out"), images=images))
    markdown_docx(text, docx_path, images=images)
    return [html_path, docx_path]


def _write_trainee_cases(cases: list[Case], out: Path) -> list[Path]:
    """The cases for trainees: without the generator's seed (which would let anyone with
    the toolkit make the key again)."""
    written = []
    for case in cases:
        written.append(save_case(case.model_copy(update={"seed": 0}), out / f"{case.id}.json"))
    return written


def _write_instruments(scheme: Scheme, units: list[str], forms: tuple[str, ...],
                       out: Path) -> list[Path]:
    written: list[Path] = []
    for form in forms:
        documents = generate(scheme, form, units)
        written += export_documents(documents, out / "instruments" / f"{form}.html")
    return written


def case_options(difficulty: str = "sedang", k_share: float = 0.5) -> CaseOptions:
    """The realistic generator's knobs from the notebook's parameters."""
    return CaseOptions(k_share=float(k_share), difficulty=str(difficulty))


def build_pack(scheme: str | Path | Scheme | None = None, units: str | list[str] | None = "all",
               seed: int = 1, cases: int = 4, flaws: str | dict[str, float] | None = None,
               language: str = "id", out_dir: str | Path = ".",
               forms: tuple[str, ...] = DEFAULT_FORMS, difficulty: str = "sedang",
               k_share: float = 0.5) -> Pack:
    """Generate cases and keys, instruments and the readable sections; write the pack files."""
    code = language
    loaded = scheme if isinstance(scheme, Scheme) else read_scheme(scheme or sample_scheme_path())
    out = Path(out_dir)
    trainee, trainer = out / TRAINEE_DIR, out / TRAINER_DIR
    with use_language(code):
        chosen = resolve_units(loaded, units)
        rates = flaw_rates(flaws)
        pairs = generate_cases(loaded, count=cases, seed=seed, units=chosen, flaws=rates,
                               language=code, generator="classic" if flaws else "default",
                               options=None if flaws else case_options(difficulty, k_share))
        case_list = [c for c, _k in pairs]
        files = _write_trainee_cases(case_list, trainee / "cases")
        files += _write_instruments(loaded, chosen, forms, trainee)
        key_files = save_case_set(pairs, trainer / "cases")
        files += key_files + [key_path_for(p) for p in key_files]
        rows = [summarize(c, k) for c, k in pairs]
        chart = difficulty_chart(rows)
        write_bytes_atomic(trainer / CHART, chart)
        files.append(trainer / CHART)
        intro = unit_intro(loaded, chosen)
        cases_text = "\n\n".join(case_text(c) for c in case_list)
        exercise = exercise_sheet(loaded, case_list)
        summary = summary_text(rows)
        files += _write_trainer_pack(trainer_pack_text(
            loaded, [intro, cases_text, exercise, summary, f"![{_('Case difficulty')}]({CHART})",
                     answer_key_text(case_list, [k for _c, k in pairs])]), chart, trainer)
        pack = Pack(loaded, chosen, pairs, Markdown(intro), Markdown(cases_text),
                    Markdown(exercise), rows, Markdown(summary), Png(chart),
                    sorted(str(p.relative_to(out)) for p in files))
        sidecar = {
            "parameters": {"scheme": str(scheme) if isinstance(scheme, str | Path) else None,
                           "units": units, "seed": seed, "cases": cases,
                           "flaws": flaw_rates(flaws).to_text() if flaws else None,
                           "difficulty": difficulty, "k_share": k_share, "language": code},
            "scheme": {"code": loaded.code, "title": loaded.title},
            "units": chosen,
            "cases": [row.__dict__ for row in rows],
            "files": [*pack.files, f"{TRAINER_DIR}/{SIDECAR}"],
        }
        write_text_atomic(trainer / SIDECAR, json.dumps(sidecar, ensure_ascii=False, indent=1))
    return pack


def warm_up() -> None:
    """Pay the first-call costs of a pack (plugin host, sample scheme, chart, documents).

    The batch engine calls this once in a kernel *template* (see :mod:`training.engine`,
    notebook metadata ``asesorlab.preload``); the kernels forked from it start warm. It
    writes no file and leaves nothing in a notebook's namespace.
    """
    from docx import Document

    from toolkit.plugins import default_host

    default_host()
    scheme = read_scheme(sample_scheme_path())
    pairs = generate_cases(scheme, count=1, seed=0, units=[scheme.units[0].code])
    case_list = [c for c, _k in pairs]
    difficulty_chart([summarize(c, k) for c, k in pairs])
    markdown_html(trainer_pack_text(scheme, [answer_key_text(case_list, [k for _c, k in pairs])]))
    for form in DEFAULT_FORMS:
        generate(scheme, form, [scheme.units[0].code])
    Document()


def check_parameters(parameters: dict[str, Any]) -> list[tuple[str, str]]:
    """Rules of the ``training_pack`` notebook that types cannot say (called before a run)."""
    problems: list[tuple[str, str]] = []
    scheme = None
    try:
        scheme = read_scheme(parameters.get("scheme") or sample_scheme_path())
    except SchemeInvalid as exc:
        problems.append(("scheme", "; ".join(str(e) for e in exc.errors)))
    if scheme is not None:
        try:
            resolve_units(scheme, parameters.get("units"))
        except CaseError as exc:
            problems.append(("units", str(exc)))
    if int(parameters.get("cases", 1)) < 1:
        problems.append(("cases", _("the number of cases must be 1 or more, not {count}",
                                    count=parameters.get("cases"))))
    try:
        flaw_rates(parameters.get("flaws"))
    except CaseError as exc:
        problems.append(("flaws", str(exc)))
    try:
        case_options(parameters.get("difficulty", "sedang"), parameters.get("k_share", 0.5))
    except (CaseError, TypeError, ValueError) as exc:
        problems.append(("difficulty" if "difficulty" in str(exc) else "k_share", str(exc)))
    if parameters.get("language", "id") not in LANGUAGES:
        problems.append(("language", _("unsupported language {code!r}; choose one of: "
                                       "{known}", code=parameters.get("language"),
                                       known=", ".join(LANGUAGES))))
    return problems


__all__ = ["TRAINEE_DIR", "TRAINER_DIR", "Markdown", "Pack", "Png", "build_pack",
           "check_parameters", "flaw_rates", "resolve_units", "summarize", "warm_up"]
