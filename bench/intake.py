"""Intake API benchmark on PostgreSQL. Prints JSON.

    xvfb-run -a -s "-screen 0 1920x1080x24" python bench/intake.py [--db URL]

Against the full demo district on PostgreSQL (`commandcenter demo-data --db
URL` first: about 195,000 cases and 1,000+ grids), `commandcenter api
--workers 2` on this machine, and four clients posting as an integrator
should (tests/hall.py: a connection per request, an Idempotency-Key each).

- `post_per_s`, `post_p95_ms`: 4 clients (`--clients N`) posting back to back,
  1,200 reports in all, to 2 workers (`--workers N`); the median of 3 rounds
  (`--rounds N`), each followed by the floors' runs, and the share the median
  of the rounds' shares (each listed). Beside them
  `floor_per_s`, `floor_p95_ms`: the same clients and the same uvicorn with
  as many workers against a minimal ASGI endpoint that
  inserts the same rows (a case and its event, copies of real ones) with
  SQLAlchemy Core into tables shaped as ours (every index), with no key
  check, validation, grid lookup, numbering, hash chain or roll-up. Target:
  post_per_s ≥ 0.5 × floor_per_s. `floor_bare_per_s`: the same into copies
  without an index, the floor of the runs before 2026-12-08.
- `post_to_workstation_p95_ms`: from the API's answer (201) to the case's
  row in the queue of an operator's workstation following the feed in this
  process, for 200 reports at 10 a second. Target ≤ 150 ms.
- `lost`: under faults (4 × 500 reports; an API worker killed with kill -9 at
  a quarter, PostgreSQL restarted at half): acknowledged reports not stored,
  plus reports stored twice. Must be 0. Beside it the answers lost with the
  worker and the 503s while the database was away (sent again by the
  clients), and how long PostgreSQL was away.

The floor tables are created and dropped here; the reports stay in the
database (keys named bench-*). See bench/README.md for the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.hall

from sqlalchemy import func, select, text

from commandcenter.db.database import Database
from commandcenter.models import Area, Case, IntakeReceipt
from commandcenter.models.types import AreaLevel
from commandcenter.services.container import Services
from commandcenter.services.intake.api import KeySource
from tests.hall import (
    ApiProcess,
    Posted,
    free_port,
    post_at_once,
    post_reports,
    post_through_faults,
    serving,
    start_api,
)

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/cc_bench"
CATEGORY = "E0106"  # 道路遗撒 (road spillage): a common report
CLIENTS = 4
SUSTAINED = 1200
"""Reports in the sustained run, shared among its clients."""
FOLLOWED = 200
FAULTED = 500
FLOOR_ENV = "COMMANDCENTER_BENCH_FLOOR_DB"


# -- the floor: the same rows, nothing else ---------------------------------------


def floor_app() -> Any:
    """A minimal ASGI endpoint (uvicorn factory): the form read, one case row
    and one event row inserted with SQLAlchemy Core in one transaction, the
    spec's answer. No key, no validation, no grid lookup, no chain."""
    from sqlalchemy import create_engine
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    engine = create_engine(os.environ[FLOOR_ENV], pool_pre_ping=True)
    with engine.connect() as connection:
        case = dict(
            connection.execute(text("SELECT * FROM cases ORDER BY id DESC LIMIT 1"))
            .mappings()
            .one()
        )
        event = dict(
            connection.execute(text("SELECT * FROM events ORDER BY id DESC LIMIT 1"))
            .mappings()
            .one()
        )
    case_insert = text(
        f"INSERT INTO floor_cases ({', '.join(case)}) "
        f"VALUES ({', '.join(':' + c for c in case)})"
    )
    event_insert = text(
        f"INSERT INTO floor_events ({', '.join(event)}) "
        f"VALUES ({', '.join(':' + c for c in event)})"
    )
    counter = iter(range(1, 10**9))

    async def post(request: Request) -> Response:
        form = await request.form()
        n = next(counter) + (os.getpid() % 200) * 10**7  # no key: apart is enough
        number = f"F{n}"
        with engine.begin() as connection:
            connection.execute(
                case_insert,
                {
                    **case,
                    "id": n,
                    "number": number,
                    "description": str(form["description"]),
                    "lat": float(str(form["lat"])),
                    "lon": float(str(form["long"])),
                },
            )
            connection.execute(event_insert, {**event, "id": n, "entity_id": n})
        body = [{"service_request_id": number, "service_notice": None}]
        return Response(json.dumps(body), 201, media_type="application/json")

    async def services(_request: Request) -> Response:
        return Response("[]", media_type="application/json")

    return Starlette(
        routes=[
            Route("/open311/v2/requests.json", post, methods=["POST"]),
            Route("/open311/v2/services.json", services),
        ]
    )


def start_floor(url: str, log: Path, workers: int) -> ApiProcess:
    import subprocess

    port = free_port()
    env = {**os.environ, FLOOR_ENV: url}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "intake:floor_app",
            "--app-dir",
            str(Path(__file__).parent),
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    return serving(ApiProcess(process, port), log, workers=workers)


# -- load -------------------------------------------------------------------------


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def _load(
    base: str,
    keys: list[str],
    prefix: str,
    places: list[tuple[float, float]],
    each: int,
) -> tuple[list[Posted], float]:
    started = time.perf_counter()
    posted = post_at_once(base, keys, prefix, places, each, CATEGORY)
    return posted, time.perf_counter() - started


def _throughput(posted: list[Posted], seconds: float) -> tuple[float, float]:
    refused = [r for p in posted for r in p.refused]
    if refused:
        raise RuntimeError(f"{len(refused)} refused, the first: {refused[0]}")
    count = sum(len(p.acknowledged) for p in posted)
    latencies = [ms for p in posted for ms in p.latencies_ms]
    return round(count / seconds, 1), _p(latencies, 0.95)


def _places(db: Database) -> list[tuple[float, float]]:
    import shapely

    with db.read() as session:
        grids = session.execute(
            select(Area.geometry)
            .where(Area.level == AreaLevel.GRID.value)
            .order_by(Area.code)
            .limit(64)
        ).scalars()
        points = [shapely.from_geojson(g).representative_point() for g in grids]
    return [(p.y, p.x) for p in points]


FLOOR_TABLES = {
    "floor": "(LIKE {table} INCLUDING ALL)",
    "floor_bare": "AS SELECT * FROM {table} WITH NO DATA",
}
"""The floor's tables: shaped as ours (columns, defaults and every index:
the cases table has 17), and bare copies without an index (the floor of the
runs before 2026-12-08)."""


ROUNDS = 3
"""Sustained rounds, each ours then the floors: the machine's speed drifts by
the minute (a floor measured 540 and 800 a second ten minutes apart), so
each round's share is of runs a minute apart, and the medians are reported."""


def sustained(
    url: str, keys: list[str], places: Any, folder: Path, workers: int, rounds: int
) -> dict[str, Any]:
    runs: dict[str, list[tuple[float, float]]] = {"post": []}
    runs.update((name, []) for name in FLOOR_TABLES)
    stamp = time.time_ns()  # retry tokens never sent before: each files anew
    for n in range(rounds):
        api = start_api(url, folder / "api.log", workers=workers)
        try:
            _load(api.base, keys, f"warm{stamp}-{n}-", places, 20)
            each = SUSTAINED // len(keys)
            posted = _load(api.base, keys, f"s{stamp}-{n}-", places, each)
            runs["post"].append(_throughput(*posted))
        finally:
            api.stop()
        for name, shape in FLOOR_TABLES.items():
            runs[name].append(_floor(url, keys, places, folder, workers, shape))
    result: dict[str, Any] = {"rounds": rounds}
    for name, measured in runs.items():
        result[f"{name}_per_s"] = statistics.median(rate for rate, _p95 in measured)
        result[f"{name}_p95_ms"] = statistics.median(p95 for _rate, p95 in measured)
    for name, key in (
        ("floor", "post_share_of_floor"),
        ("floor_bare", "post_share_of_bare_floor"),
    ):
        shares = [
            ours[0] / floor[0]
            for ours, floor in zip(runs["post"], runs[name], strict=True)
        ]
        result[key] = round(statistics.median(shares), 2)
        result[f"{key}_each"] = [round(share, 2) for share in shares]
    return result


def _floor(
    url: str, keys: list[str], places: Any, folder: Path, workers: int, shape: str
) -> tuple[float, float]:
    """The floor's rate and p95 with its tables made as `shape` says."""
    db = Database(url)
    with db.engine.begin() as connection:
        for table in ("cases", "events"):
            connection.execute(text(f"DROP TABLE IF EXISTS floor_{table}"))
            created = shape.format(table=table)
            connection.execute(text(f"CREATE TABLE floor_{table} {created}"))
    floor = start_floor(url, folder / "floor.log", workers)
    try:
        _load(floor.base, keys, "fwarm", places, 20)
        posted, seconds = _load(floor.base, keys, "f", places, SUSTAINED // len(keys))
    finally:
        floor.stop()
        with db.engine.begin() as connection:
            for table in ("cases", "events"):
                connection.execute(text(f"DROP TABLE floor_{table}"))
        db.dispose()
    return _throughput(posted, seconds)


def to_workstation(url: str, key: str, places: Any, folder: Path) -> dict[str, Any]:
    """The API's answer → the row in a following operator's queue."""
    from PySide6.QtCore import QModelIndex, QSettings

    from commandcenter.views.shell.app import shell, wait_until
    from commandcenter.views.shell.workstation import Workstation

    services = Services(Database(url))
    arrived: dict[str, float] = {}
    api = start_api(url, folder / "api.log", workers=2)
    try:
        with shell(services, "zh_CN", notices=False) as (app, runner, hub):
            settings = QSettings(str(folder / "w.ini"), QSettings.Format.IniFormat)
            window = Workstation(
                services, services.auth.actor("operator"), runner, hub, settings
            )
            window.resize(1600, 1000)
            window.show()
            window.start()
            wait_until(lambda: window.queue.model.rowCount() > 0, 120)
            model = window.queue.model

            def inserted(_parent: QModelIndex, first: int, last: int) -> None:
                now = time.monotonic()
                for row in range(first, last + 1):
                    arrived.setdefault(model.snapshot(row).number, now)

            model.rowsInserted.connect(inserted)
            paced: list[Posted] = []

            def pace(_n: int) -> None:
                time.sleep(0.1)  # 10 a second

            sender = threading.Thread(
                target=lambda: paced.append(
                    post_reports(
                        api.base,
                        key,
                        f"w{time.time_ns()}",
                        places,
                        FOLLOWED,
                        CATEGORY,
                        after_each=pace,
                    )
                )
            )
            sender.start()
            while sender.is_alive():
                app.processEvents()
                time.sleep(0.002)
            end = time.monotonic() + 5
            while time.monotonic() < end and len(arrived) < FOLLOWED:
                app.processEvents()
                time.sleep(0.002)
            window.close()
    finally:
        api.stop()
        services.close()
    (posted,) = paced
    delays = [
        (arrived[number] - posted.answered_at[token]) * 1000
        for token, number in posted.acknowledged.items()
        if number in arrived
    ]
    return {
        "followed": len(posted.acknowledged),
        "followed_arrived": len(delays),
        "post_to_workstation_p50_ms": _p(delays, 0.5),
        "post_to_workstation_p95_ms": _p(delays, 0.95),
    }


def faulted(url: str, keys: list[str], places: Any, folder: Path) -> dict[str, Any]:
    """The fault test's sequence, counted."""
    api = start_api(url, folder / "api.log", workers=2)
    prefix = f"x{time.time_ns()}-"
    try:
        posted, faults = post_through_faults(
            api, keys, prefix, places, FAULTED, CATEGORY
        )
    finally:
        api.stop()
    acknowledged = {t: n for p in posted for t, n in p.acknowledged.items()}
    db = Database(url)
    with db.read() as session:
        stored = dict(
            session.execute(
                select(IntakeReceipt.token, Case.number)
                .join(Case, Case.id == IntakeReceipt.case_id)
                .where(IntakeReceipt.token.like(f"{prefix}%"))
            ).all()
        )
        twice = session.execute(
            select(func.count()).select_from(
                select(Case.description)
                .where(Case.description.like(f"接口上报 {prefix}%"))
                .group_by(Case.description)
                .having(func.count() > 1)
                .subquery()
            )
        ).scalar_one()
    db.dispose()
    missing = sum(1 for t, n in acknowledged.items() if stored.get(t) != n)
    return {
        "faulted_acknowledged": len(acknowledged),
        "faulted_stored": len(stored),
        "lost": missing + twice,
        "answers_lost_with_the_worker": sum(p.lost_answers for p in posted),
        "answered_503_while_away": sum(p.unavailable for p in posted),
        "postgres_away_s": round(faults.postgres_away_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default=DEFAULT_URL, help="a full demo on PostgreSQL")
    parser.add_argument(
        "--clients",
        type=int,
        default=CLIENTS,
        help="clients posting at once in the sustained run (ours and the floor's)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="worker processes in the sustained run (ours and the floor's)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=ROUNDS,
        help="sustained rounds (ours, then the floors), reported as medians",
    )
    args = parser.parse_args()
    db = Database(args.db)
    services = Services(db)
    stamp = time.strftime("%Y%m%d%H%M%S")
    keys = [
        services.api_keys.add(f"bench-{stamp}-{n}", KeySource.GRID_WORKER, "gridworker")
        for n in range(max(args.clients, CLIENTS))
    ]
    places = _places(db)
    with db.read() as session:
        cases = session.execute(select(func.count()).select_from(Case)).scalar_one()
    services.close()
    db.dispose()
    result: dict[str, Any] = {
        "cases_before": cases,
        "clients": args.clients,
        "workers": args.workers,
    }
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        result.update(
            sustained(
                args.db, keys[: args.clients], places, work, args.workers, args.rounds
            )
        )
        result.update(to_workstation(args.db, keys[0], places, work))
        result.update(faulted(args.db, keys[:CLIENTS], places, work))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
