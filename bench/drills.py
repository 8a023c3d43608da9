"""Drill benchmark. Prints JSON.

    xvfb-run -a -s "-screen 0 1920x1080x24" python bench/drills.py [--db FILE]

A scenario of 500 injects (one every 12 s of drill time, a third of them new
cases with an expected registration, the rest messages, alarms and orders)
runs at ×60 in a child process, the headless runner sending each inject on
its clock (`commandcenter drills run --headless` does the same), against the
full demo district (SQLite, WAL; about 195,000 cases, 1,000+ grids). This
process meanwhile runs two operator workstations following the feed.

- `inject_lateness_p99_ms`: wall milliseconds from an inject's due time to the
  runner starting to send it (p50 and p99; the drill time it is late by is
  60 times that). Beside it `sleep_floor_p99_ms`: the same child's lateness
  sleeping to the same schedule without sending anything (the timer floor).
- `gui_stall_p99_ms`: how late this process's GUI thread answered a 5 ms
  timer while the drill ran (both workstations share it: the worse case of
  two screens in one process). Beside it `idle_gui_stall_p99_ms`: the same
  windows, the same time, no drill.
- `aar_build_s`: the after-action report of the finished drill built from its
  log (expectations matched, ratings, objectives, timeline); beside it
  `aar_pdf_s`, `aar_xlsx_s` and `event_read_floor_s`, a bare read of every
  event since the drill began (the floor under any report of them).

See bench/README.md for the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from commandcenter.db.database import Database
from commandcenter.models import Area, Event
from commandcenter.models.types import AreaLevel
from commandcenter.services.container import Services
from commandcenter.services.demo.builder import DemoOptions, build_demo
from commandcenter.services.drills.api import (
    DrillRunner,
    Mode,
    ScenarioFile,
    build_after_action,
    write_after_action_xlsx,
)

INJECTS = 500
SPACING_S = 12
SPEED = 60
CATEGORIES = ("E0404", "C0101", "E0403")


def scenario(db: Database) -> ScenarioFile:
    """500 injects at 12 s of drill time apart over the district's grids."""
    with db.read() as session:
        grids = session.execute(
            select(Area.centroid_lon, Area.centroid_lat)
            .where(Area.level == AreaLevel.GRID.value)
            .order_by(Area.code)
        ).all()
    channels = ("message", "sensor_alarm", "order")
    injects: list[dict[str, Any]] = []
    for n in range(INJECTS):
        seconds = n * SPACING_S
        inject: dict[str, Any] = {
            "id": f"I{n:03d}",
            "title": f"注入 {n}",
            "at": f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}",
        }
        if n % 3 == 0:
            lon, lat = grids[(n * 7) % len(grids)]
            inject["channel"] = "new_case"
            inject["case"] = {
                "category": CATEGORIES[n % len(CATEGORIES)],
                "place": {"lon": lon, "lat": lat, "address": f"演练地点 {n}"},
                "text": f"演练案件 {n}",
            }
            inject["expect"] = [
                {
                    "id": f"E{n:03d}",
                    "who": "operator",
                    "action": "case.register",
                    "within_minutes": 5,
                    "objective": "O1",
                }
            ]
        else:
            channel = channels[n % len(channels)]
            inject["channel"] = channel
            inject["text"] = f"演练消息 {n}"
            if channel == "message":
                inject["to"] = "值班长"
        injects.append(inject)
    return ScenarioFile.model_validate(
        {
            "id": "BENCH-500",
            "title": "五百条注入压力演练",
            "plan": "FLOOD-TYPHOON",
            "level": "IV",
            "description": "基准测试：每 12 秒一条注入。",
            "duration_minutes": INJECTS * SPACING_S // 60 + 1,
            "objectives": [{"id": "O1", "text": "及时立案", "indicator": "分钟"}],
            "injects": injects,
        }
    )


def run_child(url: str, path: Path, floor: bool) -> None:
    """The runner (or, with `floor`, its sleep alone) in its own process;
    prints the lateness of each inject in wall ms as JSON."""
    loaded = ScenarioFile.model_validate_json(path.read_text("utf-8"))
    if floor:
        start = time.monotonic()
        late = []
        for n in range(len(loaded.injects)):
            due = start + n * SPACING_S / SPEED
            time.sleep(max(0.0, due - time.monotonic()))
            late.append((time.monotonic() - due) * 1000)
        print(json.dumps({"lateness_ms": late}))
        return
    services = Services(Database(url))
    supervisor = services.auth.actor("supervisor")
    runner = DrillRunner.start(
        services.drills,
        services.db,
        supervisor,
        loaded,
        Mode.ANNOUNCED,
        services.clock,
        SPEED,
    )
    runner.run()
    late = [seconds * 1000 / SPEED for seconds in runner.lateness.values()]
    print(json.dumps({"drill": runner.drill_id, "lateness_ms": late}))
    services.close()


def _child(url: str, path: Path, floor: bool) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, __file__, "--child", url, str(path)]
        + (["--floor"] if floor else []),
        stdout=subprocess.PIPE,
        text=True,
    )


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2)


def bench(url: str, folder: Path) -> dict[str, Any]:
    from PySide6.QtCore import QSettings

    from commandcenter.views.kernel.stall_meter import StallMeter
    from commandcenter.views.shell.app import shell, wait_until
    from commandcenter.views.shell.workstation import Workstation

    db = Database(url)
    planned = scenario(db)
    path = folder / "bench-500.json"
    path.write_text(planned.model_dump_json(), encoding="utf-8")
    services = [Services(Database(url)) for _ in range(2)]
    result: dict[str, Any] = {"injects": INJECTS, "speed": SPEED}
    with shell(services[0], "zh_CN", notices=False) as (app, runner, hub):
        from commandcenter.views.kernel.change_hub import ChangeHub
        from commandcenter.views.kernel.task_runner import TaskRunner

        windows = []
        extra = []
        for index, opened in enumerate(services):
            own_runner = runner if index == 0 else TaskRunner()
            own_hub = hub if index == 0 else ChangeHub(opened, own_runner)
            if index:
                extra.append((own_runner, own_hub))
            settings = QSettings(
                str(folder / f"w{index}.ini"), QSettings.Format.IniFormat
            )
            window = Workstation(
                opened,
                opened.auth.actor("operator"),
                own_runner,
                own_hub,
                settings,
            )
            window.resize(1600, 1000)
            window.show()
            window.start()
            windows.append(window)
        wait_until(
            lambda: all(
                w.map.is_ready and w.queue.model.rowCount() > 0 for w in windows
            ),
            120,
        )
        duration = INJECTS * SPACING_S / SPEED
        meter = StallMeter()
        meter.start()
        floor_child = _child(url, path, floor=True)
        _pump(app, duration + 1)
        meter.stop()
        idle = list(meter.stalls_ms)
        floor = json.loads(floor_child.communicate()[0])["lateness_ms"]
        meter.start()
        child = _child(url, path, floor=False)
        shown = 0  # the most drill cases a following drill tab listed
        while child.poll() is None:
            _pump(app, 0.2)
            shown = max([shown, *(len(w.drills.tab.row_ids) for w in windows)])
        meter.stop()
        busy = list(meter.stalls_ms)
        out = json.loads(child.communicate()[0])
        for window in windows:
            window.close()
        for own_runner, own_hub in extra:
            own_hub.stop()
            own_runner.shutdown()
        late = out["lateness_ms"]
        result.update(
            {
                "injects_sent": len(late),
                "inject_lateness_p50_ms": _p(late, 0.5),
                "inject_lateness_p99_ms": _p(late, 0.99),
                "inject_lateness_p99_drill_ms": round(_p(late, 0.99) * SPEED, 1),
                "sleep_floor_p99_ms": _p(floor, 0.99),
                "gui_stall_p99_ms": _p(busy, 0.99),
                "gui_stall_max_ms": round(max(busy), 1),
                "idle_gui_stall_p99_ms": _p(idle, 0.99),
                "drill_cases_in_the_drill_tab_max": shown,
            }
        )
        result.update(_report(url, out["drill"], folder))
    for opened in services:
        opened.close()
    db.dispose()
    return result


def _report(url: str, drill_id: int, folder: Path) -> dict[str, Any]:
    from commandcenter.views.drills.after_action_pdf import write_after_action_pdf

    services = Services(Database(url))
    zone = services.calendars.get().zone
    started = time.perf_counter()
    with services.db.read() as session:
        first = session.execute(
            select(Event.id).where(
                Event.entity == "drill",
                Event.entity_id == drill_id,
                Event.kind == "drill.start",
            )
        ).scalar_one()
        session.execute(  # every event since the drill began: its own and more
            select(Event.id, Event.at, Event.kind, Event.payload)
            .where(Event.id >= first)
            .order_by(Event.id)
        ).all()
    floor_s = time.perf_counter() - started
    started = time.perf_counter()
    with services.db.read() as session:
        report = build_after_action(session, drill_id, zone, services.clock())
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    pages = write_after_action_pdf(report, folder / "aar.pdf")
    pdf_s = time.perf_counter() - started
    started = time.perf_counter()
    write_after_action_xlsx(report, folder / "aar.xlsx")
    xlsx_s = time.perf_counter() - started
    services.close()
    return {
        "aar_build_s": round(build_s, 3),
        "aar_timeline_rows": len(report.timeline),
        "aar_expected_actions": len(report.actions),
        "event_read_floor_s": round(floor_s, 3),
        "aar_pdf_s": round(pdf_s, 2),
        "aar_pdf_pages": pages,
        "aar_xlsx_s": round(xlsx_s, 2),
    }


def _pump(app: Any, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="a demo SQLite file to reuse (built if absent)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child[0], Path(args.child[1]), args.floor)
        return
    with tempfile.TemporaryDirectory() as folder:
        file = Path(args.db) if args.db else Path(folder) / "bench.sqlite3"
        url = f"sqlite:///{file}"
        db = Database(url)
        db.upgrade()
        if db.is_empty():
            build_demo(db, DemoOptions(seed=1))
        db.dispose()
        result: dict[str, Any] = {"benchmark": "drills", "cpu_count": os.cpu_count()}
        result.update(bench(url, Path(folder)))
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
