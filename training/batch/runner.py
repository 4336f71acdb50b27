"""Running a batch: a bounded local process pool (default) or a Dask cluster, with progress.

Local workers are forked processes; each keeps a pool of pre-started kernels (see
:mod:`training.engine`) so that a kernel boots while the previous notebook runs. With
``dask_address`` the same :func:`~training.batch.execute.execute_run` tasks go to a Dask
cluster (``distributed.Client(address)``); the output folder must then be reachable by the
workers (a shared file system).

A SIGTERM or Ctrl-C stops the workers and their kernels; runs not finished are reported as
failed and their staging folders are removed at the next start. The signal only sets a flag
that the waiting loop checks (an exception raised at an arbitrary point of the executor's
code could leave one of its locks held). A batch killed outright (SIGKILL) leaves nothing
running either: each worker asks Linux for a signal when its parent ends
(``PR_SET_PDEATHSIG``) and then stops its kernels; the kernel template ends when its owner's
pipe closes, and every kernel ends when its parent does (ipykernel's parent poller).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from toolkit.i18n import _

from ..kernel_template import KernelTemplate, forkable
from .execute import PARTIAL_DIR, RunResult, RunTask, execute_run
from .manifest import Manifest
from .plan import PlannedRun, check_files, notebook_kernel, notebook_preload, plan_runs
from .report import counts, write_report

OnResult = Callable[[RunResult], None]


class Interrupted(BaseException):
    """The batch was stopped by a signal (a ``BaseException``, so no handler swallows it)."""


@dataclass
class BatchOutcome:
    """The results of a batch, in manifest order, and where its report is."""

    results: list[RunResult]
    report: Path
    seconds: float
    interrupted: bool = False
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 when every run passed (or was already done), 1 otherwise."""
        return 1 if self.interrupted or any(r.status == "failed" for r in self.results) else 0


def die_with_parent(parent: int, signum: int = signal.SIGTERM) -> None:
    """Have Linux send ``signum`` to this process when its parent ends (``PR_SET_PDEATHSIG``);
    if ``parent`` has already gone, send it now. Elsewhere than Linux, nothing happens."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signum), 0, 0, 0)
    if os.getppid() != parent:
        os.kill(os.getpid(), signum)


def _worker_init(parent: int) -> None:
    def stop(signum: int, frame: Any) -> None:
        from ..engine import shutdown_pools

        shutdown_pools()
        os._exit(128 + signum)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop)
    die_with_parent(parent)
    # pool workers end with os._exit (no atexit): stop the spare kernels on the way out
    from multiprocessing.util import Finalize

    from ..engine import shutdown_pools

    Finalize(None, shutdown_pools, exitpriority=10)


def _failure(task: RunTask, message: str) -> RunResult:
    return RunResult(task.name, "failed", task.parameters, error=message,
                     line=task.lines[0] if task.lines else None)


def run_local(tasks: list[RunTask], workers: int, on_result: OnResult) -> None:
    """Execute ``tasks`` on ``workers`` forked processes, reporting each result as it ends."""
    if not tasks:
        return
    context = multiprocessing.get_context("fork")
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                   initializer=_worker_init, initargs=(os.getpid(),))
    pending: dict[Future[RunResult], RunTask] = {}
    try:
        for task in tasks:
            pending[executor.submit(execute_run, task)] = task
        while pending:
            done, _rest = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            _raise_if_stopped()
            for future in done:
                task = pending.pop(future)
                try:
                    on_result(future.result())
                except Exception as exc:  # the worker process died
                    on_result(_failure(task, _("the worker stopped: {problem}",
                                               problem=f"{type(exc).__name__}: {exc}")))
    except BaseException:
        _stop_workers(list(getattr(executor, "_processes", {}).values()))
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


#: How often the waiting loop looks whether a signal asked the batch to stop.
POLL_SECONDS = 0.2
_stop_requested = threading.Event()
_stop_signal: list[str] = []


def _raise_if_stopped() -> None:
    if _stop_requested.is_set():
        raise Interrupted(_stop_signal[0] if _stop_signal else "SIGTERM")


#: How long a worker gets to stop its kernels after SIGTERM before it is killed.
STOP_GRACE_SECONDS = 15.0


def _stop_workers(processes: list[Any]) -> None:
    """SIGTERM every live worker (each stops its kernels, then exits); a worker still alive
    after :data:`STOP_GRACE_SECONDS` is killed, so an interrupted batch always ends."""
    alive = [p for p in processes if p.is_alive()]
    for process in alive:
        process.terminate()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for process in alive:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(5)


def run_dask(tasks: list[RunTask], address: Any, on_result: OnResult) -> None:
    """Execute ``tasks`` on the Dask cluster at ``address`` (or a ``distributed`` cluster)."""
    from distributed import Client, as_completed

    from ..engine import shutdown_pools

    if not tasks:
        return
    with Client(address) as client:
        futures = client.map(execute_run, tasks, pure=False)
        owner = dict(zip(futures, tasks, strict=True))
        completed = as_completed(futures)
        try:
            while not completed.is_empty():
                _raise_if_stopped()
                finished = completed.next_batch(block=False)
                if not finished:
                    time.sleep(POLL_SECONDS)
                for future in finished:
                    try:
                        on_result(future.result())
                    except Exception as exc:
                        on_result(_failure(owner[future], _(
                            "the Dask task failed: {problem}",
                            problem=f"{type(exc).__name__}: {exc}")))
        finally:
            client.cancel(futures)
            client.run(shutdown_pools)


@contextmanager
def _signals_interrupt() -> Iterator[None]:
    """SIGTERM and Ctrl-C set the stop flag (checked by the waiting loops) instead of raising
    wherever the main thread happens to be."""
    def stop(signum: int, frame: Any) -> None:
        _stop_signal[:] = [signal.Signals(signum).name]
        _stop_requested.set()

    _stop_requested.clear()
    previous = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit=_("run"), disable=not enabled or total == 0,
                dynamic_ncols=True, desc=_("batch"))


def run_batch(manifest: Manifest, output: Path | None = None, workers: int = 2,
              dask_address: Any = None, resume: bool = False,
              formats: tuple[str, ...] | None = None, progress: bool = True) -> BatchOutcome:
    """Plan and execute every run of ``manifest``; write ``OUT/batch-report.json``.

    Raises :class:`~training.batch.manifest.ManifestInvalid` (nothing run or written) when
    the manifest names a file that does not exist.
    """
    started = time.perf_counter()
    check_files(manifest)
    out = (output or manifest.output).resolve()
    chosen = formats or manifest.formats
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / PARTIAL_DIR, ignore_errors=True)
    template = _shared_template(manifest) if dask_address is None else None
    try:
        planned = plan_runs(manifest, out, chosen, resume=resume)
        return _execute(manifest, planned, out, chosen, workers, dask_address, template,
                        progress, started)
    finally:
        if template is not None:
            template.close()


def _shared_template(manifest: Manifest) -> KernelTemplate | None:
    """Start booting the kernel template all local workers fork from (while we plan)."""
    nb = nbformat.read(str(manifest.notebook), as_version=4)
    if not forkable(notebook_kernel(nb)):
        return None
    return KernelTemplate(notebook_preload(nb))


def _execute(manifest: Manifest, planned: list[PlannedRun], out: Path,
             chosen: tuple[str, ...], workers: int, dask_address: Any,
             template: KernelTemplate | None, progress: bool, started: float) -> BatchOutcome:
    results: dict[int, RunResult] = {p.index: p.result for p in planned if p.result}
    tasks = [p.task for p in planned if p.task is not None]
    index_of = {p.task.name: p.index for p in planned if p.task is not None}
    spare_cut = len(tasks) - max(workers, 1)
    for number, task in enumerate(tasks):
        task.start_next = dask_address is None and number < spare_cut
        task.template = template.address if template is not None else None
    meta = {"manifest": str(manifest.path), "notebook": str(manifest.notebook),
            "output": str(out), "formats": list(chosen),
            "executor": f"dask {dask_address}" if dask_address else f"local x{workers}"}
    bar = _progress(len(tasks), progress)

    def on_result(result: RunResult) -> None:
        results[index_of[result.name]] = result
        bar.update(1)
        bar.set_postfix(counts(list(results.values())), refresh=False)

    interrupted = False
    try:
        with _signals_interrupt():
            if dask_address is not None:
                run_dask(tasks, dask_address, on_result)
            else:
                run_local(tasks, workers, on_result)
    except (Interrupted, KeyboardInterrupt):
        interrupted = True
    finally:
        bar.close()
    for planned_run in planned:
        if planned_run.index not in results and planned_run.task is not None:
            results[planned_run.index] = _failure(planned_run.task, _(
                "interrupted before it finished"))
    ordered = [results[p.index] for p in planned]
    seconds = round(time.perf_counter() - started, 3)
    meta.update(seconds=seconds, interrupted=interrupted)
    report = write_report(out, ordered, meta)
    if interrupted:
        shutil.rmtree(out / PARTIAL_DIR, ignore_errors=True)
    with contextlib.suppress(OSError):
        (out / PARTIAL_DIR).rmdir()  # empty after a complete batch
    return BatchOutcome(ordered, report, seconds, interrupted, meta)


__all__ = ["BatchOutcome", "Interrupted", "run_batch", "run_dask", "run_local"]
