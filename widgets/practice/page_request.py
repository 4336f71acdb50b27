"""The page request a Voilà kernel serves (``?case=ID``), read without importing Voilà.

A preheated Voilà kernel runs the notebook before any page asks for it; when a page takes
it, the server sends the request's variables (``QUERY_STRING`` and the like) over a
websocket at ``/voila/query/<kernel id>``, which ``voila.utils.get_query_string`` waits
for. That module imports Voilà's whole server side (``jupyter_server``, ``nbconvert``,
``jupyterlab_server``, ``requests``…): about 45 MB and 3 s of start-up in every kernel of a
class, for one websocket message. This module speaks the same protocol with ``websockets``
alone. ``tests/practice/test_light_kernel.py`` runs the notebook in a real kernel against
a websocket server speaking Voilà's side, and the browser tests open ``?case=ID`` through a
real Voilà server.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading


def query_url() -> str:
    """The server's query websocket for this kernel, from the variables Voilà sets."""
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{host}:{port}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID')}"


async def _receive(url: str) -> str | None:
    import websockets  # Voilà's own dependency, light: imported only in a preheated kernel

    try:
        async with websockets.connect(url, open_timeout=5) as socket:
            message = await socket.recv()
    except (TimeoutError, OSError) as error:
        print(f"[asesorlab] the page request did not arrive from {url}: {error}",
              file=sys.__stderr__, flush=True)
        return None
    return message if isinstance(message, str) else message.decode()


def wait_for_request() -> None:
    """In a preheated kernel, wait until a page takes it and put the request's variables in
    the environment (as Voilà's ``wait_for_request``); elsewhere return at once."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    received: list[str | None] = []
    # a thread with a loop of its own: the kernel's loop is busy running this cell
    thread = threading.Thread(
        target=lambda: received.append(asyncio.new_event_loop().run_until_complete(
            _receive(query_url()))), daemon=True)
    thread.start()
    thread.join()
    if received and received[0]:
        os.environ.update({str(k): str(v) for k, v in json.loads(received[0]).items()})


def query_string() -> str | None:
    """The page's query string (``case=ID``), or None outside Voilà."""
    wait_for_request()
    return os.environ.get("QUERY_STRING")
