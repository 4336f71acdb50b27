"""A papermill engine that runs each notebook on a pre-started kernel from a pool.

Starting a kernel is most of the cost of a short notebook (the kernel process imports
IPython and then the notebook's own imports). :class:`PooledEngine` (registered with
papermill as the engine ``asesorlab``) takes a kernel that has already booted while the
previous notebook ran, and immediately starts the next one in the background: a kernel is
a separate process, so it boots in parallel with the notebook being executed.

Each kernel runs exactly one notebook and is shut down after it, so no state carries over
from one notebook to the next. A pooled kernel may have *preloaded* modules (imported into
``sys.modules`` at start, nothing added to the user namespace) and is moved to the
requested working directory with a silent ``os.chdir`` before the first cell.

Engine keyword arguments (pass them to :func:`papermill.execute_notebook`):

``kernel_cwd``
    the kernel's working directory (instead of papermill's ``cwd``, which changes the
    directory of the calling process and so is unsafe in threads);
``preload``
    module names to import while the kernel boots;
``start_next``
    whether to boot a spare kernel for the next notebook (default true).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import subprocess
import threading
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

DEFAULT_KERNEL = "python3"


class KernelStartError(RuntimeError):
    """The kernel did not start or did not answer; worth a retry with a fresh kernel."""


def _preload_arguments(preload: Sequence[str]) -> list[str]:
    """IPKernelApp arguments that import ``preload`` at start in a throw-away namespace."""
    if not preload:
        return []
    names = json.dumps(list(preload))
    code = (f"for name in {names}:\n"
            "    try:\n"
            "        __import__(name)\n"
            "    except Exception:\n"
            "        pass\n")
    return [f"--IPKernelApp.exec_lines=exec({json.dumps(code)}, {{}})"]


class _Kernel:
    """A started kernel process and what it was started with."""

    def __init__(self, kernel_name: str, preload: tuple[str, ...]) -> None:
        self.key = (kernel_name, preload)
        self.manager = AsyncKernelManager(kernel_name=kernel_name)
        arguments = ["--HistoryManager.hist_file=:memory:", *_preload_arguments(preload)]
        quiet = {} if os.environ.get("ASESORLAB_DEBUG") else {
            "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        run_sync(self.manager.start_kernel)(extra_arguments=arguments, **quiet)

    def shutdown(self) -> None:
        try:
            if run_sync(self.manager.is_alive)():
                run_sync(self.manager.shutdown_kernel)(now=True)
        finally:
            run_sync(self.manager.cleanup_resources)()


class KernelPool:
    """Spare kernels, started ahead of need; one pool per thread (see :func:`kernel_pool`)."""

    def __init__(self) -> None:
        self._spares: list[_Kernel] = []
        #: kernels handed out and not yet shut down (for :meth:`kill`)
        self.in_use: list[AsyncKernelManager] = []

    def take(self, kernel_name: str, preload: Iterable[str] = (),
             start_next: bool = True) -> AsyncKernelManager:
        """A started kernel (booting or ready) for one notebook; start the next spare."""
        key = (kernel_name, tuple(preload))
        kernel = next((k for k in self._spares if k.key == key), None)
        if kernel is not None:
            self._spares.remove(kernel)
        else:
            kernel = _Kernel(*key)
        for stale in [k for k in self._spares if k.key != key]:
            self._spares.remove(stale)
            stale.shutdown()
        if start_next and not self._spares:
            self._spares.append(_Kernel(*key))
        self.in_use.append(kernel.manager)
        return kernel.manager

    @property
    def spares(self) -> int:
        """How many kernels wait in the pool."""
        return len(self._spares)

    def shutdown(self) -> None:
        """Stop every spare kernel."""
        while self._spares:
            self._spares.pop().shutdown()

    def kill(self) -> None:
        """Kill every kernel of this pool at once, from any thread or a signal handler."""
        managers = [k.manager for k in self._spares] + self.in_use
        self._spares, self.in_use = [], []
        for manager in managers:
            process = getattr(manager.provisioner, "process", None)
            if process is not None and process.poll() is None:
                process.kill()
            with contextlib.suppress(OSError):
                os.unlink(manager.connection_file)


_local = threading.local()
_all_pools: list[KernelPool] = []
_pools_lock = threading.Lock()


def kernel_pool() -> KernelPool:
    """The kernel pool of the calling thread (kernel managers are bound to a thread's loop)."""
    pool = getattr(_local, "pool", None)
    if pool is None:
        pool = _local.pool = KernelPool()
        with _pools_lock:
            _all_pools.append(pool)
    return pool


def shutdown_pools() -> None:
    """Kill the kernels of every pool of this process (also run at exit)."""
    with _pools_lock:
        pools = list(_all_pools)
    for pool in pools:
        pool.kill()


atexit.register(shutdown_pools)


@cache
def _engine_class() -> type:
    """Build the engine class; papermill is imported here, not at module import, because
    papermill imports this module (its entry point) while it is itself being imported."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import Engine
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    class _PooledClient(PapermillNotebookClient):
        """A papermill notebook client that runs on a kernel it was given, then shuts it down."""

        def __init__(self, nb_man: Any, km: AsyncKernelManager, kernel_cwd: str | None,
                     **kw: Any) -> None:
            super().__init__(nb_man, km=km, **kw)
            self._kernel_cwd = kernel_cwd

        def execute(self, **kwargs: Any) -> Any:
            self.reset_execution_trackers()
            try:
                self.start_new_kernel_client()
            except Exception as exc:  # the kernel died or never answered
                raise KernelStartError(f"{type(exc).__name__}: {exc}") from exc
            with self.setup_kernel(cleanup_kc=True):
                if self._kernel_cwd:
                    code = f"__import__('os').chdir({json.dumps(self._kernel_cwd)})"
                    reply = self.wait_for_reply(self.kc.execute(code, silent=True,
                                                                store_history=False))
                    if not reply or reply["content"]["status"] != "ok":
                        raise KernelStartError(f"cannot enter {self._kernel_cwd}")
                self.papermill_execute_cells()
                info_msg = self.wait_for_reply(self.kc.kernel_info())
                self.nb.metadata["language_info"] = info_msg["content"]["language_info"]
                self.set_widgets_metadata()
            return self.nb


    class PooledEngine(Engine):
        """Papermill engine ``asesorlab``: notebooks on pre-started, single-use kernels."""

        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man: Any,
            kernel_name: str | None,
            log_output: bool = False,
            stdout_file: Any = None,
            stderr_file: Any = None,
            start_timeout: int = 60,
            execution_timeout: int | None = None,
            kernel_cwd: str | None = None,
            preload: Sequence[str] = (),
            start_next: bool = True,
            **kwargs: Any,
        ) -> Any:
            """Execute ``nb_man.nb`` on a pooled kernel; the kernel is shut down afterwards."""
            kwargs = remove_args(["input_path"], **kwargs)
            safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
            name = kernel_name or DEFAULT_KERNEL
            km = kernel_pool().take(name, preload, start_next)
            final_kwargs = merge_kwargs(
                safe_kwargs,
                timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                startup_timeout=start_timeout,
                kernel_name=name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            )
            client = _PooledClient(nb_man, km, kernel_cwd, **final_kwargs)
            pool = kernel_pool()
            try:
                return client.execute()
            finally:
                if km.has_kernel:
                    run_sync(km.shutdown_kernel)(now=True)
                if km in pool.in_use:
                    pool.in_use.remove(km)

    return PooledEngine


def __getattr__(name: str) -> Any:
    if name == "PooledEngine":
        return _engine_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [  # noqa: F822 (PooledEngine is built on first access, see _engine_class)
    "KernelPool", "KernelStartError", "PooledEngine", "kernel_pool", "shutdown_pools",
]
