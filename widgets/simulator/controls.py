"""The simulator's controls: generator, units, seed, the generator's knobs, generate, save.

The realistic generator (``default``) takes a difficulty tier and the share of candidates
recommended K (:meth:`SimulatorControls.case_options`); the flaw-rate sliders are knobs of
generators that take rates (the ``classic`` one). Each set is enabled only while its
generator is chosen.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from toolkit.cases.generator import DIFFICULTIES, CaseOptions, FlawRates
from toolkit.i18n import _
from toolkit.scheme import Scheme

REALISTIC = "default"


def _generator_label(name: str, lang: str) -> str:
    return {REALISTIC: _("realistic (evidence catalogue)", lang=lang),
            "classic": _("classic (flaw rates)", lang=lang)}.get(name, name)


def _rate_labels(lang: str) -> dict[str, str]:
    return {
        "met": _("KUK truly met", lang=lang),
        "not_valid": _("not valid", lang=lang),
        "not_authentic": _("not authentic", lang=lang),
        "not_current": _("not current", lang=lang),
        "not_sufficient": _("not sufficient", lang=lang),
    }


class SimulatorControls(w.VBox):
    """Choose units, seed and flaw rates; ``generate()`` and ``save()`` call the owner."""

    def __init__(self, lang: str) -> None:
        self._generate_handlers: list[Callable[[], None]] = []
        self._save_handlers: list[Callable[[], None]] = []
        style = {"description_width": "14em"}
        self._lang = lang
        self._generator = w.Dropdown(description=_("Case generator", lang=lang), style=style,
                                     options=[(_generator_label(REALISTIC, lang), REALISTIC)],
                                     layout=w.Layout(width="auto", max_width="34em"))
        self._generator.add_class("asesorlab-generator")
        self._generator.observe(self._on_generator_value, "value")
        self._units = w.SelectMultiple(description=_("Units", lang=lang), rows=5, style=style,
                                       layout=w.Layout(width="auto"))
        self._seed = w.BoundedIntText(value=0, min=0, max=2**31 - 1,
                                      description=_("Seed", lang=lang), style=style)
        defaults = FlawRates()
        labels = _rate_labels(lang)
        self._rates = {name: w.FloatSlider(value=getattr(defaults, name), min=0.0, max=1.0,
                                           step=0.05, description=labels[name], style=style,
                                           continuous_update=False, disabled=True,
                                           layout=w.Layout(width="auto", max_width="34em"))
                       for name in FlawRates.names()}
        defaults_k = CaseOptions()
        self._difficulty = w.Dropdown(description=_("Difficulty", lang=lang), style=style,
                                      options=list(DIFFICULTIES), value=defaults_k.difficulty,
                                      layout=w.Layout(width="auto", max_width="34em"))
        self._difficulty.add_class("asesorlab-difficulty")
        self._k_share = w.FloatSlider(value=defaults_k.k_share, min=0.0, max=1.0, step=0.05,
                                      description=_("Share of K candidates", lang=lang),
                                      style=style, continuous_update=False,
                                      layout=w.Layout(width="auto", max_width="34em"))
        self._k_share.add_class("asesorlab-k-share")
        generate = w.Button(description=_("Generate case", lang=lang), icon="random",
                            button_style="primary", layout=w.Layout(width="auto"))
        generate.add_class("asesorlab-generate")
        generate.on_click(lambda _button: self.generate())
        self._out_dir = w.Text(value="cases", description=_("Save to folder", lang=lang),
                               style={"description_width": "auto"},
                               layout=w.Layout(width="auto", flex="0 1 22em", min_width="0"))
        save = w.Button(description=_("Save case and key", lang=lang), icon="save",
                        layout=w.Layout(width="auto"))
        save.add_class("asesorlab-save-case")
        save.on_click(lambda _button: self.save())
        super().__init__([self._generator, self._units, self._seed, self._difficulty,
                          self._k_share, *self._rates.values(),
                          w.HBox([generate, self._out_dir, save],
                                 layout=w.Layout(width="100%", flex_flow="row wrap",
                                                 align_items="center"))],
                         layout=w.Layout(width="100%"))
        self.add_class("asesorlab-simulator-controls")

    # -- values ------------------------------------------------------------------
    def set_generators(self, names: list[str]) -> None:
        """Offer the case generators ``names`` (plugins included); keep the chosen one."""
        chosen = self._generator.value
        self._generator.options = [(_generator_label(n, self._lang), n) for n in names]
        self._generator.value = chosen if chosen in names else (
            REALISTIC if REALISTIC in names else names[0])

    @property
    def generator(self) -> str:
        """The chosen case generator's name."""
        return str(self._generator.value)

    @generator.setter
    def generator(self, name: str) -> None:
        self._generator.value = name

    def set_units(self, scheme: Scheme) -> None:
        """Offer the scheme's units; keep the chosen ones that still exist (else the first)."""
        chosen = set(self._units.value)
        self._units.options = [(f"{unit.code} {unit.title}", unit.code)
                               for unit in scheme.units]
        codes = [unit.code for unit in scheme.units]
        kept = tuple(code for code in codes if code in chosen)
        self._units.value = kept or tuple(codes[:1])

    @property
    def units(self) -> list[str]:
        """The chosen unit codes."""
        return list(self._units.value)

    @units.setter
    def units(self, codes: list[str]) -> None:
        self._units.value = tuple(codes)

    @property
    def seed(self) -> int:
        """The random seed: the same seed and settings give the same case."""
        return int(self._seed.value)

    @seed.setter
    def seed(self, value: int) -> None:
        self._seed.value = value

    @property
    def out_dir(self) -> str:
        """The folder the case and key files are written to."""
        return self._out_dir.value

    @out_dir.setter
    def out_dir(self, value: str) -> None:
        self._out_dir.value = value

    def set_rate(self, name: str, value: float) -> None:
        """Move the slider of flaw rate ``name`` (met, not_valid, …)."""
        self._rates[name].value = value

    def set_options(self, difficulty: str, k_share: float) -> None:
        """Choose the realistic generator's difficulty tier and K share."""
        self._difficulty.value, self._k_share.value = difficulty, k_share

    def case_options(self) -> CaseOptions | None:
        """The realistic generator's knobs; None for a generator that takes none."""
        if self.generator != REALISTIC:
            return None
        return CaseOptions(k_share=float(self._k_share.value),
                           difficulty=str(self._difficulty.value))

    def flaw_rates(self) -> FlawRates:
        """The sliders' values as :class:`~toolkit.cases.generator.FlawRates` (the defaults
        for the realistic generator, which takes no rates)."""
        if self.generator == REALISTIC:
            return FlawRates()
        return FlawRates(**{name: float(s.value) for name, s in self._rates.items()})

    def _on_generator_value(self, change: dict) -> None:
        for slider in self._rates.values():
            slider.disabled = change["new"] == REALISTIC
        self._difficulty.disabled = self._k_share.disabled = change["new"] != REALISTIC

    # -- actions -----------------------------------------------------------------
    def on_generate(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` when a case is asked for."""
        self._generate_handlers.append(callback)

    def generate(self) -> None:
        """Ask for a case (what the Generate button does)."""
        for callback in self._generate_handlers:
            callback()

    def on_save(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` when saving is asked for."""
        self._save_handlers.append(callback)

    def save(self) -> None:
        """Ask to save the case and key (what the Save button does)."""
        for callback in self._save_handlers:
            callback()


__all__ = ["REALISTIC", "SimulatorControls"]
