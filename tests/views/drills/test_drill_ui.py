"""A drill seen from the hall, on SQLite and PostgreSQL: the controller starts
it from the console of a supervisor's workstation; a second workstation (an
operator, another connection) and the big screen (another connection) show
the DRILL banner with the scenario and its clock; the drill's new case shows
in the operator's drill tab and in no normal queue; the banners go when the
drill ends."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import shiboken6
from PySide6.QtCore import QSettings

from commandcenter.models.types import DrillState
from commandcenter.services.container import Services
from commandcenter.views.big_screen.big_screen_window import BigScreenWindow
from commandcenter.views.kernel.change_hub import ChangeHub
from commandcenter.views.kernel.task_runner import TaskRunner
from commandcenter.views.shell.drill_wiring import open_console
from commandcenter.views.shell.workstation import Workstation
from tests.services.factories import actor
from tests.views.display import require_display

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from tests.conftest import Backend, Clock

pytestmark = pytest.mark.webengine
WAIT = 20_000


class Station:
    """A workstation with its own runner and change hub (a process of its own)."""

    def __init__(
        self, services: Services, username: str, qtbot: QtBot, folder: Path
    ) -> None:
        self.services = services
        self.runner = TaskRunner()
        self.hub = ChangeHub(services, self.runner)
        settings = QSettings(
            str(folder / f"{username}.ini"), QSettings.Format.IniFormat
        )
        self.window = Workstation(
            services, actor(services, username), self.runner, self.hub, settings
        )
        qtbot.addWidget(self.window)
        self.window.resize(1600, 1000)
        self.window.show()
        with qtbot.waitSignal(self.window.loaded, timeout=60_000):
            self.window.start()

    def close(self) -> None:
        self.window.stop()
        self.hub.stop()
        self.runner.shutdown()
        shiboken6.delete(self.window)


@pytest.fixture
def hall(
    backend: Backend, services: Services, qtbot: QtBot, tmp_path: Path
) -> Iterator[tuple[Station, Station, BigScreenWindow]]:
    require_display("webengine")
    controller = Station(services, "supervisor", qtbot, tmp_path)
    other = Services(backend.another(services.db), services.clock)
    operator = Station(other, "operator", qtbot, tmp_path)
    wall_services = Services(backend.another(services.db), services.clock)
    wall_runner = TaskRunner()
    wall_hub = ChangeHub(wall_services, wall_runner)
    wall = BigScreenWindow(wall_services, wall_runner, wall_hub, 1080)
    wall.resize(1920, 1080)
    wall.show()
    with qtbot.waitSignal(wall.refreshed, timeout=60_000):
        wall.start()
    yield controller, operator, wall
    wall.stop()
    wall_hub.stop()
    wall_runner.shutdown()
    shiboken6.delete(wall)
    operator.close()
    controller.close()
    other.close()
    wall_services.close()


def test_while_a_drill_runs_every_screen_says_so_and_its_case_stays_in_its_tab(
    hall: tuple[Station, Station, BigScreenWindow], clock: Clock, qtbot: QtBot
) -> None:
    controller, operator, wall = hall
    assert not operator.window.drills.banner.isVisible()
    assert not wall.drill_banner.isVisible()
    open_console(controller.window, controller.window.drills)
    qtbot.waitUntil(lambda: bool(controller.window.drills.console), timeout=WAIT)
    console = controller.window.drills.console[0]
    console.scenario.setCurrentIndex(console.scenario.findData("TYPHOON-NIGHT"))
    console.speed.setValue(60)
    console.start_button.click()
    qtbot.waitUntil(lambda: console.runner is not None, timeout=WAIT)

    banners = (
        operator.window.drills.banner,
        wall.drill_banner,
        controller.window.drills.banner,
        console.banner,
    )
    for banner in banners:
        qtbot.waitUntil(banner.isVisible, timeout=WAIT)
        assert "台风夜多条道路积水应急演练" in banner.text()
    assert operator.window.drills.dock.isVisible()
    # the video wall's dock is a window of its own when popped out: its banner
    wall_dock = operator.window.wall_dock
    assert operator.window.drills.wall_banner.isVisibleTo(wall_dock)

    clock.advance(seconds=13)  # 13 drill minutes at ×60: I03 files its case
    tab = operator.window.drills.tab
    qtbot.waitUntil(lambda: bool(tab.row_ids), timeout=WAIT)
    (case_id,) = tab.row_ids
    assert "0:13:" in operator.window.drills.banner.text()
    queue = operator.window.queue.model
    assert case_id not in {queue.snapshot(i).id for i in range(queue.rowCount())}
    assert not any("下立交" in item for item in _injects(tab))  # a case, not a message
    qtbot.waitUntil(lambda: tab.injects.count() >= 2, timeout=WAIT)  # I01, I02

    console.end_button.click()
    qtbot.waitUntil(lambda: console.runner is not None and console.runner.over)
    assert console.runner.state is DrillState.ENDED
    for banner in banners:
        qtbot.waitUntil(lambda b=banner: not b.isVisible(), timeout=WAIT)
    assert not operator.window.drills.dock.isVisible()


def _injects(tab: object) -> list[str]:
    injects = tab.injects  # type: ignore[attr-defined]
    return [injects.item(i).text() for i in range(injects.count())]
