"""The feedback rubric: rule-based, explainable checks of the feedback a trainee gives the asesi.

The feedback is what the assessor tells the asesi — "Umpan balik untuk asesi" (FR.IA.01 /
FR.IA.03) with the *tindak lanjut* and *komentar* of FR.AK.02 — and the checks read all
three together. Each check is a :class:`FeedbackCheck` (a plugin of the
``register_feedback_checks`` hook; an LSP adds its own) with a ``check(case, key,
judgement, lang) -> (met, why)``. No language model: words and codes are looked for.
The built-ins (Indonesian first, English for English cases):

``decision_per_unit``  every unit is named (by its code) with its decision;
``bk_named``           every unit and KUK the trainee judged BK is named, and what
                       evidence was missing;
``next_steps``         after a BK: what to do next (gap training, re-assessment);
``banding``            the right to appeal (banding, FR.AK.04);
``respectful``         the asesi is addressed (Bapak/Ibu/Saudara or by name), no
                       insulting word;
``no_leak``            no other asesi's (or other person's) name, no other case id.

The expectations come from the key and the trainee's own judgement at scoring time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .cases.model import AnswerKey, Case, Judgement, Verdict, unit_verdict
from .cases.texts import FAMILY_NAMES, GIVEN_NAMES
from .i18n import _

CheckFunction = Callable[[Case | None, AnswerKey, Judgement, str], tuple[bool, str]]

DECISION_WORDS = {"id": ("kompeten", "belum kompeten", "k", "bk"),
                  "en": ("competent", "not yet competent", "k", "bk")}
EVIDENCE_WORDS = {"id": ("bukti", "dokumen", "portofolio", "sertifikat", "surat", "observasi",
                         "laporan", "contoh kerja", "belum ada", "belum cukup", "kurang"),
                  "en": ("evidence", "document", "portfolio", "certificate", "letter",
                         "observation", "report", "work sample", "missing", "not enough",
                         "lacking")}
NEXT_WORDS = {"id": ("pelatihan", "uji ulang", "asesmen ulang", "asesmen kembali",
                     "diasesmen ulang", "ulang", "melengkapi", "lengkapi", "mengikuti"),
              "en": ("training", "re-assessment", "reassessment", "re-assess", "reassess",
                     "assessed again", "again", "complete the", "resubmit")}
APPEAL_WORDS = {"id": ("banding", "fr.ak.04"), "en": ("appeal", "banding", "fr.ak.04")}
ADDRESS_WORDS = {"id": ("bapak", "ibu", "saudara", "saudari", "sdr", "bpk"),
                 "en": ("mr", "ms", "mrs", "dear", "sir", "madam")}
INSULTS = {"id": ("bodoh", "goblok", "tolol", "malas", "payah", "ceroboh", "dungu", "bego",
                  "tidak becus", "memalukan", "asal-asalan", "parah"),
           "en": ("stupid", "idiot", "lazy", "hopeless", "useless", "careless", "incompetent",
                  "pathetic", "sloppy", "dumb")}
_CASE_ID = re.compile(r"\bcase-\d{4}\b", re.IGNORECASE)


@dataclass(frozen=True)
class FeedbackCheck:
    """One rubric check: an id, a label per language, the languages it applies to."""

    name: str
    label: dict[str, str]
    check: CheckFunction = field(compare=False)
    languages: tuple[str, ...] = ("id", "en")

    @property
    def id(self) -> str:
        """Checks are selected by id (= ``name``)."""
        return self.name


def feedback_text(judgement: Judgement) -> str:
    """The feedback, tindak lanjut and komentar as one text."""
    return "\n".join(t for t in (judgement.feedback, judgement.next_steps, judgement.comments)
                     if t.strip())


def _words(lang: str, table: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return table.get(lang, table["id"])


def _has(text: str, words: tuple[str, ...]) -> bool:
    padded = f" {text.lower()} "
    return any(word in padded for word in words)


def _word(text: str, words: tuple[str, ...]) -> list[str]:
    lowered = text.lower()
    return [w for w in words if re.search(rf"\b{re.escape(w)}\b", lowered)]


def decisions(key: AnswerKey, judgement: Judgement) -> dict[str, Verdict]:
    """The trainee's decision per unit of the key (from the KUK where a unit is not decided)."""
    return {unit: judgement.units.get(unit) or unit_verdict(judgement.criteria, unit)
            for unit in key.units}


def _mentions_unit(text: str, unit: str) -> bool:
    return unit.lower() in text.lower()


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]


def check_decision_per_unit(case: Case | None, key: AnswerKey, judgement: Judgement,
                            lang: str) -> tuple[bool, str]:
    """Every unit is named with a decision word in the same sentence."""
    text = feedback_text(judgement)
    missing = []
    for unit in key.units:
        said = [s for s in _sentences(text) if _mentions_unit(s, unit)]
        if not any(_word(s, _words(lang, DECISION_WORDS)) for s in said):
            missing.append(unit)
    if missing:
        return False, _("the decision is not stated for unit(s) {units}",
                        units=", ".join(missing))
    return True, _("the decision is stated for each of the {count} unit(s)",
                   count=len(key.units))


def _bk_kuk(key: AnswerKey, judgement: Judgement, unit: str) -> list[str]:
    return [k for k in key.criteria if k.rpartition("/")[0] == unit
            and judgement.criteria.get(k) == "BK"]


def _mentions_kuk(text: str, kuk: str) -> bool:
    number = kuk.rpartition("/")[2]
    return kuk.lower() in text.lower() or bool(
        re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", text))


def check_bk_named(case: Case | None, key: AnswerKey, judgement: Judgement,
                   lang: str) -> tuple[bool, str]:
    """Each BK unit and its BK KUK are named, with what evidence was missing."""
    text = feedback_text(judgement)
    bk = [u for u, v in decisions(key, judgement).items() if v == "BK"]
    if not bk:
        return True, _("no unit judged BK: nothing to name")
    problems = [_("unit {unit} (BK) is not named", unit=u) for u in bk
                if not _mentions_unit(text, u)]
    kuks = [k for u in bk for k in _bk_kuk(key, judgement, u)]
    problems += [_("KUK {kuk} (not achieved) is not named", kuk=k) for k in kuks
                 if not _mentions_kuk(text, k)]
    if not _has(text, _words(lang, EVIDENCE_WORDS)):
        problems.append(_("the evidence that was missing is not said"))
    if problems:
        return False, "; ".join(problems)
    return True, _("every BK unit ({units}) and KUK is named, with the missing evidence",
                   units=", ".join(bk))


def check_next_steps(case: Case | None, key: AnswerKey, judgement: Judgement,
                     lang: str) -> tuple[bool, str]:
    """After a BK the feedback says what to do next: gap training, re-assessment."""
    bk = [u for u, v in decisions(key, judgement).items() if v == "BK"]
    if not bk:
        return True, _("every unit K: no follow-up needed")
    if _has(feedback_text(judgement), _words(lang, NEXT_WORDS)):
        return True, _("the next steps are said (gap training / re-assessment)")
    return False, _("the feedback does not say what to do next for the BK unit(s) {units} "
                    "(gap training, re-assessment)", units=", ".join(bk))


def check_banding(case: Case | None, key: AnswerKey, judgement: Judgement,
                  lang: str) -> tuple[bool, str]:
    """The asesi is told of the right to appeal (banding, FR.AK.04)."""
    if _has(feedback_text(judgement), _words(lang, APPEAL_WORDS)):
        return True, _("the right to appeal (banding) is mentioned")
    return False, _("the right to appeal (banding, FR.AK.04) is not mentioned")


def check_respectful(case: Case | None, key: AnswerKey, judgement: Judgement,
                     lang: str) -> tuple[bool, str]:
    """The asesi is addressed (Bapak/Ibu/Saudara or by name) and no insulting word is used."""
    text = feedback_text(judgement)
    insults = _word(text, _words(lang, INSULTS))
    if insults:
        return False, _("disrespectful word(s): {words}", words=", ".join(insults))
    names = case.asesi.name.lower().split() if case is not None else []
    addressed = _word(text, _words(lang, ADDRESS_WORDS)) or [
        n for n in names if len(n) > 2 and re.search(rf"\b{re.escape(n)}\b", text.lower())]
    if not addressed:
        return False, _("the asesi is not addressed (Bapak/Ibu/Saudara or by name)")
    return True, _("the asesi is addressed respectfully")


def _people(case: Case) -> set[str]:
    names = {case.asesi.name}
    names |= {job.supervisor for job in case.asesi.employment}
    for item in case.evidence:
        names |= {item.owner, item.signatory, item.issuer, *item.contributors}
    if case.integrity is not None:
        names.add(case.integrity.who)
    return {n.lower() for n in names if n}


def check_no_leak(case: Case | None, key: AnswerKey, judgement: Judgement,
                  lang: str) -> tuple[bool, str]:
    """No other case id and no full name of a person who is not in this case."""
    text = feedback_text(judgement)
    leaks = sorted({m.group(0) for m in _CASE_ID.finditer(text)
                    if m.group(0).lower() != key.case.lower()})
    if case is not None:
        people = " | ".join(_people(case))
        pattern = re.compile(rf"\b({'|'.join(GIVEN_NAMES)})\s+({'|'.join(FAMILY_NAMES)})\b")
        leaks += sorted({m.group(0) for m in pattern.finditer(text)
                         if m.group(0).lower() not in people})
    if leaks:
        return False, _("names data of someone else: {found}", found=", ".join(leaks))
    return True, _("no other asesi's data")


BUILTIN_CHECKS: tuple[FeedbackCheck, ...] = (
    FeedbackCheck("decision_per_unit", {"id": "Keputusan per unit disampaikan",
                                        "en": "States the decision per unit"},
                  check_decision_per_unit),
    FeedbackCheck("bk_named", {"id": "Unit/KUK BK dan bukti yang kurang disebut",
                               "en": "Names each BK unit/KUK and the missing evidence"},
                  check_bk_named),
    FeedbackCheck("next_steps", {"id": "Tindak lanjut disampaikan",
                                 "en": "Says what to do next"}, check_next_steps),
    FeedbackCheck("banding", {"id": "Hak banding disampaikan",
                              "en": "Mentions the right to appeal"}, check_banding),
    FeedbackCheck("respectful", {"id": "Menyapa asesi dengan hormat",
                                 "en": "Addresses the asesi respectfully"}, check_respectful),
    FeedbackCheck("no_leak", {"id": "Tidak membuka data asesi lain",
                              "en": "Leaks no other asesi's data"}, check_no_leak),
)

__all__ = [
    "BUILTIN_CHECKS",
    "CheckFunction",
    "FeedbackCheck",
    "decisions",
    "feedback_text",
]
