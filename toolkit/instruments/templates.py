"""Versioned form layouts, kept as data in ``toolkit/templates/forms-<version>.yaml``.

Every printed word of a form — its title, column headers, guidance and fixed
statements — comes from these files, never from code: each label holds the
official Indonesian text (``id``) and an English rendering (``en``). A newer set
``extends`` an older one and replaces whole forms (and single labels).

A third-party instrument that the versioned sets do not know brings its own
form template (the same shape as one entry under ``forms:``) on its
:class:`~toolkit.instruments.base.Instrument`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..i18n import _
from .model import Column

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
VERSIONS: tuple[str, ...] = ("2020", "2023")
DEFAULT_VERSION = "2023"
Label = dict[str, str]


class TemplateError(ValueError):
    """A template version, form or text that does not exist."""


def pick(label: Any, lang: str) -> str:
    """The text of ``label`` (``{id: …, en: …}`` or plain text) in ``lang``, else Indonesian."""
    if label is None:
        return ""
    if isinstance(label, str):
        return label
    return str(label.get(lang) or label.get("id") or "")


@dataclass(frozen=True)
class FormTemplate:
    """The layout of one form in one template version."""

    code: str
    version: str
    data: dict[str, Any]
    labels: dict[str, Any] = field(default_factory=dict)
    footer: Any = None
    defaults: dict[str, Any] = field(default_factory=dict)

    def setting(self, key: str) -> Any:
        """A layout setting of this form (``header``, ``signoff`` …), else the set's default."""
        if key in self.data:
            return self.data[key]
        return self.defaults.get(key)

    def for_part(self, key: str, part: str = "") -> Any:
        """A setting that may differ per part (``{A: …, B: …}``) of a form of several documents."""
        value = self.setting(key)
        if isinstance(value, dict) and not {"parties"} & set(value):
            return value.get(part or "_", value.get("_"))
        return value

    def entries_or_default(self, key: str) -> list[dict[str, Any]]:
        """The entries ``key`` of this form, else those the whole set defines."""
        return list(self.setting(key) or [])

    def title(self, lang: str) -> str:
        """The form's title as printed (``CEKLIS OBSERVASI …``)."""
        return pick(self.data.get("title"), lang)

    def text(self, key: str, lang: str) -> str:
        """A fixed text of this form, else a label shared by the whole set."""
        texts = self.data.get("texts") or {}
        if key in texts:
            return pick(texts[key], lang)
        if key in self.labels:
            return pick(self.labels[key], lang)
        raise TemplateError(_("form {code} (template {version}) has no text {key!r}",
                              code=self.code, version=self.version, key=key))

    def entries(self, key: str) -> list[dict[str, Any]]:
        """A list of labelled entries (guidance, items, instruments …), raw."""
        return list(self.data.get(key) or [])

    def items(self, key: str, lang: str) -> list[str]:
        """A list of labelled entries in ``lang``."""
        return [pick(entry, lang) for entry in self.entries(key)]

    def part(self, key: str, lang: str) -> str:
        """The subtitle of a part of a form printed as several documents."""
        return pick((self.data.get("parts") or {}).get(key), lang)

    @property
    def grouped(self) -> bool:
        """Whether units are printed grouped by Kelompok Pekerjaan."""
        return bool(self.data.get("grouped"))

    def columns(self, table: str, lang: str) -> list[Column]:
        """The columns of the table ``table``, with labels in ``lang``."""
        specs = (self.data.get("columns") or {}).get(table)
        if specs is None:
            specs = (self.defaults.get("columns") or {}).get(table)
        if specs is None:
            raise TemplateError(_("form {code} (template {version}) has no table {key!r}",
                                  code=self.code, version=self.version, key=table))
        for spec in specs:
            if not isinstance(spec.get("key"), str):  # YAML reads a bare `no` as False
                raise TemplateError(_("form {code} (template {version}): column key {key!r} "
                                      "must be quoted text", code=self.code,
                                      version=self.version, key=spec.get("key")))
        return [Column(key=spec["key"], label=pick(spec, lang),
                       group=pick(spec.get("group"), lang), width=float(spec.get("width", 1)))
                for spec in specs]


@dataclass(frozen=True)
class TemplateSet:
    """One version of the forms: shared labels and each form's layout."""

    version: str
    labels: dict[str, Any]
    forms: dict[str, dict[str, Any]]
    footer: Any = None
    description: Any = None
    defaults: dict[str, Any] = field(default_factory=dict)

    def codes(self) -> list[str]:
        """The form codes this version lays out."""
        return list(self.forms)

    def has(self, code: str) -> bool:
        """Whether this version lays out form ``code``."""
        return code in self.forms

    def form(self, code: str, fallback: dict[str, Any] | None = None) -> FormTemplate:
        """The layout of form ``code``; ``fallback`` is an instrument's own template."""
        data = self.forms.get(code)
        if data is None and fallback is not None:
            data = fallback.get(self.version, fallback) if "title" not in fallback else fallback
        if data is None:
            raise TemplateError(_("template {version} has no form {code}; it has: {known}",
                                  version=self.version, code=code,
                                  known=", ".join(self.forms)))
        footer = data.get("footer", self.footer) if isinstance(data, dict) else self.footer
        return FormTemplate(code, self.version, data, self.labels, footer, self.defaults)


def _read(version: str) -> dict[str, Any]:
    path = TEMPLATE_DIR / f"forms-{version}.yaml"
    if version not in VERSIONS or not path.exists():
        raise TemplateError(_("unknown template version {version!r}; choose one of: {known}",
                              version=version, known=", ".join(VERSIONS)))
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


@lru_cache(maxsize=8)
def load_templates(version: str = DEFAULT_VERSION) -> TemplateSet:
    """The template set of ``version`` (``2020`` or ``2023``), with what it extends."""
    data = _read(str(version))
    labels: dict[str, Any] = {}
    forms: dict[str, dict[str, Any]] = {}
    defaults: dict[str, Any] = {}
    footer = data.get("footer")
    if data.get("extends"):
        base = load_templates(str(data["extends"]))
        labels.update(base.labels)
        forms.update(base.forms)
        defaults.update(base.defaults)
    labels.update(data.get("labels") or {})
    for form_code, form in (data.get("forms") or {}).items():
        if isinstance(form, dict) and form.get("inherit"):  # change some keys of the older form
            form = {**forms.get(form_code, {}), **{k: v for k, v in form.items() if k != "inherit"}}
        forms[form_code] = form
    for form_code in data.get("drop") or []:  # forms this version does not have
        forms.pop(str(form_code), None)
    defaults.update(data.get("defaults") or {})
    return TemplateSet(str(data["version"]), labels, forms, footer, data.get("description"),
                       defaults)


__all__ = [
    "DEFAULT_VERSION",
    "VERSIONS",
    "FormTemplate",
    "TemplateError",
    "TemplateSet",
    "load_templates",
    "pick",
]
