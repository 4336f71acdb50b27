"""Build slots: how many kernels of one practice server build the app at once.

A class arriving together starts a kernel per trainee, and each kernel spends a couple of
seconds of CPU importing the app and laying out its first case. Run all at once on a small
machine, they share the cores with the kernels of trainees already at work, whose clicks
then wait behind every build (on 2 cores, 20 builds at once made a click take over a
second). A kernel holds one of a few slots — one per core — while it builds: the builds
queue (each trainee still sees "menyiapkan kasus…" until theirs is done, and the class as a
whole is in no later, the CPU being the limit either way) and a click competes with at most
as many builds as there are cores.

The slots are files under the folder named by ``ASESORLAB_BUILD_SLOTS``, held with ``flock``:
a kernel that dies frees its slot. ``asesorlab serve`` (and a trainee's server under
JupyterHub) sets it for its kernels to :func:`machine_folder` unless it is set already (set
it empty for no limit); without the variable (JupyterLab, a test) there is no limit. A
kernel that waited ``WAIT`` seconds builds anyway rather than never.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

ENV = "ASESORLAB_BUILD_SLOTS"
WAIT = 120.0


def machine_folder() -> str:
    """The slots of this machine's practice servers run by this user (created on first
    use): every ``asesorlab serve`` of the user shares them, as they share the cores."""
    folder = os.path.join(tempfile.gettempdir(), f"asesorlab-build-slots-{os.getuid()}")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    return folder


def slot_count() -> int:
    """Slots per server: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _take(folder: str, count: int) -> IO[str] | None:
    for index in range(count):
        handle = open(os.path.join(folder, f"slot-{index}"), "a")  # noqa: SIM115 (held)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        return handle
    return None


@contextmanager
def build_slot(wait: float = WAIT, poll: float = 0.05) -> Iterator[bool]:
    """Hold a build slot for the ``with`` block (wait for one); yields whether one was
    held (False: no limit set, or none came free within ``wait`` seconds)."""
    folder = os.environ.get(ENV)
    if not folder or not os.path.isdir(folder):
        yield False
        return
    count, deadline = slot_count(), time.monotonic() + wait
    handle = _take(folder, count)
    while handle is None and time.monotonic() < deadline:
        time.sleep(poll)
        handle = _take(folder, count)
    try:
        yield handle is not None
    finally:
        if handle is not None:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()


__all__ = ["ENV", "build_slot", "machine_folder", "slot_count"]
