"""Reading cases: filtered lists, one case, its timeline, duplicate suggestions.

Rows come back as frozen `CaseRow` snapshots, never ORM objects, so they can cross
threads and layers. Reporter contact details are masked here (PRODUCT.md §9).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import aliased

from commandcenter.models import Area, Case, Category, Department, Event
from commandcenter.models.types import DEADLINE_STATES, OPEN_STATES, CaseState
from commandcenter.services.kernel.errors import NotFoundError, ValidationError
from commandcenter.services.kernel.feed import FeedEvent
from commandcenter.services.kernel.geodesy import (
    METRES_PER_DEGREE_LAT,
    distance_m,
    metres_per_degree_lon,
)
from commandcenter.services.kernel.isolation import REAL_CASES
from commandcenter.services.kernel.work_calendar import DeadlineStatus

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import datetime

    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database
    from commandcenter.services.kernel.calendar_source import CalendarSource

DUPLICATE_RADIUS_M = 50.0
DESK_LINGER = timedelta(days=1)
"""How long a closed, voided or merged case stays on the desk after it ended."""
DESK_LIMIT = 50_000


def mask_phone(phone: str | None) -> str | None:
    """138****5678: enough to recognise, not enough to call."""
    if not phone:
        return phone
    digits = phone.replace(" ", "")
    if len(digits) <= 4:
        return "*" * len(digits)
    keep = 3 if len(digits) >= 11 else 1
    return digits[:keep] + "*" * (len(digits) - keep - 4) + digits[-4:]


_RUNNING = frozenset({CaseState.DISPATCHED, CaseState.IN_PROGRESS})
"""States whose deadline light runs: from dispatch until the handling report."""


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A case as the screens and the command line show it."""

    id: int
    number: str
    state: CaseState
    category_code: str
    category_name: str
    source: str
    priority: int
    description: str
    address: str
    lon: float
    lat: float
    grid_code: str
    street_name: str
    department_code: str | None
    department_name: str | None
    reported_at: datetime
    deadline_at: datetime | None
    amber_at: datetime | None
    """When the running deadline's light turns amber (80 % of the allowance
    used on the case's clock); None when no deadline runs or it has no amber."""
    ended_at: datetime | None
    """When the case left the loop (closed, voided or merged); None while open."""
    escalation: str
    rework_count: int
    reporter_phone: str | None
    media_url: str | None
    """A link to a photo elsewhere, as sent (never fetched)."""
    is_drill: bool
    drill_id: int | None
    version: int

    def deadline_status(self, now: datetime) -> DeadlineStatus | None:
        """The running deadline's traffic light at `now`, from the clock, not
        from when the row was read: a row read at 09:00 turns red by itself at
        its deadline. None when no deadline runs (not dispatched, suspended,
        handled, ended)."""
        if self.deadline_at is None or self.state not in _RUNNING:
            return None
        if now > self.deadline_at:
            return DeadlineStatus.RED
        if self.amber_at is not None and now >= self.amber_at:
            return DeadlineStatus.AMBER
        return DeadlineStatus.GREEN

    def on_desk(self, now: datetime, linger: timedelta = DESK_LINGER) -> bool:
        """Whether the case belongs on a workstation's desk at `now`: while it is
        open, and for `linger` after it ended (today's closures stay in view,
        last week's do not, so a desk left open for days stays as big as a
        freshly opened one)."""
        return self.ended_at is None or self.ended_at >= now - linger

    def to_json(self, now: datetime) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__slots__}
        for key in ("reported_at", "deadline_at", "amber_at", "ended_at"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        data["deadline_status"] = self.deadline_status(now)
        return data


@dataclass(frozen=True, slots=True)
class CaseFilter:
    """What `find` selects; every field narrows, None means 'any'."""

    states: frozenset[CaseState] | None = None
    street_code: str | None = None
    category_code: str | None = None
    department_code: str | None = None
    ended_since: datetime | None = None
    """Only cases that ended (closed, voided, merged) at or after this moment."""
    text: str | None = None
    include_drill: bool = False
    drill_id: int | None = None
    """Only this drill's cases (its own queue tab)."""
    ids: tuple[int, ...] | None = None
    """Only these cases."""
    reported_from: datetime | None = None
    """Reported at or after this moment."""
    reported_until: datetime | None = None
    """Reported at or before this moment."""
    limit: int = 1000

    @staticmethod
    def for_status(status: str, **kwargs: Any) -> CaseFilter:
        """'open', 'all', or one state name."""
        if status == "open":
            return CaseFilter(states=OPEN_STATES, **kwargs)
        if status == "all":
            return CaseFilter(**kwargs)
        try:
            return CaseFilter(states=frozenset({CaseState(status)}), **kwargs)
        except ValueError as error:
            names = ", ".join(["open", "all", *CaseState])
            raise ValidationError(
                f"unknown status {status!r} (one of {names})"
            ) from error


_Grid = aliased(Area)
_Street = aliased(Area)


_Query = Select[Case, str, str, str, str, str, str]


def _ended_at(case: Case) -> datetime | None:
    if case.state == CaseState.MERGED:
        return case.updated_at  # the merge was its last move
    return case.closed_at or case.voided_at


def _base_query() -> _Query:
    return (
        select(
            Case,
            Category.code,
            Category.name_zh,
            _Grid.code,
            _Street.name,
            Department.code,
            Department.name_zh,
        )
        .join(Category, Category.id == Case.category_id)
        .join(_Grid, _Grid.id == Case.grid_id)
        .join(_Street, _Street.id == Case.street_id)
        .outerjoin(Department, Department.id == Case.department_id)
    )


class CaseQueries:
    """Read-only access to cases."""

    def __init__(
        self, db: Database, calendars: CalendarSource, clock: Callable[[], datetime]
    ) -> None:
        self._db = db
        self._calendars = calendars
        self._clock = clock

    def _amber_at(self, case: Case) -> datetime | None:
        if case.deadline_at is None or case.deadline_start is None:
            return None
        if case.state not in _RUNNING:
            return None
        return self._calendars.get().amber_at(
            case.deadline_start, case.deadline_at, natural=case.deadline_natural
        )

    def _rows(self, query: _Query) -> list[CaseRow]:
        now = self._clock()
        with self._db.read() as session:
            return self._snapshots(session.execute(query).all(), now)

    def _snapshots(self, result: Sequence[Any], now: datetime) -> list[CaseRow]:
        return [
            CaseRow(
                id=case.id,
                number=case.number,
                state=CaseState(case.state),
                category_code=category_code,
                category_name=category_name,
                source=case.source,
                priority=case.priority,
                description=case.description,
                address=case.address,
                lon=case.lon,
                lat=case.lat,
                grid_code=grid_code,
                street_name=street_name,
                department_code=department_code,
                department_name=department_name,
                reported_at=case.reported_at,
                deadline_at=case.deadline_at,
                amber_at=self._amber_at(case),
                ended_at=_ended_at(case),
                escalation=case.escalation,
                rework_count=case.rework_count,
                reporter_phone=mask_phone(case.reporter_phone),
                media_url=case.media_url,
                is_drill=case.is_drill,
                drill_id=case.drill_id,
                version=case.version,
            )
            for (
                case,
                category_code,
                category_name,
                grid_code,
                street_name,
                department_code,
                department_name,
            ) in result
        ]

    def find(self, filt: CaseFilter) -> list[CaseRow]:
        """Newest first, at most `filt.limit` rows."""
        query = _base_query()
        if filt.states is not None:
            query = query.where(Case.state.in_([s.value for s in filt.states]))
        if filt.drill_id is not None:
            query = query.where(Case.drill_id == filt.drill_id)
        elif not filt.include_drill:
            query = query.where(REAL_CASES)
        if filt.ids is not None:
            query = query.where(Case.id.in_(filt.ids))
        if filt.reported_from is not None:
            query = query.where(Case.reported_at >= filt.reported_from)
        if filt.reported_until is not None:
            query = query.where(Case.reported_at <= filt.reported_until)
        if filt.street_code:
            query = query.where(_Street.code == filt.street_code)
        if filt.category_code:
            query = query.where(Category.code == filt.category_code)
        if filt.department_code:
            query = query.where(Department.code == filt.department_code)
        if filt.ended_since:
            since = filt.ended_since
            query = query.where(
                or_(
                    Case.closed_at >= since,
                    Case.voided_at >= since,
                    and_(
                        Case.state == CaseState.MERGED.value, Case.updated_at >= since
                    ),
                )
            )
        if filt.text:
            pattern = f"%{filt.text}%"
            query = query.where(
                or_(
                    Case.number.like(pattern),
                    Case.description.like(pattern),
                    Case.address.like(pattern),
                )
            )
        return self._rows(query.order_by(Case.id.desc()).limit(filt.limit))

    def overdue(self, limit: int = 200) -> list[CaseRow]:
        """Open real cases past their deadline now, the longest overdue first."""
        query = _base_query().where(
            Case.state.in_([s.value for s in DEADLINE_STATES]),
            REAL_CASES,
            Case.deadline_at < self._clock(),
        )
        return self._rows(query.order_by(Case.deadline_at).limit(limit))

    def desk(self, linger: timedelta = DESK_LINGER) -> list[CaseRow]:
        """What the workstation's queue starts with: every open case, plus every
        case that ended within `linger` (`CaseRow.on_desk`, which the open desk
        keeps to as time goes on)."""
        open_rows = self.find(CaseFilter(states=OPEN_STATES, limit=DESK_LIMIT))
        since = self._clock() - linger
        ended = self.find(CaseFilter(ended_since=since, limit=DESK_LIMIT))
        seen = {row.id for row in open_rows}
        return open_rows + [row for row in ended if row.id not in seen]

    def by_ids(self, case_ids: Sequence[int]) -> list[CaseRow]:
        """Fresh snapshots of the given cases (those that exist), e.g. after a feed
        batch named them; drill cases included, the caller filters."""
        if not case_ids:
            return []
        return self._rows(_base_query().where(Case.id.in_(list(case_ids))))

    def get(self, case_id: int) -> CaseRow:
        rows = self._rows(_base_query().where(Case.id == case_id))
        if not rows:
            raise NotFoundError(f"no case with id {case_id}")
        return rows[0]

    def timeline(self, case_id: int) -> list[FeedEvent]:
        """Every event of the case and of the reports merged into it, oldest first."""
        with self._db.read() as session:
            ids = case_and_merged_ids(session, case_id)
            rows = session.execute(
                select(Event)
                .where(Event.entity == "case", Event.entity_id.in_(ids))
                .order_by(Event.id)
            ).scalars()
            return [FeedEvent.of(row) for row in rows]

    def duplicates(
        self,
        category_code: str,
        lon: float,
        lat: float,
        exclude: Sequence[int] = (),
        radius_m: float = DUPLICATE_RADIUS_M,
    ) -> list[tuple[CaseRow, float]]:
        """Open cases of the same category within `radius_m`, nearest first."""
        dlat = radius_m / METRES_PER_DEGREE_LAT
        dlon = radius_m / metres_per_degree_lon(lat)
        query = _base_query().where(
            and_(
                Category.code == category_code,
                Case.state.in_([s.value for s in OPEN_STATES]),
                Case.lon.between(lon - dlon, lon + dlon),
                Case.lat.between(lat - dlat, lat + dlat),
                Case.id.not_in(list(exclude)),
            )
        )
        found = [
            (row, distance_m(lon, lat, row.lon, row.lat)) for row in self._rows(query)
        ]
        return sorted(
            ((row, d) for row, d in found if d <= radius_m), key=lambda pair: pair[1]
        )


def case_and_merged_ids(session: Session, case_id: int) -> list[int]:
    """The case and the duplicate reports merged into it: one timeline."""
    merged = session.execute(
        select(Case.id).where(Case.merged_into_id == case_id)
    ).scalars()
    return [case_id, *merged]
