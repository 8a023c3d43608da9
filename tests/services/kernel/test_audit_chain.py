"""The event log is hash-chained: a row altered by direct SQL is found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select, text

from commandcenter.models import Event
from commandcenter.models.types import CaseState
from commandcenter.services.kernel.event_log import verify_chain
from tests.services.factories import drive_to

if TYPE_CHECKING:
    from commandcenter.services.container import Services


def _check(services: Services) -> tuple[bool, int | None, int]:
    with services.db.read() as session:
        report = verify_chain(session)
    return report.ok, report.first_bad_id, report.checked


def test_intact_chain_verifies(services: Services) -> None:
    drive_to(services, CaseState.CLOSED)
    ok, bad, checked = _check(services)
    assert ok
    assert bad is None
    assert checked >= 6


def test_payload_altered_by_sql_is_reported_at_that_row(services: Services) -> None:
    drive_to(services, CaseState.CLOSED)
    with services.db.read() as session:
        ids = session.execute(select(Event.id).order_by(Event.id)).scalars().all()
    target = ids[len(ids) // 2]
    with services.db.engine.begin() as connection:
        connection.execute(
            text("UPDATE events SET payload = :p WHERE id = :id"),
            {"p": '{"note":"改过了"}', "id": target},
        )
    ok, bad, checked = _check(services)
    assert not ok
    assert bad == target
    assert checked == ids.index(target)


def test_deleted_row_breaks_the_link_of_the_next(services: Services) -> None:
    drive_to(services, CaseState.HANDLED)
    with services.db.read() as session:
        ids = session.execute(select(Event.id).order_by(Event.id)).scalars().all()
    with services.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM events WHERE id = :id"), {"id": ids[-3]})
    ok, bad, _ = _check(services)
    assert not ok
    assert bad == ids[-2]


def test_actor_changed_by_sql_is_reported(services: Services) -> None:
    drive_to(services, CaseState.REGISTERED)
    with services.db.read() as session:
        last = (
            session.execute(select(Event.id).order_by(Event.id.desc()))
            .scalars()
            .first()
        )
    with services.db.engine.begin() as connection:
        connection.execute(
            text("UPDATE events SET actor_id = NULL WHERE id = :id"), {"id": last}
        )
    assert _check(services)[:2] == (False, last)
