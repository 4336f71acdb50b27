"""A papermill engine that runs each notebook on a pre-started kernel from a pool.

Starting a kernel is most of the cost of a short notebook (the kernel process imports
IPython and then the notebook's own imports). :class:`PooledEngine` (registered with
papermill as the engine ``asesorlab`` through the ``papermill.engine`` entry point) takes a
kernel that has already started while the previous notebook ran, and immediately starts
the next one: a kernel is a separate process, so it boots in parallel with the notebook
being executed. For this Python's own ipykernel the kernels are forked from a
:class:`~training.kernel_template.KernelTemplate` that has imported ipykernel and the
notebook's modules once, so a kernel answers in tens of milliseconds; other kernels are
started the ordinary way (with the preload run as ``exec_lines``).

Each kernel runs exactly one notebook and is killed after it, so no state carries over
from one notebook to the next. A pooled kernel may have *preloaded* modules (in
``sys.modules``, nothing in the user namespace) and is moved to its working directory with
a silent ``os.chdir`` before the first cell: the engine's ``kernel_cwd`` if given, else
the directory papermill runs the notebook in (its ``cwd=`` argument, or the caller's
current directory), exactly where the stock engine would start its kernel. Templates and
spare kernels start in a directory of their own, so deleting the directory a long-lived
process started in does not break later kernels; a template or spare kernel that has gone
away is replaced (once per notebook) before any cell runs.

Every argument of :func:`papermill.execute_notebook` behaves as with papermill's stock
engine (``cwd``, ``kernel_name``, ``start_timeout``, ``execution_timeout``, ``log_output``,
``stdout_file``/``stderr_file``, ``report_mode``, ``progress_bar``,
``request_save_on_cell_execute``), with the same exceptions for failing cells and
timeouts: papermill's own ``test_execute.py`` runs with this engine as the default
(``tests/papermill_execute``).

Engine keyword arguments (pass them to :func:`papermill.execute_notebook`):

``kernel_cwd``
    the kernel's working directory, overriding papermill's ``cwd`` (which changes the
    directory of the calling process, and so is unsafe in threads);
``preload``
    modules to import before the notebook runs, and ``module:function`` warm-ups to call
    (in the template, never in the notebook's namespace);
``start_next``
    whether to start a spare kernel for the next notebook (default true);
``template``
    the socket address of a shared kernel template (see :func:`training.batch.run_batch`).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import subprocess
import threading
import time
from collections.abc import Iterable, Sequence
from functools import cache
from queue import Empty
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_async, run_sync

from .kernel_template import ForkedKernel, KernelStartError, KernelTemplate, forkable

DEFAULT_KERNEL = "python3"


def _preload_arguments(preload: Sequence[str]) -> list[str]:
    """IPKernelApp arguments that run :func:`_warm` at start in a throw-away namespace."""
    if not preload:
        return []
    names = json.dumps(list(preload))
    code = f"__import__('training.kernel_template', fromlist=['_'])._warm({names})"
    return [f"--IPKernelApp.exec_lines=exec({json.dumps(code)}, {{}})"]


def _quiet() -> dict[str, Any]:
    return {} if os.environ.get("ASESORLAB_DEBUG") else {
        "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}


def current_directory() -> str | None:
    """The calling process's working directory (``None`` if it has been deleted)."""
    try:
        return os.getcwd()
    except OSError:
        return None


def _start_directory() -> str:
    """Where templates and spare kernels start: a directory nobody deletes under them."""
    return os.path.abspath(os.sep)


class _Kernel:
    """A kernel started the ordinary way (a new process through jupyter_client).

    A Python kernel starts in :func:`_start_directory` and is moved to its notebook's
    directory before the first cell; another language's kernel starts in ``cwd``.
    """

    def __init__(self, kernel_name: str, preload: tuple[str, ...], cwd: str | None) -> None:
        self.manager: Any = AsyncKernelManager(kernel_name=kernel_name)
        self.python = (self.manager.kernel_spec.language or "").lower() == "python"
        self.cwd = None if self.python else cwd
        self.key = (kernel_name, preload, self.cwd)
        arguments = ["--HistoryManager.hist_file=:memory:", *_preload_arguments(preload)]
        run_sync(self.manager.start_kernel)(extra_arguments=arguments,
                                            cwd=self.cwd or _start_directory(), **_quiet())

    def kill(self) -> None:
        process = getattr(self.manager.provisioner, "process", None)
        if process is not None and process.poll() is None:
            process.kill()
        with contextlib.suppress(OSError):
            os.unlink(self.manager.connection_file)


class KernelPool:
    """Spare kernels, started ahead of need; one pool per thread (see :func:`kernel_pool`).

    For this Python's own kernel the pool keeps a :class:`KernelTemplate` per preload list
    and forks kernels from it; any other kernel is started the ordinary way.
    """

    def __init__(self) -> None:
        self._spares: list[Any] = []
        self._templates: dict[tuple[str, ...], KernelTemplate] = {}
        #: kernels handed out and not yet shut down (for :meth:`kill`)
        self.in_use: list[Any] = []
        self.last_was_spare = False

    def _start(self, kernel_name: str, preload: tuple[str, ...], cwd: str | None) -> Any:
        if not forkable(kernel_name):
            return _Kernel(kernel_name, preload, cwd)
        for attempt in (1, 2):
            template = self._templates.get(preload)
            if template is None or not template.alive:
                template = self._templates[preload] = KernelTemplate(preload)
            try:
                return ForkedKernel(template, kernel_name, preload)
            except KernelStartError:  # the template went away (killed, its socket deleted)
                self._templates.pop(preload, None)
                template.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def use_template(self, preload: Iterable[str], address: str) -> None:
        """Fork kernels for ``preload`` from the template at ``address`` (shared)."""
        key = tuple(preload)
        if key not in self._templates or self._templates[key].address != address:
            self._templates[key] = KernelTemplate(key, address)

    def take(self, kernel_name: str, preload: Iterable[str] = (),
             start_next: bool = True, cwd: str | None = None) -> Any:
        """A started kernel (booting or ready) for one notebook; start the next spare.

        ``cwd`` is the notebook's directory (used to start a kernel that cannot be moved
        there later, one not written in Python).
        """
        wanted = (kernel_name, tuple(preload))
        kernel = next((k for k in self._spares if k.key[:2] == wanted and
                       (len(k.key) < 3 or k.key[2] in (None, cwd)) and _alive(k)), None)
        #: whether the last kernel handed out was started ahead (it may have died since)
        self.last_was_spare = kernel is not None
        if kernel is not None:
            self._spares.remove(kernel)
        else:
            kernel = self._start(*wanted, cwd)
        for stale in [k for k in self._spares if k.key != kernel.key]:
            self._spares.remove(stale)
            stale.kill()
        if start_next and not self._spares:
            self._spares.append(self._start(*wanted, cwd))
        self.in_use.append(kernel.manager)
        return kernel.manager

    @property
    def spares(self) -> int:
        """How many kernels wait in the pool."""
        return len(self._spares)

    def kill(self) -> None:
        """Kill every kernel and template of this pool, from any thread or a signal handler."""
        kernels, self._spares = self._spares, []
        managers, self.in_use = self.in_use, []
        for kernel in kernels:
            kernel.kill()
        for manager in managers:
            if isinstance(manager, ForkedKernel):
                manager.kill()
            else:
                process = getattr(manager.provisioner, "process", None)
                if process is not None and process.poll() is None:
                    process.kill()
        templates, self._templates = list(self._templates.values()), {}
        for template in templates:
            template.close()


def _alive(kernel: Any) -> bool:
    """Whether a spare kernel's process still runs (one forked from a dead template does not)."""
    if isinstance(kernel, ForkedKernel):
        return kernel._signal(0)
    process = getattr(kernel.manager.provisioner, "process", None)
    return process is not None and process.poll() is None


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


async def _wait_for_ready(client: Any, manager: Any, timeout: float) -> None:
    """Wait until the kernel answers ``kernel_info`` and its IOPub channel is connected.

    jupyter_client's ``wait_for_ready`` polls the heartbeat every 0.2 s when the client was
    not made by a ``KernelManager``; this waits on the replies themselves.
    """
    deadline = time.monotonic() + timeout
    while True:
        client.kernel_info()
        try:
            reply = await ensure_async(client.shell_channel.get_msg(timeout=0.5))
        except Empty:
            reply = None
        if reply is not None and reply["msg_type"] == "kernel_info_reply":
            try:
                await ensure_async(client.iopub_channel.get_msg(timeout=0.5))
                return
            except Empty:
                pass
        if not await ensure_async(manager.is_alive()):
            raise RuntimeError("Kernel died before replying to kernel_info")
        if time.monotonic() > deadline:
            raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")


def _is_python(km: Any) -> bool:
    """Whether the kernel of ``km`` runs Python (so it can be moved with ``os.chdir``)."""
    if isinstance(km, ForkedKernel):
        return True
    spec = getattr(km, "kernel_spec", None)
    return (getattr(spec, "language", "") or "").lower() == "python"


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

        def __init__(self, nb_man: Any, km: Any, kernel_cwd: str | None,
                     **kw: Any) -> None:
            super().__init__(nb_man, km=km, **kw)
            self._kernel_cwd = kernel_cwd if _is_python(km) else None

        async def _async_connect(self) -> None:
            """Like nbclient's ``start_new_kernel_client``, waiting on replies, not a clock."""
            self.kc = self.km.client()
            await ensure_async(self.kc.start_channels())
            try:
                await _wait_for_ready(self.kc, self.km, self.startup_timeout)
            except Exception:
                await self._async_cleanup_kernel()
                raise
            self.kc.allow_stdin = False

        def execute(self, **kwargs: Any) -> Any:
            self.reset_execution_trackers()
            try:
                run_sync(self._async_connect)()
            except Exception as exc:  # the kernel died or never answered
                raise KernelStartError(f"{type(exc).__name__}: {exc}") from exc
            with self.setup_kernel(cleanup_kc=True):
                if self._kernel_cwd:
                    code = f"__import__('os').chdir({json.dumps(self._kernel_cwd)})"
                    reply = self.wait_for_reply(self.kc.execute(code, silent=True,
                                                                store_history=False))
                    if not reply or reply["content"]["status"] != "ok":
                        raise KernelStartError(f"cannot enter {self._kernel_cwd}")
                self.log.info(f"Executing notebook with kernel: {self.kernel_name}")
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
            template: str | None = None,
            **kwargs: Any,
        ) -> Any:
            """Execute ``nb_man.nb`` on a pooled kernel; the kernel is shut down afterwards."""
            kwargs = remove_args(["input_path"], **kwargs)
            safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
            name = kernel_name or DEFAULT_KERNEL
            # where the stock engine's kernel would start: papermill has entered ``cwd``
            directory = str(kernel_cwd) if kernel_cwd else current_directory()
            if template:
                kernel_pool().use_template(preload, template)
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
            pool = kernel_pool()
            for attempt in (1, 2):  # a spare or template that went away: once more, fresh
                try:
                    km = pool.take(name, preload, start_next, directory)
                except OSError as exc:
                    raise KernelStartError(f"{type(exc).__name__}: {exc}") from exc
                client = _PooledClient(nb_man, km, directory, **final_kwargs)
                try:
                    return client.execute()
                except KernelStartError:  # raised before any cell ran
                    # a kernel started ahead, or forked from a template, may have gone away
                    # since: replace it once; a kernel started just now that fails is the
                    # caller's to retry (``asesorlab batch`` counts its attempts)
                    if attempt == 2 or not (pool.last_was_spare or isinstance(km, ForkedKernel)):
                        raise
                    logger.warning("the pooled kernel did not answer; starting a fresh one")
                finally:
                    if km.has_kernel:
                        run_sync(km.shutdown_kernel)(now=True)
                        run_sync(km.cleanup_resources)()
                    if km in pool.in_use:
                        pool.in_use.remove(km)
            raise AssertionError("unreachable")

    return PooledEngine


def __getattr__(name: str) -> Any:
    if name == "PooledEngine":
        return _engine_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [  # noqa: F822 (PooledEngine is built on first access, see _engine_class)
    "KernelPool", "KernelStartError", "PooledEngine", "kernel_pool", "shutdown_pools",
]
