"""WebEngine, screenshot and media tests need a real X server (Xvfb under ./dev
test): in CI its absence is a failure, on a developer's machine a skip."""

from __future__ import annotations

import os

import pytest


def require_display(what: str = "webengine") -> None:
    if os.environ.get("DISPLAY"):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} tests need Xvfb in CI (run through ./dev test)")
    pytest.skip("no X display: run through ./dev test (starts Xvfb)")
