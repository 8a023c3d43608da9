"""Reference data edited by an administrator: the CSV round trip changes
nothing, an edited time limit applies to cases dispatched after it (never
to a running deadline), an edit made on a stale view is a conflict, a broken
table is refused whole, and the calendar takes the district's own days."""

from __future__ import annotations

import csv
import datetime as dt
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from commandcenter.models import Event
from commandcenter.services.kernel.errors import ConflictError, ValidationError
from tests.services.factories import (
    EMERGENCY_CATEGORY,
    actor,
    report,
    version,
)

if TYPE_CHECKING:
    from pathlib import Path

    from commandcenter.services.container import Services


def _events(services: Services) -> int:
    with services.db.read() as session:
        return session.execute(select(func.count()).select_from(Event)).scalar_one()


def _rewrite(path: Path, code: str, **values: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    for row in rows:
        if row["code"] == code:
            row.update(values)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _category(services: Services, code: str) -> dict[str, str]:
    rows = services.reference.categories(actor(services, "admin"))
    return next(r for r in rows if r["code"] == code)


def _dispatched(services: Services) -> int:
    operator = actor(services, "operator")
    case_id = report(services, category_code=EMERGENCY_CATEGORY)
    services.cases.register(operator, case_id, version(services, case_id))
    services.cases.dispatch(operator, case_id, version(services, case_id))
    return case_id


def test_the_csv_round_trip_and_a_new_limit_for_cases_dispatched_after(
    services: Services, tmp_path: Path
) -> None:
    admin = actor(services, "admin")
    folder = tmp_path / "reference"
    services.reference.export(folder)
    before = _events(services)
    assert services.reference.import_(admin, folder).lines() == ["nothing changed"]
    assert _events(services) == before  # nothing changed, nothing recorded

    earlier = _dispatched(services)  # 燃气泄漏: 1 hour on the clock
    row = services.queries.get(earlier)
    assert row.deadline_at is not None
    assert row.deadline_at - services.clock() == timedelta(hours=1)  # the clock stands

    _rewrite(folder / "categories.csv", EMERGENCY_CATEGORY, handling_limit="3")
    imported = services.reference.import_(admin, folder)
    assert imported.categories_changed == (EMERGENCY_CATEGORY,)
    with services.db.read() as session:
        kinds = list(
            session.execute(select(Event.kind, Event.payload).order_by(Event.id))
        )[-1]
    assert kinds[0] == "catalog.category_changed"
    assert "handling_limit" in kinds[1]

    later = _dispatched(services)
    new = services.queries.get(later)
    assert new.deadline_at is not None
    assert new.deadline_at - services.clock() == timedelta(hours=3)
    assert services.queries.get(earlier).deadline_at == row.deadline_at  # untouched


def test_an_edit_on_a_stale_view_is_a_conflict(services: Services) -> None:
    admin = actor(services, "admin")
    seen = _category(services, EMERGENCY_CATEGORY)
    services.reference.edit_category(admin, EMERGENCY_CATEGORY, {"priority": "2"}, seen)
    with pytest.raises(ConflictError):
        services.reference.edit_category(
            admin, EMERGENCY_CATEGORY, {"handling_limit": "2"}, seen
        )
    now = _category(services, EMERGENCY_CATEGORY)
    assert (now["priority"], now["handling_limit"]) == ("2", "1")
    with pytest.raises(ValidationError, match="priority 1–3"):
        services.reference.edit_category(
            admin, EMERGENCY_CATEGORY, {"priority": "7"}, now
        )


@pytest.mark.parametrize(
    ("table", "code", "values", "says"),
    [
        ("categories.csv", "E0106", {"department": "NOPE"}, "unknown department NOPE"),
        ("categories.csv", "E0106", {"handling_unit": "week"}, "unit must be one of"),
        ("categories.csv", "C0101", {"department": ""}, "needs its owner department"),
        ("departments.csv", "SZ", {"kind": "bureau"}, "kind is one of"),
        ("departments.csv", "SZ", {"parent_code": "NOPE"}, "unknown parent NOPE"),
    ],
)
def test_a_broken_table_is_refused_whole(
    services: Services,
    tmp_path: Path,
    table: str,
    code: str,
    values: dict[str, str],
    says: str,
) -> None:
    admin = actor(services, "admin")
    folder = tmp_path / "reference"
    services.reference.export(folder)
    _rewrite(folder / "categories.csv", EMERGENCY_CATEGORY, handling_limit="5")
    _rewrite(folder / table, code, **values)
    before = _events(services)
    with pytest.raises(ValidationError, match=says):
        services.reference.import_(admin, folder)
    assert _events(services) == before
    assert (
        _category(services, EMERGENCY_CATEGORY)["handling_limit"] == "1"
    )  # the good row did not go in either


def test_the_district_s_own_days_change_the_calendar(services: Services) -> None:
    admin = actor(services, "admin")
    day = dt.date(2028, 10, 9)  # a Monday chinese-calendar does not know yet
    assert services.calendars.get().is_workday(day)
    services.reference.set_day(admin, day, "holiday")
    assert not services.calendars.get().is_workday(day)
    assert day.isoformat() in services.reference.calendar(admin)["extra_holidays"]
    services.reference.set_day(admin, day, None)
    assert services.calendars.get().is_workday(day)
