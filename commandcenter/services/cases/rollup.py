"""The daily roll-up of the evaluation counts (按日汇总), kept incrementally.

Counting a month of a million-case district straight from the cases visits
every case of the month once per measure: seconds (bench/kpi.py). The roll-up
holds, per district day and slice value, what each case contributes to each
count (services/evaluation/kpi.py gives the definitions), so a month is a sum
over 31 rows a key.

It is kept in step in the same transaction as every change: a move subtracts
what the case contributed before and adds what it contributes after, so a case
re-dispatched today leaves yesterday's `dispatched` and a case closed late
turns up in `closed_due` on its deadline's day. Every case contributes to the
slice values it has now, events included, as the direct counts do. Writers of
cases call `record_change` (moves) or `record_new` (reports); bulk loads and
the migration call `rebuild`. Grids and communities, thousands of keys a day,
are not rolled up: their rare tables are counted from the cases.

One more slice, `hour`, keys a case by the district hour it was reported in
("00"–"23"): the hourly trend of the wall and the statistics view sums it, so
a busy day costs 24 rows to read, not a scan of its reports.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select

from commandcenter.models import Case, Event, KpiDay
from commandcenter.models.types import CaseState

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Mapping
    from zoneinfo import ZoneInfo

    from sqlalchemy.orm import Session

ROLLED = ("district", "street", "department", "category", "source", "worker")
"""The slices the roll-up holds (kpi.Slice values)."""
HOUR = "hour"
"""The report-hour slice: keys "00"–"23", the district hour of the report."""
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
    "postponed",
    "closed_due",
    "on_time",
    "reworked_due",
)
REWORK_EVENT = "case.verify_fail"
EVENT_MEASURES = {"case.return": "returned", REWORK_EVENT: "reworked"}
NOT_COUNTED = (CaseState.MERGED.value, CaseState.VOIDED.value)
"""States that are never part of the evaluation base."""
_BATCH = 5_000


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What of a case the counts depend on."""

    is_drill: bool
    state: str
    street_id: int
    department_id: int | None
    category_id: int
    source: str
    reported_by: int
    reported_at: dt.datetime
    registered_at: dt.datetime | None
    voided_at: dt.datetime | None
    dispatched_at: dt.datetime | None
    closed_at: dt.datetime | None
    suspended_at: dt.datetime | None
    deadline_at: dt.datetime | None
    handled_at: dt.datetime | None
    postpone_count: int
    rework_count: int
    events: tuple[tuple[str, dt.datetime], ...] = ()  # (measure, at)

    @staticmethod
    def of(case: Any, events: Iterable[tuple[str, dt.datetime]] = ()) -> CaseFacts:
        """From a Case (attributes) or a row mapping (keys)."""
        get = case.get if isinstance(case, dict) else case.__getattribute__
        values: dict[str, Any] = {name: get(name) for name in _CASE_FIELDS}
        return CaseFacts(**values, events=tuple(events))

    def slice_keys(self, zone: ZoneInfo) -> list[tuple[str, str]]:
        """(slice, key) of every rolled slice value the case has."""
        found = [
            ("district", "district"),
            (HOUR, f"{self.reported_at.astimezone(zone).hour:02d}"),
            ("street", str(self.street_id)),
            ("category", str(self.category_id)),
            ("source", self.source),
            ("worker", str(self.reported_by)),
        ]
        if self.department_id is not None:
            found.append(("department", str(self.department_id)))
        return found

    def contributions(self, zone: ZoneInfo) -> Counter[tuple[str, str]]:
        """(district day, measure) → how much this case adds to it."""
        out: Counter[tuple[str, str]] = Counter()
        if self.is_drill:
            return out

        def on(moment: dt.datetime | None, measure: str) -> None:
            if moment is not None:
                out[(day_of(moment, zone), measure)] += 1

        on(self.reported_at, "reported")
        on(self.registered_at, "registered")
        on(self.voided_at, "voided")
        on(self.dispatched_at, "dispatched")
        on(self.closed_at, "closed")
        on(self.suspended_at, "suspended")
        for measure, at in self.events:
            on(at, measure)
        deadline = self.deadline_at
        if deadline is not None and self.state not in NOT_COUNTED:
            on(deadline, "closures_due")
            if self.rework_count > 0:
                on(deadline, "reworked_due")
            if self.postpone_count > 0:
                on(deadline, "postponed")
            elif self.closed_at is not None:
                on(deadline, "closed_due")
                if self.handled_at is not None and self.handled_at <= deadline:
                    on(deadline, "on_time")
        return out


_CASE_FIELDS = tuple(f.name for f in fields(CaseFacts) if f.name != "events")


def day_of(moment: dt.datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).date().isoformat()


def facts_of(session: Session, case: Case) -> CaseFacts:
    """The case's facts now, with its counted events (flushed ones)."""
    events = session.execute(
        select(Event.kind, Event.at).where(
            Event.entity == "case",
            Event.entity_id == case.id,
            Event.kind.in_(list(EVENT_MEASURES)),
        )
    ).all()
    return CaseFacts.of(case, ((EVENT_MEASURES[kind], at) for kind, at in events))


class _Delta:
    """Changes to roll-up rows, summed before they are written."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self.rows: defaultdict[tuple[str, str, str], Counter[str]] = defaultdict(
            Counter
        )

    def add(self, facts: CaseFacts, sign: int) -> None:
        contributions = facts.contributions(self.zone)
        if not contributions:
            return
        for slice_, key in facts.slice_keys(self.zone):
            for (day, measure), n in contributions.items():
                self.rows[(day, slice_, key)][measure] += sign * n

    def write(self, session: Session) -> None:
        counted = {k: counts for k, counts in self.rows.items() if any(counts.values())}
        measures = tuple(m for m in MEASURES if any(c[m] for c in counted.values()))
        rows = [
            (*key, *(counts[m] for m in measures)) for key, counts in counted.items()
        ]
        connection = session.connection()
        marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        for start in range(0, len(rows), _UPSERT_ROWS):
            chunk = rows[start : start + _UPSERT_ROWS]
            connection.exec_driver_sql(
                _upsert(marker, len(chunk), measures),
                tuple(v for row in chunk for v in row),
            )
        self.rows.clear()


_UPSERT_ROWS = 500
"""Rows in one upsert: at most 8,000 parameters, within every driver's limit."""


@functools.lru_cache(maxsize=256)
def _upsert(marker: str, rows: int, measures: tuple[str, ...]) -> str:
    """INSERT … ON CONFLICT adding `rows` rows' counts of `measures` (the
    others 0), as the driver takes it (the same on SQLite and PostgreSQL):
    one statement for a move's few rows (a report's six, of one measure),
    built once per shape (the few a writer uses: bounded, as a rebuild's last
    chunk may come in any size). Only the measures that change are sent: the
    driver's cost grows with every value, measured at half the upsert's."""
    columns = ("day", "slice", "key", *MEASURES)
    values = [marker] * 3 + [marker if m in measures else "0" for m in MEASURES]
    one = f"({', '.join(values)})"
    added = ", ".join(f"{m} = kpi_days.{m} + excluded.{m}" for m in measures)
    return (
        f"INSERT INTO kpi_days ({', '.join(columns)}) VALUES "
        f"{', '.join([one] * rows)} "
        f"ON CONFLICT (day, slice, key) DO UPDATE SET {added}"
    )


def record_change(
    session: Session, before: CaseFacts, after: CaseFacts, zone: ZoneInfo
) -> None:
    """A move changed a case: move its contributions from before to after."""
    delta = _Delta(zone)
    delta.add(before, -1)
    delta.add(after, +1)
    delta.write(session)


def record_new(
    session: Session, rows: Iterable[Mapping[str, Any]], zone: ZoneInfo
) -> None:
    """New cases (column mappings, no events yet) add their contributions."""
    delta = _Delta(zone)
    for row in rows:
        delta.add(CaseFacts.of(dict(row)), +1)
    delta.write(session)


def rebuild(session: Session, zone: ZoneInfo) -> None:
    """Recount the whole roll-up from the cases and the event log."""
    session.execute(delete(KpiDay))
    events: defaultdict[int, list[tuple[str, dt.datetime]]] = defaultdict(list)
    for case_id, kind, at in session.execute(
        select(Event.entity_id, Event.kind, Event.at).where(
            Event.entity == "case", Event.kind.in_(list(EVENT_MEASURES))
        )
    ):
        if case_id is not None:
            events[case_id].append((EVENT_MEASURES[kind], at))
    columns = [getattr(Case, name) for name in _CASE_FIELDS]
    delta = _Delta(zone)
    result = session.execute(
        select(Case.id, *columns).execution_options(yield_per=_BATCH)
    )
    for row in result:
        values = dict(zip(_CASE_FIELDS, row[1:], strict=True))
        delta.add(CaseFacts(**values, events=tuple(events.get(row[0], ()))), +1)
    delta.write(session)


def read(
    session: Session, slice_: str, first_day: dt.date, last_day: dt.date
) -> dict[str, dict[str, int]]:
    """key → measure → count, summed over the days [first_day, last_day]."""
    sums = [func.sum(getattr(KpiDay, m)) for m in MEASURES]
    rows = session.execute(
        select(KpiDay.key, *sums)
        .where(
            KpiDay.slice == slice_,
            KpiDay.day >= first_day.isoformat(),
            KpiDay.day <= last_day.isoformat(),
        )
        .group_by(KpiDay.key)
    ).all()
    return {
        row[0]: {m: int(n or 0) for m, n in zip(MEASURES, row[1:], strict=True)}
        for row in rows
    }
