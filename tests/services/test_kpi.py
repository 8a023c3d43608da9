"""KPIs (PRODUCT.md §5) on a hand-built day with known answers, and against a
plain Python recomputation over the demo's history."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import pytest

from commandcenter.models.types import CaseState
from commandcenter.services.kpi import PeriodKind, Slice
from tests.services.factories import (
    EMERGENCY_CATEGORY,
    actor,
    drive_to,
    handler_for,
    report,
    version,
)

if TYPE_CHECKING:
    from commandcenter.services.container import Services
    from tests.conftest import Clock

DAY = date(2026, 11, 23)  # the test clock's Monday


def _a_day_of_cases(services: Services, clock: Clock) -> None:
    """Seven cases of 燃气泄漏 (deadline 1 hour after dispatch, natural clock)
    plus a drill, on Monday 23 November from 09:00."""
    cases = services.cases
    operator = actor(services, "operator")
    supervisor = actor(services, "supervisor")

    def v(case_id: int) -> int:
        return version(services, case_id)

    drive_to(services, CaseState.CLOSED, EMERGENCY_CATEGORY)  # A: closed on time
    drive_to(services, CaseState.IN_PROGRESS, EMERGENCY_CATEGORY)  # B: goes overdue
    c = drive_to(services, CaseState.HANDLED, EMERGENCY_CATEGORY)  # C: rework, late
    cases.verify_fail(operator, c, v(c), "仍有气味")
    d = drive_to(services, CaseState.DISPATCHED, EMERGENCY_CATEGORY)  # D: returned
    cases.return_case(handler_for(services, d), d, v(d), "不属本单位")
    e = report(services, category_code=EMERGENCY_CATEGORY)  # E: voided
    cases.void(operator, e, v(e), "误报")
    g = drive_to(  # G: postponed by 8 hours, deadline 18:00
        services, CaseState.IN_PROGRESS, EMERGENCY_CATEGORY, pending_postponement=True
    )
    cases.approve_postponement(supervisor, g, v(g))
    drill = report(services, category_code=EMERGENCY_CATEGORY, is_drill=True)
    cases.register(operator, drill, v(drill))  # never counted

    clock.advance(minutes=90)  # 10:30, past C's deadline: C handled late
    handler = handler_for(services, c)
    cases.accept(handler, c, v(c))
    cases.feedback(handler, c, v(c), "已修复")
    cases.verify_ok(operator, c, v(c))
    clock.advance(minutes=30)  # 11:00: B is overdue, G is not


def test_a_day_with_known_answers(services: Services, clock: Clock) -> None:
    _a_day_of_cases(services, clock)
    kpis = services.kpis
    day = kpis.district(kpis.period(PeriodKind.DAY, DAY))
    assert day.counts() == {
        "reported": 6,  # A B C D E G; not the drill
        "registered": 5,  # not E
        "voided": 1,
        "dispatched": 4,  # D was returned: it waits for a new dispatch
        "closed": 2,  # A C
        "suspended": 0,
        "returned": 1,
        "reworked": 1,
        "overdue_now": 1,  # B
        "closures_due": 4,  # A B C G: deadlines today
        "postponed": 1,  # G
        "closed_due": 2,
        "on_time": 1,  # A; C was handled after its deadline
        "reworked_due": 1,  # C
    }
    assert day.registration_rate == pytest.approx(5 / 6)
    assert day.closure_rate == pytest.approx(2 / 3)  # 2 / (4 - 1)
    assert day.on_time_rate == pytest.approx(1 / 3)
    assert day.rework_rate == pytest.approx(1 / 4)

    # the same cases seen by week and month, and nothing the day after
    week = kpis.district(kpis.period(PeriodKind.WEEK, DAY + timedelta(days=3)))
    month = kpis.district(kpis.period(PeriodKind.MONTH, date(2026, 11, 1)))
    assert week.counts() == day.counts() == month.counts()
    after = kpis.district(kpis.period(PeriodKind.DAY, DAY + timedelta(days=1)))
    assert after.reported == after.closures_due == 0
    assert after.overdue_now == 1  # a state of now, not of the period


@pytest.mark.parametrize("by", list(Slice))
def test_every_slice_adds_up_to_the_district(
    services: Services, clock: Clock, by: Slice
) -> None:
    _a_day_of_cases(services, clock)
    kpis = services.kpis
    period = kpis.period(PeriodKind.DAY, DAY)
    table = kpis.table(period, by)
    district = kpis.district(period)
    assert table.rows
    assert all(row.key and row.name for row in table.rows)
    if by is Slice.DEPARTMENT:  # cases never dispatched have no department
        assert table.total.closures_due == district.closures_due
        assert table.total.reported <= district.reported
    else:
        assert table.total.counts() == district.counts()


def test_periods_cut_on_the_districts_days(services: Services) -> None:
    kpis = services.kpis
    day = kpis.period(PeriodKind.DAY, DAY)
    assert day.start.isoformat() == "2026-11-22T16:00:00+00:00"  # Beijing midnight
    week = kpis.period(PeriodKind.WEEK, date(2026, 11, 26))
    assert week.first_day == date(2026, 11, 23)
    assert week.end - week.start == timedelta(days=7)
    month = kpis.period(PeriodKind.MONTH, date(2026, 12, 31))
    assert month.first_day == date(2026, 12, 1)
    assert month.end.isoformat() == "2026-12-31T16:00:00+00:00"
    assert month.previous(kpis.zone()).first_day == date(2026, 11, 1)
