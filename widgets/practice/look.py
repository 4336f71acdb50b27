"""The practice app's look: one stylesheet and the layouts and styles every widget shares.

A Voilà page pays for every widget model it shows: the kernel serialises its state, the
browser builds a view of it. A ``Layout`` or a ``Style`` is a model of its own, so the
app's widgets share those of one :class:`Look` (made once per app, never at import): a
KUK row costs four models (its box, its text, K, BK) instead of fifteen. A widget that is
shown and hidden on its own needs its own layout; the app hides few (the practice and
debrief panels) and puts the parts of a case in or out of their box's children instead.
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from toolkit.escaping import html_text as esc  # every case text is shown through this

from .look_mobile import MOBILE_CSS

CSS = """
.asesorlab-app { max-width: 1100px; font-size: 14px; }
.asesorlab-app h2, .asesorlab-app h3 { margin: 0.4em 0 0.2em; }
.asesorlab-card { border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 8px;
  margin: 2px 0; background: #fafbfc; }
.asesorlab-muted { color: #57606a; font-size: 12px; }
.asesorlab-element { color: #57606a; font-weight: 600; margin-top: 4px; }
.asesorlab-kuk { border-bottom: 1px solid #eaeef2; }
.asesorlab-error { color: #b3261e; font-weight: 600; }
.asesorlab-critical { background: #ffebe9; color: #b3261e; font-weight: 700; }
.asesorlab-ok { color: #1a7f37; }
.asesorlab-debrief table { border-collapse: collapse; margin: 4px 0; }
.asesorlab-debrief td, .asesorlab-debrief th { border: 1px solid #d0d7de; padding: 2px 6px;
  text-align: left; vertical-align: top; }
.asesorlab-card table { border-collapse: collapse; }
.asesorlab-card th { text-align: left; font-weight: 600; padding-right: 8px; vertical-align: top; }
.asesorlab-card td { vertical-align: top; }
.asesorlab-card td, .asesorlab-card th { padding: 1px 6px 1px 0; }
.asesorlab-followup-card { border-left: 4px solid #bf8700; }
.asesorlab-app .asesorlab-span { grid-column: 1 / -1; }
.asesorlab-followup-chooser { flex-wrap: wrap; row-gap: 4px; }
.asesorlab-app .widget-html-content { line-height: 1.45; min-width: 0; flex: 1 1 auto; }
.asesorlab-app table { max-width: 100%; }
.asesorlab-app td, .asesorlab-app th { overflow-wrap: break-word; }
.asesorlab-app .widget-html { height: auto; }
.asesorlab-direct { margin: 2px 0 4px 12px; }
.asesorlab-result { display: none; }
.asesorlab-passed { background: #dafbe1; color: #116329; }
.asesorlab-failed { background: #ffebe9; color: #a40e26; }
.asesorlab-app .asesorlab-headline.widget-label { font-size: 20px; font-weight: 700;
  height: auto; line-height: 1.4; white-space: normal; overflow: visible; margin: 0.4em 0 0.2em;
  padding: 4px 8px; border-radius: 6px; }
.asesorlab-score { font-size: 16px; margin: 2px 0 6px; }
.asesorlab-headline:focus { outline: 3px solid #0969da; outline-offset: 2px; }
@media (max-width: 640px) {
  .asesorlab-kuk { grid-template-columns: 56px 56px minmax(0, 1fr) !important; }
  .asesorlab-kuk > .asesorlab-followup { justify-self: start; max-width: 100%; }
  .asesorlab-kuk > .widget-html:first-child { grid-column: 1 / -1; }
  .asesorlab-evidence { grid-template-columns: 1fr !important; }
  .asesorlab-app td, .asesorlab-app th { overflow-wrap: anywhere; }
  .asesorlab-kuk > .widget-text { grid-column: 1 / -1; }
}
@property --asesorlab-s { syntax: '<integer>'; inherits: false; initial-value: 0; }
@property --asesorlab-m { syntax: '<integer>'; inherits: false; initial-value: 0; }
@keyframes asesorlab-sec { from { --asesorlab-s: 0; } to { --asesorlab-s: 60; } }
@keyframes asesorlab-min { from { --asesorlab-m: 0; } to { --asesorlab-m: 6000; } }
.asesorlab-clock { font-variant-numeric: tabular-nums; font-weight: 600;
  animation: asesorlab-sec 60s steps(60, end) infinite,
             asesorlab-min 360000s steps(6000, end) forwards;
  counter-reset: m var(--asesorlab-m) s var(--asesorlab-s); }
.asesorlab-clock::after { content: counter(m) ":" counter(s, decimal-leading-zero); }
/* -- issue 11 (other duties): plan, objectivity, countdown, debrief parts, record -- */
@keyframes asesorlab-sec-down { from { --asesorlab-s: 59; } to { --asesorlab-s: 0; } }
@keyframes asesorlab-min-down { from { --asesorlab-m: 6000; } to { --asesorlab-m: 0; } }
.asesorlab-timer-warning { background: #fff8c5; border-radius: 4px; padding: 0 4px; }
.asesorlab-plan-unit { border-top: 1px solid #eaeef2; padding: 2px 0; }
.asesorlab-plan-methods { column-gap: 4px; }
.asesorlab-integrity-situation { border-left: 4px solid #8250df; }
.asesorlab-part ul { margin: 2px 0 6px; padding-left: 20px; }
.asesorlab-record-download { font-weight: 600; }
/* -- end of issue 11 -- */
"""
CSS += MOBILE_CSS  # phones, touch and keyboard (issue 14): widgets/practice/look_mobile.py


def ul(items: Iterable[str]) -> str:
    """An HTML list of already-escaped items."""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


class Look:
    """Shared layouts and styles of one app; pass it to every widget of the app.

    Never change a shared layout's ``display``: that would hide every widget using it.
    """

    def __init__(self) -> None:
        self.row = w.Layout(width="100%", align_items="center")
        # a KUK row: text, K, BK, and a column kept for the note (made when wanted), so
        # the text does not reflow when a note field appears
        self.kuk = w.Layout(width="100%", align_items="center",
                            grid_template_columns="minmax(0, 1fr) 56px 56px auto 24%")
        # what spans a grid's whole width (the CSS places it: .asesorlab-span)
        self.span = w.Layout(width="auto")
        # an evidence card: its text over the four checks, which wrap on a narrow screen
        self.card = w.Layout(width="100%", align_items="center",
                             grid_template_columns="repeat(auto-fill, minmax(250px, 1fr))")
        self.select = w.Layout(width="auto")
        self.bar = w.Layout(align_items="center")
        self.full = w.Layout(width="100%")
        self.auto = w.Layout(width="auto")
        self.text = w.Layout(flex="1 1 auto", width="auto")
        self.verdict = w.Layout(width="52px", flex="0 0 auto")
        self.note = w.Layout(width="auto", flex="0 0 auto")
        self.button_style = w.ButtonStyle()
        self.html_style = HTMLStyle()
        self.text_style = TextStyle()
        self.select_style = DescriptionStyle(description_width="initial")
        self.toggle_style = w.ToggleButtonsStyle(button_width="52px")

    def html(self, value: str = "", *, layout: w.Layout | None = None) -> w.HTML:
        """A read-only HTML widget using the shared style."""
        return w.HTML(value, layout=layout or self.text, style=self.html_style)

    def button(self, description: str, css: str = "", **traits: object) -> w.Button:
        """A button with the shared layout and style, and the CSS class ``css``."""
        button = w.Button(description=description, layout=self.auto, style=self.button_style,
                          **traits)
        if css:
            button.add_class(css)
        return button


def stylesheet() -> w.HTML:
    """The app's CSS as one HTML widget (no file served)."""
    return w.HTML(f"<style>{CSS}</style>", layout=w.Layout(display="none"))


def shown(widget: w.DOMWidget, visible: bool) -> None:
    """Show or hide a widget that has a layout of its own (never a shared one)."""
    widget.layout.display = "" if visible else "none"


__all__ = ["CSS", "Look", "esc", "shown", "stylesheet", "ul"]
