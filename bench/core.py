"""Core benchmark: ingest, point→grid lookup, change-feed latency. Prints JSON.

    python bench/core.py [--pg URL] [--cases N]

Runs on the full demo territory (~5,700 unit grids; no case history needed for
these measurements) in a temporary SQLite file and, if reachable, a scratch
schema of the PostgreSQL `test` database. See bench/README.md for the keys.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import create_engine, insert, select, text

from commandcenter.db.database import Database
from commandcenter.models import Case, Event
from commandcenter.models.types import Source
from commandcenter.services.cases.reporting import NewCase
from commandcenter.services.container import Services
from commandcenter.services.demo.builder import DemoOptions, build_demo
from commandcenter.services.kernel.feed import Feed

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BENCH_SCHEMA = "cc_bench"
FEED_SAMPLES = 200


def _points(services: Services, count: int, seed: int) -> list[tuple[float, float]]:
    """Random points inside the district (rejection sampling on its grids)."""
    rng = np.random.default_rng(seed)
    found: list[tuple[float, float]] = []
    while len(found) < count:
        xs = rng.uniform(121.39, 121.48, count)
        ys = rng.uniform(31.11, 31.23, count)
        grids = services.territory.locate_many(xs.tolist(), ys.tolist())
        found += [
            (float(x), float(y)) for x, y, g in zip(xs, ys, grids, strict=True) if g
        ]
    return found[:count]


def _reports(points: list[tuple[float, float]]) -> list[NewCase]:
    return [
        NewCase(
            category_code="E0201",
            source=Source.PATROL,
            description="墙面张贴小广告",
            lon=lon,
            lat=lat,
            address="基准测试路1号",
        )
        for lon, lat in points
    ]


def bench_ingest(services: Services, count: int) -> dict[str, float]:
    """Domain ingest (batched, one by one) beside raw Core inserts of the same rows."""
    operator = services.auth.actor("operator")
    points = _points(services, count * 2, seed=11)
    batched = _reports(points[:count])
    started = time.perf_counter()
    for start in range(0, count, 500):
        services.cases.report_many(operator, batched[start : start + 500])
    batched_rate = count / (time.perf_counter() - started)
    single = _reports(points[count : count + count // 5])
    started = time.perf_counter()
    for new in single:
        services.cases.report(operator, new)
    single_rate = len(single) / (time.perf_counter() - started)
    raw_rate = _raw_insert_rate(services.db, count)
    return {
        "ingest_batched_per_s": round(batched_rate, 1),
        "ingest_single_per_s": round(single_rate, 1),
        "ingest_raw_per_s": round(raw_rate, 1),
        "ingest_batched_vs_raw": round(batched_rate / raw_rate, 3),
    }


def _raw_insert_rate(db: Database, count: int) -> float:
    """Insert copies of the first `count` cases and their events with plain Core
    `insert()`, in batches of 500 like the domain, in a transaction rolled back."""
    with db.read() as session:
        cases = [
            {
                c.name: getattr(row, c.name)
                for c in Case.__table__.columns
                if c.name != "id"
            }
            for row in session.execute(
                select(Case).order_by(Case.id).limit(count)
            ).scalars()
        ]
        events = [
            {
                c.name: getattr(row, c.name)
                for c in Event.__table__.columns
                if c.name != "id"
            }
            for row in session.execute(
                select(Event)
                .where(Event.kind == "case.report")
                .order_by(Event.id)
                .limit(count)
            ).scalars()
        ]
    for row in cases:
        row["number"] = "R" + row["number"]
    with db.write() as session:
        connection = session.connection()
        started = time.perf_counter()
        for start in range(0, count, 500):
            connection.execute(insert(Case), cases[start : start + 500])
            connection.execute(insert(Event), events[start : start + 500])
        elapsed = time.perf_counter() - started
        session.rollback()
    return count / elapsed


def bench_lookup(services: Services) -> dict[str, float]:
    points = _points(services, 50_000, seed=5)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    started = time.perf_counter()
    for start in range(0, len(points), 10_000):
        services.territory.locate_many(
            lons[start : start + 10_000], lats[start : start + 10_000]
        )
    batched = len(points) / (time.perf_counter() - started)
    started = time.perf_counter()
    for lon, lat in points[:5000]:
        services.territory.locate(lon, lat)
    single = 5000 / (time.perf_counter() - started)
    return {
        "lookup_grids": float(len(services.territory)),
        "lookup_per_s": round(batched, 0),
        "lookup_single_per_s": round(single, 0),
    }


def _feed_listener(
    url: str, engine_options: dict[str, Any], start_id: int, queue: Any
) -> None:
    """In another process: tail the feed and report when each event was seen."""
    db = Database(url, **engine_options)
    feed = Feed(db)
    queue.put(("ready", time.time()))
    last = start_id
    seen = 0
    while seen < FEED_SAMPLES:
        for event in feed.wait(last, timeout=5):
            queue.put((event.id, time.time()))
            last = event.id
            seen += 1
    feed.close()


def bench_feed(services: Services, url: str, engine_options: dict[str, Any]) -> float:
    """p95 ms from a commit in this process to the event seen in another one."""
    operator = services.auth.actor("operator")
    points = _points(services, FEED_SAMPLES, seed=3)
    context = mp.get_context("spawn")
    queue = context.Queue()
    start_id = services.events.newest_id()
    listener = context.Process(
        target=_feed_listener, args=(url, engine_options, start_id, queue)
    )
    listener.start()
    queue.get(timeout=60)
    committed: dict[int, float] = {}
    for new in _reports(points):
        changes = services.cases.report(operator, new)
        committed[changes.event_id] = time.time()
        time.sleep(0.01)
    latencies = []
    for _ in range(FEED_SAMPLES):
        event_id, seen = queue.get(timeout=30)
        latencies.append((seen - committed[event_id]) * 1000)
    listener.join(timeout=30)
    return _p95(latencies)


def _p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[-1], 2)


def _notify_listener(conninfo: str, queue: Any) -> None:
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute("LISTEN cc_bench_rtt")
        queue.put(("ready", time.time()))
        for notice in connection.notifies(timeout=60, stop_after=FEED_SAMPLES):
            queue.put((int(notice.payload), time.time()))


def bench_notify_rtt(conninfo: str) -> float:
    """p95 ms of a bare NOTIFY from one connection to a LISTENer in another process."""
    import psycopg

    context = mp.get_context("spawn")
    queue = context.Queue()
    listener = context.Process(target=_notify_listener, args=(conninfo, queue))
    listener.start()
    queue.get(timeout=60)
    sent: dict[int, float] = {}
    with psycopg.connect(conninfo, autocommit=True) as connection:
        for n in range(FEED_SAMPLES):
            connection.execute("SELECT pg_notify('cc_bench_rtt', %s)", (str(n),))
            sent[n] = time.time()
            time.sleep(0.01)
    latencies = []
    for _ in range(FEED_SAMPLES):
        n, seen = queue.get(timeout=30)
        latencies.append((seen - sent[n]) * 1000)
    listener.join(timeout=30)
    return _p95(latencies)


def _territory(db: Database) -> Services:
    db.upgrade()
    build_demo(db, DemoOptions(days=0))
    return Services(db)


def _postgres(url: str) -> tuple[str, dict[str, Any]] | None:
    try:
        admin = create_engine(url)
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {BENCH_SCHEMA} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {BENCH_SCHEMA}"))
        admin.dispose()
    except Exception:  # noqa: BLE001 - report "not measured", never crash the bench
        return None
    return url, {"connect_args": {"options": f"-csearch_path={BENCH_SCHEMA}"}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--pg", default=os.environ.get("COMMANDCENTER_TEST_PG", PG_DEFAULT)
    )
    parser.add_argument("--cases", type=int, default=5000)
    args = parser.parse_args()
    result: dict[str, Any] = {"benchmark": "core", "cpu_count": os.cpu_count()}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        sqlite = _territory(Database(url))
        result.update(bench_lookup(sqlite))
        result.update(bench_ingest(sqlite, args.cases))
        result["feed_p95_ms_sqlite"] = bench_feed(sqlite, url, {})
        sqlite.close()
    postgres = _postgres(args.pg)
    if postgres is None:
        result["feed_p95_ms_postgres"] = None
        result["notify_rtt_p95_ms"] = None
        result["postgres"] = "not reachable"
    else:
        pg_url, options = postgres
        services = _territory(Database(pg_url, **options))
        result["feed_p95_ms_postgres"] = bench_feed(services, pg_url, options)
        result.update(
            {f"pg_{k}": v for k, v in bench_ingest(services, args.cases // 5).items()}
        )
        services.close()
        conninfo = pg_url.replace("postgresql+psycopg://", "postgresql://")
        result["notify_rtt_p95_ms"] = bench_notify_rtt(conninfo)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
