"""Optional base tiles: a local MBTiles file served through `cc-tiles:` (still no
network), or one named XYZ host; anything else is refused with a clear reason."""

from __future__ import annotations

import math
import sqlite3
from typing import TYPE_CHECKING

import pytest
import shiboken6
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage

from commandcenter.services.cases.map_layers import MapLayers
from commandcenter.views.map.map_page import build_map_page
from commandcenter.views.map.map_view import (
    MapView,
    offline_guard,
    tile_handler,
    use_tiles,
)
from commandcenter.views.map.tile_source import TileSourceError, resolve
from tests.views.display import require_display

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services


def _tile_png() -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor("#cfe8cf"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def _tile(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    n = 2**zoom
    x = int((lon + 180) / 360 * n)
    rad = math.radians(lat)
    y = int((1 - math.log(math.tan(rad) + 1 / math.cos(rad)) / math.pi) / 2 * n)
    return x, y


def _mbtiles(path: Path) -> Path:
    """Tiles over the district at zooms 11-15, in MBTiles' TMS row order."""
    png = _tile_png()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        db.execute(
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
            "tile_row INTEGER, tile_data BLOB)"
        )
        db.executemany(
            "INSERT INTO metadata VALUES (?, ?)",
            [("format", "png"), ("attribution", "测试底图 <b>tiles</b>")],
        )
        for zoom in range(11, 16):
            west, north = _tile(121.38, 31.25, zoom)
            east, south = _tile(121.50, 31.10, zoom)
            db.executemany(
                "INSERT INTO tiles VALUES (?, ?, ?, ?)",
                [
                    (zoom, x, (1 << zoom) - 1 - y, png)
                    for x in range(west, east + 1)
                    for y in range(north, south + 1)
                ],
            )
    return path


def test_tile_sources_are_checked_before_use(tmp_path: Path) -> None:
    xyz = resolve("https://tiles.example.gov.cn/{z}/{x}/{y}.png")
    assert xyz.remote_host == "tiles.example.gov.cn"
    assert xyz.mbtiles is None
    for bad in ("ftp://x/{z}/{x}/{y}", "https://x/tiles", "tiles.png"):
        with pytest.raises(TileSourceError, match="http"):
            resolve(bad)
    with pytest.raises(TileSourceError, match="no such MBTiles file"):
        resolve(str(tmp_path / "missing.mbtiles"))
    fake = tmp_path / "fake.mbtiles"
    fake.write_text("not a database", encoding="utf-8")
    with pytest.raises(TileSourceError, match="not an MBTiles file"):
        resolve(str(fake))
    local = resolve(str(_mbtiles(tmp_path / "ok.mbtiles")))
    assert local.remote_host is None
    assert local.attribution == "测试底图 <b>tiles</b>"


@pytest.mark.webengine
def test_mbtiles_tiles_reach_the_page_without_the_network(
    services: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    require_display("webengine")
    source = resolve(str(_mbtiles(tmp_path / "xuhui.mbtiles")))
    use_tiles(source)
    page = tmp_path / "map.html"
    page.write_text(build_map_page(MapLayers(services.db), source), encoding="utf-8")
    blocked_before = len(offline_guard().blocked)
    view = MapView()
    view.resize(900, 700)
    view.show()
    try:
        with qtbot.waitSignal(view.ready, timeout=30_000):
            view.load_page(page)
        handler = tile_handler()
        assert handler is not None
        qtbot.waitUntil(lambda: handler.served >= 4, timeout=15_000)
        assert offline_guard().blocked[blocked_before:] == []
        # the attribution from the file is shown as text
        text: list[str] = []
        view.page().runJavaScript(
            "document.querySelector('.leaflet-control-attribution').textContent",
            0,
            text.append,
        )
        qtbot.waitUntil(lambda: bool(text), timeout=10_000)
        assert "测试底图 <b>tiles</b>" in text[0]
    finally:
        shiboken6.delete(view)
