"""The daily roll-up of the evaluation counts (`kpi_days`) recounted from the
cases and the event log, as revisions 0002 and 0003 compute it, frozen.

0002 counts the six slices it introduced; 0003 adds the report-hour slice
(`hour`). Both delete what they rebuild and write whole rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from commandcenter.models.base import UTCDateTime

if TYPE_CHECKING:
    import datetime as dt
    from zoneinfo import ZoneInfo

HOUR = "hour"
SLICES_0002 = ("district", "street", "department", "category", "source", "worker")
SLICES_0003 = (*SLICES_0002, HOUR)
MEASURES = (
    "reported",
    "registered",
    "voided",
    "dispatched",
    "closed",
    "suspended",
    "returned",
    "reworked",
    "closures_due",
    "closed_due",
    "on_time",
    "postponed",
    "reworked_due",
)
_EVENT_MEASURES = {"case.return": "returned", "case.verify_fail": "reworked"}
_NOT_COUNTED = ("merged", "voided")
_BATCH = 5_000

_CASES = sa.table(
    "cases",
    sa.column("id", sa.Integer),
    sa.column("is_drill", sa.Boolean),
    sa.column("state", sa.String),
    sa.column("street_id", sa.Integer),
    sa.column("department_id", sa.Integer),
    sa.column("category_id", sa.Integer),
    sa.column("source", sa.String),
    sa.column("reported_by", sa.Integer),
    *(
        sa.column(name, UTCDateTime())
        for name in (
            "reported_at",
            "registered_at",
            "voided_at",
            "dispatched_at",
            "closed_at",
            "suspended_at",
            "deadline_at",
            "handled_at",
        )
    ),
    sa.column("postpone_count", sa.Integer),
    sa.column("rework_count", sa.Integer),
)
_EVENTS = sa.table(
    "events",
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("at", UTCDateTime()),
)
_KPI_DAYS = sa.table(
    "kpi_days",
    sa.column("day", sa.String),
    sa.column("slice", sa.String),
    sa.column("key", sa.String),
    *(sa.column(m, sa.Integer) for m in MEASURES),
)


def _contributions(
    case: Any, events: list[tuple[str, dt.datetime]], zone: ZoneInfo
) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    if case.is_drill:
        return out

    def on(moment: dt.datetime | None, measure: str) -> None:
        if moment is not None:
            out[(moment.astimezone(zone).date().isoformat(), measure)] += 1

    for measure in ("reported", "registered", "voided", "dispatched", "closed"):
        on(getattr(case, f"{measure}_at"), measure)
    on(case.suspended_at, "suspended")
    for measure, at in events:
        on(at, measure)
    deadline = case.deadline_at
    if deadline is not None and case.state not in _NOT_COUNTED:
        on(deadline, "closures_due")
        if case.rework_count > 0:
            on(deadline, "reworked_due")
        if case.postpone_count > 0:
            on(deadline, "postponed")
        elif case.closed_at is not None:
            on(deadline, "closed_due")
            if case.handled_at is not None and case.handled_at <= deadline:
                on(deadline, "on_time")
    return out


def _keys(case: Any, zone: ZoneInfo) -> dict[str, str | None]:
    return {
        "district": "district",
        HOUR: f"{case.reported_at.astimezone(zone).hour:02d}",
        "street": str(case.street_id),
        "category": str(case.category_id),
        "source": case.source,
        "worker": str(case.reported_by),
        "department": None if case.department_id is None else str(case.department_id),
    }


def rebuild(connection: sa.Connection, zone: ZoneInfo, slices: tuple[str, ...]) -> None:
    """Delete the rows of `slices` and count them again from every case."""
    connection.execute(_KPI_DAYS.delete().where(_KPI_DAYS.c.slice.in_(slices)))
    events: defaultdict[int, list[tuple[str, dt.datetime]]] = defaultdict(list)
    for case_id, kind, at in connection.execute(
        sa.select(_EVENTS.c.entity_id, _EVENTS.c.kind, _EVENTS.c.at).where(
            _EVENTS.c.entity == "case", _EVENTS.c.kind.in_(list(_EVENT_MEASURES))
        )
    ):
        if case_id is not None:
            events[case_id].append((_EVENT_MEASURES[kind], at))
    rows: defaultdict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for case in connection.execute(sa.select(_CASES)):
        contributions = _contributions(case, events.get(case.id, []), zone)
        if not contributions:
            continue
        keys = _keys(case, zone)
        for slice_ in slices:
            key = keys[slice_]
            if key is None:
                continue
            for (day, measure), n in contributions.items():
                rows[(day, slice_, key)][measure] += n
    values = [
        {"day": d, "slice": s, "key": k, **{m: counts[m] for m in MEASURES}}
        for (d, s, k), counts in rows.items()
        if any(counts.values())
    ]
    for start in range(0, len(values), _BATCH):
        connection.execute(_KPI_DAYS.insert(), values[start : start + _BATCH])
