"""The intake API on PostgreSQL loses nothing to faults: four clients post
2,000 reports to `commandcenter api --workers 2` while an API worker is
killed (kill -9, mid-request) and PostgreSQL is restarted. Afterwards every
acknowledged report is stored exactly once, nothing else is, the audit chain
verifies, and a follower process (`audit follow`) received every event, in
order."""

from __future__ import annotations

import os
import signal
import threading
from collections import Counter
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select, text

from commandcenter.models import Case, Event, IntakeReceipt
from commandcenter.services.container import Services
from commandcenter.services.intake.api import KeySource
from commandcenter.services.kernel.event_log import verify_chain
from tests.hall import (
    ApiProcess,
    followed,
    following,
    post_at_once,
    post_through_faults,
    start_api,
    wait_until_followed,
)
from tests.services.factories import EMERGENCY_CATEGORY, place

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import Backend

pytestmark = pytest.mark.slow

CLIENTS = 4
EACH = 500


@pytest.mark.postgres
def test_acknowledged_reports_survive_a_killed_worker_and_a_postgres_restart(
    postgres_backend: Backend, tmp_path: Path
) -> None:
    db = postgres_backend.fresh()
    services = Services(db)
    url = postgres_backend.process_url(db)
    keys = [
        services.api_keys.add(f"client-{n}", KeySource.GRID_WORKER, "gridworker")
        for n in range(CLIENTS)
    ]
    places = [(p.lat, p.lon) for p in (place(services, i) for i in range(8))]
    after = services.events.newest_id()
    follow_log = tmp_path / "follow.jsonl"
    with following(url, after, follow_log):
        event_ids = _post_through_faults(services, url, keys, places, tmp_path)
        wait_until_followed(follow_log, event_ids[-1])
    assert [line["id"] for line in followed(follow_log)] == event_ids
    services.close()
    db.dispose()


def _post_through_faults(
    services: Services,
    url: str,
    keys: list[str],
    places: list[tuple[float, float]],
    tmp_path: Path,
) -> list[int]:
    """The posts, the faults, and what was stored checked; returns the ids
    of the events written meanwhile."""
    after = services.events.newest_id()
    api = start_api(url, tmp_path / "api.log", workers=2)
    try:
        outcomes, faults = post_through_faults(
            api, keys, "c", places, EACH, EMERGENCY_CATEGORY
        )
        assert api.process.poll() is None  # the supervisor outlived its worker
        assert faults.killed_worker not in api.workers()
        assert len(api.workers()) == 2  # and started another
    finally:
        api.stop()
    assert faults.postgres_away_s > 0
    assert [o.refused for o in outcomes] == [[]] * CLIENTS
    # both faults were felt: answers lost with the worker, 503s while away
    assert sum(o.lost_answers for o in outcomes) > 0
    assert sum(o.unavailable for o in outcomes) > 0
    acknowledged = {t: n for o in outcomes for t, n in o.acknowledged.items()}
    assert len(acknowledged) == CLIENTS * EACH

    with services.db.read() as session:
        stored = dict(
            session.execute(
                select(IntakeReceipt.token, Case.number).join(
                    Case, Case.id == IntakeReceipt.case_id
                )
            ).all()
        )
        descriptions = Counter(
            session.execute(
                select(Case.description).where(Case.description.like("接口上报 %"))
            ).scalars()
        )
        reports = session.execute(
            select(Event.entity_id).where(Event.kind == "case.report")
        ).scalars()
        report_events = Counter(reports)
        chain = verify_chain(session)
        event_ids = list(
            session.execute(
                select(Event.id).where(Event.id > after).order_by(Event.id)
            ).scalars()
        )
    assert stored == acknowledged  # every acknowledged report, and only those
    assert len(descriptions) == CLIENTS * EACH
    assert max(descriptions.values()) == 1  # no report filed twice
    assert len(report_events) == CLIENTS * EACH
    assert max(report_events.values()) == 1
    assert chain.ok, chain.reason
    return event_ids


def test_a_sqlite_api_killed_mid_write_loses_nothing_it_acknowledged(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    """On SQLite the API is one process, the one writer: kill -9 it while
    two clients post, start it again; their requests sent again with the
    same keys are filed once, and the file is whole."""
    db = sqlite_backend.fresh()
    services = Services(db)
    keys = [
        services.api_keys.add(f"client-{n}", KeySource.GRID_WORKER, "gridworker")
        for n in range(2)
    ]
    places = [(p.lat, p.lon) for p in (place(services, i) for i in range(8))]
    log = tmp_path / "api.log"
    api = start_api(db.url, log, workers=1)
    third = threading.Event()
    sent = [0]
    each = 150

    def progress(_n: int) -> None:
        sent[0] += 1
        if sent[0] == 2 * each // 3:
            third.set()

    def crash_and_restart() -> None:
        third.wait()
        os.kill(api.process.pid, signal.SIGKILL)
        api.process.wait()
        restarted.append(start_api(db.url, log, workers=1, port=api.port))

    restarted: list[ApiProcess] = []
    try:
        outcomes = post_at_once(
            api.base,
            keys,
            "s",
            places,
            each,
            EMERGENCY_CATEGORY,
            after_each=progress,
            beside=crash_and_restart,
        )
    finally:
        for process in restarted:
            process.stop()
    assert [o.refused for o in outcomes] == [[], []]
    assert sum(o.lost_answers for o in outcomes) > 0  # the crash was felt
    acknowledged = {t: n for o in outcomes for t, n in o.acknowledged.items()}
    assert len(acknowledged) == 2 * each
    with db.read() as session:
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        stored = dict(
            session.execute(
                select(IntakeReceipt.token, Case.number).join(
                    Case, Case.id == IntakeReceipt.case_id
                )
            ).all()
        )
        filed = session.execute(
            select(func.count()).where(Case.description.like("接口上报 %"))
        ).scalar()
        chain = verify_chain(session)
    assert stored == acknowledged
    assert filed == 2 * each
    assert chain.ok, chain.reason
    services.close()
    db.dispose()
