"""The practice app's CSS for phones, touch and keyboards (issue 14), added to
:data:`widgets.practice.look.CSS`.

* Every width: a visible focus ring on every control; coloured buttons (K chosen, BK
  chosen, submit, start) dark enough for white text (WCAG AA contrast); labels that only a
  screen reader reads (``asesorlab-sr-label``: a field whose heading or placeholder says
  what it is); the unit list (:mod:`widgets.practice.unit_nav`).
* Touch screens and narrow windows: controls at least 44 px high and wide, bars that wrap
  instead of squeezing their buttons.
* Narrow windows (a phone, ≤ 640 px): one unit's section at a time (the current one), the
  sign-in row and the evidence checks laid out for the width.
"""

from __future__ import annotations

MOBILE_CSS = """
/* -- phones, touch and keyboard (issue 14; widgets/practice/look_mobile.py) -- */
.asesorlab-app button:focus-visible, .asesorlab-app select:focus-visible,
.asesorlab-app input:focus-visible, .asesorlab-app textarea:focus-visible,
.asesorlab-app summary:focus-visible {
  outline: 3px solid #0969da !important; outline-offset: 2px; }
.asesorlab-app .jupyter-button.mod-success { background-color: #1a7f37; color: #fff; }
.asesorlab-app .jupyter-button.mod-danger { background-color: #cf222e; color: #fff; }
.asesorlab-app .jupyter-button.mod-primary { background-color: #0969da; color: #fff; }
.asesorlab-app .jupyter-button.mod-warning { background-color: #9a6700; color: #fff; }
.asesorlab-app .jupyter-button.mod-info { background-color: #0e7490; color: #fff; }
.asesorlab-app .asesorlab-sr-label > .widget-label { position: absolute !important;
  width: 1px !important; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; margin: 0; padding: 0; }
.asesorlab-app .asesorlab-trainee > .widget-label { width: auto; max-width: none;
  margin-right: 8px; }
.asesorlab-unit-nav { margin: 4px 0; }
.asesorlab-app .asesorlab-unit-nav { flex-wrap: wrap; gap: 4px 12px; max-width: 100%; }
.asesorlab-app .asesorlab-unit-list { flex: 1 1 240px; min-width: 0; max-width: 100%; }
.asesorlab-app .asesorlab-unit-list > select { min-width: 0; flex: 1 1 auto; }
.asesorlab-app .asesorlab-next-unjudged { max-width: 100%; white-space: normal;
  height: auto; min-height: var(--jp-widgets-inline-height); line-height: 1.3;
  padding-top: 4px; padding-bottom: 4px; }
.asesorlab-nav-footer { margin: 6px 0; }
@media (max-width: 640px), (pointer: coarse) {
  .asesorlab-app { --jp-widgets-inline-height: 44px; }
  .asesorlab-app .widget-hbox { flex-wrap: wrap; row-gap: 4px; }
  .asesorlab-app .jupyter-button, .asesorlab-app select, .asesorlab-app input,
  .asesorlab-app textarea { min-height: 44px; min-width: 44px; }
  .asesorlab-app summary { min-height: 44px; display: flex; align-items: center; }
}
@media (max-width: 640px) {
  .asesorlab-app .asesorlab-unit-section:not(.asesorlab-unit-current) {
    display: none !important; }
  .asesorlab-app .asesorlab-signin .widget-text { flex: 1 1 220px; max-width: 100%;
    width: auto !important; }
  .asesorlab-app .asesorlab-evidence > .widget-dropdown > .widget-label {
    width: 6.5em !important; }
  .asesorlab-app .asesorlab-card th:has(+ td) { min-width: 6.5em; overflow-wrap: normal; }
  .asesorlab-app .asesorlab-kuk { row-gap: 4px; }
  .asesorlab-app .widget-vbox > .widget-html, .asesorlab-app .widget-vbox > .widget-vbox {
    width: auto !important; }
  .asesorlab-app .widget-vbox > * { max-width: calc(100% - 4px); }
}
"""

__all__ = ["MOBILE_CSS"]
