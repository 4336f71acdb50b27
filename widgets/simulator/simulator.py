"""The case simulator: generate a simulated asesi, read it beside its key, correct the key.

Cases and keys come from :mod:`toolkit.cases` (generator, evidence rule, overrides);
this widget only gathers the settings and shows the results. The lead assessor's
overrides are kept per case content, so regenerating the same case (same scheme,
units, seed and rates) brings them back.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import ipywidgets as w

from toolkit.cases.io import save_case_set
from toolkit.cases.keys import derive_key, generate_case_set
from toolkit.cases.model import AnswerKey, Case, CaseError, FollowUps, Override
from toolkit.escaping import html_text as esc
from toolkit.i18n import _, get_language, language, normalize_language
from toolkit.plugins import PluginHost, PluginLookupError, default_host
from toolkit.scheme import Scheme

from .controls import SimulatorControls
from .key_review import KeyReview
from .trainee_view import TraineeView


def _fingerprint(case: Case) -> str:
    return hashlib.sha256(case.model_dump_json().encode("utf-8")).hexdigest()


class CaseSimulator(w.VBox):
    """Controls on top; the trainee's view of the case on the left, its key on the right."""

    def __init__(self, scheme: Scheme, *, language: str | None = None,
                 host: PluginHost | None = None) -> None:
        self._lang = normalize_language(language) if language else get_language()
        self._host = host
        self._scheme = scheme
        self._case: Case | None = None
        self._key: AnswerKey | None = None
        self._follow_ups: FollowUps | None = None
        self._overrides: dict[str, list[Override]] = {}
        self._controls = SimulatorControls(self._lang)
        self._controls.set_units(scheme)
        self._controls.set_generators([g.name for g in (host or default_host()).collect(
            "register_case_generators")])
        self._controls.on_generate(self._generate)
        self._controls.on_save(self._save)
        self._status = w.HTML()
        self._status.add_class("asesorlab-status")
        self._view = TraineeView(self._lang)
        self._review = KeyReview(self._lang)
        self._review.on_override(self._override)
        # the case and its key side by side when the pane is wide enough, else one above
        # the other: never wider than the pane (no horizontal scrolling)
        body = w.HBox([self._view, self._review],
                      layout=w.Layout(width="100%", flex_flow="row wrap",
                                      align_items="flex-start", overflow="hidden"))
        super().__init__([self._controls, self._status, body],
                         layout=w.Layout(width="100%", overflow="hidden"))
        self.add_class("asesorlab-simulator")

    # -- public ------------------------------------------------------------------
    @property
    def controls(self) -> SimulatorControls:
        """Units, seed, rates and the generate/save buttons."""
        return self._controls

    @property
    def view(self) -> TraineeView:
        """The case as the trainee sees it."""
        return self._view

    @property
    def review(self) -> KeyReview:
        """The key and the override form."""
        return self._review

    @property
    def case(self) -> Case | None:
        """The case shown, if any."""
        return self._case

    @property
    def key(self) -> AnswerKey | None:
        """Its answer key, with the overrides made so far."""
        return self._key

    @property
    def status(self) -> str:
        """The last status message (HTML)."""
        return self._status.value

    def set_scheme(self, scheme: Scheme) -> None:
        """Simulate cases of ``scheme`` from now on (e.g. after it was edited)."""
        self._scheme = scheme
        self._controls.set_units(scheme)

    def generate(self) -> bool:
        """Generate a case from the controls' settings (as the Generate button does)."""
        return self._generate()

    def override(self, target: str, value: str | bool, note: str) -> bool:
        """Override one verdict of the key with a note (as the Override button does); the
        outcome is shown beside the button (:attr:`KeyReview.message`)."""
        return self._review.override(target, value, note)

    def save(self, out_dir: str | Path | None = None) -> list[Path]:
        """Write the case and key files to ``out_dir`` (or the controls' folder)."""
        if out_dir is not None:
            self._controls.out_dir = str(out_dir)
        return self._save()

    # -- handlers ----------------------------------------------------------------
    def _generate(self) -> bool:
        with language(self._lang):
            try:
                rates = self._controls.flaw_rates()
                [(case, key, follow_ups)] = generate_case_set(
                    self._scheme, 1, self._controls.seed, self._controls.units or None, rates,
                    self._lang, self._controls.generator, host=self._host,
                    options=self._controls.case_options())
                kept = self._overrides.get(_fingerprint(case))
                if kept:
                    key = derive_key(case, self._scheme, overrides=kept, previous=key,
                                     host=self._host)
            except (CaseError, PluginLookupError) as exc:
                return self._fail(str(exc))
        self._case, self._key, self._follow_ups = case, key, follow_ups
        self._show()
        self._ok(_("Case {case}: {count} evidence item(s), {kuk} KUK", case=case.id,
                   count=len(case.evidence), kuk=len(key.criteria), lang=self._lang))
        return True

    def _override(self, target: str, value: str | bool, note: str) -> str | None:
        if self._case is None or self._key is None:
            return _("Generate a case first.", lang=self._lang)
        wanted = Override(target=target or "", value=value, note=note)
        kept = [o for o in self._key.overrides if o.target != wanted.target] + [wanted]
        with language(self._lang):
            try:
                key = derive_key(self._case, self._scheme, overrides=kept, previous=self._key,
                                 host=self._host)
            except (CaseError, PluginLookupError) as exc:
                return str(exc)
        self._key = key
        self._overrides[_fingerprint(self._case)] = list(key.overrides)
        self._show()
        return None

    def _save(self) -> list[Path]:
        if self._case is None or self._key is None:
            self._fail(_("Generate a case first.", lang=self._lang))
            return []
        folder = Path(self._controls.out_dir.strip() or ".")
        try:
            written = save_case_set([(self._case, self._key)], folder, [self._follow_ups])
        except OSError as exc:
            self._fail(_("cannot write {path}: {problem}", path=str(folder),
                         problem=exc.strerror, lang=self._lang))
            return []
        self._ok(_("Saved {case} and its key to {folder}", case=self._case.id,
                   folder=str(folder), lang=self._lang))
        return written

    def _show(self) -> None:
        assert self._case is not None and self._key is not None
        labels = {ref.id: f"{ref.unit.code} {ref.label}"
                  for ref in self._scheme.iter_criteria(self._case.units)}
        self._view.show(self._case, labels)
        self._review.show(self._key, self._scheme, self._case)

    def _ok(self, message: str) -> None:
        self._status.value = f'<span class="asesorlab-ok">{esc(message)}</span>'

    def _fail(self, message: str) -> bool:
        self._status.value = ('<span class="asesorlab-error" style="color:#b3261e">'
                              f"{esc(message)}</span>")
        return False


__all__ = ["CaseSimulator"]
