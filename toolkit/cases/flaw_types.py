"""The built-in flaw types (see :mod:`toolkit.cases.flaws`): fourteen things assessors meet.

Each is planted in the fields and text of one document so that it can be found from what
the case shows — the owner's name, the issuer against the employment history, dates
against the employment period and the currency window, the validity period, signature and
stamp, the referee against the supervisor named in the history, contributors without a
stated individual part, a known public sample, what a certificate certifies — and detected
by the default rule from those same fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from .catalogue import Artefact
from .flaws import CriterionEvidence, PlantContext, RuleContext, Scope
from .model import EvidenceItem, EvidenceKind, LocalizedText
from .rules import same_person
from .texts import in_all_languages as L

Planter = Callable[[EvidenceItem, PlantContext], None]
Detector = Callable[[Any, RuleContext], LocalizedText | None]
LETTERS = (EvidenceKind.THIRD_PARTY_REPORT, EvidenceKind.EMPLOYMENT_LETTER)
WORKS = (EvidenceKind.WORK_SAMPLE, EvidenceKind.PROJECT_REPORT)


@dataclass(frozen=True)
class BuiltinFlaw:
    """A flaw type made of a planter and a detector (kinds: where it can be planted)."""

    name: str
    breaks: str
    label: LocalizedText
    planter: Planter
    detector: Detector
    kinds: tuple[EvidenceKind, ...] = ()
    scope: Scope = "item"
    needs: str = ""  # "valid_years", "employer" (issued by one) or "joined" (a recent job)

    def applies(self, artefact: Artefact | None, item: EvidenceItem, ctx: PlantContext) -> bool:
        """Whether the flaw can be planted in ``item``."""
        if self.scope != "item" or (self.kinds and item.kind not in self.kinds):
            return False
        if self.needs == "valid_years":
            return artefact is not None and bool(artefact.valid_years)
        if self.needs in ("employer", "joined") and (
                artefact is None or artefact.issuer != "employer" or not item.issuer):
            return False
        job = next((j for j in ctx.employment if j.employer == item.issuer), None)
        if self.needs == "joined":  # the job must have begun inside the currency window
            return job is not None and job.start > ctx.cutoff + timedelta(days=60)
        if self.name == "too_old" and job is not None:  # the job must reach back past it
            return job.start < ctx.cutoff - timedelta(days=30)
        if self.name == "not_relevant":
            return artefact is not None and any(k not in artefact.criteria
                                                for k in ctx.criteria)
        return True

    def plant(self, item: EvidenceItem, ctx: PlantContext) -> None:
        """Change ``item`` so that it carries the flaw."""
        self.planter(item, ctx)

    def detect(self, subject: Any, ctx: RuleContext) -> LocalizedText | None:
        """The reason the flaw is there, or None."""
        return self.detector(subject, ctx)


# -- planters and detectors --------------------------------------------------------------

def _plant_not_relevant(item: EvidenceItem, ctx: PlantContext) -> None:
    artefact = ctx.catalogue.artefact(item.artefact)
    backed = set(artefact.criteria) if artefact else set()
    others = [k for k in ctx.criteria if k not in backed]
    if others:
        item.claims = sorted(ctx.rng.sample(others, k=min(2, len(others))),
                             key=ctx.criteria.index)


def _detect_not_relevant(item: EvidenceItem, ctx: RuleContext) -> LocalizedText | None:
    artefact = ctx.catalogue.artefact(item.artefact)
    if artefact is None:
        return None
    off = [k for k in item.claims if k in ctx.texts and k not in artefact.criteria]
    if not off:
        return None
    return L.gettext("not valid: a document of this kind ({title}) cannot show KUK {kuks} "
                     "that it is claimed for", title=item.title,
                     kuks=", ".join(k.rpartition("/")[2] for k in off))


def _plant_other_person(item: EvidenceItem, ctx: PlantContext) -> None:
    other = ctx.rng.choice(ctx.others)
    item.summary = item.summary.replace(item.owner, other)
    item.owner = other


def _detect_other_person(item: EvidenceItem, ctx: RuleContext) -> LocalizedText | None:
    if same_person(item.owner, ctx.case.asesi.name):
        return None
    return L.gettext("not authentic: it is in the name of {owner}, not of the asesi {asesi}",
                     owner=item.owner, asesi=ctx.case.asesi.name)


def _plant_foreign_issuer(item: EvidenceItem, ctx: PlantContext) -> None:
    stranger = ctx.rng.choice(ctx.strangers)
    item.summary = item.summary.replace(item.issuer, stranger)
    item.issuer = stranger


def _detect_foreign_issuer(item: EvidenceItem, ctx: RuleContext) -> LocalizedText | None:
    if not ctx.employer_issued(item) or not ctx.case.asesi.employment:
        return None
    if ctx.employment_at(item.issuer) is not None:
        return None
    return L.gettext("not authentic: issued by {issuer}, where the asesi's employment history "
                     "shows no job", issuer=item.issuer)


def _plant_expired(item: EvidenceItem, ctx: PlantContext) -> None:
    artefact = ctx.catalogue.artefact(item.artefact)
    years = artefact.valid_years if artefact and artefact.valid_years else 2
    lapse = ctx.rng.randint(10, 60) if ctx.subtle else ctx.rng.randint(90, 400)
    item.valid_until = ctx.assessed - timedelta(days=lapse)
    item.date = item.valid_until - timedelta(days=365 * years)
    if item.date < ctx.cutoff:  # keep it inside the currency window: only the expiry is wrong
        item.date = ctx.cutoff + timedelta(days=ctx.rng.randint(1, 30))


def _detect_expired(item: EvidenceItem, ctx: RuleContext) -> LocalizedText | None:
    if item.valid_until is None or item.valid_until >= ctx.case.assessment_date:
        return None
    return L.gettext("not current: the certificate was valid until {until}, before the "
                     "assessment ({assessed})", until=item.valid_until.isoformat(),
                     assessed=ctx.case.assessment_date.isoformat())


def _plant_copied(item: EvidenceItem, ctx: PlantContext) -> None:
    sample = ctx.rng.choice(ctx.catalogue.public_samples or ["contoh umum"])
    note = {"id": " Keterangan pada berkas menyebut sumber: {sample}; isinya sama dengan contoh "
                  "tersebut.",
            "en": " A note in the files names its source: {sample}; the content is the same as "
                  "that sample."}
    item.summary += note.get(ctx.lang, note["en"]).format(sample=sample)


def _detect_copied(item: EvidenceItem, ctx: RuleContext) -> LocalizedText | None:
    text = item.summary.casefold()
    found = next((s for s in ctx.catalogue.public_samples if s.casefold() in text), None)
    if found is None:
        return None
    return L.gettext("not authentic: the work follows a known public sample ({sample}), so it "
                     "is not the asesi's own", sample=found)


def _plant_group(item: EvidenceItem, ctx: PlantContext) -> None:
    team = ctx.rng.sample(ctx.others, k=min(3, len(ctx.others)))
    item.contributors = [ctx.asesi, *team]
    item.contribution = ""


def _detect_group(item: EvidenceItem, ctx: RuleContext) -> LocalizedText | None:
    if len(item.contributors) < 2 or item.contribution.strip():
        return None
    return L.gettext("not authentic: made by a team of {count} ({names}) with no statement of "
                     "the asesi's own part", count=len(item.contributors),
                     names=", ".join(item.contributors))


def _plant_unsigned(item: EvidenceItem, ctx: PlantContext) -> None:
    if ctx.rng.random() < 0.5:
        item.signed = False
    else:
        item.stamped = False


def _detect_unsigned(item: EvidenceItem, ctx: RuleContext) -> LocalizedText | None:
    if item.kind not in LETTERS or (item.signed is not False and item.stamped is not False):
        return None
    if item.signed is False:
        return L.gettext("not authentic: the letter is not signed")
    return L.gettext("not authentic: the letter has no company stamp")


def _plant_referee(item: EvidenceItem, ctx: PlantContext) -> None:
    family = ctx.asesi.split()[-1]
    relative = ctx.rng.random() < 0.5
    given = ctx.rng.choice(ctx.others).split()[0]
    referee = f"{given} {family}" if relative else ctx.rng.choice(ctx.others)
    if item.signatory:
        item.summary = item.summary.replace(item.signatory, referee)
    item.signatory = referee
    if not relative:
        item.signatory_role = {"id": "rekan satu tim", "en": "team colleague"}.get(
            ctx.lang, "team colleague")


def _detect_referee(item: EvidenceItem, ctx: RuleContext) -> LocalizedText | None:
    if item.kind != EvidenceKind.THIRD_PARTY_REPORT or not item.signatory:
        return None
    job = ctx.employment_at(item.issuer)
    if job is None or not job.supervisor or same_person(job.supervisor, item.signatory):
        return None
    if item.signatory.split()[-1].casefold() == ctx.case.asesi.name.split()[-1].casefold():
        return L.gettext("not authentic: signed by {referee}, who shares the asesi's family "
                         "name and is not the supervisor ({supervisor}) the employment history "
                         "names", referee=item.signatory, supervisor=job.supervisor)
    return L.gettext("not authentic: signed by {referee}, not by the supervisor ({supervisor}) "
                     "the employment history names", referee=item.signatory,
                     supervisor=job.supervisor)


def _plant_before_joining(item: EvidenceItem, ctx: PlantContext) -> None:
    job = next(j for j in ctx.employment if j.employer == item.issuer)
    room = (job.start - ctx.cutoff).days - 1
    gap = ctx.rng.randint(10, 45) if ctx.subtle else ctx.rng.randint(46, 300)
    item.date = job.start - timedelta(days=max(1, min(gap, room)))


def _detect_before_joining(item: EvidenceItem, ctx: RuleContext) -> LocalizedText | None:
    if not ctx.employer_issued(item):
        return None
    job = ctx.employment_at(item.issuer)
    if job is None:
        return None
    if item.date < job.start:
        return L.gettext("not authentic: dated {date}, before the asesi joined {issuer} "
                         "({start})", date=item.date.isoformat(), issuer=item.issuer,
                         start=job.start.isoformat())
    if job.end is not None and item.date > job.end:
        return L.gettext("not authentic: dated {date}, after the asesi left {issuer} ({end})",
                         date=item.date.isoformat(), issuer=item.issuer,
                         end=job.end.isoformat())
    return None


def _plant_attendance(item: EvidenceItem, ctx: PlantContext) -> None:
    item.certifies, item.valid_until = "attendance", None
    hours = ctx.rng.choice((8, 16, 24, 32))
    title = {"id": "Sertifikat keikutsertaan", "en": "Certificate of attendance"}
    text = {"id": "Sertifikat keikutsertaan dari {issuer} atas nama {owner}: telah mengikuti "
                  "pelatihan selama {hours} jam pelajaran. Tidak ada uji atau penilaian; "
                  "sertifikat ini hanya menyatakan kehadiran.",
            "en": "Certificate of attendance from {issuer} to {owner}: took part in {hours} "
                  "hours of training. There was no test or assessment; it states attendance "
                  "only."}
    topic = item.title.partition(":")[2].strip() or item.title
    item.title = f"{title.get(ctx.lang, title['en'])}: {topic}"
    item.summary = text.get(ctx.lang, text["en"]).format(issuer=item.issuer, owner=item.owner,
                                                         hours=hours)


def _detect_attendance(item: EvidenceItem, ctx: RuleContext) -> LocalizedText | None:
    if item.certifies != "attendance":
        return None
    return L.gettext("not sufficient on its own: an attendance certificate shows presence at "
                     "a training, not competence")


def _plant_knowledge(item: EvidenceItem, ctx: PlantContext) -> None:
    item.kind = EvidenceKind.WRITTEN_ANSWER
    item.evidence_class = "T"
    score = ctx.rng.randint(75, 95)
    text = {"id": "Hasil ujian teori {owner}: nilai {score}/100, soal pilihan ganda tentang "
                  "materi pekerjaan ini; tidak ada tugas praktik.",
            "en": "Theory test result of {owner}: {score}/100 on multiple-choice questions "
                  "about this work; no practical task."}
    item.summary = text.get(ctx.lang, text["en"]).format(owner=item.owner, score=score)
    title = {"id": "Nilai ujian teori", "en": "Theory test result"}
    item.title = f"{title.get(ctx.lang, title['en'])}: {item.title.partition(':')[2].strip()}"


def _detect_knowledge(item: EvidenceItem, ctx: RuleContext) -> LocalizedText | None:
    if item.kind != EvidenceKind.WRITTEN_ANSWER or item.evidence_class != "T":
        return None
    return L.gettext("not sufficient on its own: a theory test shows knowledge, not that the "
                     "asesi performs the work")


def _plant_too_old(item: EvidenceItem, ctx: PlantContext) -> None:
    job = next((j for j in ctx.employment if j.employer == item.issuer), None)
    room = (ctx.cutoff - job.start).days - 1 if job is not None else 5 * 365
    days = ctx.rng.randint(15, 90) if ctx.subtle else ctx.rng.randint(200, 5 * 365)
    item.date = ctx.cutoff - timedelta(days=max(1, min(days, room)))
    item.valid_until = None


def _detect_too_old(item: EvidenceItem, ctx: RuleContext) -> LocalizedText | None:
    if item.date >= ctx.cutoff:
        return None
    return L.gettext("not current: dated {date}, before {cutoff} (the {years}-year currency "
                     "window)", date=item.date.isoformat(), cutoff=ctx.cutoff.isoformat(),
                     years=ctx.currency_years)


def _no_plant(item: EvidenceItem, ctx: PlantContext) -> None:
    """Criterion-scope flaws are planted by the generator's plan, not in one item."""


def _detect_too_little(found: CriterionEvidence, ctx: RuleContext) -> LocalizedText | None:
    if found.direct is not None or found.sources >= 2 or not found.acceptable:
        return None
    return L.gettext("too little evidence: {items} alone, with nothing independent to "
                     "corroborate it", items=", ".join(found.acceptable))


def _detect_apl02(found: CriterionEvidence, ctx: RuleContext) -> LocalizedText | None:
    for claim in ctx.case.self_assessment:
        if claim.criterion != found.kuk or claim.answer != "K":
            continue
        cited = [i for i in ctx.case.evidence if i.id in claim.evidence]
        if cited and not any(found.kuk in i.claims for i in cited):
            return L.gettext("the APL.02 self-assessment claims this KUK with {items}, which "
                             "does not show it", items=", ".join(i.id for i in cited))
    return None


BUILTIN_FLAWS: tuple[BuiltinFlaw, ...] = (
    BuiltinFlaw("not_relevant", "V", L.gettext("not relevant to the KUK"), _plant_not_relevant,
                _detect_not_relevant),
    BuiltinFlaw("other_person", "A", L.gettext("in another person's name"), _plant_other_person,
                _detect_other_person),
    BuiltinFlaw("issuer_not_employer", "A", L.gettext(
        "issuer not in the employment history"), _plant_foreign_issuer, _detect_foreign_issuer,
        needs="employer"),
    BuiltinFlaw("expired_certificate", "T", L.gettext("expired certificate"), _plant_expired,
                _detect_expired, (EvidenceKind.CERTIFICATE,), needs="valid_years"),
    BuiltinFlaw("copied_work", "A", L.gettext("copied work"), _plant_copied, _detect_copied,
                WORKS),
    BuiltinFlaw("group_work", "A", L.gettext("group work without individual contribution"),
                _plant_group, _detect_group, WORKS),
    BuiltinFlaw("unsigned_letter", "A", L.gettext("unsigned or unstamped letter"),
                _plant_unsigned, _detect_unsigned, LETTERS),
    BuiltinFlaw("referee_not_supervisor", "A", L.gettext(
        "referee not the supervisor, or a relative"), _plant_referee, _detect_referee,
        (EvidenceKind.THIRD_PARTY_REPORT,), needs="employer"),
    BuiltinFlaw("before_joining", "A", L.gettext("dated before the asesi joined the employer"),
                _plant_before_joining, _detect_before_joining, needs="joined"),
    BuiltinFlaw("attendance_only", "M", L.gettext("attendance-only certificate"),
                _plant_attendance, _detect_attendance, (EvidenceKind.CERTIFICATE,)),
    BuiltinFlaw("knowledge_only", "M", L.gettext("knowledge shown, not performance"),
                _plant_knowledge, _detect_knowledge, (EvidenceKind.CERTIFICATE,
                                                      EvidenceKind.PROJECT_REPORT)),
    BuiltinFlaw("too_old", "T", L.gettext("older than the currency window"), _plant_too_old,
                _detect_too_old),
    BuiltinFlaw("too_little", "M", L.gettext("too little evidence for the KUK"), _no_plant,
                _detect_too_little, scope="criterion"),
    BuiltinFlaw("apl02_contradicted", "V", L.gettext(
        "APL.02 claim contradicted by the portfolio"), _no_plant, _detect_apl02,
        scope="criterion"),
)

__all__ = ["BUILTIN_FLAWS", "BuiltinFlaw"]
