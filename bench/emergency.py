"""Emergency benchmark. Prints JSON.

    xvfb-run -a -s "-screen 0 1920x1080x24" python bench/emergency.py [--pg URL]

- `activate_to_other_screen_p95_ms` (PostgreSQL): another process runs a
  department's incident task list (its own connection, its change hub on
  LISTEN); this one activates the gas plan again and again; each figure is from
  the call to `activate` until the other process's list shows the new task.
  Beside it, `notify_floor_p95_ms`: a bare NOTIFY to LISTEN round trip between
  the same two processes' kind of connections, the floor under any of it.
- `task_update_paint_ms` (SQLite): an incident of 200 tasks and 2,000 timeline
  entries open in its command view; per task move, the GUI thread's time to
  apply the fresh read (board and timeline) and repaint them, median and p95.
  Beside it, `task_update_read_ms`: the same read on the worker thread.
- `report_pdf_s`: the incident report's PDF of that incident (with its Gantt
  chart pages); `report_xlsx_s` beside it.

See bench/README.md for the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path
from queue import Empty, Queue
from typing import Any

from sqlalchemy import create_engine, text

from commandcenter.db.database import Database
from commandcenter.services.container import Services
from commandcenter.services.demo.builder import DemoOptions, build_demo
from commandcenter.services.emergency.api import (
    Activation,
    TaskMove,
    TaskStep,
    build_incident_report,
    import_plan,
    write_incident_xlsx,
)

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BENCH_SCHEMA = "cc_bench_emergency"
ACTIVATIONS = 25
TASKS = 200
TIMELINE = 2000
UPDATES = 30
DEPARTMENTS = ("SW", "JJ", "GA", "XF", "WJ", "MZ", "RQ", "GD", "SZ", "LHSR")
AREA = (121.4376, 31.1880)


def _p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[-1], 1)


# -- the other process: a department's task list following the feed ----------------


def listen(url: str, schema: str | None) -> None:
    """Child mode: print `<open tasks> <unix time>` whenever the list changes."""
    from commandcenter.views.emergency.department_tasks import DepartmentTasks
    from commandcenter.views.shell.app import shell

    services = Services(Database(url, **_options(schema)))
    with shell(services, "zh_CN", notices=False) as (app, runner, hub):
        tasks = DepartmentTasks(services, services.auth.actor("h-xf"), runner, hub)
        tasks.counted.connect(lambda count: print(count, time.time(), flush=True))
        tasks.show()
        tasks.start()
        hub.start(services.events.newest_id())
        app.exec()


def _options(schema: str | None) -> dict[str, Any]:
    return {"connect_args": {"options": f"-csearch_path={schema}"}} if schema else {}


def bench_activation(url: str) -> dict[str, Any]:
    with _schema(url):
        services = Services(Database(url, **_options(BENCH_SCHEMA)))
        services.db.upgrade()
        build_demo(services.db, DemoOptions(small=True, days=0))
        child = subprocess.Popen(
            [sys.executable, __file__, "--listen", url, "--schema", BENCH_SCHEMA],
            stdout=subprocess.PIPE,
            text=True,
        )
        lines: Queue[tuple[int, float]] = Queue()

        def read() -> None:
            assert child.stdout is not None
            for line in child.stdout:
                count, at = line.split()
                lines.put((int(count), float(at)))

        threading.Thread(target=read, daemon=True).start()
        try:
            _wait_for(lines, 0, 60)  # the list is up and read once
            time.sleep(1.0)  # and its hub is listening
            supervisor = services.auth.actor("supervisor")
            area = services.incidents.area_around(*AREA, 300)
            latencies = []
            for index in range(1, ACTIVATIONS + 1):
                started = time.time()
                services.incidents.activate(
                    supervisor, Activation("GAS-LEAK", f"燃气泄漏 {index}", area=area)
                )
                seen = _wait_for(lines, index, 30)
                latencies.append((seen - started) * 1000)
                time.sleep(0.2)
        finally:
            child.terminate()
            child.wait(timeout=30)
            services.close()
    return {
        "activate_to_other_screen_p95_ms": _p95(latencies),
        "activate_to_other_screen_median_ms": round(statistics.median(latencies), 1),
        "notify_floor_p95_ms": _notify_floor(url),
    }


def _wait_for(lines: Queue[tuple[int, float]], count: int, seconds: float) -> float:
    deadline = time.monotonic() + seconds
    while True:
        try:
            seen, at = lines.get(timeout=max(0.01, deadline - time.monotonic()))
        except Empty:
            raise TimeoutError(
                f"the other process never showed {count} tasks"
            ) from None
        if seen >= count:
            return at


def _notify_floor(url: str) -> float:
    import psycopg

    conninfo = url.replace("postgresql+psycopg://", "postgresql://")
    listener = psycopg.connect(conninfo, autocommit=True)
    talker = psycopg.connect(conninfo, autocommit=True)
    listener.execute("LISTEN cc_bench_floor")
    latencies = []
    for _ in range(50):
        started = time.time()
        talker.execute("NOTIFY cc_bench_floor")
        next(listener.notifies(timeout=5, stop_after=1))
        latencies.append((time.time() - started) * 1000)
    listener.close()
    talker.close()
    return _p95(latencies)


class _schema:  # noqa: N801 - a context manager read as a phrase
    def __init__(self, url: str) -> None:
        self.url = url

    def __enter__(self) -> None:
        admin = create_engine(self.url)
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {BENCH_SCHEMA} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {BENCH_SCHEMA}"))
        admin.dispose()

    def __exit__(self, *_exc: object) -> None:
        admin = create_engine(self.url)
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {BENCH_SCHEMA} CASCADE"))
        admin.dispose()


# -- a big incident in its command view --------------------------------------------


def _big_plan(folder: Path) -> Path:
    """A plan whose Ⅳ gives 200 tasks to ten departments."""
    lines = [
        "code: BENCH-BIG",
        "title: 基准测试预案",
        "hazard: 基准",
        'version: "1.0"',
        "status: approved",
        "approved_on: 2026-01-01",
        "review_by: 2028-12-31",
        "levels:",
        "  IV:",
        "    triggers: [基准]",
        "    tasks:",
    ]
    for index in range(TASKS):
        department = DEPARTMENTS[index % len(DEPARTMENTS)]
        lines.append(
            f"      - {{department: {department}, task: 任务{index:03d}，到场处置, "
            f"offset_minutes: {index % 30}, target_minutes: {30 + index % 90}}}"
        )
    path = folder / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _big_incident(services: Services, folder: Path) -> int:
    supervisor = services.auth.actor("supervisor")
    operator = services.auth.actor("operator")
    import_plan(services.db, supervisor, _big_plan(folder), date.today())
    changes = services.incidents.activate(
        supervisor,
        Activation(
            "BENCH-BIG", "基准事件", area=services.incidents.area_around(*AREA, 500)
        ),
    )
    incident_id = changes.ids[next(iter(changes.ids))][0]
    detail = services.incident_queries.detail(incident_id)
    moved = 0
    for task in detail.tasks:  # half the tasks acknowledged: 100 entries
        if moved >= TASKS // 2:
            break
        services.incidents.move_task(
            supervisor, TaskStep(task.id, task.version, TaskMove.ACKNOWLEDGE)
        )
        moved += 1
    for index in range(TIMELINE - 1 - moved):
        services.incidents.log(operator, incident_id, f"现场报告 {index}")
    return incident_id


def bench_view(folder: Path) -> dict[str, Any]:
    from commandcenter.views.shell.app import shell

    db = Database(f"sqlite:///{folder / 'big.sqlite3'}")
    db.upgrade()
    build_demo(db, DemoOptions(small=True, days=0))
    services = Services(db)
    incident_id = _big_incident(services, folder)
    with shell(services, "zh_CN", notices=False) as (app, runner, hub):
        return _measure_view(services, incident_id, app, runner, hub, folder)


def _measure_view(
    services: Services,
    incident_id: int,
    app: Any,
    runner: Any,
    hub: Any,
    folder: Path,
) -> dict[str, Any]:
    from commandcenter.views.emergency.incident_report_pdf import write_incident_pdf
    from commandcenter.views.emergency.incident_view import IncidentView
    from commandcenter.views.shell.app import wait_until

    view = IncidentView(
        services,
        services.auth.actor("supervisor"),
        runner,
        hub,
        incident_id,
        lambda: None,
    )
    view.resize(1600, 1000)
    view.show()
    view.start()
    wait_until(lambda: view.detail is not None, 60)
    assert view.board.rowCount() == TASKS
    timeline_rows = view.timeline.count()
    supervisor = services.auth.actor("supervisor")
    paints, reads = [], []
    for _ in range(UPDATES):
        task = next(t for t in view.board.tasks() if t.state.value == "pending")
        services.incidents.move_task(
            supervisor, TaskStep(task.id, task.version, TaskMove.ACKNOWLEDGE)
        )
        started = time.perf_counter()
        loaded = view.read_now()
        reads.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        view.apply(loaded)
        view.tasks.table.viewport().repaint()
        view.timeline.viewport().repaint()
        paints.append((time.perf_counter() - started) * 1000)
        app.processEvents()
    view.stop()
    zone = services.calendars.get().zone
    report = build_incident_report(
        services.incident_queries, incident_id, datetime.now(UTC), zone
    )
    started = time.perf_counter()
    pages = write_incident_pdf(report, folder / "report.pdf")
    pdf_s = time.perf_counter() - started
    started = time.perf_counter()
    write_incident_xlsx(report, folder / "report.xlsx")
    xlsx_s = time.perf_counter() - started
    services.close()
    return {
        "tasks": TASKS,
        "timeline_entries": timeline_rows,
        "task_update_paint_ms": round(statistics.median(paints), 2),
        "task_update_paint_p95_ms": _p95(paints),
        "task_update_read_ms": round(statistics.median(reads), 2),
        "report_pdf_s": round(pdf_s, 2),
        "report_pdf_pages": pages,
        "report_xlsx_s": round(xlsx_s, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--pg", default=os.environ.get("COMMANDCENTER_TEST_PG", PG_DEFAULT)
    )
    parser.add_argument("--listen", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--schema", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.listen:
        listen(args.listen, args.schema)
        return
    result: dict[str, Any] = {"benchmark": "emergency", "cpu_count": os.cpu_count()}
    with tempfile.TemporaryDirectory() as folder:
        result.update(bench_view(Path(folder)))
    try:
        result.update(bench_activation(args.pg))
    except Exception as error:  # noqa: BLE001 - say "not measured", never crash
        result["activate_to_other_screen_p95_ms"] = None
        result["postgres"] = f"not measured: {error}"
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
