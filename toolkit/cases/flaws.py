"""Flaw types: what can be wrong with a piece of evidence, planted by generators and found by
the default rule.

A flaw type is a plugin object (hook ``register_flaw_types``) with its ``name`` (the id
kept in answer keys), the rules of evidence it breaks (``breaks``: letters of ``VATM``), a
``label`` in each language, how it is **planted** (``plant`` changes an evidence item's
fields and text so that a careful reader can find it — dates, names, issuers, signatures,
the employment history — never by words shared with the KUK) and how it is **detected**
(``detect`` returns the reason in each language, or None). Criterion-scope flaws (too
little evidence, an APL.02 claim the portfolio contradicts) concern a KUK rather than one
item: their ``detect`` is called by the rule with what backs the KUK.

The built-in types are in :mod:`toolkit.cases.flaw_types`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, Protocol

from .catalogue import Artefact, EvidenceCatalogue
from .model import Case, Employment, EvidenceItem, LocalizedText

if TYPE_CHECKING:
    from ..plugins import PluginHost

Scope = Literal["item", "criterion"]


@dataclass
class RuleContext:
    """What the rule knows while it judges one case: the case, the catalogue, the policy."""

    case: Case
    catalogue: EvidenceCatalogue
    texts: Mapping[str, str]
    cutoff: date
    currency_years: int

    def employment_at(self, issuer: str) -> Employment | None:
        """The asesi's job at ``issuer`` (same name, ignoring case), if the history has one."""
        wanted = " ".join(issuer.casefold().split())
        return next((job for job in self.case.asesi.employment
                     if " ".join(job.employer.casefold().split()) == wanted), None)

    def employer_issued(self, item: EvidenceItem) -> bool:
        """True when the catalogue says the item's artefact is issued by an employer."""
        artefact = self.catalogue.artefact(item.artefact)
        return artefact is not None and artefact.issuer == "employer" and bool(item.issuer)


@dataclass
class CriterionEvidence:
    """What backs one KUK, as the rule found it (for criterion-scope flaws)."""

    kuk: str
    acceptable: list[str] = field(default_factory=list)
    primary: list[str] = field(default_factory=list)
    sources: int = 0
    direct: bool | None = None


@dataclass
class PlantContext:
    """What a flaw needs to plant itself: the random state, the people and the dates."""

    rng: random.Random
    lang: str
    asesi: str
    others: list[str]
    employment: list[Employment]
    assessed: date
    cutoff: date
    catalogue: EvidenceCatalogue
    strangers: list[str]  # employers the asesi never worked for
    subtle: bool = False  # sulit: smaller gaps in dates, more plausible names
    criteria: list[str] = field(default_factory=list)  # the KUK assessed, in order


class FlawType(Protocol):
    """What a flaw plugin registers (see the module docstring)."""

    name: str
    breaks: str
    scope: Scope
    label: LocalizedText

    def applies(self, artefact: Artefact | None, item: EvidenceItem, ctx: PlantContext) -> bool:
        """Whether the flaw can be planted in ``item`` (made from ``artefact``)."""
        ...

    def plant(self, item: EvidenceItem, ctx: PlantContext) -> None:
        """Change ``item`` so that it carries the flaw."""
        ...

    def detect(self, subject: Any, ctx: RuleContext) -> LocalizedText | None:
        """The reason the flaw is there (``subject``: an item, or a :class:`CriterionEvidence`)."""
        ...


def flaw_types(host: PluginHost | None = None) -> dict[str, FlawType]:
    """Every registered flaw type by name (a plugin's type replaces a built-in of its name)."""
    if host is None:
        from ..plugins import default_host

        host = default_host()
    found: dict[str, FlawType] = {}
    for flaw in reversed(host.collect("register_flaw_types")):  # built-ins first, then plugins
        found[flaw.name] = flaw
    return found


__all__ = ["CriterionEvidence", "FlawType", "PlantContext", "RuleContext", "Scope",
           "flaw_types"]
