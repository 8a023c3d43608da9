"""The grid map page: offline, readable with no tiles, driven by small calls."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
import shiboken6
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from commandcenter.services.cases.map_layers import MapLayers
from commandcenter.views.map.map_page import build_map_page
from commandcenter.views.map.map_view import LOCAL_SCHEMES
from tests.services.factories import place, report
from tests.views.display import require_display

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services

pytestmark = pytest.mark.webengine


class _Recorder(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is not local (file, data, Qt resource), and keeps
    the list of all requests made."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802
        url = info.requestUrl()
        self.urls.append(url.toString())
        if url.scheme() not in LOCAL_SCHEMES:
            info.block(True)


def _run_js(qtbot: QtBot, view: QWebEngineView, script: str) -> Any:
    result: list[Any] = []
    view.page().runJavaScript(script, 0, result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=10_000)
    return result[0]


@pytest.fixture
def map_view(
    services: Services, qtbot: QtBot, tmp_path: Path
) -> Iterator[tuple[QWebEngineView, _Recorder]]:
    require_display("webengine")
    page_file = tmp_path / "map.html"
    page_file.write_text(build_map_page(MapLayers(services.db)), encoding="utf-8")
    # a profile of its own, so the interceptor never outlives the test
    profile = QWebEngineProfile()
    recorder = _Recorder()
    profile.setUrlRequestInterceptor(recorder)
    page = QWebEnginePage(profile)
    view = QWebEngineView()
    view.setPage(page)
    view.resize(1000, 760)
    view.show()
    try:
        with qtbot.waitSignal(view.loadFinished, timeout=30_000):
            view.load(QUrl.fromLocalFile(str(page_file)))
        qtbot.waitUntil(lambda: view.title() == "cc-map-ready", timeout=30_000)
        yield view, recorder
    finally:
        for qt_object in (view, page, profile):  # the page must go before its profile
            shiboken6.delete(qt_object)


def test_page_builds_every_grid_and_loads_nothing_remote(
    services: Services,
    map_view: tuple[QWebEngineView, _Recorder],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    view, recorder = map_view
    assert _run_js(qtbot, view, "ccMap.gridCount()") == len(services.territory)
    remote = [u for u in recorder.urls if u.split(":", 1)[0] not in LOCAL_SCHEMES]
    assert remote == []
    assert any(u.endswith("leaflet/leaflet.js") for u in recorder.urls)
    # the canvas paints on the next animation frame: wait for it, then look
    qtbot.waitUntil(lambda: len(_colours(view)) > 4, timeout=15_000)
    assert view.grab().save(str(tmp_path / "map.png"))


def _colours(view: QWebEngineView) -> set[str]:
    image = view.grab().toImage()
    return {
        image.pixelColor(x, y).name()
        for x in range(0, 1000, 50)
        for y in range(0, 760, 50)
    }


def test_streets_are_labelled_and_derived_ones_say_so(
    map_view: tuple[QWebEngineView, _Recorder], qtbot: QtBot
) -> None:
    view, _ = map_view
    # PySide6 hands JS arrays back as an empty string: exchange JSON instead
    labels = json.loads(_run_js(qtbot, view, "JSON.stringify(ccMap.labelTexts())"))
    assert len(labels) == 13
    assert "天平路街道" in labels  # the one surveyed outline
    assert "徐家汇街道 (illustrative)" in labels


def test_one_grid_is_restyled_by_a_small_call(
    services: Services, map_view: tuple[QWebEngineView, _Recorder], qtbot: QtBot
) -> None:
    view, _ = map_view
    code = place(services, 12).grid_code
    before = _run_js(qtbot, view, f"ccMap.fillOf('{code}')")
    _run_js(qtbot, view, f"ccMap.setCount('{code}', 9); true")
    after = _run_js(qtbot, view, f"ccMap.fillOf('{code}')")
    assert before == "#eceff1"
    assert after == "#b71c1c"


def test_grid_counts_come_from_open_cases(
    services: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    where = place(services, 20)
    report(services, where)
    html = build_map_page(MapLayers(services.db))
    assert f'"{where.grid_code}": 1' in html or f'"{where.grid_code}":1' in html
    assert "cdn." not in html
    assert "https://" not in html.replace("https://leafletjs.com", "")
