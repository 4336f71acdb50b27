"""The Voilà server that ``asesorlab serve`` runs: Voilà with a kernel cap, a healthy pool,
compressed responses, no asset from outside the machine and a "preparing the case" page.

``python -m training.voila_app ARGS`` takes Voilà's own arguments plus:

* ``--AsesorlabVoila.max_pages=N`` / ``per_client`` / ``grace``: the admission rules of
  :mod:`training.admission` (a view beyond them gets a light page without a kernel);
* the ``asesorlab`` template (``training/share/voila/templates/asesorlab``): Voilà's lab
  template without its icon-font links to a public CDN (the app's buttons show their text
  only) and with a "preparing the case…" notice shown from the first byte until the app's
  widgets are on the page.

A preheated kernel whose notebook did not build the app (its run ended before a page took
it: an error, or the app's "cannot start" message) is never handed to a page: it is shut
down, logged, and the next one is taken (one that has built the app first, else one still
building, whose page shows "preparing the case…" meanwhile); a kernel that does not start
at all gives the light page saying the app could not be prepared. ``/voila/templates/…``
paths that are not a template's static file answer 404.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import os
import re
import secrets
import sys
from pathlib import Path
from typing import Any, ClassVar

import tornado.web
import voila.app as voila_app
from tornado.ioloop import PeriodicCallback
from traitlets import Float, Int
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler

from toolkit.i18n import _

from .admission import GRACE, PER_CLIENT, Admission

SHARE = Path(__file__).resolve().parent / "share"
TEMPLATE = "asesorlab"
COOKIE = "asesorlab-client"
KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')


class NoHealthyKernel(Exception):
    """No kernel of the pool built the app."""


# -- the pool: only kernels that built the app are handed out ---------------------------

def _state(item: asyncio.Future[Any], cells: int) -> str:
    """"building", "ready" (every cell but the last, which waits for the page, has run) or
    "broken" (the run ended, or the kernel did not start)."""
    if not item.done():
        return "building"
    if item.cancelled() or item.exception() is not None:
        return "broken"
    content = item.result()
    if content["task"].done():
        return "broken"
    rendered = "".join(content["renderer"].rendered_cache)
    return "ready" if f'cell-index="{cells - 1}"' in rendered else "building"


def _healthy_pool_factory(base_class: type, preheat_kernel: bool, default_pool_size: int,
                          page_config_hook: Any = None) -> type:
    manager = _voila_factory(base_class, preheat_kernel, default_pool_size, page_config_hook)
    if not preheat_kernel:
        return manager

    class HealthyPoolKernelManager(manager):  # type: ignore[misc, valid-type]
        """Voilà's preheating kernel manager that hands out only kernels that built the app."""

        _failures = 0  # kernels in a row that did not build the app (the refill waits longer)
        _discards: ClassVar[set[asyncio.Future[Any]]] = set()  # shutdowns under way

        async def get_rendered_notebook(self, notebook_name: str,
                                        extra_kernel_env_variables: dict | None = None,
                                        **kwargs: Any) -> Any:
            extra = extra_kernel_env_variables or {}
            cells = len(self._notebook_cells(notebook_name))
            pool = self._pools.setdefault(notebook_name, [])
            for item in list(pool):
                if _state(item, cells) == "broken":
                    pool.remove(item)
                    await self._discard(item)
            ready = [item for item in pool if _state(item, cells) == "ready"]
            if ready:  # the first kernel that has built the app, else the oldest building
                pool.remove(ready[0])
                pool.insert(0, ready[0])
                self._failures = 0
            if not pool:
                self.fill_if_needed(delay=0, notebook_name=notebook_name)
            try:
                return await super().get_rendered_notebook(notebook_name, extra, **kwargs)
            except Exception as exc:  # the kernel did not start
                self.log.warning("[asesorlab] no kernel for a page: %s", exc)
                raise NoHealthyKernel(notebook_name) from exc

        def fill_if_needed(self, delay: float | None = None, notebook_name: str | None = None,
                           **kwargs: Any) -> None:
            before = {id(item) for item in self._pools.get(notebook_name, [])}
            super().fill_if_needed(delay=delay, notebook_name=notebook_name, **kwargs)
            for item in self._pools.get(notebook_name, []):
                if id(item) not in before:
                    item.add_done_callback(lambda done, n=notebook_name: self._watch(done, n))

        def _watch(self, item: asyncio.Future[Any], notebook_name: str | None) -> None:
            """Once the kernel runs the notebook: if the run ends while the kernel is still in
            the pool, the app was not built — drop it and start another (later each time)."""
            if item.cancelled() or item.exception() is not None:
                self._broken(item, notebook_name)
                return
            item.result()["task"].add_done_callback(
                lambda _task: self._broken(item, notebook_name))

        def _broken(self, item: asyncio.Future[Any], notebook_name: str | None) -> None:
            pool = self._pools.get(notebook_name, [])
            if not any(entry is item for entry in pool):
                return  # handed to a page: its run ends when the page has the app
            pool[:] = [entry for entry in pool if entry is not item]
            self._failures += 1
            discard = asyncio.ensure_future(self._discard(item))
            self._discards.add(discard)
            discard.add_done_callback(self._discards.discard)
            self.fill_if_needed(delay=min(60.0, 2.0 ** self._failures),
                                notebook_name=notebook_name)

        def _notebook_cells(self, notebook_name: str) -> list[Any]:
            data = self.notebook_data.get(notebook_name)
            if data:
                return list(data["notebook"].cells)
            import nbformat

            return list(nbformat.read(os.path.join(self.root_dir, notebook_name), 4).cells)

        async def _discard(self, item: asyncio.Future[Any]) -> None:
            kernel_id = None
            if not item.cancelled() and item.exception() is None:
                kernel_id = item.result().get("kernel_id")
            self.log.warning("[asesorlab] kernel %s did not build the practice app; it is "
                             "shut down, not handed to a page", kernel_id or "(not started)")
            if kernel_id and kernel_id in self:
                with contextlib.suppress(Exception):  # already gone
                    await self.shutdown_kernel(kernel_id, now=True)

    return HealthyPoolKernelManager


_voila_factory = voila_app.voila_kernel_manager_factory
voila_app.voila_kernel_manager_factory = _healthy_pool_factory  # Voila.init_settings uses it


# -- the page: admission, then Voilà's own handler ------------------------------------

def light_page(title: str, text: str, status: int, retry: int) -> str:
    """A page without a kernel, reloading itself after ``retry`` seconds."""
    lang = html.escape(os.environ.get("ASESORLAB_LANG", "id"))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="refresh" content="{retry}"><title>{html.escape(title)}</title>'
            '<style>body{font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em;'
            'line-height:1.5}</style></head><body>'
            f'<h1 class="asesorlab-busy" data-status="{status}">{html.escape(title)}</h1>'
            f"<p>{html.escape(text)}</p></body></html>")


class GatedVoilaHandler(TornadoVoilaHandler):
    """The practice page, given a kernel only when :class:`Admission` allows it."""

    @tornado.web.authenticated
    async def get(self, path: str | None = None) -> None:
        app: AsesorlabVoila = self.settings["asesorlab_app"]
        admission, km = app.admission, self.kernel_manager
        client = self.get_cookie(COOKIE) or ""
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,64}", client):
            client = secrets.token_urlsafe(18)
        self.set_cookie(COOKIE, client, httponly=True, samesite="Strict",
                        path=self.base_url)
        await app.reap()
        connections = dict(km._kernel_connections)
        for kernel in admission.freeable(client, connections):
            if admission.refusal(client) != "client":
                break
            await app.shut_down(kernel, "its page is gone and the same browser opened another")
        refused = admission.refusal(client)
        if refused:
            self._refuse(refused, admission)
            return
        admission.reserve(client)
        kernel = None
        try:
            async for snippet in self.get_generator(path=path):
                if kernel is None:
                    found = KERNEL_ID.search(snippet)
                    if found:
                        kernel = found.group(1)
                        admission.settle(client, kernel)
                self.write(snippet)
                self.flush()
        except NoHealthyKernel:
            self.set_status(503)
            self.set_header("Retry-After", "30")
            self.write(light_page(
                _("The practice app could not be prepared"),
                _("The server could not prepare the practice app just now (the server's log "
                  "says why). This page tries again in 30 seconds."), 503, 30))
        finally:
            if kernel is None:
                admission.settle(client, None)
            else:
                admission.delivered(kernel)

    def _refuse(self, why: str, admission: Admission) -> None:
        self.set_status(503 if why == "full" else 429)
        self.set_header("Retry-After", "20")
        self.set_header("Cache-Control", "no-store")
        if why == "client":
            title = _("This browser already has the practice app open")
            text = _("The practice app is open in {count} tabs of this browser already. Close "
                     "one of them (or go back to it); this page tries again in 20 seconds.",
                     count=admission.per_client)
        else:
            title = _("The class is full right now")
            text = _("All {count} places of this practice server are in use. This page tries "
                     "again in 20 seconds; ask the lead assessor if it keeps saying so.",
                     count=admission.max_pages)
        self.write(light_page(title, text, self.get_status(), 20))


class PageClosedHandler(VoilaShutdownKernelHandler):
    """The page's "closed" beacon (``POST /voila/api/shutdown/<kernel>`` on ``beforeunload``):
    its kernel is shut down at once.

    Voilà's own handler refuses the beacon ("'_xsrf' argument missing from POST",
    voila-dashboards/voila#1458), so a closed or reloaded page held its kernel until the
    idle cull. The beacon carries this server's browser cookie, which is ``SameSite=Strict``
    (never sent by a request from another site); the kernel is shut down only when that
    browser holds it, which stands in for the XSRF check.
    """

    def check_xsrf_cookie(self) -> None:
        return None  # the browser cookie is checked in post()

    @tornado.web.authenticated
    async def post(self, kernel_id: str) -> None:
        app: AsesorlabVoila = self.settings["asesorlab_app"]
        held = app.admission.held.get(kernel_id)
        client = self.get_cookie(COOKIE) or ""
        if held is None or not client or held.client != client:
            raise tornado.web.HTTPError(403, "this browser does not hold that kernel")
        await app.shut_down(kernel_id, "its page was closed")
        self.set_status(204)
        self.finish()


class SafeTemplateStaticFileHandler(TemplateStaticFileHandler):
    """A template's static files; any other path (``..``, no ``static`` part) is a 404."""

    def parse_url_path(self, path: str) -> str:
        parts = path.split("/")
        if len(parts) < 3 or parts[1] != "static" or ".." in parts or \
                os.path.normpath(path).split(os.sep)[:2] != parts[:2]:
            raise tornado.web.HTTPError(404)
        return super().parse_url_path(path)


class AsesorlabVoila(Voila):
    """Voilà with the admission rules, the healthy pool and compressed responses."""

    max_pages = Int(0, config=True, help="Kernels held by pages at once (0: no cap).")
    per_client = Int(PER_CLIENT, config=True, help="Kernels one browser may hold.")
    grace = Float(GRACE, config=True,
                  help="Seconds a page has to connect to its kernel before it is shut down.")

    def initialize(self, argv: Any = None) -> None:
        super().initialize(argv)
        self.admission = Admission(self.max_pages, self.per_client, self.grace)
        self.config.VoilaConfiguration.resources = {"asesorlab": {
            "preparing": _("Preparing the case…"),
            "preparing_detail": _("The server is getting a practice session ready for you; "
                                  "this takes a few seconds when many trainees start at once."),
        }}

    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings["asesorlab_app"] = self
        settings["compress_response"] = True
        return settings

    def init_handlers(self) -> list:
        handlers = []
        for spec in super().init_handlers():
            pattern, handler, *rest = spec
            if handler is TornadoVoilaHandler:
                handler = GatedVoilaHandler
            elif handler is TemplateStaticFileHandler:
                handler = SafeTemplateStaticFileHandler
            elif handler is VoilaShutdownKernelHandler:
                handler = PageClosedHandler
            handlers.append((pattern, handler, *rest))
        PeriodicCallback(self.reap, 15_000).start()
        return handlers

    async def reap(self) -> None:
        """Shut down the kernels whose page never connected within the grace time."""
        km = self.kernel_manager
        alive = set(km.list_kernel_ids())
        for kernel in self.admission.observe(alive, dict(km._kernel_connections)):
            await self.shut_down(kernel, "its page never connected")

    async def shut_down(self, kernel: str, why: str) -> None:
        self.admission.held.pop(kernel, None)
        self.log.info("[asesorlab] kernel %s shut down: %s", kernel, why)
        with contextlib.suppress(Exception):  # already gone
            await self.kernel_manager.shutdown_kernel(kernel, now=True)


def main(argv: list[str] | None = None) -> None:
    """Run the server (``python -m training.voila_app NOTEBOOK [Voilà options]``)."""
    paths = os.environ.get("JUPYTER_PATH", "")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(SHARE), paths) if p)
    AsesorlabVoila.launch_instance(argv if argv is not None else sys.argv[1:])


__all__ = ["AsesorlabVoila", "GatedVoilaHandler", "NoHealthyKernel", "light_page", "main"]

if __name__ == "__main__":
    main()
