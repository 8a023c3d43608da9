"""The Qt composition root: one QApplication, translators, the task runner, the
services of one database, then the login dialog and the workstation.

Also renders the workstation to a PNG without a login (`screenshot`), for the
docs and for looking at the UI.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

# QtWebEngine must be imported before the QApplication exists
import PySide6.QtWebEngineWidgets  # noqa: F401
import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog

from commandcenter.config import APP_NAME
from commandcenter.logs import configure as configure_logging
from commandcenter.services.cases.api import MapLayers
from commandcenter.services.demo.api import (
    ScriptedHall,
    demo_config,
)
from commandcenter.services.drills.api import DrillRunner, Mode
from commandcenter.services.kernel.errors import DomainError
from commandcenter.services.kernel.work_calendar import DeadlineStatus
from commandcenter.views.big_screen.big_screen_window import BigScreenWindow
from commandcenter.views.drills.console import DrillConsole
from commandcenter.views.emergency.replay_view import ReplayView
from commandcenter.views.kernel.change_hub import ChangeHub
from commandcenter.views.kernel.gui_gc import collecting_on_this_thread
from commandcenter.views.kernel.i18n import (
    install_translators,
    remove_translators,
    resolve_language,
)
from commandcenter.views.kernel.task_runner import TaskRunner
from commandcenter.views.map.map_page import build_map_page
from commandcenter.views.map.tile_source import register_scheme
from commandcenter.views.shell.diagnostics import Diagnostics
from commandcenter.views.shell.first_run_dialog import FirstRunDialog
from commandcenter.views.shell.login_dialog import LoginDialog
from commandcenter.views.shell.workstation import Workstation
from commandcenter.views.video.video_tile import TileState

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from commandcenter.services.container import Services
    from commandcenter.services.drills.api import ScenarioFile
    from commandcenter.views.big_screen.layout import WallLayout
    from commandcenter.views.map.tile_source import TileSource


@contextmanager
def application(
    language: str | None, notices: bool = True
) -> Iterator[tuple[QApplication, TaskRunner]]:
    """The QApplication with the UI language installed (zh_CN unless asked), a
    task runner, and diagnostics that log every uncaught error and Qt warning
    (and show a notice unless `notices` is False: the unattended wall); on the
    way out the runner stops delivering and the translators and hooks are
    removed (the QApplication itself may be shared, in tests)."""
    # Qt Quick's software backend composites the map view on the CPU: on this
    # 2-core machine without a GPU it halves the time from a change to its
    # marker on screen (bench/README.md); set QT_QUICK_BACKEND=opengl where a
    # GPU makes the other choice better
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    # likewise the video wall: with no OpenGL for the windowing system, the
    # video widgets convert and draw frames on the CPU; on Mesa's llvmpipe the
    # OpenGL path cost twice the CPU and 40 ms stalls of the GUI thread with 16
    # tiles (bench/README.md). Set QT_XCB_GL_INTEGRATION=xcb_glx with a GPU
    os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
    if os.geteuid() == 0:
        # Chromium refuses its sandbox as root (containers, CI); the map loads
        # only local files, and every other request is blocked anyway
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    register_scheme()  # before the QApplication, as Qt requires
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    translators = install_translators(app, resolve_language(language))
    diagnostics = Diagnostics(configure_logging(), notices, parent=app)
    diagnostics.install()
    runner = TaskRunner(parent=app)
    try:
        with collecting_on_this_thread(app):  # never a Qt object off this thread
            yield app, runner
    finally:
        runner.shutdown()
        diagnostics.uninstall()
        remove_translators(app, translators)


@contextmanager
def shell(
    services: Services, language: str | None, notices: bool = True
) -> Iterator[tuple[QApplication, TaskRunner, ChangeHub]]:
    """`application` with the process's one change hub over `services`, which
    stops following the feed on the way out."""
    with application(language, notices) as (app, runner):
        hub = ChangeHub(services, runner, parent=app)
        try:
            yield app, runner, hub
        finally:
            hub.stop()


def run_workstation(
    services: Services, language: str | None, tiles: TileSource | None
) -> int:
    """Log in (on an empty database, set it up first), then run the
    workstation until its window closes."""
    with shell(services, language) as (app, runner, hub):
        admin = ""
        if not services.auth.has_accounts():
            first = FirstRunDialog(runner, services)
            if first.exec() != QDialog.DialogCode.Accepted:
                return 1
            admin = first.admin_username
        demo = (
            [account["username"] for account in demo_config()["accounts"]]
            if services.auth.has_demo_accounts()
            else []
        )
        login = LoginDialog(runner, services.auth, demo)
        login.username.setText(admin)
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            return 1
        settings = QSettings()
        window = Workstation(services, login.actor, runner, hub, settings, tiles)
        if settings.value("window/geometry"):
            window.show()  # where the operator left it; start() restores it
        else:
            window.showMaximized()  # a first run: the whole available screen
            _settle_until(window.isMaximized, 2.0)  # some window managers never say
        window.start()
        code = app.exec()
        hub.stop()
        runner.shutdown()  # nothing more is delivered to the window
        shiboken6.delete(window)  # its map page must go before the shared profile
        return code


def run_wall(
    services: Services, language: str | None, screen: int, layout: WallLayout
) -> int:
    """The big screen, full screen on screen `screen`, until it is closed.
    The caller has checked the wall token; nothing here ever asks anything."""
    with shell(services, language, notices=False) as (app, runner, hub):
        screens = app.screens()
        target = screens[screen] if 0 <= screen < len(screens) else app.primaryScreen()
        window = BigScreenWindow(services, runner, hub, target.size().height(), layout)
        window.setScreen(target)
        window.setGeometry(target.geometry())
        window.showFullScreen()
        window.start()
        code = app.exec()
        window.stop()
        hub.stop()
        runner.shutdown()
        shiboken6.delete(window)
        return code


def run_drill_console(
    services: Services,
    language: str | None,
    username: str,
    scenarios: list[ScenarioFile],
    speed: int,
    unannounced: bool,
) -> int:
    """The controller's console for a trusted account (the command line is on
    the server), the first scenario chosen, until it is closed."""
    with shell(services, language) as (app, runner, hub):
        console = DrillConsole(
            services, services.auth.actor(username), runner, hub, scenarios
        )
        console.mode.setCurrentIndex(1 if unannounced else 0)
        console.speed.setValue(speed)
        console.resize(1400, 860)
        console.show()
        console.start()
        runner.query("feed start", services.events.newest_id, hub.start)
        code = app.exec()
        hub.stop()
        runner.shutdown()
        shiboken6.delete(console)
        return code


def run_replay(
    services: Services,
    language: str | None,
    incident_id: int,
    out: Path | None = None,
    at_minutes: float | None = None,
) -> int:
    """An incident played back in a window until it is closed; with `out`,
    rendered `at_minutes` after activation (the end when None) to a PNG."""
    with shell(services, language) as (app, _runner, _hub):
        replay = services.incident_queries.replay(incident_id)
        try:
            detail = services.incident_queries.detail(incident_id)
        except DomainError:  # a purged drill's incident: its log alone
            detail = None
        page = Path(tempfile.mkdtemp(prefix="cc-replay-")) / "map.html"
        page.write_text(build_map_page(MapLayers(services.db)), encoding="utf-8")
        view = ReplayView(replay, detail, page, services.calendars.get().zone)
        view.resize(1600, 900)
        view.show()
        if out is None:
            code = app.exec()
        else:
            wait_until(lambda: view.map.is_ready, 60)
            moment = (
                replay.end
                if at_minutes is None
                else replay.start + timedelta(minutes=at_minutes)
            )
            view.show_at(moment)
            _settle(2.5)
            view.grab().save(str(out))
            code = 0
        view.close()
        shiboken6.delete(view)
        return code


def screenshot_wall(
    services: Services,
    out: Path,
    size: tuple[int, int],
    language: str | None,
    layout: WallLayout,
) -> None:
    """Render the wall at `size` (e.g. 3840x2160) in `layout` to a PNG once it
    shows the live state, its map drawn and its video tiles live."""
    with shell(services, language, notices=False) as (_app, runner, hub):
        window = BigScreenWindow(services, runner, hub, size[1], layout)
        window.resize(*size)
        window.show()
        window.start()
        wait_until(lambda: window.snapshot is not None and window.map.is_ready, 60)
        tiles = window.video.visible_tiles()
        wait_until(
            lambda: all(t.state is TileState.LIVE or t.camera is None for t in tiles),
            30,
        )
        _settle(2.0)
        screen = window.screen().size()
        if screen.width() >= size[0] and screen.height() >= size[1]:
            # the video pictures are native windows: grab the screen
            window.screen().grabWindow(window.winId()).save(str(out))
        else:
            window.grab().save(str(out))
        window.stop()
        hub.stop()
        runner.shutdown()
        shiboken6.delete(window)


def screenshot_workstation(
    services: Services,
    out: Path,
    size: tuple[int, int],
    language: str | None,
    username: str,
    wall: str | None = None,
    statistics: bool = False,
    incident: bool = False,
) -> None:
    """Render the workstation as `username` sees it to a PNG: the queue loaded,
    the map drawn, the most urgent case selected in the panel; with `wall`, the
    video wall in that layout instead of the panel, every tile live; with
    `statistics`, the statistics of this month in place of the map; with
    `incident`, the newest incident's command view."""
    settings_file = Path(tempfile.mkdtemp(prefix="cc-shot-")) / "settings.ini"
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    with shell(services, language) as (_app, runner, hub):
        actor = services.auth.actor(username)
        window = Workstation(services, actor, runner, hub, settings)
        window.resize(*size)  # as a first run maximised on a screen of `size`
        window.show()
        _settle(0.3)  # laid out before the first-run layout measures it
        window.start()
        wait_until(
            lambda: window.map.is_ready and window.queue.model.rowCount() > 0, 60
        )
        case = _most_urgent(window)
        if case is not None:
            window.queue.select_case(case)
            wait_until(lambda: window.panel.detail is not None, 30)
        _settle(1.5)  # the map's fly-to animation and the thumbnails
        window.map.show_district()  # the docs show the district, the case too
        _settle(1.5)
        if statistics:  # as a supervisor arranges it: the case panel closed
            window.panel_dock.hide()
            window.wall_dock.hide()
            window.show_statistics()
            _settle(0.3)
            window.resizeDocks([window.queue_dock], [250], Qt.Orientation.Vertical)
            wait_until(lambda: window.statistics.statistics is not None, 60)
            _settle(0.5)
        if incident:
            _show_incident(window)
        if wall is None:
            window.grab().save(str(out))
        else:
            _fill_wall(window, wall)
            # the pictures are native windows of their own: grab the screen
            window.screen().grabWindow(window.winId()).save(str(out))
        window.close()
        hub.stop()
        runner.shutdown()
        shiboken6.delete(window)


def screenshot_drill(
    services: Services,
    out: Path,
    size: tuple[int, int],
    language: str | None,
    username: str,
    scenario: ScenarioFile,
    console: bool = False,
    minutes: float = 32,
) -> None:
    """A drill `minutes` in (×60, the demo's scripted hall answering it):
    with `console`, the controller's console; else `username`'s workstation
    under the DRILL banner, its drill tab in front and a drill case in the
    panel. The drill is aborted once the picture is taken."""
    settings_file = Path(tempfile.mkdtemp(prefix="cc-shot-")) / "settings.ini"
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    with shell(services, language) as (_app, runner, hub):
        window = Workstation(
            services, services.auth.actor(username), runner, hub, settings
        )
        window.resize(*size)
        window.show()
        _settle(0.3)
        window.start()
        wait_until(
            lambda: window.map.is_ready and window.queue.model.rowCount() > 0, 60
        )
        supervisor = services.auth.actor("supervisor")
        board: DrillConsole | None = None
        if console:
            board = DrillConsole(services, supervisor, runner, hub, [scenario])
            board.resize(*size)
            board.show()
            board.start()
            board.speed.setValue(60)
            board.start_button.click()
            wait_until(lambda: board is not None and board.runner is not None, 30)
            assert board.runner is not None
            drill = board.runner
        else:
            drill = DrillRunner.start(
                services.drills,
                services.db,
                supervisor,
                scenario,
                Mode.ANNOUNCED,
                services.clock,
                60.0,
            )
            threading.Thread(target=drill.run, daemon=True).start()
        hall = ScriptedHall(services, drill.drill_id, scenario)
        while drill.clock.now() < minutes * 60:
            hall.act(drill.clock.now())
            _settle(0.5)
        _settle(1.5)  # the feed brings the last moves to every screen
        if board is not None:
            board.injects.selectRow(len(drill.progress.sent) - 1)
            _settle(1.0)
            board.grab().save(str(out))
        else:
            window.drills.dock.raise_()
            cases = window.drills.tab.row_ids
            if cases:
                window.show_case(cases[0])
                wait_until(lambda: window.panel.detail is not None, 30)
            _settle(2.0)
            window.grab().save(str(out))
        drill.abort("截图完成")
        if board is not None:
            board.close()
        window.close()
        hub.stop()
        runner.shutdown()
        shiboken6.delete(window)


def _show_incident(window: Workstation) -> None:
    """The newest incident's tab, read and its area drawn, the panel closed."""
    wait_until(lambda: bool(window.emergency.views), 30)
    view = window.emergency.views[max(window.emergency.views)]
    window.panel_dock.hide()
    window.wall_dock.hide()
    window.centre.setCurrentWidget(view)
    window.resizeDocks([window.queue_dock], [220], Qt.Orientation.Vertical)
    wait_until(lambda: view.detail is not None and view.map.is_ready, 60)
    _settle(2.0)  # the area drawn and fitted


def _fill_wall(window: Workstation, layout: str) -> None:
    """The wall beside the map, one camera per tile, street by street."""
    window.show_on_wall([])
    window.resizeDocks(
        [window.wall_dock], [window.width() // 2], Qt.Orientation.Horizontal
    )
    window.wall.set_layout(layout)
    tiles = window.wall.visible_tiles()
    window.wall.focus_tile(0)
    window.wall.show_cameras(list(window.wall.cameras)[: len(tiles)])
    wait_until(lambda: all(t.state is TileState.LIVE for t in tiles), 30)
    _settle(1.0)


def _most_urgent(window: Workstation) -> int | None:
    """An overdue case if there is one, else the newest reported case."""
    model = window.queue.model
    rows = [model.snapshot(i) for i in range(model.rowCount())]
    now = model.now()
    overdue = [r for r in rows if r.deadline_status(now) is DeadlineStatus.RED]
    reported = [r for r in rows if r.state == "reported"]
    chosen = overdue or reported or rows
    return chosen[0].id if chosen else None


def wait_until(
    condition: Callable[[], bool], seconds: float, poll: float = 0.01
) -> None:
    """Process Qt events until `condition()` holds (the screenshot renderer and
    the benchmark drive the window without an event loop of their own)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"not done within {seconds} s")
        QCoreApplication.processEvents()
        time.sleep(poll)


def _settle_until(condition: Callable[[], bool], seconds: float) -> None:
    """Process Qt events until `condition()` holds or `seconds` pass, whichever
    is first: for what may never happen (a window manager that ignores
    maximising), unlike `wait_until`."""
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def _settle(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)
