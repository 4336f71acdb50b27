"""The event loop of the IPython kernel the app runs in: work the app defers (a draft's save,
the record's filling) is scheduled there, and done at once outside a kernel (a test driving
the app, where another library's loop — a browser driver's — may be running)."""

from __future__ import annotations

import asyncio


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop of the IPython kernel this runs in, if any (another library's
    loop, such as a test's browser driver, does not count: nothing would run the save)."""
    from IPython import get_ipython

    if getattr(get_ipython(), "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


__all__ = ["kernel_loop"]
