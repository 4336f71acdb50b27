"""Kernel templates: a process that has imported ipykernel (and a notebook's modules) once
and forks a fresh kernel for each notebook.

A forked kernel has never run a notebook, so no state carries over from one notebook to the
next, but it skips the interpreter start and the imports: it answers in a few tens of
milliseconds instead of most of a second. Only this Python's own ``ipykernel`` kernel can
be forked (:func:`forkable`); :mod:`training.engine` starts any other kernel the ordinary
way. Set ``ASESORLAB_KERNEL_FORK=0`` to turn forking off.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from typing import Any


class KernelStartError(RuntimeError):
    """The kernel did not start or did not answer; worth a retry with a fresh kernel."""


def _warm(preload: Sequence[str]) -> None:
    """Import each module of ``preload``; call ``module:function`` entries (warm-ups)."""
    for entry in preload:
        module, _sep, function = entry.partition(":")
        try:
            imported = __import__(module, fromlist=["_"])
            if function:
                getattr(imported, function)()
        except Exception:  # the notebook itself will report a broken import
            pass


class KernelTemplate:
    """A process that has imported ipykernel and the preloaded modules and forks kernels.

    Each kernel is a fresh ``fork`` of the template: it has never run a notebook, so no
    state carries over, and it skips the interpreter start and the imports. The template
    listens on a Unix socket, so several worker processes can share one (pass its
    :attr:`address`); the process that started it stops it with :meth:`close` (and the
    template also stops when that process dies).
    """

    def __init__(self, preload: Iterable[str] = (), address: str | None = None) -> None:
        self.preload = tuple(preload)
        self.process: subprocess.Popen[bytes] | None = None
        self._folder: str | None = None
        if address is None:
            self._folder = tempfile.mkdtemp(prefix="asesorlab-kernels-")
            address = os.path.join(self._folder, "template.sock")
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            listener.bind(address)
            listener.listen(64)
            env = {**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
            # started in the root directory: the caller's may be deleted while we run, and
            # each kernel is moved to its notebook's directory before its first cell
            self.process = subprocess.Popen(
                [sys.executable, "-c", "import training.kernel_template as t; t._template_main()",
                 json.dumps(list(self.preload)), str(listener.fileno())],
                stdin=subprocess.PIPE, pass_fds=(listener.fileno(),), env=env,
                cwd=os.path.abspath(os.sep),
                stdout=subprocess.DEVNULL,
                stderr=None if os.environ.get("ASESORLAB_DEBUG") else subprocess.DEVNULL)
            listener.close()
        self.address = address

    @property
    def alive(self) -> bool:
        """Whether the template can still fork kernels."""
        if self.process is not None:
            return self.process.poll() is None
        return os.path.exists(self.address)

    def fork(self, connection_file: str) -> int:
        """Start a kernel on ``connection_file``; return its process id.

        Blocks until the template has finished preloading (its socket queues the request).
        """
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
                connection.connect(self.address)
                connection.sendall((json.dumps({"connection_file": connection_file}) + "\n")
                                   .encode())
                with connection.makefile("r", encoding="utf-8") as reply:
                    return int(json.loads(reply.readline())["pid"])
        except (OSError, ValueError, KeyError) as exc:
            raise KernelStartError(f"the kernel template did not answer: {exc}") from exc

    def close(self) -> None:
        """Stop the template if this process started it (its kernels exit with it)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)


def _template_main() -> None:
    """The template process: preload, then fork one kernel per connection on its socket."""
    listener = socket.socket(fileno=int(sys.argv[2]))
    import ipykernel.ipkernel  # (imported once, shared by every fork)
    import ipykernel.kernelapp  # noqa: F401

    _warm(json.loads(sys.argv[1]))
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped automatically
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        ready, _w, _x = select.select([listener, 0], [], [])
        if 0 in ready and not os.read(0, 1024):  # the owner is gone
            return
        if listener not in ready:
            continue
        connection, _peer = listener.accept()
        with connection, connection.makefile("r", encoding="utf-8") as lines:
            request = json.loads(lines.readline())
            pid = os.fork()
            if pid == 0:  # the kernel
                try:
                    listener.close()
                    connection.close()
                    _kernel_main(request["connection_file"])
                finally:
                    os._exit(0)
            connection.sendall((json.dumps({"pid": pid}) + "\n").encode())


def _kernel_main(connection_file: str) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1) if os.environ.get("ASESORLAB_DEBUG") else (0, 1, 2):
        os.dup2(null, fd)
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize(["-f", connection_file, "--HistoryManager.hist_file=:memory:",
                    f"--IPKernelApp.parent_handle={os.getppid()}"])
    app.start()


class ForkedKernel:
    """A kernel forked from a :class:`KernelTemplate`, with the kernel-manager methods that
    nbclient uses (``has_kernel``, ``client``, ``is_alive``, ``interrupt_kernel``,
    ``shutdown_kernel``, ``cleanup_resources``)."""

    def __init__(self, template: KernelTemplate, kernel_name: str,
                 preload: tuple[str, ...]) -> None:
        from jupyter_client.connect import write_connection_file

        self.key = (kernel_name, preload)
        self.kernel_name = kernel_name
        self.manager = self
        # beside the template's socket: closing the template removes any file left behind
        name = os.path.join(os.path.dirname(template.address), f"kernel-{uuid.uuid4()}.json")
        self.connection_file, self._info = write_connection_file(
            name, ip="127.0.0.1", key=uuid.uuid4().hex.encode(), kernel_name=kernel_name)
        self.pid: int | None = template.fork(self.connection_file)

    @property
    def has_kernel(self) -> bool:
        return self.pid is not None

    def client(self, **kwargs: Any) -> Any:
        from jupyter_client.asynchronous import AsyncKernelClient

        client = AsyncKernelClient(**kwargs)
        client.load_connection_info(self._info)
        return client

    def _signal(self, signum: int) -> bool:
        if self.pid is None:
            return False
        try:
            os.kill(self.pid, signum)
            return True
        except ProcessLookupError:
            return False

    async def is_alive(self) -> bool:
        return self._signal(0)

    async def interrupt_kernel(self) -> None:
        self._signal(signal.SIGINT)

    async def shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
        self._signal(signal.SIGKILL)
        self.pid = None

    async def cleanup_resources(self, restart: bool = False) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.connection_file)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)
        self.pid = None
        with contextlib.suppress(OSError):
            os.unlink(self.connection_file)


def forkable(kernel_name: str) -> bool:
    """Whether ``kernel_name`` is this Python's own ipykernel (so a template can fork it)."""
    if os.environ.get("ASESORLAB_KERNEL_FORK", "1") == "0":
        return False
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel:
        return False
    argv = list(spec.argv)
    return (len(argv) >= 3 and argv[1:3] == ["-m", "ipykernel_launcher"] and
            (argv[0] in ("python", "python3") or
             os.path.realpath(argv[0]) == os.path.realpath(sys.executable)))


__all__ = ["ForkedKernel", "KernelStartError", "KernelTemplate", "forkable"]
