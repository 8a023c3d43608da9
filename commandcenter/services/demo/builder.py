"""Build the Xuhui demo into an empty database (`commandcenter demo-data`)."""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo

import numpy as np
import shapely
from sqlalchemy import Table, func, insert, select

from commandcenter.models import (
    Area,
    Camera,
    Case,
    CaseNumberCounter,
    Category,
    Department,
    Event,
    User,
)
from commandcenter.models.types import OPEN_STATES, AreaLevel
from commandcenter.services.cases.api import (
    CategoryInfo,
    insert_cases,
    rollup,
)
from commandcenter.services.demo.drill_hall import play_past_drill
from commandcenter.services.demo.history import Arrival, HistorySimulator, SimCategory
from commandcenter.services.demo.incidents import play_incidents
from commandcenter.services.demo.population import (
    DEMO,
    create_accounts,
    create_cameras,
    demo_config,
)
from commandcenter.services.demo.territory_gen import TerritoryPlan, build_features
from commandcenter.services.emergency.api import import_shipped
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.catalog import load_calendar, load_reference
from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.kernel.progress import Progress, Silent
from commandcenter.services.territory.api import (
    TerritoryIndex,
    import_features,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database
    from commandcenter.models.base import Base
    from commandcenter.services.kernel.work_calendar import WorkCalendar

_CHUNK = 20_000


@dataclass(frozen=True, slots=True)
class DemoOptions:
    seed: int = 1
    days: int = 180
    per_day: float = 1100.0
    small: bool = False
    """Coarse grids (400 m), few communities: for tests and quick looks."""

    def __post_init__(self) -> None:
        if self.days < 0 or not 0 < self.per_day <= 100_000:
            raise ValidationError(
                "days must be 0 or more and reports per day between 0 and 100,000"
            )

    @staticmethod
    def preset(small: bool) -> DemoOptions:
        """The full demo, or the small one: 400 m grids, two weeks, 60 reports a day."""
        return DemoOptions(small=True, days=14, per_day=60) if small else DemoOptions()

    def with_(self, **changes: Any) -> DemoOptions:
        """A copy with the given fields changed; None means 'keep'."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def plan(self) -> TerritoryPlan:
        if self.small:
            return TerritoryPlan(cell_m=400.0, community_km2=1.5)
        return TerritoryPlan()


@dataclass(frozen=True, slots=True)
class DemoSummary:
    streets: int
    communities: int
    grids: int
    departments: int
    categories: int
    users: int
    cameras: int
    cases: int
    open_cases: int
    events: int
    seconds: float

    def lines(self) -> list[str]:
        return [
            f"territory: {self.streets} streets, {self.communities} communities, "
            f"{self.grids} unit grids",
            f"catalog: {self.departments} departments, {self.categories} categories",
            f"people: {self.users} accounts; {self.cameras} cameras",
            f"cases: {self.cases} ({self.open_cases} open); events: {self.events}",
            f"built in {self.seconds:.1f} s",
        ]


def build_demo(
    db: Database,
    options: DemoOptions,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty, migrated database with the demo district and its history,
    in one transaction: interrupted at any point (Ctrl-C, a killed process, a
    full disk), the database is left as it was, empty, and a new build starts
    afresh. The same seed and `now` build the same demo."""
    started = time.perf_counter()
    progress = progress or Silent()
    if not db.is_empty():
        raise ValidationError("the database already holds a district: use an empty one")
    now = now or datetime.now(UTC)
    config = demo_config()
    rng = np.random.default_rng(options.seed)
    progress.stage("territory")
    features = build_features(options.plan, options.seed)
    with db.write() as session:
        import_features(session, features, actor_id=None)
        load_reference(session)
        import_shipped(session, now.date())
        cast = create_accounts(session, config)
        create_cameras(session, config, rng)
        if options.days > 0:
            _build_history(session, options, now, cast, config, progress)
    if options.days > 0:
        db.analyze()
        progress.stage("emergencies")
        play_incidents(db, now)
        if options.days > DRILL_DAYS_AGO:  # inside the history, not before it
            progress.stage("a past drill")
            play_past_drill(db, _past_evening(now, DRILL_DAYS_AGO), "typhoon-night")
    return _summary(db, time.perf_counter() - started)


def _sim_categories(session: Session) -> dict[str, SimCategory]:
    return {
        c.code: SimCategory(
            info=CategoryInfo(c.id, c.code, c.priority, c.attributes),
            name=c.name_zh,
            family=c.family,
            major=c.major,
            department_id=c.department_id,
            handling=(c.handling_limit, c.handling_unit),
            verify=(c.verify_limit, c.verify_unit),
            self_handle=c.self_handle,
            criteria=c.registration_criteria,
        )
        for c in session.execute(select(Category)).scalars()
    }


def _mix(categories: dict[str, SimCategory]) -> dict[str, float]:
    with (DEMO / "case_mix.csv").open(encoding="utf-8", newline="") as handle:
        weights = {row["code"]: float(row["weight"]) for row in csv.DictReader(handle)}
    return {code: weights.get(code, 0.3) for code in categories}


def _build_history(
    session: Session,
    options: DemoOptions,
    now: datetime,
    cast: Any,
    config: dict[str, Any],
    progress: Progress,
) -> None:
    """Simulate the history and write it, in the build's transaction."""
    territory = TerritoryIndex.read(session)
    calendar = load_calendar(session)
    categories = _sim_categories(session)
    offices = {
        area_id: department_id
        for area_id, department_id in session.execute(
            select(Department.area_id, Department.id).where(
                Department.kind == "street_office"
            )
        )
        if area_id is not None
    }
    codes = dict(session.execute(select(Department.id, Department.code)).all())
    district = session.execute(
        select(Area.geometry).where(Area.level == AreaLevel.DISTRICT.value)
    ).scalar_one()
    simulator = HistorySimulator(
        seed=options.seed,
        now=now,
        calendar=calendar,
        territory=territory,
        categories=categories,
        mix=_mix(categories),
        cast=cast,
        street_office=offices,
        department_codes=codes,
        config=config,
    )
    bounds = shapely.from_geojson(district).bounds
    arrivals = simulator.arrivals(options.days, options.per_day, bounds)
    numbers, counters = _numbers(arrivals, calendar)
    progress.stage(f"simulating {len(arrivals)} cases", len(arrivals))
    rows: list[dict[str, Any]] = []
    events: list[tuple[datetime, int, str, int, str]] = []
    for row, life_events in simulator.lives(arrivals, numbers):
        rows.append(row)
        events += life_events
        if len(rows) % 1000 == 0:
            progress.advance(1000)
    progress.advance(len(rows) % 1000)
    events.sort(key=lambda e: (e[0], e[3]))
    progress.stage(
        f"writing {len(rows)} cases and {len(events)} events", len(rows) + len(events)
    )
    with _indexes_built_after(session, (Case, Event)):
        ids: list[int] = []
        for start in range(0, len(rows), _CHUNK):
            ids += insert_cases(session, rows[start : start + _CHUNK])
            progress.advance(len(rows[start : start + _CHUNK]))
        if counters:  # an empty list would insert one row of NULLs
            session.execute(
                insert(CaseNumberCounter),
                [{"day": day, "last": last} for day, last in counters.items()],
            )
        for start in range(0, len(events), _CHUNK * 2):
            event_log.append_serialized(
                session,
                [
                    (at, actor, kind, "case", ids[index], payload)
                    for at, actor, kind, index, payload in events[
                        start : start + _CHUNK * 2
                    ]
                ],
            )
            progress.advance(len(events[start : start + _CHUNK * 2]))
        progress.stage("counting the daily roll-up")
        rollup.rebuild(session, calendar.zone)  # after the events: it reads them


@contextmanager
def _indexes_built_after(
    session: Session, models: tuple[type[Base], ...]
) -> Iterator[None]:
    """Drop the secondary indexes of `models` for a bulk load and build each once
    afterwards, in the same transaction: maintaining them row by row while a
    million rows go in costs more than building them (measured)."""
    connection = session.connection()
    indexes = [i for model in models for i in cast("Table", model.__table__).indexes]
    for index in indexes:
        index.drop(connection)
    yield
    for index in indexes:
        index.create(connection)


def _numbers(
    arrivals: list[Arrival], calendar: WorkCalendar
) -> tuple[list[str], dict[str, int]]:
    counters: dict[str, int] = {}
    numbers = []
    for arrival in arrivals:
        day = arrival.at.astimezone(calendar.zone).strftime("%Y%m%d")
        counters[day] = counters.get(day, 0) + 1
        numbers.append(f"{day}-{counters[day]:04d}")
    return numbers, counters


def _summary(db: Database, seconds: float) -> DemoSummary:
    with db.read() as session:

        def count(model: Any, *where: Any) -> int:
            return int(
                session.execute(
                    select(func.count()).select_from(model).where(*where)
                ).scalar_one()
            )

        return DemoSummary(
            streets=count(Area, Area.level == AreaLevel.STREET.value),
            communities=count(Area, Area.level == AreaLevel.COMMUNITY.value),
            grids=count(Area, Area.level == AreaLevel.GRID.value),
            departments=count(Department),
            categories=count(Category),
            users=count(User),
            cameras=count(Camera),
            cases=count(Case),
            open_cases=count(Case, Case.state.in_([s.value for s in OPEN_STATES])),
            events=count(Event),
            seconds=seconds,
        )


DRILL_DAYS_AGO = 12
"""The demo's past drill ran on the evening this many days ago."""


def _past_evening(now: datetime, days: int) -> datetime:
    """20:00 district time `days` before `now` (a drill on a past evening)."""
    zone = ZoneInfo("Asia/Shanghai")
    day = (now.astimezone(zone) - timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, 20, tzinfo=zone)
