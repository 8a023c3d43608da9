"""Workstation benchmark on the full demo (~200,000 cases). Prints JSON.

    xvfb-run -a -s "-screen 0 1920x1080x24" python bench/workstation.py [--db URL]

Without --db it builds the Xuhui demo (180 days, ~200,000 cases) into a temporary
SQLite file first (about a minute). Needs an X display (QtWebEngine). See
bench/README.md for the keys and targets.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QSettings
from sqlalchemy import func, select

from commandcenter.db.database import Database
from commandcenter.models import Area, Case
from commandcenter.models.types import AreaLevel, Source
from commandcenter.services.cases.map_layers import MapLayers
from commandcenter.services.cases.reporting import NewCase
from commandcenter.services.container import Services
from commandcenter.services.demo.builder import DemoOptions, build_demo
from commandcenter.services.kernel.events import EntityKind
from commandcenter.views.cases.case_queue_filter_model import QueueFilter, QueueTab
from commandcenter.views.map.map_page import build_map_page
from commandcenter.views.map.map_view import MapView
from commandcenter.views.shell.app import shell, wait_until
from commandcenter.views.shell.workstation import Workstation

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication

    from commandcenter.views.cases.case_queue_table_model import CaseQueueTableModel
    from commandcenter.views.kernel.change_hub import ChangeHub
    from commandcenter.views.kernel.task_runner import TaskRunner

UPDATES = 30
REBUILDS = 3
PER_DAY = 1125.0  # 180 days of this: ~200,000 cases
WEEK_DAYS = 8  # the first fills the desk to its steady size; then a week
WEEK_PER_DAY = 3000  # a large district's day (PRODUCT §1)
MINOR_CATEGORY = "E0203"  # 占道广告牌: an operator may handle it on the spot


class _Clock:
    """The services' clock: real time, plus the simulated days of the week."""

    def __init__(self) -> None:
        self.skipped = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.skipped


def _wait(condition: Callable[[], bool], seconds: float) -> None:
    """Poll finely: a 10 ms sleep would show up in the latencies measured."""
    wait_until(condition, seconds, poll=0.0005)


def _ask(app: QApplication, view: MapView, what: str, **args: Any) -> Any:
    replies: list[Any] = []
    view.query(what, replies.append, **args)
    _wait(lambda: bool(replies), 30)
    return replies[0]


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _database(url: str | None) -> Database:
    if url:
        db = Database(url)
        db.upgrade()
        return db
    path = Path(tempfile.mkdtemp(prefix="cc-bench-")) / "demo.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    print(f"building the demo into {path} …", file=sys.stderr, flush=True)
    build_demo(db, DemoOptions(per_day=PER_DAY))
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="an existing demo database (default: build one)")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        sys.exit("needs an X display: run it under xvfb-run (see the docstring)")
    db = _database(args.db)
    clock = _Clock()
    services = Services(db, clock)
    results: dict[str, Any] = {"benchmark": "workstation", "cpu_count": os.cpu_count()}
    results["cases"] = _count(db)

    started = time.perf_counter()
    with shell(services, None) as (app, runner, hub):
        window = _measure(db, services, results, started, app, runner, hub)
        _week(db, clock, window, hub, results)
        window.close()
        runner.shutdown()
        shiboken6.delete(window)
    services.close()
    print(json.dumps(results))


def _measure(
    db: Database,
    services: Services,
    results: dict[str, Any],
    started: float,
    app: QApplication,
    runner: TaskRunner,
    hub: ChangeHub,
) -> Workstation:
    operator = services.auth.actor("operator")
    settings_file = Path(tempfile.mkdtemp(prefix="cc-bench-")) / "settings.ini"
    window = Workstation(
        services,
        operator,
        runner,
        hub,
        QSettings(str(settings_file), QSettings.Format.IniFormat),
    )
    window.resize(1920, 1080)
    window.show()
    loaded: list[float] = []
    window.loaded.connect(lambda: loaded.append(time.perf_counter()))
    page_started = time.perf_counter()
    window.start()
    _wait(lambda: bool(loaded), 120)
    summary = _ask(app, window.map, "summary")  # the markers are in the page
    usable = time.perf_counter()
    results["startup_s"] = round(usable - started, 3)
    results["map_first_render_s"] = round(usable - page_started, 3)
    results["queue_rows"] = window.queue.model.rowCount()
    results["map_grids"] = summary["grids"]
    results["map_markers"] = summary["markers"]

    # one case, as the operator does it: the service call on the window's task
    # runner -> snapshot -> bridge -> marker in the page
    centres = _grid_centres(db, 2 * UPDATES)
    own, own_trips = _updates(
        app, window, centres[:UPDATES], runner=runner, services=services
    )
    results["marker_update_ms"] = round(statistics.median(own), 2)
    results["marker_update_p95_ms"] = round(statistics.quantiles(own, n=20)[18], 2)
    results["marker_update_roundtrip_ms"] = round(statistics.median(own_trips), 2)
    # one case reported by another connection: the change feed carries it
    other = Services(Database(str(db.url)))
    fed, _ = _updates(app, window, centres[UPDATES:], runner=None, services=other)
    other.close()
    results["marker_update_feed_ms"] = round(statistics.median(fed), 2)
    results["marker_update_feed_p95_ms"] = round(statistics.quantiles(fed, n=20)[18], 2)

    # the naive alternative: rebuild the folium page with the change and reload it
    rebuilds = []
    page_dir = Path(tempfile.mkdtemp(prefix="cc-bench-page-"))
    for index in range(REBUILDS):
        view = MapView()
        view.resize(1400, 700)
        view.show()
        t0 = time.perf_counter()
        path = page_dir / f"map{index}.html"
        path.write_text(build_map_page(MapLayers(db)), encoding="utf-8")
        view.load_page(path)
        _wait(partial(getattr, view, "is_ready"), 120)
        _ask(app, view, "summary")
        rebuilds.append((time.perf_counter() - t0) * 1000)
        view.close()
        view.deleteLater()
    results["page_rebuild_ms"] = round(statistics.median(rebuilds), 1)
    results["rebuild_vs_update"] = round(
        results["page_rebuild_ms"] / results["marker_update_ms"], 1
    )

    # queue filters: tab switches, a street, free text (synchronous in the proxy)
    proxy = window.queue.proxy
    model = window.queue.model
    street = model.snapshot(0).street_name if model.rowCount() else None
    filters = [
        QueueFilter(tab=QueueTab.HANDLING),
        QueueFilter(tab=QueueTab.ALL, text="小广告"),
        QueueFilter(tab=QueueTab.OVERDUE),
        QueueFilter(tab=QueueTab.ALL, street=street),
        QueueFilter(tab=QueueTab.REPORTED, text="路"),
    ] * 4
    timings = []
    for queue_filter in filters:
        t0 = time.perf_counter()
        proxy.set_filter(queue_filter)
        timings.append((time.perf_counter() - t0) * 1000)
    results["queue_filter_ms"] = round(statistics.median(timings), 2)
    results["queue_filter_max_ms"] = round(max(timings), 2)

    pid = os.getpid()
    results["rss_mb"] = round(_rss_mb(pid), 1)
    results["rss_with_webengine_mb"] = round(
        results["rss_mb"] + sum(_rss_mb(child) for child in _descendants(pid)), 1
    )
    return window


def _week(
    db: Database,
    clock: _Clock,
    window: Workstation,
    hub: ChangeHub,
    results: dict[str, Any],
) -> None:
    """A week of a large district's feed into the open window, a simulated day
    at a time: each day 3,000 reports come in through another connection, and
    the day before's are handled on the spot or voided. After the first day the
    desk holds today's open cases and the last day's ended ones; a week later
    it should hold as many, and memory should not have grown either."""
    other = Services(Database(str(db.url)), clock)
    operator = other.auth.actor("operator")
    places = _grid_centres(db, 500)
    yesterday: list[int] = []
    rows: list[int] = []
    rss: list[float] = []
    for day in range(WEEK_DAYS):
        today: list[int] = []
        for start in range(0, WEEK_PER_DAY, 500):
            news = [
                NewCase(
                    category_code=MINOR_CATEGORY,
                    source=Source.HOTLINE,
                    description="基准测试：人行道摆放广告牌",
                    lon=places[(start + i) % len(places)][0],
                    lat=places[(start + i) % len(places)][1],
                )
                for i in range(500)
            ]
            today += other.cases.report_many(operator, news).ids[EntityKind.CASE]
        for index, case_id in enumerate(yesterday):
            version = other.queries.get(case_id).version
            if index % 2:
                other.cases.void(operator, case_id, version, "重复上报")
            else:
                other.cases.self_handle(operator, case_id, version, "已现场处置")
        _wait(partial(_caught_up, hub, other.events.newest_id()), 300)
        window.runner.wait_until_idle(300)
        window.tidy_desk()
        rows.append(window.queue.model.rowCount())
        rss.append(_rss_mb(os.getpid()))
        print(f"  day {day + 1}: {rows[-1]} rows", file=sys.stderr, flush=True)
        clock.skipped += timedelta(days=1)
        yesterday = today
    other.close()
    # the start is the end of the first day: the desk then holds a steady
    # day's open and ended cases (the day before it had only the demo's)
    results["desk_rows_by_day"] = rows
    results["rss_by_day_mb"] = [round(mb, 1) for mb in rss]
    results["desk_rows_start"] = rows[1]
    results["desk_rows_after_week"] = rows[-1]
    results["desk_rows_growth_pct"] = round((rows[-1] / rows[1] - 1) * 100, 1)
    results["rss_start_mb"] = round(rss[1], 1)
    results["rss_after_week_mb"] = round(rss[-1], 1)
    results["rss_growth_pct"] = round((rss[-1] / rss[1] - 1) * 100, 1)


def _updates(
    app: QApplication,
    window: Workstation,
    centres: list[tuple[float, float]],
    runner: TaskRunner | None,
    services: Services,
) -> tuple[list[float], list[float]]:
    """ms from a report's service call to its marker drawn in the page (the
    page's own clock), and to the page's answer back in Python."""
    operator = services.auth.actor("operator")
    in_page: list[float] = []
    round_trips: list[float] = []
    for lon, lat in centres:
        report = NewCase(
            category_code="E0201",
            source=Source.HOTLINE,
            description="基准测试：墙面张贴小广告",
            lon=lon,
            lat=lat,
        )
        work = partial(services.cases.report, operator, report)
        t0 = time.perf_counter()
        called_at = time.time() * 1000  # the page stamps in epoch ms too
        case_id = (
            work().ids[EntityKind.CASE][0]
            if runner is None
            else _on_runner(app, runner, work)
        )
        # the window applies a snapshot to the queue and the map together, and
        # the bridge is ordered: once the queue has the row, the next query is
        # answered after the marker operation has run in the page
        model = window.queue.model
        _wait(partial(_has_row, model, case_id), 30)
        shown = _ask(app, window.map, "marker", id=case_id)
        if shown is None:
            raise AssertionError(f"case {case_id} is not on the map")
        in_page.append(shown["appliedAt"] - called_at)
        round_trips.append((time.perf_counter() - t0) * 1000)
    return in_page, round_trips


def _caught_up(hub: ChangeHub, newest: int) -> bool:
    return hub.fed_up_to >= newest


def _has_row(model: CaseQueueTableModel, case_id: int) -> bool:
    return model.row_of(case_id) is not None


def _on_runner(app: QApplication, runner: TaskRunner, work: Callable[[], Any]) -> int:
    """Report through the window's task runner, as the new-case dialog does."""
    ids: list[int] = []
    runner.mutate(
        "report", work, lambda changes: ids.append(changes.ids[EntityKind.CASE][0])
    )
    _wait(lambda: bool(ids), 30)
    return ids[0]


def _grid_centres(db: Database, count: int) -> list[tuple[float, float]]:
    """Label points of `count` grids spread over the district."""
    with db.read() as session:
        rows = session.execute(
            select(Area.centroid_lon, Area.centroid_lat)
            .where(Area.level == AreaLevel.GRID.value)
            .order_by(Area.code)
        ).all()
    step = max(1, len(rows) // count)
    return [(row[0], row[1]) for row in rows[::step][:count]]


def _count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count(Case.id))).scalar_one())


if __name__ == "__main__":
    main()
