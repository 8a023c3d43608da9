"""KPIs (PRODUCT.md §5) on a hand-built day with known answers, and against a
plain Python recomputation over the demo's history."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select

from commandcenter.db.database import Database
from commandcenter.models import Area, Case, Category, Department, Event, KpiDay, User
from commandcenter.models.types import CaseState
from commandcenter.services.cases import rollup
from commandcenter.services.cases.rollup import MEASURES
from commandcenter.services.container import Services
from commandcenter.services.demo.builder import DemoOptions, build_demo
from commandcenter.services.evaluation.kpi import (
    NOT_COUNTED,
    RUNNING,
    KpiRow,
    Period,
    PeriodKind,
    Slice,
)
from tests.conftest import SHANGHAI
from tests.services.factories import (
    CGZF_CATEGORY,
    DAY,
    EMERGENCY_CATEGORY,
    a_day_of_cases,
    actor,
    drill_stamp,
    drive_to,
    handler_for,
    report,
    version,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.conftest import Clock


def test_a_day_with_known_answers(services: Services, clock: Clock) -> None:
    a_day_of_cases(services, clock)
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
    # A was handled and closed at once, C 90 working minutes after its dispatch
    for times in (day.handling, day.closure):
        assert times.minutes == {0: 1, 90: 1}
        assert times.mean_hours() == pytest.approx(0.75)
        assert times.median_hours() == 0  # nearest rank: the 1st of 2
        assert times.p90_hours() == pytest.approx(1.5)
        assert times.histogram((0.0, 1.0, 2.0)) == [1, 1, 0]

    # the same cases seen by week and month, and nothing the day after
    week = kpis.district(kpis.period(PeriodKind.WEEK, DAY + timedelta(days=3)))
    month = kpis.district(kpis.period(PeriodKind.MONTH, date(2026, 11, 1)))
    assert week.counts() == day.counts() == month.counts()
    after = kpis.district(kpis.period(PeriodKind.DAY, DAY + timedelta(days=1)))
    assert after.reported == after.closures_due == 0
    assert after.overdue_now == 1  # a state of now, not of the period


def test_times_count_working_hours_across_a_holiday(
    services: Services, clock: Clock
) -> None:
    """Dispatched on the eve of the 2026 National Day holiday (1–7 October),
    handled on the make-up working Saturday 10 October (调休): the eight holidays
    count nothing, the Saturday counts."""
    clock.set(datetime(2026, 9, 30, 16, 0, tzinfo=SHANGHAI))
    case_id = drive_to(services, CaseState.IN_PROGRESS, CGZF_CATEGORY)
    clock.set(datetime(2026, 10, 10, 10, 0, tzinfo=SHANGHAI))
    handler = handler_for(services, case_id)
    services.cases.feedback(handler, case_id, version(services, case_id), "已清扫")
    operator = actor(services, "operator")
    services.cases.verify_ok(operator, case_id, version(services, case_id))
    # 30 Sep 16:00–18:00, 8 and 9 Oct whole days (8 h each), 10 Oct 08:30–10:00
    expected = 120 + 480 + 480 + 90
    october = services.kpis.district(
        services.kpis.period(PeriodKind.MONTH, date(2026, 10, 10))
    )
    assert october.handling.minutes == {expected: 1}
    assert october.closure.minutes == {expected: 1}
    assert october.handling.median_hours() == pytest.approx(19.5)
    september = services.kpis.district(
        services.kpis.period(PeriodKind.MONTH, date(2026, 9, 30))
    )
    assert september.handling.count == september.closure.count == 0


@pytest.mark.parametrize("by", list(Slice))
def test_every_slice_adds_up_to_the_district(
    services: Services, clock: Clock, by: Slice
) -> None:
    a_day_of_cases(services, clock)
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
        assert table.total.handling == district.handling
        assert table.total.closure == district.closure


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


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """Six weeks of the small demo's history (about 2,500 cases), real clock."""
    path = tmp_path_factory.mktemp("kpi") / "history.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    build_demo(db, DemoOptions(small=True, days=42, per_day=60.0, seed=5))
    services = Services(db)
    yield services
    services.close()


def _recompute(
    services: Services, period: Period, by: Slice
) -> dict[Any, Counter[str]]:
    """The measures by their definitions, case by case in Python; times as
    `handling@MINUTES` and `closure@MINUTES` counts, worked out with the calendar
    from the case's timestamps."""
    column = {
        Slice.DISTRICT: None,
        Slice.STREET: "street_id",
        Slice.COMMUNITY: "community_id",
        Slice.GRID: "grid_id",
        Slice.DEPARTMENT: "department_id",
        Slice.CATEGORY: "category_id",
        Slice.SOURCE: "source",
        Slice.WORKER: "reported_by",
    }[by]
    now = services.clock()
    calendar = services.cases.calendar
    with services.db.read() as session:
        cases = {c.id: c for c in session.execute(select(Case)).scalars()}
        events = session.execute(
            select(Event.kind, Event.entity_id, Event.at).where(
                Event.entity == "case",
                Event.kind.in_(["case.return", "case.verify_fail"]),
            )
        ).all()
        session.expunge_all()

    def inside(moment: datetime | None) -> bool:
        return moment is not None and period.start <= moment < period.end

    out: dict[Any, Counter[str]] = defaultdict(Counter)
    for case in cases.values():
        if case.is_drill:
            continue
        found = out["district" if column is None else getattr(case, column)]
        for name in ("reported", "registered", "voided", "dispatched", "closed"):
            found[name] += inside(getattr(case, f"{name}_at"))
        found["suspended"] += inside(case.suspended_at)
        if inside(case.handled_at) and case.dispatched_at is not None:
            span = calendar.span_minutes(
                case.dispatched_at, case.handled_at, case.deadline_natural
            )
            found[f"handling@{span}"] += 1
        if inside(case.closed_at):
            span = calendar.span_minutes(
                case.reported_at, case.closed_at, case.deadline_natural
            )
            found[f"closure@{span}"] += 1
        found["overdue_now"] += (
            case.state in RUNNING
            and case.deadline_at is not None
            and case.deadline_at < now
        )
        if inside(case.deadline_at) and case.state not in NOT_COUNTED:
            found["closures_due"] += 1
            found["reworked_due"] += case.rework_count > 0
            if case.postpone_count > 0:
                found["postponed"] += 1
            elif case.closed_at is not None:
                found["closed_due"] += 1
                assert case.handled_at is not None
                found["on_time"] += case.handled_at <= case.deadline_at
    for kind, case_id, at in events:
        case = cases[case_id]
        if case.is_drill or not inside(at):
            continue
        key = "district" if column is None else getattr(case, column)
        out[key]["returned" if kind == "case.return" else "reworked"] += 1
    out.pop(None, None)
    return {key: +counts for key, counts in out.items() if +counts}


@pytest.mark.parametrize("by", list(Slice))
def test_kpis_equal_a_plain_recomputation_over_the_demo(
    history: Services, by: Slice
) -> None:
    kpis = history.kpis
    today = history.clock().astimezone(kpis.zone()).date()
    reported = 0  # over all periods: today's may be empty just after midnight
    for period in (
        kpis.period(PeriodKind.MONTH, today),
        kpis.period(PeriodKind.MONTH, today).previous(kpis.zone()),
        kpis.period(PeriodKind.WEEK, today - timedelta(days=7)),
        kpis.period(PeriodKind.DAY, today),
    ):
        expected = _recompute(history, period, by)
        table = history.kpis.table(period, by)
        assert len(table.rows) == len(expected)
        got = {row.key: +_measures(row) for row in table.rows}
        names = _keys(history, by, expected)
        assert got == {names[key]: counts for key, counts in expected.items()}
        reported += sum(expected.values(), Counter())["reported"]
    assert reported > 0  # not an empty check


def test_the_hourly_trend_equals_a_plain_recount_over_the_demo(
    history: Services,
) -> None:
    kpis = history.kpis
    zone = kpis.zone()
    yesterday = history.clock().astimezone(zone).date() - timedelta(days=1)
    first = yesterday - timedelta(days=7)
    counts: Counter[tuple[date, int]] = Counter()
    with history.db.read() as session:
        for (at,) in session.execute(
            select(Case.reported_at).where(Case.is_drill.is_(False))
        ):
            local = at.astimezone(zone)
            counts[(local.date(), local.hour)] += 1
    trend = kpis.hourly(yesterday, days_before=7)
    assert list(trend.counts) == [counts[(yesterday, h)] for h in range(24)]
    assert sum(trend.counts) > 0
    week = [first + timedelta(days=d) for d in range(7)]
    assert list(trend.average) == pytest.approx(
        [sum(counts[(day, h)] for day in week) / 7 for h in range(24)]
    )


def _measures(row: KpiRow) -> Counter[str]:
    """Counts and times of a row in the shape `_recompute` gives."""
    found = Counter(row.counts())
    for name in ("handling", "closure"):
        for minutes, cases in getattr(row, name).minutes.items():
            found[f"{name}@{minutes}"] = cases
    return found


def _keys(services: Services, by: Slice, values: Any) -> dict[Any, str]:
    """Slice values (ids) as the table names them (codes)."""
    table = {
        Slice.STREET: (Area, Area.code),
        Slice.COMMUNITY: (Area, Area.code),
        Slice.GRID: (Area, Area.code),
        Slice.DEPARTMENT: (Department, Department.code),
        Slice.CATEGORY: (Category, Category.code),
        Slice.WORKER: (User, User.username),
    }.get(by)
    if table is None:
        return {value: str(value) for value in values}
    model, code = table
    with services.db.read() as session:
        rows = session.execute(select(model.id, code).where(model.id.in_(list(values))))
        return {row[0]: row[1] for row in rows}


def test_reports_per_hour_against_the_days_before(
    services: Services, clock: Clock
) -> None:
    for hours_ago, at_hour in ((24 * 3, 9), (24 * 2, 9), (24, 23)):
        clock.set(
            datetime(2026, 11, 23, at_hour, 30, tzinfo=SHANGHAI)
            - timedelta(hours=hours_ago)
        )
        report(services)
    clock.set(datetime(2026, 11, 23, 9, 10, tzinfo=SHANGHAI))
    report(services)
    report(services)
    report(  # not counted
        services, category_code=EMERGENCY_CATEGORY, drill=drill_stamp(services)
    )
    clock.set(datetime(2026, 11, 23, 0, 5, tzinfo=SHANGHAI))  # just after midnight
    report(services)
    trend = services.kpis.hourly(DAY, days_before=3)
    assert trend.counts[9] == 2
    assert trend.counts[0] == 1
    assert sum(trend.counts) == 3
    assert trend.average[9] == pytest.approx(2 / 3)
    assert trend.average[23] == pytest.approx(1 / 3)


def test_handling_times_follow_rework_of_an_earlier_day_and_handling_today(
    services: Services, clock: Clock
) -> None:
    """The days before today are read once and kept (kpi._SpanCache): a rework
    of a case handled yesterday still takes its time out, and a case handled
    today still puts its time in."""
    kpis = services.kpis
    earlier = drive_to(services, CaseState.HANDLED, CGZF_CATEGORY)
    clock.advance(days=1)
    month = kpis.period(PeriodKind.MONTH, clock().astimezone(SHANGHAI).date())

    def handled() -> int:
        return kpis.table(
            month, Slice.DEPARTMENT, times=("handling",)
        ).total.handling.count

    assert handled() == 1
    services.cases.verify_fail(
        actor(services, "operator"), earlier, version(services, earlier), "没修好"
    )
    assert handled() == 0
    drive_to(services, CaseState.HANDLED, CGZF_CATEGORY)
    assert handled() == 1
    assert kpis.district(month).handling.count == 1


def test_the_daily_rollup_kept_move_by_move_equals_a_recount(
    services: Services, clock: Clock
) -> None:
    """Every move adjusts the roll-up; recounting it from scratch changes nothing
    (returns, rework, postponement, voiding and a drill included)."""
    a_day_of_cases(services, clock)

    def stored() -> dict[tuple[str, str, str], tuple[int, ...]]:
        with services.db.read() as session:
            rows = session.execute(select(KpiDay)).scalars()
            counts = {
                (r.day, r.slice, r.key): tuple(getattr(r, m) for m in MEASURES)
                for r in rows
            }
        return {key: values for key, values in counts.items() if any(values)}

    kept = stored()
    assert kept[("2026-11-23", "district", "district")][0] == 6  # reported
    with services.db.write() as session:
        rollup.rebuild(session, services.kpis.zone())
    assert stored() == kept
