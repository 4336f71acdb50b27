"""The practice app: sign in, open a case, judge it, submit, read the debrief, go on.

Every value the browser sends is checked here or by the widget that holds it: the case id
must be one of the catalog, verdicts must be K or BK, a follow-up must be one of the three
kinds and for a KUK of the open case, texts are cut to a length, and a click on a hidden or
disabled button does nothing unless the kernel's own state allows it. The answer key is
read by :meth:`PracticeSession.submit` only after the trainee submits; what a follow-up
reveals is read by :meth:`PracticeSession.follow_up` when the trainee asks, for that KUK.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import ipywidgets as w

from toolkit.cases.model import FOLLOW_UP_KINDS, EvidenceItem, FollowUpResult, Judgement, Verdict
from toolkit.drafts import Drafts
from toolkit.i18n import _
from toolkit.store_faults import StoreUnavailable, store_guard
from toolkit.trainees import TraineeCodes

from .case_sections import direct_for
from .case_view import CaseView
from .debrief import Debrief
from .drafting import DraftKeeper
from .duties import Duties
from .evidence_card import EvidenceCard
from .evidence_panel import EvidencePanel
from .faults import attempts_or_none
from .identity import TraineeSignIn
from .kuk_row import KukRow
from .look import Look, esc, shown, stylesheet
from .session import CaseEntry, OpenedCase, PracticeSession
from .timer import Timer
from .unit_decisions import UnitDecisions
from .unit_nav import UnitNav

FEEDBACK_MAX = 5000


class PracticeApp(w.VBox):
    """The whole app; the methods are the actions a trainee takes (tests call them)."""

    def __init__(self, session: PracticeSession, user: str = "") -> None:
        self.session, self._lang = session, session.config.lang
        lang, look = self._lang, Look()
        self._look = look
        self._labels = session.labels()
        self._opened: OpenedCase | None = None
        self._requested: str | None = None
        self._signin = TraineeSignIn(look, lang, user, TraineeCodes(session.store))
        self._picker = w.Dropdown(options=[(e.id, e.id) for e in session.cases],
                                  description=_("Case", lang=lang),
                                  layout=w.Layout(width="260px"), style=look.select_style)
        self._open = look.button(_("Open case", lang=lang), icon="folder-open")
        self._timer = Timer(look, lang)
        self._case_view = CaseView(look)
        self._loose = EvidencePanel([], look, lang, self._labels)  # claiming no KUK here
        self._panels: dict[str, EvidencePanel] = {}
        self._rows, self._unit_parts = self._build_rows(look)
        self._nav = UnitNav(look, lang)  # a section per unit, the unit list and progress
        for unit in session.scheme.units:
            if unit.code in self._unit_parts:
                self._nav.add_unit(unit.code, unit.title, self._unit_parts[unit.code])
        self._units = UnitDecisions([(u.code, u.title) for u in session.scheme.units], look, lang)
        # issue 11: the plan and the declaration before judging, AK.02's notes, the deadline
        self._duties = Duties([(u.code, u.title) for u in session.scheme.units], look, lang)
        self._feedback = w.Textarea(placeholder=_(
            "Feedback to the asesi (FR.IA.01): the decision per unit, what fell short, what "
            "next, the right to appeal", lang=lang),
            layout=w.Layout(width="100%", height="80px"), style=look.text_style,
            continuous_update=False, description=_("Feedback", lang=lang))
        self._feedback.add_class("asesorlab-sr-label")  # the heading above says it
        self._submit = look.button(_("Submit", lang=lang), "asesorlab-submit",
                                   button_style="success", icon="check")
        self._message = look.html("", layout=look.auto)
        hint = _("Open each unit's evidence and judge every item on the four rules (Valid, "
                 "Authentic, Current, Sufficient): met or not met. A rule left 'not judged "
                 "yet' counts as not judged. Where the evidence is too thin to decide a KUK, "
                 "choose 'more evidence needed' and gather it, then decide K or BK.",
                 lang=lang)
        self._head: list[w.Widget] = [
            w.HBox([self._picker, self._open, self._timer], layout=look.bar),
            self._case_view,
            self._duties.plan,
            self._duties.integrity,
            look.html(f"<h3>{esc(_('KUK: K or BK for every one', lang=lang))}</h3>"
                      f'<div class="asesorlab-muted">{esc(hint)}</div>', layout=look.full),
            self._loose,
        ]
        self._tail: list[w.Widget] = [
            self._units,
            look.html(f"<h3>{esc(_('Feedback', lang=lang))}</h3>", layout=look.full),
            self._feedback,
            self._duties.notes,
            w.HBox([self._submit, self._message], layout=look.bar),
        ]
        # its own layout: shown after sign-in, hidden while the debrief is up
        self._practice = w.VBox(layout=w.Layout(width="100%", display="none"))
        self._practice.add_class("asesorlab-practice")
        self._debrief = Debrief(look, lang)
        super().__init__([stylesheet(), self._signin, self._practice, self._debrief],
                         layout=look.full)
        self.add_class("asesorlab-app")
        # the first case is laid out now (before any trainee arrives, in a preheated kernel)
        # so that most sign-ins only have to show it
        self._load(session.cases[0])
        self._prepared: str | None = session.cases[0].id
        self._signin.on_start(self._on_signin_start)
        self._open.on_click(self._on_open_click)
        self._submit.on_click(self._on_submit_click)
        self._debrief.on_next(self._on_debrief_next)
        self._drafts = DraftKeeper(self, Drafts(session.store), self._practice)

    def _build_rows(self, look: Look) -> tuple[dict[str, KukRow], dict[str, list[w.Widget]]]:
        """A row per KUK of the scheme; per unit its heading, its evidence panel and its
        rows (the practice box holds the parts of the open case's units, in scheme order)."""
        rows: dict[str, KukRow] = {}
        parts: dict[str, list[w.Widget]] = {}
        for ref in self.session.scheme.iter_criteria():
            element = f"{ref.element_number}. {ref.element.title}" if ref.number == 1 else ""
            row = KukRow(ref.id, ref.label, ref.text, look, self._lang, element)
            row.on_change(self._on_row_change)
            row.on_follow_up(self._on_row_follow_up)
            rows[ref.id] = row
            if ref.unit.code not in parts:
                panel = self._panels[ref.unit.code] = EvidencePanel([], look, self._lang,
                                                                    self._labels)
                parts[ref.unit.code] = [look.html(
                    f"<h3>{esc(ref.unit.code)} — {esc(ref.unit.title)}</h3>", layout=look.full),
                    panel]
            parts[ref.unit.code].append(row)
        return rows, parts

    # -- what the trainee sees -------------------------------------------------------
    @property
    def trainee(self) -> str | None:
        """The signed-in trainee."""
        return self._signin.trainee

    @property
    def case_id(self) -> str | None:
        """The id of the open case."""
        return self._opened.entry.id if self._opened else None

    @property
    def rows(self) -> list[KukRow]:
        """The KUK rows of the open case, in scheme order."""
        if self._opened is None:
            return []
        units = set(self._opened.entry.case.units)
        return [row for row in self._rows.values() if row.kuk_id.rpartition("/")[0] in units]

    @property
    def evidence_panels(self) -> list[EvidencePanel]:
        """The evidence panels of the open case: the unplaced items', then one per unit."""
        if self._opened is None:
            return []
        units = self._opened.entry.case.units
        panels = [self._loose, *(p for code, p in self._panels.items() if code in units)]
        return [panel for panel in panels if panel.items]

    @property
    def evidence_cards(self) -> list[EvidenceCard]:
        """The evidence cards built so far (a unit's, once its evidence is opened); an item
        whose card is not built, or whose checks are all belum dinilai, is unjudged."""
        return [card for panel in self.evidence_panels for card in panel.cards]

    @property
    def units(self) -> UnitDecisions:
        """The unit decisions and recommendation."""
        return self._units

    @property
    def nav(self) -> UnitNav:
        """The unit list, the progress and the jump to the next unjudged KUK."""
        return self._nav

    @property
    def debrief(self) -> Debrief:
        """The debrief panel."""
        return self._debrief

    @property
    def message(self) -> str:
        """The last message under the submit button."""
        return str(self._message.value)

    # -- actions -----------------------------------------------------------------------
    def sign_in(self, name: str, code: str | None = None) -> None:
        """Sign in as ``name`` (with the trainee's ``code`` when codes are issued) and open
        the first unfinished case."""
        self._signin.start(name, code)

    def request(self, query: str | None) -> None:
        """Take a page's query string: ``?case=ID`` opens that case after sign-in."""
        wanted = (parse_qs(query or "").get("case") or [None])[0]
        self._requested = wanted if wanted and self.session.entry(wanted) else None
        if self._requested and self.trainee:
            self.open_case(self._requested)
        self._signin.arrive()  # under JupyterHub: the hub's user is signed in now

    def open_case(self, case_id: str) -> None:
        """Open a case of the catalog (anything else is refused with a message)."""
        if self.trainee is None:
            return
        entry = self.session.entry(case_id)
        if entry is None:
            self._say(_("no case {case} in this set", lang=self._lang, case=case_id), error=True)
            return
        self._opened = self.session.open(self.trainee, entry.id)
        if self._prepared != entry.id:
            self._load(entry)
        self._prepared = None
        self._say("")
        if self._picker.value != entry.id:
            self._picker.value = entry.id
        self._duties.opened(entry.case, self._timer, self.time_up, self._debrief.record)
        shown(self._debrief, False)
        shown(self._practice, True)
        self._picker.focus()  # the new case opens at its top
        self._drafts.opened()  # the work kept on this case, if any, is put back

    def _load(self, entry: CaseEntry) -> None:
        """Fill the case view, the evidence panels and the units of ``entry``; clear inputs."""
        case = entry.case
        direct = direct_for(case, self._lang)
        for kuk, row in self._rows.items():
            row.reset()
            row.show_direct(direct.get(kuk, ""))
        self._units.use_units(case.units)
        self._place_evidence(case.evidence)
        self._case_view.show(case, self._lang, self._labels)
        self._feedback.value = ""
        self._duties.use_case(case)
        self._nav.use_units(case.units)
        units = [self._nav, *self._nav.sections, self._nav.footer]
        self._practice.children = (*self._head, *units, *self._tail)  # unchanged: no message

    def _place_evidence(self, items: list[EvidenceItem]) -> None:
        """Put each item in the panel of the unit of the first KUK it claims."""
        groups: dict[str, list[EvidenceItem]] = {}
        for item in items:
            unit = next((k.rpartition("/")[0] for k in item.claims
                         if k.rpartition("/")[0] in self._panels), "")
            groups.setdefault(unit, []).append(item)
        for code, panel in [("", self._loose), *self._panels.items()]:
            panel.use(groups.get(code, []))

    def next_case(self) -> None:
        """Open the trainee's next unfinished case."""
        if self.trainee is None:
            return
        entry, unfinished = self.session.next_case(self.trainee, self.case_id)
        self.open_case(entry.id)
        if not unfinished:
            self._say(_("You have submitted every case; this one is for practice again.",
                        lang=self._lang))

    def judgement(self) -> Judgement | None:
        """The trainee's decisions on the open case."""
        if self._opened is None:
            return None
        rows = self.rows
        criteria: dict[str, Verdict] = {r.kuk_id: r.verdict for r in rows  # type: ignore[misc]
                                        if r.verdict is not None}
        return Judgement(
            case=self._opened.entry.id, criteria=criteria,
            evidence={card.item_id: card.verdict() for card in self.evidence_cards
                      if card.judged},
            units=self._units.units(), recommendation=self._units.recommendation() or "BK",
            notes={r.kuk_id: r.note for r in rows if r.note},
            feedback=str(self._feedback.value or "").strip()[:FEEDBACK_MAX],
            follow_ups=dict(self._opened.follow_ups), **self._duties.fields(),
            time_used_s=round(self._timer.elapsed(), 1))

    def follow_up(self, kuk: str, kind: str) -> FollowUpResult | None:
        """Ask for the follow-up ``kind`` on ``kuk`` of the open case, as the row's chooser
        does; what it reveals is shown under that KUK's row. Anything but a KUK of the open
        case and one of the three kinds is refused with a message, and nothing is read."""
        opened = self._opened
        row = self._rows.get(kuk)
        if opened is None or opened.result is not None or row is None or \
                kuk.rpartition("/")[0] not in opened.entry.case.units:
            self._say(_("no KUK {kuk} in the open case", lang=self._lang, kuk=kuk), error=True)
            return None
        if kind not in FOLLOW_UP_KINDS:
            self._say(_("no follow-up {kind}; choose one of: {kinds}", lang=self._lang,
                        kind=kind, kinds=", ".join(FOLLOW_UP_KINDS)), error=True)
            return None
        row.want_follow_up()
        result = self.session.follow_up(opened, kuk, kind)
        if result is None:
            row.follow_up_refused(_("Nothing more can be gathered this way for this KUK; "
                                    "try another way or decide on the evidence there is.",
                                    lang=self._lang))
            return None
        row.show_follow_up(opened.follow_ups.get(kuk, kind), result, self._labels)
        return result

    def submit(self, auto: bool = False) -> bool:
        """Score and store the open case once; show the debrief. False when refused.
        ``auto``: the time is up, the attempt goes in as it stands (unjudged stays so)."""
        opened = self._opened
        if opened is None or self.trainee is None:
            return False
        if opened.result is None and not auto and self._duties.judging_required():
            missing = [r.label for r in self.rows if r.verdict is None]
            if missing:
                self._say(_("Mark every KUK K or BK first; still open: {labels}",
                            lang=self._lang, labels=", ".join(missing[:12])), error=True)
                return False
            if self._units.recommendation() is None:
                self._say(_("Decide every unit and the recommendation first.",
                            lang=self._lang), error=True)
                return False
        first = opened.result is None
        judgement = self.judgement()
        assert judgement is not None
        if auto and first:
            judgement = judgement.model_copy(update={"auto_submitted": True})
        try:  # a database that refuses: say so, keep every decision, let them try again
            with store_guard("submit", self.trainee):
                report, _attempt = self.session.submit(opened, judgement)
        except StoreUnavailable as exc:
            self._say(str(exc), error=True)
            return False
        self._drafts.submitted()
        if first:
            self._duties.deadline.cancel()
            if auto:
                self._timer.expire()
            else:
                self._timer.stop()
        self._debrief.show(report, attempts_or_none(self.session, self.trainee), self._labels,
                           opened.entry.case,
                           why=self.session.why_chosen(self.trainee, opened.entry.id))
        shown(self._practice, False)
        shown(self._debrief, True)
        self._debrief.focus_score()  # the result in view, and where a reader starts
        if first:
            self._duties.offer_record(self.session.scheme, opened.entry.case, judgement,
                                      self._debrief.record)
        return True

    def time_up(self) -> None:
        """The kernel's deadline: submit the open case as it stands."""
        self.submit(auto=True)

    def _say(self, text: str, error: bool = False) -> None:
        css = "asesorlab-error" if error else "asesorlab-muted"
        self._message.value = f'<span class="{css}">{esc(text)}</span>' if text else ""

    # -- handlers ----------------------------------------------------------------------
    def _on_signin_start(self, trainee: str) -> None:
        try:
            with store_guard("sign-in", trainee):
                finished = self.session.finished(trainee)
                self._picker.options = [(f"{e.id} ✓" if e.id in finished else e.id, e.id)
                                        for e in self.session.cases]
                if self._requested:
                    self.open_case(self._requested)
                else:
                    self.next_case()
        except StoreUnavailable as exc:  # work on without the record of earlier attempts
            self.open_case(self._requested or self.session.cases[0].id)
            self._say(str(exc))

    def _on_open_click(self, _button: w.Button) -> None:
        if self._picker.value:
            self.open_case(str(self._picker.value))

    def _on_submit_click(self, _button: w.Button) -> None:
        self.submit()

    def _on_debrief_next(self) -> None:
        if self._opened is not None and self._opened.result is not None:
            try:
                with store_guard("next case", self.trainee):
                    self.next_case()
            except StoreUnavailable as exc:  # the next case of the list, then
                ids = [e.id for e in self.session.cases]
                self.open_case(ids[(ids.index(self._opened.entry.id) + 1) % len(ids)])
                self._say(str(exc))

    def _on_row_follow_up(self, row: KukRow, kind: str) -> None:
        self.follow_up(row.kuk_id, kind)

    def _on_row_change(self, row: KukRow) -> None:
        if self._opened is None:
            return
        rows = self.rows
        criteria: dict[str, Verdict] = {r.kuk_id: r.verdict for r in rows  # type: ignore[misc]
                                        if r.verdict is not None}
        answered: dict[str, bool] = {}
        for r in rows:
            unit = r.kuk_id.rpartition("/")[0]
            answered[unit] = answered.get(unit, True) and r.verdict is not None
        self._units.update_from(criteria, answered)


__all__ = ["PracticeApp"]
