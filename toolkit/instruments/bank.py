"""The instrument bank: questions, expected answers, benchmarks and methods per unit.

Kept in a YAML file beside the scheme (``SCHEME.bank.yaml``; format in
``docs/instruments.md``). Read with line numbers like schemes are: every error is
a :class:`~toolkit.errors.SchemeError` with file and line, all raised together
in one :class:`~toolkit.errors.SchemeInvalid`. Forms that need questions read
them from here; where the bank has none a form prints a placeholder row, never
invented content.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import SchemeError, SchemeInvalid
from ..i18n import _
from ..scheme import Scheme
from ..schemeio import sample_scheme_path
from ..schemeio.atomic import write_text_atomic
from ..schemeio.textformats import compose_yaml, read_input_text
from ..schemeio.validate import DataPath, Locator, validate_model

#: supporting = FR.IA.03, oral = FR.IA.07, multiple_choice = FR.IA.05, essay = FR.IA.06,
#: interview = FR.IA.09, third_party = FR.IA.10, project = FR.IA.04B (after the presentation).
QuestionKind = Literal["supporting", "oral", "multiple_choice", "essay", "interview",
                       "third_party", "project"]
TukKind = Literal["", "sewaktu", "tempat_kerja", "mandiri"]
#: Instrument codes of FR.MAPA.02 (CL = ceklis observasi, DPL = daftar pertanyaan lisan, …).
Method = Literal["CL", "TPD", "PMO", "DIT", "DPT", "DPL", "CVP", "PW", "VPK", "CRP"]
OPTION_LETTERS = "abcde"


def _as_list(value: Any) -> Any:
    """One KUK number (``1.2``, or the YAML float 1.2) as a list of text."""
    if isinstance(value, int | float):
        value = str(value)
    return [value] if isinstance(value, str) else value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _WithKuk(_Model):
    """A text tied to KUK numbers of its unit (``kuk: "1.2"`` or a list)."""

    text: str
    kuk: list[str] = Field(default_factory=list, description="KUK numbers such as 1.2")

    @field_validator("kuk", mode="before")
    @classmethod
    def _one_kuk(cls, value: Any) -> Any:
        return _as_list(value)


class Question(_WithKuk):
    """A question for one unit, of a kind (:data:`QuestionKind`) that names its form."""

    kind: QuestionKind
    answer: str = Field(default="", description="expected answer; the option letter for MC")
    options: list[str] = Field(default_factory=list, description="MC options a, b, c …")


class Step(_WithKuk):
    """One work step of a demonstration task (FR.IA.02) and the KUK it shows."""


class Demonstration(_Model):
    """A practical demonstration task (FR.IA.02): scenario, equipment, time and steps."""

    scenario: str
    equipment: list[str] = Field(default_factory=list)
    time: str = ""
    steps: list[Step] = Field(default_factory=list)


class Project(_Model):
    """A short project or other structured activity (FR.IA.04A): brief and expected output."""

    brief: str
    output: str = Field(default="", description="the result the asesi hands in or presents")
    scope: str = Field(default="", description="lingkup penyajian (FR.IA.04B)")


class UnitBank(_Model):
    """What the bank holds for one unit."""

    methods: list[Method] = Field(default_factory=list)
    benchmark: str = ""
    benchmarks: dict[str, str] = Field(default_factory=dict)
    questions: list[Question] = Field(default_factory=list)
    demonstration: Demonstration | None = None
    project: Project | None = None


class BankSettings(_Model):
    """Assessment settings the forms print: the TUK kind and the MAPA.02 potensi map."""

    tuk: TukKind = ""
    potential: dict[Method, list[int]] = Field(
        default_factory=dict, description="instrument code -> the potensi asesi (1-5) it is for")


class InstrumentBank(_Model):
    """Questions and benchmarks by unit code."""

    scheme: str | None = None
    settings: BankSettings = Field(default_factory=BankSettings)
    units: dict[str, UnitBank] = Field(default_factory=dict)

    def unit(self, code: str) -> UnitBank:
        """The bank of unit ``code`` (empty when the file has none)."""
        return self.units.get(code) or UnitBank()

    def questions(self, code: str, kind: str) -> list[Question]:
        """The questions of one kind for unit ``code``, in file order."""
        return [q for q in self.unit(code).questions if q.kind == kind]

    def benchmark(self, code: str, kuk: str) -> str:
        """The benchmark (SOP / industry standard) for KUK ``kuk`` (``1.2``) of a unit."""
        unit = self.unit(code)
        return unit.benchmarks.get(kuk) or unit.benchmark

    def methods(self, codes: list[str]) -> set[str]:
        """Every method chosen for any of the units ``codes``."""
        return {m for code in codes for m in self.unit(code).methods}

    def add_question(self, code: str, kind: QuestionKind, text: str, kuk: list[str] | None = None,
                     answer: str = "", options: list[str] | None = None) -> Question:
        """Append a question to unit ``code`` and return it."""
        question = Question(kind=kind, text=text, kuk=kuk or [], answer=answer,
                            options=options or [])
        self.units.setdefault(code, UnitBank()).questions.append(question)
        return question

    def remove_question(self, code: str, index: int) -> None:
        """Remove the ``index``-th question (all kinds counted) of unit ``code``."""
        del self.units[code].questions[index]

    def set_benchmark(self, code: str, kuk: str, text: str) -> None:
        """Set (or, with empty text, clear) the benchmark of one KUK."""
        benchmarks = self.units.setdefault(code, UnitBank()).benchmarks
        if text.strip():
            benchmarks[kuk] = text.strip()
        else:
            benchmarks.pop(kuk, None)

    def to_data(self) -> dict[str, Any]:
        """Plain data in the file shape (empty fields left out)."""
        return self.model_dump(mode="json", exclude_defaults=True)


def check_bank(bank: InstrumentBank, scheme: Scheme | None) -> list[tuple[DataPath, str]]:
    """Problems of a well-formed bank, each with its data path: MC questions, KUK numbers."""
    problems: list[tuple[DataPath, str]] = []
    codes = {unit.code: unit for unit in scheme.units} if scheme else {}
    if scheme and bank.scheme and bank.scheme != scheme.code:
        problems.append((("scheme",), _("the bank is for scheme {bank}, not {scheme}",
                                        bank=bank.scheme, scheme=scheme.code)))
    for code, unit_bank in bank.units.items():
        where: DataPath = ("units", code)
        labels: set[str] | None = None
        if scheme:
            if code not in codes:
                problems.append((where, _("unit {code} is not in scheme {scheme}", code=code,
                                          scheme=scheme.code)))
            else:
                labels = {ref.label for ref in scheme.iter_criteria([code])}
        steps = unit_bank.demonstration.steps if unit_bank.demonstration else []
        for index, step in enumerate(steps):
            for kuk in step.kuk:
                if labels is not None and kuk not in labels:
                    problems.append(((*where, "demonstration", "steps", index, "kuk"), _(
                        "unit {code} has no KUK {kuk}", code=code, kuk=kuk)))
        for kuk in unit_bank.benchmarks:
            if labels is not None and kuk not in labels:
                problems.append(((*where, "benchmarks", kuk), _(
                    "unit {code} has no KUK {kuk}", code=code, kuk=kuk)))
        for index, question in enumerate(unit_bank.questions):
            at: DataPath = (*where, "questions", index)
            for kuk in question.kuk:
                if labels is not None and kuk not in labels:
                    problems.append(((*at, "kuk"), _("unit {code} has no KUK {kuk}", code=code,
                                                     kuk=kuk)))
            if not question.text:
                problems.append(((*at, "text"), _("the question text is empty")))
            if question.kind == "multiple_choice":
                letters = OPTION_LETTERS[:len(question.options)]
                if not 2 <= len(question.options) <= len(OPTION_LETTERS):
                    problems.append(((*at, "options"), _(
                        "a multiple-choice question needs 2 to 5 options")))
                elif question.answer.lower() not in letters or not question.answer:
                    problems.append(((*at, "answer"), _(
                        "the answer of a multiple-choice question must be one of: {letters}",
                        letters=", ".join(letters))))
            elif question.options:
                problems.append(((*at, "options"), _(
                    "only multiple-choice questions have options")))
    return problems


def bank_from_data(data: Any, locator: Locator, scheme: Scheme | None = None) -> InstrumentBank:
    """Validate plain data into a bank; raise :class:`SchemeInvalid` with located errors."""
    if data is None:
        return InstrumentBank()
    if not isinstance(data, dict):
        raise SchemeInvalid([locator.error((), _(
            "the bank file must hold a mapping with the key units"))])
    bank = validate_model(InstrumentBank, data, locator)
    problems = check_bank(bank, scheme)
    if problems:
        raise SchemeInvalid([locator.error(path, message) for path, message in problems])
    return bank


def load_bank(path: str | Path, scheme: Scheme | None = None) -> InstrumentBank:
    """Read a bank file, checked against ``scheme`` when given."""
    file = Path(path)
    if not file.is_file():
        raise SchemeInvalid([SchemeError(_("file not found"), file=str(file))])
    data, locator = compose_yaml(read_input_text(file), file)
    return bank_from_data(data, locator, scheme)


def save_bank(bank: InstrumentBank, path: str | Path) -> Path:
    """Write ``bank`` as YAML (atomically)."""
    text = yaml.safe_dump(bank.to_data(), sort_keys=False, allow_unicode=True, width=100)
    write_text_atomic(Path(path), text)
    return Path(path)


def bank_path_for(scheme_path: str | Path) -> Path:
    """Where the bank of a scheme file lives by convention: ``NAME.bank.yaml`` beside it."""
    scheme_file = Path(scheme_path)
    return scheme_file.with_name(f"{scheme_file.stem}.bank.yaml")


def sample_bank_path() -> Path:
    """The bundled bank of the sample scheme (Junior Web Programmer)."""
    return bank_path_for(sample_scheme_path())


__all__ = [
    "BankSettings",
    "Demonstration",
    "InstrumentBank",
    "Method",
    "Project",
    "Question",
    "QuestionKind",
    "Step",
    "UnitBank",
    "bank_from_data",
    "bank_path_for",
    "check_bank",
    "load_bank",
    "sample_bank_path",
    "save_bank",
]
