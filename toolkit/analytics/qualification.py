"""Qualification: is a trainee assessor ready for a witnessed assessment?

As human scorers of large-scale tests qualify (a set of qualifying responses, agreement
with the expert scores over a window, no gross errors), a trainee qualifies over their
last ``window`` cases. The built-in :class:`DefaultQualification` checks:

* the share of cases passed (no critical error and the right recommendation);
* the mean KUK agreement with the key;
* the mean Cohen's kappa — or Gwet's AC1 where nearly every KUK of the key is K
  (``ac1_above`` of them), where kappa misleads;
* no false competent recommendation (K where the key says BK) in the window;
* at most ``max_disagreements`` KUK disagreements in any case of the window.

Every rule met over a full window: **siap**. Not yet, but no false competent
recommendation and at most one other rule short by a little (``margin``), or every rule
met over fewer cases than the window (at least half of it): **hampir siap**. Otherwise
**belum siap**. Each status comes with its reasons, one per rule, in the user's language.

Qualification rules are plugins (``register_qualification_rules``): an object with a
``name``, a ``description`` and ``evaluate(attempts) -> Qualification``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from ..i18n import _
from .queries import AttemptRecord

Status = Literal["belum siap", "hampir siap", "siap"]
STATUSES: tuple[Status, ...] = ("belum siap", "hampir siap", "siap")


def status_label(status: str) -> str:
    """The status as shown to people (the codes stay Indonesian in files)."""
    labels = {"belum siap": _("not ready"), "hampir siap": _("almost ready"),
              "siap": _("ready")}
    return labels.get(status, status)


@dataclass
class Check:
    """One rule of a qualification: met or not, with the reason in words."""

    name: str
    met: bool
    reason: str
    close: bool = False  # not met, but within the margin


@dataclass
class Qualification:
    """A trainee's status and why."""

    status: Status
    checks: list[Check] = field(default_factory=list)
    attempts: int = 0

    @property
    def reasons(self) -> list[str]:
        """Every rule's reason, the unmet ones first."""
        return [c.reason for c in sorted(self.checks, key=lambda c: c.met)]


class QualificationRule(Protocol):
    """What a qualification rule plugin registers."""

    name: str
    description: str

    def evaluate(self, attempts: Sequence[AttemptRecord]) -> Qualification:
        """The status of a trainee from their attempts, oldest first."""
        ...


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def agreement_coefficient(record: AttemptRecord, ac1_above: float) -> tuple[str, float | None]:
    """("kappa" or "AC1", its value) for one attempt: AC1 where the key is nearly all K."""
    if record.key_k_share is not None and record.key_k_share >= ac1_above and (
            record.ac1 is not None):
        return "AC1", record.ac1
    return "kappa", record.kappa


@dataclass(frozen=True)
class DefaultQualification:
    """The built-in rule (see the module docstring); every threshold is a field."""

    name: str = "default"
    description: str = "last N cases: passed share, agreement, kappa/AC1, no false competent"
    window: int = 10
    pass_share: float = 0.8
    agreement: float = 0.9
    kappa: float = 0.7
    ac1_above: float = 0.85
    max_disagreements: int = 5
    margin: float = 0.1

    def evaluate(self, attempts: Sequence[AttemptRecord]) -> Qualification:
        """The status over the last :attr:`window` attempts."""
        recent = list(attempts)[-self.window:]
        n = len(recent)
        if not n:
            return Qualification("belum siap", [Check("attempts", False, _(
                "no case submitted yet; {needed} are needed", needed=self.window))], 0)
        checks = [self._passed(recent), self._agreement(recent), self._coefficient(recent),
                  self._recommendation(recent), self._disagreements(recent)]
        full = n >= self.window
        checks.append(Check("attempts", full, _(
            "{count} of the {needed} cases the rule looks at", count=n, needed=self.window)
            if not full else _("{count} cases looked at", count=n), close=n * 2 >= self.window))
        unmet = [c for c in checks[:5] if not c.met]
        recommendation_ok = checks[3].met
        if not unmet and full:
            status: Status = "siap"
        elif recommendation_ok and n * 2 >= self.window and (
                not unmet or (len(unmet) == 1 and unmet[0].close)):
            status = "hampir siap"
        else:
            status = "belum siap"
        return Qualification(status, checks, n)

    def _share_check(self, name: str, value: float, needed: float, text: str) -> Check:
        tolerance = 1e-9  # 7/10 is within 0.8 - 0.1
        return Check(name, value >= needed - tolerance, text,
                     close=value >= needed - self.margin - tolerance)

    def _passed(self, recent: list[AttemptRecord]) -> Check:
        passed = sum(r.passed for r in recent)
        share = passed / len(recent)
        return self._share_check("passed", share, self.pass_share, _(
            "cases passed: {passed} of {count} ({share}; needed {needed})", passed=passed,
            count=len(recent), share=_pct(share), needed=_pct(self.pass_share)))

    def _agreement(self, recent: list[AttemptRecord]) -> Check:
        mean = sum(r.criteria_agreement for r in recent) / len(recent)
        return self._share_check("agreement", mean, self.agreement, _(
            "KUK agreement with the key: {share} on average (needed {needed})",
            share=_pct(mean), needed=_pct(self.agreement)))

    def _coefficient(self, recent: list[AttemptRecord]) -> Check:
        pairs = [agreement_coefficient(r, self.ac1_above) for r in recent]
        values = [v for _name, v in pairs if v is not None]
        names = {name for name, v in pairs if v is not None}
        label = "/".join(sorted(names)) or "kappa"
        if not values:
            return Check("kappa", False, _("no kappa could be computed"))
        mean = sum(values) / len(values)
        return self._share_check("kappa", mean, self.kappa, _(
            "{coefficient} with the key: {value} on average (needed {needed})",
            coefficient=label, value=f"{mean:.2f}", needed=f"{self.kappa:.2f}"))

    def _recommendation(self, recent: list[AttemptRecord]) -> Check:
        wrong = sum(r.recommendation_false_competent for r in recent)
        return Check("false_competent", not wrong, _(
            "no false competent recommendation (K where the key says BK)") if not wrong else _(
            "{count} false competent recommendation(s) (K where the key says BK): a critical "
            "error", count=wrong))

    def _disagreements(self, recent: list[AttemptRecord]) -> Check:
        worst = max(r.disagreements for r in recent)
        over = sum(r.disagreements > self.max_disagreements for r in recent)
        return Check("disagreements", not over, _(
            "at most {worst} KUK disagreements in a case (allowed {allowed})", worst=worst,
            allowed=self.max_disagreements) if not over else _(
            "{over} case(s) with more than {allowed} KUK disagreements (up to {worst})",
            over=over, allowed=self.max_disagreements, worst=worst),
            close=over <= 1)


__all__ = ["STATUSES", "Check", "DefaultQualification", "Qualification", "QualificationRule",
           "Status", "agreement_coefficient", "status_label"]
