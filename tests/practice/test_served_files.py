"""The practice server serves the app and nothing else: no notebook source, no files."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from .conftest import Served

pytestmark = [pytest.mark.server]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("path", [
    "voila/files/practice.ipynb",
    "voila/files/../toolkit/data/junior-web-programmer.yaml",
    "files/practice.ipynb",
    "voila/render/practice.ipynb",
    "api/contents",
    "tree",
])
def test_no_file_or_source_is_served(served: Served, path: str) -> None:
    assert _status(served.url.rstrip("/") + "/" + path) in (403, 404)


def test_the_app_itself_answers_at_the_root(served: Served) -> None:
    with urllib.request.urlopen(served.url, timeout=60) as response:
        page = response.read().decode("utf-8")
    assert response.status == 200
    assert "from widgets" not in page and "import " not in page  # sources stripped
