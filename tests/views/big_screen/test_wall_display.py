"""The big screen: it shows the day's numbers, never opens a dialog, and rides
out a database outage (connections cut at a proxy) by itself, showing what
happened meanwhile once the database answers again. On a 3x3 LCD wall its
panels keep off the bezels."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from commandcenter.services.container import Services
from commandcenter.views.big_screen.big_screen_window import BigScreenWindow
from commandcenter.views.big_screen.layout import load_layout
from commandcenter.views.kernel.change_hub import ChangeHub
from commandcenter.views.kernel.task_runner import TaskRunner
from tests.services.factories import report
from tests.views.display import require_display
from tests.views.tcp_proxy import TcpProxy

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

    from commandcenter.db.database import Database
    from tests.conftest import Backend

pytestmark = pytest.mark.webengine


def _no_dialog() -> bool:
    return QApplication.activeModalWidget() is None and not any(
        isinstance(widget, QDialog) and widget.isVisible()
        for widget in QApplication.topLevelWidgets()
    )


@dataclass
class _ProxiedWall:
    """A wall on PostgreSQL through a proxy the test can cut, and the same
    database reached directly (what keeps working while the wall is away)."""

    wall: BigScreenWindow
    direct: Services
    proxy: TcpProxy


@contextmanager
def _proxied_wall(backend: Backend, cut_first: bool = False) -> Iterator[_ProxiedWall]:
    require_display("webengine")
    direct_db: Database = backend.fresh()
    direct = Services(direct_db)
    assert backend.on_port is not None
    proxy = TcpProxy(direct_db.engine.url.port or 5432)
    wall_services = Services(backend.on_port(proxy.port))
    if cut_first:
        proxy.cut()
    runner = TaskRunner()
    hub = ChangeHub(wall_services, runner)
    wall = BigScreenWindow(wall_services, runner, hub, 1080)
    wall.resize(1920, 1080)
    wall.show()
    try:
        yield _ProxiedWall(wall, direct, proxy)
    finally:
        wall.stop()
        hub.stop()
        runner.shutdown()
        proxy.cut()
        shiboken6.delete(wall)
        wall_services.close()
        direct.close()
        direct_db.dispose()


@pytest.mark.postgres
def test_the_wall_rides_out_a_database_outage(
    postgres_backend: Backend, qtbot: QtBot
) -> None:
    with _proxied_wall(postgres_backend) as setup:
        wall, direct, proxy = setup.wall, setup.direct, setup.proxy
        report(direct)
        with qtbot.waitSignal(wall.refreshed, timeout=60_000):
            wall.start()
        assert wall.snapshot is not None
        before = wall.snapshot.today.reported
        assert before >= 1
        assert wall.counters["reported"].value.text() == str(before)
        assert not wall.badge.isVisible()
        qtbot.waitUntil(lambda: wall.map.is_ready, timeout=60_000)

        proxy.cut()
        qtbot.waitUntil(lambda: wall.badge.isVisible(), timeout=20_000)
        assert "重新连接" in wall.badge.text() or "Reconnecting" in wall.badge.text()
        case_id = report(direct)  # while the wall is away
        with qtbot.assertNotEmitted(wall.refreshed, wait=1500):
            pass  # it cannot read: no new picture
        assert _no_dialog()
        assert wall.snapshot.today.reported == before  # the last picture stays

        proxy.restore()
        qtbot.waitUntil(
            lambda: (
                wall.snapshot is not None
                and wall.snapshot.today.reported == before + 1
                and not wall.badge.isVisible()
            ),
            timeout=30_000,
        )
        assert len(wall.newest.text().splitlines()) == 2  # the ticker has both
        replies: list[dict[str, object]] = []
        qtbot.waitUntil(lambda: wall.map.is_ready, timeout=30_000)

        def marker_arrived() -> bool:  # the map got the case by itself
            replies.clear()
            wall.map.query("marker", replies.append, id=case_id)
            qtbot.waitUntil(lambda: bool(replies), timeout=10_000)
            return bool(replies[0]) and replies[0].get("state") == "reported"

        qtbot.waitUntil(marker_arrived, timeout=15_000)
        assert wall.counters["reported"].value.text() == str(before + 1)
        assert _no_dialog()


@pytest.mark.postgres
def test_a_wall_started_while_the_database_is_away_comes_up_by_itself(
    postgres_backend: Backend, qtbot: QtBot
) -> None:
    """Nobody is there to restart it: the map page and the first picture are
    retried until the database answers."""
    with _proxied_wall(postgres_backend, cut_first=True) as setup:
        wall, direct, proxy = setup.wall, setup.direct, setup.proxy
        wall.start()
        qtbot.waitUntil(lambda: wall.badge.isVisible(), timeout=30_000)
        assert not wall.map.is_ready
        report(direct)
        proxy.restore()
        qtbot.waitUntil(
            lambda: (
                wall.map.is_ready
                and wall.snapshot is not None
                and wall.snapshot.today.reported >= 1
                and not wall.badge.isVisible()
            ),
            timeout=60_000,
        )
        assert _no_dialog()


def test_on_a_3x3_lcd_wall_no_panel_but_the_header_crosses_a_bezel(
    services: Services, qtbot: QtBot
) -> None:
    """5760x3240 as nine 1920x1080 screens: every panel lies inside one screen
    (the map inside the middle column), the counters go four abreast, and the
    streets panel the standard layout leaves out is there."""
    require_display("webengine")
    runner = TaskRunner()
    hub = ChangeHub(services, runner)
    wall = BigScreenWindow(services, runner, hub, 3240, load_layout("lcd-3x3"))
    wall.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    wall.resize(5760, 3240)
    wall.show()
    try:
        for name, panel in wall.panels.items():
            # the incident panel shows only while an incident is under way
            assert panel.isVisible() is (name != "incident"), name
            box = panel.geometry()
            columns = {box.left() // 1920, box.right() // 1920}
            rows = {box.top() // 1080, box.bottom() // 1080}
            if name == "header":
                assert rows == {0}
            elif name == "map":
                assert columns == {1}
            else:
                assert (len(columns), len(rows)) == (1, 1), (name, box)
        counters = wall.counters
        qtbot.waitUntil(  # four abreast, once the panel's layout has run
            lambda: (
                counters["reported"].y() == counters["closed"].y() > -1
                and counters["closed"].x() > counters["dispatched"].x()
            )
        )
    finally:
        hub.stop()
        runner.shutdown()
        shiboken6.delete(wall)


def test_a_layout_without_a_panel_leaves_it_out(
    services: Services, qtbot: QtBot
) -> None:
    require_display("webengine")
    runner = TaskRunner()
    hub = ChangeHub(services, runner)
    wall = BigScreenWindow(services, runner, hub, 1080)
    wall.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    wall.resize(1920, 1080)
    wall.show()
    try:
        assert not wall.panels["streets"].isVisible()
        assert wall.panels["map"].isVisible()
        counters = wall.counters
        qtbot.waitUntil(  # two abreast: closed is below reported
            lambda: counters["closed"].y() > counters["reported"].y()
        )
    finally:
        hub.stop()
        runner.shutdown()
        shiboken6.delete(wall)
