"""Reading incidents: the active ones with their tasks and links, one incident,
its timeline (its events in the log), a department's tasks, the plans.

Rows are frozen snapshots, never ORM objects, so they can cross threads. A task's
traffic light is worked out from the clock at the moment it is asked for: a row
read at 09:00 turns amber and red by itself (the board ticks, nothing re-reads).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shapely
from sqlalchemy import select

from commandcenter.models import (
    Camera,
    Case,
    Department,
    Event,
    Incident,
    IncidentLink,
    IncidentTask,
    Plan,
    User,
)
from commandcenter.models.types import IncidentState, TaskState
from commandcenter.services.emergency.levels import ORDER
from commandcenter.services.emergency.plan_store import StoredPlan, stored_plans
from commandcenter.services.emergency.plans import Level, Resource, load_resources
from commandcenter.services.emergency.replay import Replay, build_replay
from commandcenter.services.emergency.workflow import OPEN_TASK_STATES
from commandcenter.services.kernel.errors import NotFoundError
from commandcenter.services.kernel.geodesy import distance_m
from commandcenter.services.kernel.isolation import REAL_INCIDENTS
from commandcenter.services.kernel.work_calendar import DeadlineStatus

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import datetime

    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database
    from commandcenter.services.kernel.calendar_source import CalendarSource

_OPEN = [state.value for state in OPEN_TASK_STATES]


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A task as the board, a department's queue and the report show it."""

    id: int
    incident_id: int
    incident_number: str
    template: str
    level: Level
    department_id: int
    department_code: str
    department_name: str
    text: str
    evidence: str
    state: TaskState
    created_at: datetime
    starts_at: datetime
    due_at: datetime
    amber_at: datetime
    escalate_at: datetime | None
    acknowledged_at: datetime | None
    en_route_at: datetime | None
    on_scene_at: datetime | None
    done_at: datetime | None
    cancelled_at: datetime | None
    escalated_at: datetime | None
    note: str | None
    evidence_count: int | None
    version: int

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_TASK_STATES

    def status(self, now: datetime) -> DeadlineStatus | None:
        """The task's light at `now`: None once done or cancelled."""
        if not self.is_open:
            return None
        if now > self.due_at:
            return DeadlineStatus.RED
        if now >= self.amber_at:
            return DeadlineStatus.AMBER
        return DeadlineStatus.GREEN

    @property
    def ended_at(self) -> datetime | None:
        return self.done_at or self.cancelled_at


@dataclass(frozen=True, slots=True)
class LinkedCase:
    id: int
    number: str
    state: str
    description: str
    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class LinkedCamera:
    id: int
    code: str
    name: str
    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class IncidentDetail:
    """An incident with everything its command view and the big screen show."""

    id: int
    number: str
    title: str
    plan_code: str
    plan_title: str
    plan_version: str
    level: Level
    levels: tuple[Level, ...]
    """The levels the incident's plan has (the level bar's buttons)."""
    state: IncidentState
    area: str
    lon: float
    lat: float
    commander: str
    activated_at: datetime
    stood_down_at: datetime | None
    summary: str | None
    version: int
    tasks: tuple[TaskRow, ...]
    cases: tuple[LinkedCase, ...]
    cameras: tuple[LinkedCamera, ...]
    resources: tuple[Resource, ...]
    """The plan's resources, and the shelters nearest the area."""
    drill_id: int | None = None
    """Activated in this drill; None for a real response."""

    def counts(self, now: datetime) -> tuple[int, int, int]:
        """Tasks done, open and overdue (of the open ones) at `now`."""
        done = sum(task.state is TaskState.DONE for task in self.tasks)
        open_tasks = [task for task in self.tasks if task.is_open]
        late = sum(task.status(now) is DeadlineStatus.RED for task in open_tasks)
        return done, len(open_tasks), late


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of an incident's timeline: one event of the log."""

    id: int
    at: datetime
    actor: str
    kind: str
    payload: dict[str, Any]


NEAREST_SHELTERS = 3


class IncidentQueries:
    """Read-only views of incidents for one database."""

    def __init__(
        self,
        db: Database,
        calendars: CalendarSource,
        clock: Callable[[], datetime],
    ) -> None:
        self._db = db
        self._calendars = calendars
        self._clock = clock

    def active(self, drill_id: int | None = None) -> list[IncidentDetail]:
        """Every real incident under way (a drill's, given its id), the newest
        first."""
        with self._db.read() as session:
            ids = session.execute(
                select(Incident.id)
                .where(Incident.state == IncidentState.ACTIVE.value, _world(drill_id))
                .order_by(Incident.id.desc())
            ).scalars()
            return [self._detail(session, incident_id) for incident_id in ids]

    def recent(
        self, limit: int = 50, drill_id: int | None = None
    ) -> list[IncidentDetail]:
        """The latest real incidents (a drill's, given its id), stood down or
        not, the newest first."""
        with self._db.read() as session:
            ids = session.execute(
                select(Incident.id)
                .where(_world(drill_id))
                .order_by(Incident.id.desc())
                .limit(limit)
            ).scalars()
            return [self._detail(session, incident_id) for incident_id in ids]

    def detail(self, incident_id: int) -> IncidentDetail:
        with self._db.read() as session:
            return self._detail(session, incident_id)

    def for_case(self, case_id: int) -> list[tuple[int, str, str]]:
        """(id, number, title) of the incidents a case is linked to."""
        with self._db.read() as session:
            rows = session.execute(
                select(Incident.id, Incident.number, Incident.title)
                .join(IncidentLink, IncidentLink.incident_id == Incident.id)
                .where(IncidentLink.kind == "case", IncidentLink.target_id == case_id)
                .order_by(Incident.id)
            ).all()
        return [(row.id, row.number, row.title) for row in rows]

    def department_tasks(self, department_id: int) -> list[TaskRow]:
        """A department's open tasks of incidents under way, the earliest due first."""
        with self._db.read() as session:
            rows = session.execute(
                _task_query()
                .where(
                    IncidentTask.department_id == department_id,
                    IncidentTask.state.in_(_OPEN),
                    Incident.state == IncidentState.ACTIVE.value,
                )
                .order_by(IncidentTask.due_at, IncidentTask.id)
            ).all()
            return [self._task(row) for row in rows]

    def timeline(self, incident_id: int, after: int = 0) -> list[TimelineEntry]:
        """The incident's events after event id `after`, oldest first."""
        with self._db.read() as session:
            rows = session.execute(
                select(Event.id, Event.at, Event.kind, Event.payload, User.display_name)
                .outerjoin(User, User.id == Event.actor_id)
                .where(
                    Event.entity == "incident",
                    Event.entity_id == incident_id,
                    Event.id > after,
                )
                .order_by(Event.id)
            ).all()
        return [
            TimelineEntry(
                row.id,
                row.at,
                row.display_name or "",
                row.kind,
                json.loads(row.payload),
            )
            for row in rows
        ]

    def replay(self, incident_id: int) -> Replay:
        """The incident played back from its log (回放)."""
        with self._db.read() as session:
            return build_replay(session, incident_id)

    def plans(self) -> list[StoredPlan]:
        """The newest version of every imported plan."""
        with self._db.read() as session:
            return stored_plans(session)

    def cameras_in(self, area: str) -> list[LinkedCamera]:
        """The cameras inside an area (what activation offers to link)."""
        shape = shapely.from_geojson(area)
        min_x, min_y, max_x, max_y = shape.bounds
        with self._db.read() as session:
            rows = session.execute(
                _camera_query().where(
                    Camera.lon.between(min_x, max_x), Camera.lat.between(min_y, max_y)
                )
            ).all()
        return [
            _camera(row) for row in rows if shapely.contains_xy(shape, row.lon, row.lat)
        ]

    # -- building the rows --------------------------------------------------------

    def _detail(self, session: Session, incident_id: int) -> IncidentDetail:
        found = session.execute(
            select(Incident, Plan.code, Plan.title, Plan.version, User.display_name)
            .join(Plan, Plan.id == Incident.plan_id)
            .join(User, User.id == Incident.commander_id)
            .where(Incident.id == incident_id)
        ).first()
        if found is None:
            raise NotFoundError(
                f"no incident with id {incident_id}", "incident.not_found"
            )
        incident, code, title, version, commander = found
        tasks = session.execute(
            _task_query()
            .where(IncidentTask.incident_id == incident_id)
            .order_by(IncidentTask.id)
        ).all()
        links = session.execute(
            select(IncidentLink.kind, IncidentLink.target_id).where(
                IncidentLink.incident_id == incident_id
            )
        ).all()
        case_ids = [target for kind, target in links if kind == "case"]
        camera_ids = [target for kind, target in links if kind == "camera"]
        cases = session.execute(
            _case_query().where(Case.id.in_(case_ids)).order_by(Case.id)
        ).all()
        cameras = session.execute(
            _camera_query().where(Camera.id.in_(camera_ids)).order_by(Camera.id)
        ).all()
        body = json.loads(incident.plan_body)
        return IncidentDetail(
            id=incident.id,
            number=incident.number,
            title=incident.title,
            plan_code=code,
            plan_title=title,
            plan_version=version,
            level=Level(incident.level),
            levels=tuple(level for level in ORDER if level.value in body["levels"]),
            state=IncidentState(incident.state),
            area=incident.area,
            lon=incident.lon,
            lat=incident.lat,
            commander=commander,
            activated_at=incident.activated_at,
            stood_down_at=incident.stood_down_at,
            summary=incident.summary,
            version=incident.version,
            tasks=tuple(self._task(row) for row in tasks),
            cases=tuple(_case(row) for row in cases),
            cameras=tuple(_camera(row) for row in cameras),
            resources=_resources(body["resources"], incident.lon, incident.lat),
            drill_id=incident.drill_id,
        )

    def _task(self, row: Any) -> TaskRow:
        task: IncidentTask = row.IncidentTask
        fraction = self._calendars.get().amber_fraction
        return TaskRow(
            id=task.id,
            incident_id=task.incident_id,
            incident_number=row.number,
            template=task.template,
            level=Level(task.level),
            department_id=task.department_id,
            department_code=row.code,
            department_name=row.name_zh,
            text=task.text,
            evidence=task.evidence,
            state=TaskState(task.state),
            created_at=task.created_at,
            starts_at=task.starts_at,
            due_at=task.due_at,
            amber_at=task.starts_at + (task.due_at - task.starts_at) * fraction,
            escalate_at=task.escalate_at,
            acknowledged_at=task.acknowledged_at,
            en_route_at=task.en_route_at,
            on_scene_at=task.on_scene_at,
            done_at=task.done_at,
            cancelled_at=task.cancelled_at,
            escalated_at=task.escalated_at,
            note=task.note,
            evidence_count=task.evidence_count,
            version=task.version,
        )


def _world(drill_id: int | None) -> Any:
    """The real incidents, or one drill's."""
    return REAL_INCIDENTS if drill_id is None else Incident.drill_id == drill_id


def _task_query() -> Any:
    return (
        select(IncidentTask, Incident.number, Department.code, Department.name_zh)
        .join(Incident, Incident.id == IncidentTask.incident_id)
        .join(Department, Department.id == IncidentTask.department_id)
    )


def _case_query() -> Any:
    return select(
        Case.id, Case.number, Case.state, Case.description, Case.lon, Case.lat
    )


def _case(row: Any) -> LinkedCase:
    return LinkedCase(row.id, row.number, row.state, row.description, row.lon, row.lat)


def _camera(row: Any) -> LinkedCamera:
    return LinkedCamera(row.id, row.code, row.name, row.lon, row.lat)


def _camera_query() -> Any:
    return select(Camera.id, Camera.code, Camera.name, Camera.lon, Camera.lat)


def _resources(codes: Sequence[str], lon: float, lat: float) -> tuple[Resource, ...]:
    """The plan's resources, then the shelters nearest the area not already named."""
    every = load_resources()
    named = [every[code] for code in codes if code in every]
    shelters = sorted(
        (r for r in every.values() if r.kind == "shelter" and r.code not in codes),
        key=lambda r: distance_m(lon, lat, r.lon, r.lat),
    )
    return (*named, *shelters[:NEAREST_SHELTERS])
