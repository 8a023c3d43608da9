"""Deadlines on dispatch, postponement, the clock stopped while suspended; routing."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from commandcenter.models import Case, Category, Department
from commandcenter.models.types import CaseState, Source
from commandcenter.services.cases import routing
from commandcenter.services.cases.routing import RouteRule
from commandcenter.services.kernel.errors import ValidationError
from tests.conftest import SHANGHAI
from tests.services.factories import (
    CGZF_CATEGORY,
    COMPONENT_CATEGORY,
    EMERGENCY_CATEGORY,
    SELF_HANDLE_CATEGORY,
    actor,
    drive_to,
    handler_for,
    new_case,
    place,
    report,
    version,
)

if TYPE_CHECKING:
    from commandcenter.services.container import Services
    from tests.conftest import Clock


def _case(services: Services, case_id: int) -> Case:
    with services.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        session.expunge(case)
        return case


def test_dispatch_sets_the_working_time_deadline(
    services: Services, clock: Clock
) -> None:
    # C0106 通信井盖: 8 working hours; Monday 09:00 → 12:00 (3 h), 13:30–18:00
    # (4.5 h), Tuesday 08:30–09:00 (0.5 h)
    case_id = drive_to(services, CaseState.DISPATCHED, category=COMPONENT_CATEGORY)
    case = _case(services, case_id)
    assert case.deadline_start == clock.now
    assert not case.deadline_natural
    assert case.deadline_at == datetime(2026, 11, 24, 9, 0, tzinfo=SHANGHAI)
    row = services.queries.get(case_id)  # read once: its light follows the clock
    assert row.deadline_status(clock()) == "green"
    clock.set(datetime(2026, 11, 23, 16, 50, tzinfo=SHANGHAI))  # 6.33 h = 79 %
    assert row.deadline_status(clock()) == "green"
    clock.advance(minutes=5)  # 6.42 h = 80.2 %
    assert row.deadline_status(clock()) == "amber"
    clock.set(datetime(2026, 11, 24, 9, 1, tzinfo=SHANGHAI))
    assert row.deadline_status(clock()) == "red"


def test_emergencies_run_on_the_natural_clock(services: Services, clock: Clock) -> None:
    """A gas leak on a Sunday morning is due within the hour, not on Monday."""
    clock.set(datetime(2026, 11, 22, 10, 0, tzinfo=SHANGHAI))
    case_id = drive_to(services, CaseState.DISPATCHED, category=EMERGENCY_CATEGORY)
    case = _case(services, case_id)
    assert case.deadline_natural
    assert case.deadline_at == datetime(2026, 11, 22, 11, 0, tzinfo=SHANGHAI)
    row = services.queries.get(case_id)  # read once: its light follows the clock
    clock.advance(minutes=47)
    assert row.deadline_status(clock()) == "green"
    clock.advance(minutes=2)  # 49 of 60 minutes
    assert row.deadline_status(clock()) == "amber"
    clock.advance(minutes=12)
    assert row.deadline_status(clock()) == "red"


def test_natural_clock_postponement_and_suspension(
    services: Services, clock: Clock
) -> None:
    clock.set(datetime(2026, 11, 22, 10, 0, tzinfo=SHANGHAI))  # a Sunday
    case_id = drive_to(
        services,
        CaseState.IN_PROGRESS,
        category=EMERGENCY_CATEGORY,
        pending_postponement=True,
    )
    supervisor = actor(services, "supervisor")
    services.cases.approve_postponement(supervisor, case_id, version(services, case_id))
    after_postponement = _case(services, case_id).deadline_at
    assert after_postponement == datetime(2026, 11, 22, 19, 0, tzinfo=SHANGHAI)
    services.cases.suspend(supervisor, case_id, version(services, case_id), "待抢修")
    clock.advance(hours=2)
    services.cases.reopen(supervisor, case_id, version(services, case_id))
    after_reopen = _case(services, case_id).deadline_at
    assert after_reopen == datetime(2026, 11, 22, 21, 0, tzinfo=SHANGHAI)


def test_postponement_extends_by_working_hours(services: Services) -> None:
    case_id = drive_to(
        services,
        CaseState.IN_PROGRESS,
        category=COMPONENT_CATEGORY,
        pending_postponement=True,
    )
    before = _case(services, case_id).deadline_at
    assert before is not None
    services.cases.approve_postponement(
        actor(services, "supervisor"), case_id, version(services, case_id)
    )
    after = _case(services, case_id)
    assert after.deadline_at == services.cases.calendar.add(before, 8, "hour")
    assert after.postpone_count == 1
    assert after.postpone_pending_hours is None


def test_postponement_request_is_validated(services: Services) -> None:
    case_id = drive_to(services, CaseState.IN_PROGRESS, category=COMPONENT_CATEGORY)
    handler = handler_for(services, case_id)
    with pytest.raises(ValidationError):
        services.cases.request_postponement(
            handler, case_id, version(services, case_id), 0, "x"
        )
    with pytest.raises(ValidationError):
        services.cases.request_postponement(
            handler, case_id, version(services, case_id), 8, " "
        )


def test_the_clock_stops_while_suspended(services: Services, clock: Clock) -> None:
    case_id = drive_to(services, CaseState.IN_PROGRESS, category=COMPONENT_CATEGORY)
    supervisor = actor(services, "supervisor")
    deadline = _case(services, case_id).deadline_at
    assert deadline is not None
    clock.advance(hours=1)  # Monday 10:00
    services.cases.suspend(
        supervisor, case_id, version(services, case_id), "需长期整治"
    )
    clock.advance(days=1)  # Tuesday 10:00: one working day (8 h) passed while suspended
    services.cases.reopen(supervisor, case_id, version(services, case_id))
    reopened = _case(services, case_id)
    assert reopened.state == CaseState.IN_PROGRESS
    assert reopened.deadline_at == services.cases.calendar.add(deadline, 8, "hour")


def test_rework_restarts_the_clock_and_counts(services: Services, clock: Clock) -> None:
    case_id = drive_to(services, CaseState.HANDLED, category=COMPONENT_CATEGORY)
    clock.advance(hours=2)
    services.cases.verify_fail(
        actor(services, "gridworker"), case_id, version(services, case_id), "井盖仍松动"
    )
    case = _case(services, case_id)
    assert case.state == CaseState.DISPATCHED
    assert case.rework_count == 1
    assert case.deadline_start == clock.now
    assert case.handled_at is None


def test_routing_components_go_to_their_owner(services: Services) -> None:
    with services.db.read() as session:
        category = session.execute(
            select(Category).where(Category.code == COMPONENT_CATEGORY)
        ).scalar_one()
        suggestion = routing.suggest(session, category, place(services).street_id)
        assert suggestion.rule is RouteRule.OWNER
        owner = session.get(Department, suggestion.department_id)
        assert owner is not None
        assert owner.code == "DX"
        assert "部件按属主" in suggestion.reason


def test_routing_events_go_to_the_street_office_of_the_place(
    services: Services,
) -> None:
    where = place(services, 50)
    with services.db.read() as session:
        category = session.execute(
            select(Category).where(Category.code == SELF_HANDLE_CATEGORY)
        ).scalar_one()
        suggestion = routing.suggest(session, category, where.street_id)
        office = session.get(Department, suggestion.department_id)
        assert office is not None
        assert suggestion.rule is RouteRule.TERRITORY
        assert office.kind == "street_office"
        assert office.area_id == where.street_id
        assert "事件按属地" in suggestion.reason


def test_routing_events_with_a_fixed_department(services: Services) -> None:
    with services.db.read() as session:
        category = session.execute(
            select(Category).where(Category.code == CGZF_CATEGORY)
        ).scalar_one()
        suggestion = routing.suggest(session, category, place(services).street_id)
        department = session.get(Department, suggestion.department_id)
        assert suggestion.rule is RouteRule.CATEGORY
        assert department is not None
        assert department.code == "CGZF"


def test_operator_can_override_the_suggestion(services: Services) -> None:
    case_id = drive_to(services, CaseState.REGISTERED, category=COMPONENT_CATEGORY)
    with services.db.read() as session:
        sz = session.execute(
            select(Department.id).where(Department.code == "SZ")
        ).scalar_one()
    services.cases.dispatch(
        actor(services, "operator"),
        case_id,
        version(services, case_id),
        department_id=sz,
    )
    assert services.queries.get(case_id).department_code == "SZ"
    dispatch = services.queries.timeline(case_id)[-1]
    assert dispatch.payload["suggested"] is False
    assert dispatch.payload["rule"] == "owner"


def test_duplicates_are_open_same_category_within_50m(services: Services) -> None:
    where = place(services, 10)
    first = report(services, where)
    near = report(services, where)
    other_category = report(services, where, category_code=COMPONENT_CATEGORY)
    closed = drive_to(services, CaseState.VOIDED)  # somewhere else entirely
    found = services.queries.duplicates(
        SELF_HANDLE_CATEGORY, where.lon, where.lat, exclude=[near]
    )
    ids = [row.id for row, _ in found]
    assert first in ids
    assert near not in ids
    assert other_category not in ids
    assert closed not in ids
    far = services.queries.duplicates(
        SELF_HANDLE_CATEGORY, where.lon + 0.0006, where.lat
    )
    assert far == []  # ~57 m east


def test_merge_keeps_every_report_on_the_timeline(services: Services) -> None:
    where = place(services, 10)
    keep = report(services, where)
    duplicate = report(services, where)
    services.cases.merge(actor(services, "operator"), duplicate, 1, keep)
    kinds = [(e.entity_id, e.kind) for e in services.queries.timeline(keep)]
    assert (keep, "case.report") in kinds
    assert (duplicate, "case.report") in kinds
    assert (duplicate, "case.merge") in kinds


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"category_code": "X9999"}, "unknown category"),
        ({"description": "   "}, "description is required"),
        ({"lon": 0.0, "lat": 0.0}, "outside every unit grid"),
        ({"lon": float("nan")}, "finite"),
        ({"priority": 7}, "priority"),
        ({"reporter_phone": "call me"}, "phone"),
        ({"source": "carrier pigeon"}, "unknown source"),
    ],
)
def test_bad_reports_are_refused_and_write_nothing(
    services: Services, change: dict[str, object], says: str
) -> None:
    before = services.events.newest_id()
    with pytest.raises(ValidationError, match=says):
        services.cases.report(
            actor(services, "operator"), new_case(place(services), **change)
        )
    assert services.events.newest_id() == before


def test_a_batch_with_one_bad_report_writes_none(services: Services) -> None:
    before = services.events.newest_id()
    good = new_case(place(services))
    bad = new_case(place(services), lon=0.0, lat=0.0)
    with pytest.raises(ValidationError, match="report #1"):
        services.cases.report_many(actor(services, "operator"), [good, bad])
    assert services.events.newest_id() == before


def test_numbers_are_readable_and_sequential_per_day(services: Services) -> None:
    operator = actor(services, "operator")
    changes = services.cases.report_many(
        operator, [new_case(place(services), source=Source.PATROL) for _ in range(3)]
    )
    numbers = [services.queries.get(i).number for i in changes.ids["case"]]
    assert numbers == ["20261123-0001", "20261123-0002", "20261123-0003"]
    assert services.queries.get(report(services)).number == "20261123-0004"


def test_reporter_phone_is_masked_in_rows(services: Services) -> None:
    case_id = report(services, reporter_phone="13812345678")
    assert services.queries.get(case_id).reporter_phone == "138****5678"
