"""Everything the case panel and the dialogs show about one case, read at once.

The queue holds light `CaseRow` snapshots; selecting a case asks for its
`CaseDetail` (timeline with names, attachments, duplicates, nearest cameras and
the moves this user may make). The dispatch dialog asks for a `DispatchPreview`
so the operator sees the suggested department, why, and the deadline on the
working calendar before committing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from commandcenter.models import (
    Area,
    Attachment,
    Camera,
    Case,
    Category,
    Department,
    Event,
    User,
)
from commandcenter.models.types import AreaLevel, CaseState
from commandcenter.services.cases import contact, routing
from commandcenter.services.cases.attributes import shown
from commandcenter.services.cases.queries import case_and_merged_ids
from commandcenter.services.cases.workflow import Move, allowed_moves
from commandcenter.services.kernel.category_attributes import from_json
from commandcenter.services.kernel.errors import NotFoundError
from commandcenter.services.kernel.geodesy import distance_m
from commandcenter.services.kernel.work_calendar import CLOCK_HOUR

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database
    from commandcenter.services.cases.contact import Contact
    from commandcenter.services.cases.queries import CaseQueries, CaseRow
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.calendar_source import CalendarSource

NEAREST_CAMERAS = 3


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    move: str  # the Move value: "register", "dispatch", ...
    actor: str  # display name, "" for the system
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    id: int
    filename: str
    media_type: str
    size: int


@dataclass(frozen=True, slots=True)
class NearbyCamera:
    id: int
    code: str
    name: str
    lon: float
    lat: float
    distance_m: float


@dataclass(frozen=True, slots=True)
class CaseDetail:
    row: CaseRow
    reporter_name: str | None
    postpone_pending_hours: int | None
    timeline: tuple[TimelineEntry, ...]
    attachments: tuple[AttachmentInfo, ...]
    duplicates: tuple[tuple[CaseRow, float], ...]
    cameras: tuple[NearbyCamera, ...]
    moves: tuple[Move, ...]
    zone: str  # the district's time zone: show times in it, not the desk's
    answers: tuple[tuple[str, str], ...] = ()
    """(question, answer) of the category's extra questions, as people read
    them, in the category's order."""
    may_reveal: bool = False
    """Whether the viewer may see the reporter's contact (with a reason)."""


@dataclass(frozen=True, slots=True)
class DepartmentChoice:
    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class DispatchPreview:
    """What dispatching now would do: the suggestion and the deadline it sets."""

    suggested: DepartmentChoice
    reason: str
    deadline_at: datetime
    natural: bool  # the limit runs on the clock, not the working calendar
    limit: int
    unit: str
    departments: tuple[DepartmentChoice, ...]
    zone: str


@dataclass(frozen=True, slots=True)
class CategoryChoice:
    code: str
    name: str
    major: str
    family: str
    priority: int
    self_handle: bool


@dataclass(frozen=True, slots=True)
class GridPlace:
    code: str
    name: str
    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class FilterChoices:
    """The values the queue's filter bar offers, as (code, name) pairs."""

    streets: tuple[str, ...]  # names, as the rows carry them
    categories: tuple[tuple[str, str], ...]
    departments: tuple[tuple[str, str], ...]
    zone: str  # the district's time zone, for clocks


class CaseDetails:
    """Read-only lookups for the case panel and the case dialogs."""

    def __init__(
        self,
        db: Database,
        queries: CaseQueries,
        calendars: CalendarSource,
        clock: Callable[[], datetime],
    ) -> None:
        self._db = db
        self._queries = queries
        self._calendars = calendars
        self._clock = clock

    def detail(self, actor: Actor, case_id: int) -> CaseDetail:
        row = self._queries.get(case_id)
        duplicates = tuple(
            self._queries.duplicates(row.category_code, row.lon, row.lat, (row.id,))
        )
        with self._db.read() as session:
            case = session.get(Case, case_id)
            assert case is not None, "get() found it"
            return CaseDetail(
                row=row,
                reporter_name=_mask_name(case.reporter_name),
                postpone_pending_hours=case.postpone_pending_hours,
                timeline=_timeline(session, case_id),
                attachments=tuple(
                    AttachmentInfo(a.id, a.filename, a.media_type, a.size)
                    for a in session.execute(
                        select(Attachment)
                        .where(Attachment.case_id == case_id)
                        .order_by(Attachment.id)
                    ).scalars()
                ),
                duplicates=duplicates,
                cameras=nearest_cameras(session, row.lon, row.lat),
                moves=allowed_moves(actor.role, CaseState(row.state)),
                zone=self._calendars.get().timezone,
                answers=_answers(session, case),
                may_reveal=contact.may_reveal(actor, case),
            )

    def reveal_contact(self, actor: Actor, case_id: int, reason: str) -> Contact:
        """The reporter's contact, unmasked, for `reason`: an audited event
        (services/cases/contact.py says who may)."""
        with self._db.write() as session:
            return contact.reveal(session, actor, case_id, reason, self._clock())

    def attachment_data(self, attachment_id: int) -> bytes:
        with self._db.read() as session:
            attachment = session.get(Attachment, attachment_id)
            if attachment is None:
                raise NotFoundError(f"no attachment with id {attachment_id}")
            return attachment.data

    def dispatch_preview(self, case_id: int) -> DispatchPreview:
        now = self._clock()
        with self._db.read() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise NotFoundError(f"no case with id {case_id}")
            category = session.get(Category, case.category_id)
            assert category is not None, "foreign key guarantees the category"
            suggestion = routing.suggest(session, category, case.street_id)
            departments = tuple(
                DepartmentChoice(d.id, d.code, d.name_zh)
                for d in session.execute(
                    select(Department).order_by(Department.kind, Department.code)
                ).scalars()
            )
            limit, unit = category.handling_limit, category.handling_unit
            calendar = self._calendars.get()
            deadline = calendar.add(now, limit, unit)
        suggested = next(d for d in departments if d.id == suggestion.department_id)
        return DispatchPreview(
            suggested=suggested,
            reason=suggestion.reason,
            deadline_at=deadline,
            natural=unit == CLOCK_HOUR,
            limit=limit,
            unit=unit,
            departments=departments,
            zone=calendar.timezone,
        )

    def categories(self) -> list[CategoryChoice]:
        with self._db.read() as session:
            rows = session.execute(
                select(Category)
                .where(Category.active.is_(True))
                .order_by(Category.code)
            ).scalars()
            return [
                CategoryChoice(
                    c.code,
                    c.name_zh,
                    c.major_name_zh,
                    c.family,
                    c.priority,
                    c.self_handle,
                )
                for c in rows
            ]

    def filter_choices(self) -> FilterChoices:
        with self._db.read() as session:
            streets = session.execute(
                select(Area.name)
                .where(Area.level == AreaLevel.STREET.value)
                .order_by(Area.code)
            ).scalars()
            categories = session.execute(
                select(Category.code, Category.name_zh).order_by(Category.code)
            ).all()
            departments = session.execute(
                select(Department.code, Department.name_zh).order_by(
                    Department.kind, Department.code
                )
            ).all()
            return FilterChoices(
                streets=tuple(streets),
                categories=tuple((c.code, c.name_zh) for c in categories),
                departments=tuple((d.code, d.name_zh) for d in departments),
                zone=self._calendars.get().timezone,
            )

    def grid(self, code: str) -> GridPlace | None:
        """A unit grid by its code, with the point the map labels it at."""
        with self._db.read() as session:
            area = session.execute(
                select(Area).where(
                    Area.code == code.strip(), Area.level == AreaLevel.GRID.value
                )
            ).scalar_one_or_none()
            if area is None:
                return None
            return GridPlace(area.code, area.name, area.centroid_lon, area.centroid_lat)


def _timeline(session: Session, case_id: int) -> tuple[TimelineEntry, ...]:
    """The case's events and those of reports merged into it, oldest first."""
    ids = case_and_merged_ids(session, case_id)
    names = session.execute(select(Department.code, Department.name_zh)).all()
    departments: dict[str, str] = {row.code: row.name_zh for row in names}
    rows = session.execute(
        select(Event.at, Event.kind, Event.payload, User.display_name)
        .outerjoin(User, User.id == Event.actor_id)
        .where(Event.entity == "case", Event.entity_id.in_(ids))
        .order_by(Event.id)
    ).all()
    return tuple(
        TimelineEntry(
            at=row.at,
            move=row.kind.removeprefix("case."),
            actor=row.display_name or "",
            payload=_named(json.loads(row.payload), departments),
        )
        for row in rows
    )


def _named(payload: dict[str, Any], departments: dict[str, str]) -> dict[str, Any]:
    """The payload with a department code replaced by the department's name."""
    code = payload.get("department")
    if isinstance(code, str) and code in departments:
        return {**payload, "department": departments[code]}
    return payload


def nearest_cameras(
    session: Session, lon: float, lat: float, count: int = NEAREST_CAMERAS
) -> tuple[NearbyCamera, ...]:
    """The `count` enabled cameras nearest to a point (a district has ~100s)."""
    cameras = session.execute(
        select(Camera.id, Camera.code, Camera.name, Camera.lon, Camera.lat).where(
            Camera.enabled.is_(True)
        )
    ).all()
    ranked = sorted(
        (
            NearbyCamera(
                c.id, c.code, c.name, c.lon, c.lat, distance_m(lon, lat, c.lon, c.lat)
            )
            for c in cameras
        ),
        key=lambda camera: camera.distance_m,
    )
    return tuple(ranked[:count])


def _mask_name(name: str | None) -> str | None:
    """张** : the surname only (PRODUCT.md §9)."""
    if not name:
        return name
    return name[0] + "*" * (len(name) - 1)


def _answers(session: Session, case: Case) -> tuple[tuple[str, str], ...]:
    if case.attributes is None:
        return ()
    category = session.get(Category, case.category_id)
    assert category is not None, "a case's category stays"
    return tuple(shown(from_json(category.attributes), json.loads(case.attributes)))
