"""A raw websocket client on the app's kernel: widget messages pass, code never runs."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import websocket

from .conftest import Served

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]


def _message(msg_type: str, content: dict[str, Any], session: str) -> tuple[str, str]:
    msg_id = uuid.uuid4().hex
    return msg_id, json.dumps({
        "header": {"msg_id": msg_id, "msg_type": msg_type, "username": "attacker",
                   "session": session, "date": "", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "content": content, "channel": "shell",
        "buffers": []})


def _kernel_of_page(chromium: Any, served: Served) -> tuple[Any, str]:
    context = chromium.new_context()
    page = context.new_page()
    urls: list[str] = []
    page.on("websocket", lambda ws: urls.append(ws.url))
    page.goto(served.url)
    page.locator(".asesorlab-trainee input").wait_for()
    kernel = next(u for u in urls if "/api/kernels/" in u).split("/api/kernels/")[1]
    return context, kernel.split("/")[0]


def test_execute_request_from_a_websocket_client_runs_nothing(chromium: Any, served: Served,
                                                               tmp_path: Path) -> None:
    context, kernel_id = _kernel_of_page(chromium, served)
    marker = tmp_path / "executed"
    session = uuid.uuid4().hex
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{served.port}/api/kernels/{kernel_id}/channels?session_id={session}",
        timeout=60)
    try:
        execute_id, execute = _message("execute_request", {
            "code": f"open({str(marker)!r}, 'w').write('ran')", "silent": False,
            "store_history": False, "user_expressions": {}, "allow_stdin": False,
            "stop_on_error": True}, session)
        info_id, info = _message("kernel_info_request", {}, session)
        ws.send(execute)
        ws.send(info)  # the shell channel answers in order: an execute_reply would come first
        replies: list[dict[str, Any]] = []
        while True:
            frame = json.loads(ws.recv())
            replies.append(frame)
            if frame.get("parent_header", {}).get("msg_id") == info_id and \
                    frame["msg_type"] == "kernel_info_reply":
                break
    finally:
        ws.close()
        context.close()
    answered_execute = [r["msg_type"] for r in replies
                        if r.get("parent_header", {}).get("msg_id") == execute_id]
    assert answered_execute == []
    assert not marker.exists()
    assert any("refused" in line or "not allowed" in line for line in served.log)


def test_a_widget_opened_from_the_browser_is_refused(chromium: Any, served: Served) -> None:
    context, kernel_id = _kernel_of_page(chromium, served)
    session = uuid.uuid4().hex
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{served.port}/api/kernels/{kernel_id}/channels?session_id={session}",
        timeout=60)
    comm_id = uuid.uuid4().hex
    try:
        _id, message = _message("comm_open", {
            "comm_id": comm_id, "target_name": "jupyter.widget",
            "data": {"state": {"_model_name": "ButtonModel", "_model_module":
                               "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                               "_view_name": "ButtonView", "description": "injected"},
                     "buffer_paths": []}}, session)
        ws.send(message)
        while True:  # the kernel answers an unknown target with a comm_close of that comm
            frame = json.loads(ws.recv())
            if frame["msg_type"] == "comm_close" and frame["content"].get("comm_id") == comm_id:
                break
    finally:
        ws.close()
        context.close()
