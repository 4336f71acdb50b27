"""Which page views get a kernel: a cap per class and per browser, and the class-size rule.

Every view of the practice page takes a kernel (~150 MB, the notebook run in it). Without a
bound, anyone who can reach the server can hold the machine's memory by loading ``/`` in a
loop. :class:`Admission` bounds it:

* at most ``max_pages`` kernels are held by pages at once (the preheated pool comes on
  top); a view beyond that gets a light page without a kernel, saying the class is full and
  to try again, which reloads itself;
* at most ``per_client`` kernels per browser (a cookie): a reload or a third tab first
  frees that browser's kernels whose page is gone, else gets the light page, saying to
  close another tab;
* a kernel whose page never connected within ``grace`` seconds of the page being sent (a
  script, a page closed while it loaded) is shut down, so it does not hold its memory
  until the idle cull.

The rule of thumb from the class size (:func:`class_plan`, ``serve --class-size N``) is
written beside it so the documentation and the code say the same.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

#: Kernels one browser may hold: the practice page and one more tab.
PER_CLIENT = 2
#: Seconds a page has to connect to its kernel (a phone on a slow line loads ~1 MB first).
GRACE = 120.0


@dataclass(frozen=True)
class ClassPlan:
    """Kernel numbers for a class: preheated pool and the cap of kernels held by pages."""

    class_size: int
    pool: int
    max_pages: int


def class_plan(class_size: int) -> ClassPlan:
    """The pool and the cap for ``class_size`` trainees.

    * ``pool = min(8, max(1, ceil(N / 4)))``: a quarter of the class gets a kernel that has
      already run the notebook the moment it opens the page; the others' kernels are built
      while the first ones sign in (a kernel builds in a few seconds, two at a time on two
      cores; more preheated kernels would only hold memory while the class is away);
    * ``max_pages = N + ceil(N / 4)``: every trainee plus a quarter for reloads and second
      tabs whose kernels are not yet freed.
    """
    if class_size < 1:
        raise ValueError("class size must be at least 1")
    quarter = math.ceil(class_size / 4)
    return ClassPlan(class_size, min(8, max(1, quarter)), class_size + quarter)


def server_arguments(max_pages: int) -> list[str]:
    """The options of :mod:`training.voila_app` beside Voilà's own: its template, the cap."""
    return ["--template=asesorlab", f"--AsesorlabVoila.max_pages={max_pages}"]


@dataclass
class _Held:
    client: str
    since: float | None  # when its page was delivered; None while the page is sent
    connected: bool = False


@dataclass
class Admission:
    """The kernels held by pages and whose browser holds them (kept by the server)."""

    max_pages: int = 0  # 0: no cap
    per_client: int = PER_CLIENT
    grace: float = GRACE
    held: dict[str, _Held] = field(default_factory=dict)
    pending: dict[str, int] = field(default_factory=dict)  # client -> views being served

    def observe(self, alive: set[str], connections: Mapping[str, int],
                now: float | None = None) -> list[str]:
        """Forget kernels that are gone, note connected ones; return the kernels to shut
        down because their page never connected within the grace time."""
        now = time.monotonic() if now is None else now
        for kernel in [k for k in self.held if k not in alive]:
            del self.held[kernel]
        stale = []
        for kernel, held in self.held.items():
            if connections.get(kernel, 0) > 0:
                held.connected = True
            elif not held.connected and held.since is not None and \
                    now - held.since > self.grace:
                stale.append(kernel)
        return stale

    def freeable(self, client: str, connections: Mapping[str, int]) -> list[str]:
        """This browser's kernels whose page has gone, in the order a new view of the same
        browser frees them before it counts against the browser's cap: first those whose
        page connected once and has no connection now (a reload, a closed tab), oldest first;
        then those whose page was sent but never connected (a reload, or a second one,
        before the page's scripts had connected: that page is gone, the new view replaces
        it). A page still being sent is never freed."""
        mine = [(not held.connected, held.since or 0.0, kernel)
                for kernel, held in self.held.items()
                if held.client == client and held.since is not None and
                connections.get(kernel, 0) == 0]
        return [kernel for _never, _since, kernel in sorted(mine)]

    def refusal(self, client: str) -> str | None:
        """Why a new view of ``client`` gets no kernel now ("client", "full"), or None."""
        mine = sum(1 for held in self.held.values() if held.client == client)
        if mine + self.pending.get(client, 0) >= self.per_client:
            return "client"
        if self.max_pages and len(self.held) + sum(self.pending.values()) >= self.max_pages:
            return "full"
        return None

    def reserve(self, client: str) -> None:
        """A view of ``client`` is being served (counts until :meth:`settle`)."""
        self.pending[client] = self.pending.get(client, 0) + 1

    def settle(self, client: str, kernel: str | None, now: float | None = None) -> None:
        """The view has its kernel (or failed, ``kernel`` None)."""
        left = self.pending.get(client, 1) - 1
        if left > 0:
            self.pending[client] = left
        else:
            self.pending.pop(client, None)
        if kernel:
            self.held[kernel] = _Held(client, None)

    def delivered(self, kernel: str, now: float | None = None) -> None:
        """The page of ``kernel`` is sent: the grace time to connect starts now."""
        if kernel in self.held:
            self.held[kernel].since = time.monotonic() if now is None else now


__all__ = ["GRACE", "PER_CLIENT", "Admission", "ClassPlan", "class_plan", "server_arguments"]
