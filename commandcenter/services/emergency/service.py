"""Incidents as domain operations (应急处置, PRODUCT §6).

Every public method is one move: it checks the actor's role against the move's
table (workflow.py), the version it was made on (optimistic concurrency: the
incident and each task count their own), the state, and the actor's scope (a
handler moves only its own department's tasks); validates its input; then writes
the rows and the move's event in one transaction and returns `Changes`.
Anything refused raises a `DomainError` and writes nothing.

Every event of an incident, its tasks' moves included, is about the incident
(`entity = incident`): the timeline is the incident's events, read in one query.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import shapely
import shapely.affinity
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from commandcenter.models import (
    Camera,
    Case,
    Department,
    Incident,
    IncidentLink,
    IncidentTask,
    TaskEvidence,
)
from commandcenter.models.types import IncidentState, Role, TaskState
from commandcenter.services.cases.api import NewAttachment, check_attachment, clean_text
from commandcenter.services.emergency import levels
from commandcenter.services.emergency.plan_store import approved_plan, plan_of
from commandcenter.services.emergency.plans import STREET, Level
from commandcenter.services.emergency.workflow import (
    ACTIVATE_ROLES,
    INCIDENT_TRANSITIONS,
    OPEN_TASK_STATES,
    TASK_TRANSITIONS,
    IncidentMove,
    TaskMove,
    check_incident,
    check_task,
)
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.changes import Changes
from commandcenter.services.kernel.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.kernel.geodesy import (
    METRES_PER_DEGREE_LAT,
    metres_per_degree_lon,
)
from commandcenter.services.kernel.isolation import check_drill_on, check_same_world
from commandcenter.services.territory.api import geometry_json

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry
    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database
    from commandcenter.services.emergency.plans import PlanFile
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.calendar_source import CalendarSource
    from commandcenter.services.territory.api import TerritoryIndex

Clock = Callable[[], datetime]

CASE_BUFFER_DEGREES = 0.002
"""How far round a case's grid the area of an incident activated from it
reaches (about 200 m in Shanghai): the neighbours a gas leak or a flood touch."""
_LINK_KINDS = {"case": Case, "camera": Camera}


@dataclass(frozen=True, slots=True)
class Activation:
    """What the commander chose in the activation dialog."""

    plan_code: str
    title: str
    level: Level = Level.IV
    case_id: int | None = None
    """Activated from this case: it is linked, and the area defaults to its grid."""
    area: str | None = None
    """GeoJSON of the area drawn on the map; from the case's grid when None."""
    cases: tuple[int, ...] = ()
    cameras: tuple[int, ...] = ()
    drill_id: int | None = None
    """Activated in this drill (演练响应); a drill case's activation must say so."""


@dataclass(frozen=True, slots=True)
class TaskStep:
    """One move on a task, with what the move needs: a reason to block or
    cancel; to finish, the evidence the plan asks for (photos, a count)."""

    task_id: int
    version: int
    move: TaskMove
    note: str = ""
    count: int | None = None
    photos: tuple[NewAttachment, ...] = ()


def _utc_now() -> datetime:
    return datetime.now(UTC)


class IncidentService:
    """All moves on incidents and their tasks for one database."""

    def __init__(
        self,
        db: Database,
        territory: TerritoryIndex,
        calendars: CalendarSource,
        clock: Clock = _utc_now,
    ) -> None:
        self._db = db
        self._territory = territory
        self._calendars = calendars
        self._clock = clock

    # -- activation -------------------------------------------------------------

    def activate(self, actor: Actor, activation: Activation) -> Changes:
        """Start a response (启动响应) at a level of a plan: the incident, its
        tasks per department with due times, its links, one event."""
        actor.require(ACTIVATE_ROLES, "activate emergency plans")
        title = clean_text(activation.title, "title")
        now = self._clock()
        zone = self._calendars.get().zone  # loaded before the write lock is taken
        with self._db.write() as session:
            plan_row = approved_plan(session, activation.plan_code)
            plan = plan_of(plan_row.body)
            if activation.level not in plan.levels:
                raise ValidationError(
                    f"plan {plan.code} has no level {activation.level.value}",
                    "incident.no_level",
                    level=activation.level.value,
                )
            source = self._source_case(session, activation.case_id)
            if activation.drill_id is not None:
                check_drill_on(session, activation.drill_id)
            if source is not None:
                check_same_world(source.drill_id, activation.drill_id, "activate")
            area = self._area(activation.area, source)
            centre = area.representative_point()
            street_id = self._street_of(area, source)
            day = now.astimezone(zone).strftime("%Y%m%d")
            incident = Incident(
                number=_number(session, day),
                title=title,
                plan_id=plan_row.id,
                plan_body=plan_row.body,
                level=activation.level.value,
                state=IncidentState.ACTIVE.value,
                area=geometry_json(area),
                lon=round(centre.x, 6),
                lat=round(centre.y, 6),
                street_id=street_id,
                source_case_id=source.id if source is not None else None,
                commander_id=actor.id,
                drill_id=activation.drill_id,
                activated_at=now,
                updated_at=now,
            )
            session.add(incident)
            session.flush()
            tasks = self._add_tasks(
                session, incident, plan, levels.at_level(plan, activation.level), now
            )
            linked_cases = sorted(
                {*activation.cases, *((source.id,) if source is not None else ())}
            )
            for kind, ids in (("case", linked_cases), ("camera", activation.cameras)):
                for target in sorted(set(ids)):
                    self._link_row(session, incident, kind, target, actor, now)
            event_id = event_log.record(
                session,
                IncidentMove.ACTIVATE.event_kind,
                EntityKind.INCIDENT,
                {
                    "number": incident.number,
                    "title": title,
                    "plan": plan.code,
                    "plan_title": plan.title,
                    "plan_version": plan.version,
                    "level": incident.level,
                    "case": incident.source_case_id,
                    "tasks": [task.id for task in tasks],
                    "cases": linked_cases,
                    "cameras": sorted(set(activation.cameras)),
                    "notify": _notified(
                        levels.notifications(plan, _up_to(activation.level))
                    ),
                    **(
                        {}
                        if activation.drill_id is None
                        else {"drill": activation.drill_id}
                    ),
                },
                actor_id=actor.id,
                entity_id=incident.id,
                at=now,
            )
        return Changes.of(EntityKind.INCIDENT, (incident.id,), event_id)

    def area_for_case(self, case_id: int) -> str:
        """The area an activation from the case proposes: its grid and a margin."""
        with self._db.read() as session:
            return geometry_json(self._area(None, self._source_case(session, case_id)))

    @staticmethod
    def area_around(lon: float, lat: float, radius_m: float) -> str:
        """A circle of `radius_m` round a place picked on the map, as GeoJSON."""
        degrees_lat = radius_m / METRES_PER_DEGREE_LAT
        circle = shapely.Point(lon, lat).buffer(degrees_lat, quad_segs=16)
        stretched = shapely.affinity.scale(
            circle, METRES_PER_DEGREE_LAT / metres_per_degree_lon(lat), 1.0
        )
        return geometry_json(stretched)

    @staticmethod
    def _source_case(session: Session, case_id: int | None) -> Case | None:
        if case_id is None:
            return None
        case = session.get(Case, case_id)
        if case is None:
            raise NotFoundError(f"no case with id {case_id}", "case.not_found")
        return case

    def _area(self, drawn: str | None, source: Case | None) -> BaseGeometry:
        """The drawn area, checked; else the source case's grid and a margin."""
        if drawn is None:
            if source is None:
                raise ValidationError(
                    "an incident needs an area: draw it, or activate from a case",
                    "incident.no_area",
                )
            grid = self._territory.polygon(source.grid_id)
            area: BaseGeometry = shapely.buffer(grid, CASE_BUFFER_DEGREES)
            return area
        try:
            area = shapely.from_geojson(drawn)
        except shapely.errors.GEOSException as error:
            raise ValidationError(
                f"the area is not GeoJSON: {error}", "incident.bad_area"
            ) from error
        if (
            area.geom_type not in ("Polygon", "MultiPolygon")
            or not area.is_valid
            or area.area <= 0
        ):
            raise ValidationError(
                "the area must be a polygon that does not cross itself",
                "incident.bad_area",
            )
        return area

    def _street_of(self, area: BaseGeometry, source: Case | None) -> int:
        if source is not None:
            return source.street_id
        centre = area.representative_point()
        grid = self._territory.locate(centre.x, centre.y)
        if grid is None:
            raise ValidationError(
                "the area is outside the district's grids", "incident.area_outside"
            )
        return grid.street_id

    def _add_tasks(
        self,
        session: Session,
        incident: Incident,
        plan: PlanFile,
        planned: Sequence[levels.PlannedTask],
        now: datetime,
    ) -> list[IncidentTask]:
        """The tasks of `planned` templates, due from `now` (activation or the
        level change that adds them)."""
        departments = _departments(session, incident.street_id)
        tasks = []
        for item in planned:
            template = item.template
            department_id = departments.get(template.department)
            if department_id is None:
                raise ValidationError(
                    f"plan {plan.code} gives a task to department "
                    f"{template.department}, which this database does not have",
                    "incident.department",
                    department=template.department,
                )
            starts = now + timedelta(minutes=template.offset_minutes)
            escalate = template.escalate_after_minutes
            task = IncidentTask(
                incident_id=incident.id,
                template=item.key,
                level=item.level.value,
                department_id=department_id,
                text=template.task,
                evidence=template.evidence,
                state=TaskState.PENDING.value,
                created_at=now,
                starts_at=starts,
                due_at=starts + timedelta(minutes=template.target_minutes),
                escalate_at=(
                    starts + timedelta(minutes=escalate) if escalate else None
                ),
            )
            tasks.append(task)
        session.add_all(tasks)
        session.flush()
        return tasks

    # -- moves on the incident ------------------------------------------------------

    def _incident(
        self, session: Session, actor: Actor, incident_id: int, move: IncidentMove
    ) -> Incident:
        """The incident, checked for the move (role first: deny by default)."""
        transition = INCIDENT_TRANSITIONS[move]
        actor.require(transition.roles, f"{move.value} incidents")
        incident = session.get(Incident, incident_id)
        if incident is None:
            raise NotFoundError(
                f"no incident with id {incident_id}", "incident.not_found"
            )
        check_incident(move, IncidentState(incident.state))
        return incident

    @staticmethod
    def _same_version(incident: Incident, version: int) -> None:
        if incident.version != version:
            raise ConflictError(
                f"incident {incident.number} was changed by someone else "
                f"(now version {incident.version}, you had {version}); reload it"
            )

    def _record(
        self,
        session: Session,
        actor: Actor,
        incident: Incident,
        kind: str,
        payload: dict[str, Any],
        now: datetime,
    ) -> Changes:
        event_id = event_log.record(
            session,
            kind,
            EntityKind.INCIDENT,
            payload,
            actor_id=actor.id,
            entity_id=incident.id,
            at=now,
        )
        return Changes.of(EntityKind.INCIDENT, (incident.id,), event_id)

    def log(self, actor: Actor, incident_id: int, text: str) -> Changes:
        """A log entry on the timeline (值班记录): a message, a call, an order."""
        entry = clean_text(text, "log entry")
        now = self._clock()
        with self._db.write() as session:
            incident = self._incident(session, actor, incident_id, IncidentMove.LOG)
            return self._record(
                session,
                actor,
                incident,
                IncidentMove.LOG.event_kind,
                {"text": entry},
                now,
            )

    def link(
        self, actor: Actor, incident_id: int, kind: str, target_id: int
    ) -> Changes:
        """Link a case or a camera to the incident."""
        now = self._clock()
        with self._db.write() as session:
            incident = self._incident(session, actor, incident_id, IncidentMove.LINK)
            self._link_row(session, incident, kind, target_id, actor, now)
            return self._record(
                session,
                actor,
                incident,
                IncidentMove.LINK.event_kind,
                {"kind": kind, "target": target_id},
                now,
            )

    def unlink(
        self, actor: Actor, incident_id: int, kind: str, target_id: int
    ) -> Changes:
        now = self._clock()
        with self._db.write() as session:
            incident = self._incident(session, actor, incident_id, IncidentMove.UNLINK)
            link = session.execute(
                select(IncidentLink).where(
                    IncidentLink.incident_id == incident.id,
                    IncidentLink.kind == kind,
                    IncidentLink.target_id == target_id,
                )
            ).scalar_one_or_none()
            if link is None:
                raise NotFoundError(
                    f"{kind} {target_id} is not linked to incident {incident.number}",
                    "incident.not_linked",
                )
            session.delete(link)
            return self._record(
                session,
                actor,
                incident,
                IncidentMove.UNLINK.event_kind,
                {"kind": kind, "target": target_id},
                now,
            )

    @staticmethod
    def _link_row(
        session: Session,
        incident: Incident,
        kind: str,
        target_id: int,
        actor: Actor,
        now: datetime,
    ) -> None:
        incident_id = incident.id
        model = _LINK_KINDS.get(kind)
        if model is None:
            raise ValidationError(
                f"only cases and cameras are linked, not {kind!r}", "incident.link_kind"
            )
        target = session.get(model, target_id)
        if target is None:
            raise NotFoundError(
                f"no {kind} with id {target_id}", "incident.link_target"
            )
        if isinstance(target, Case):
            check_same_world(target.drill_id, incident.drill_id, "link")
        taken = session.execute(
            select(IncidentLink.id).where(
                IncidentLink.incident_id == incident_id,
                IncidentLink.kind == kind,
                IncidentLink.target_id == target_id,
            )
        ).first()
        if taken is not None:
            raise ValidationError(
                f"{kind} {target_id} is already linked", "incident.linked"
            )
        session.add(
            IncidentLink(
                incident_id=incident_id,
                kind=kind,
                target_id=target_id,
                linked_at=now,
                linked_by=actor.id,
            )
        )

    def preview(self, incident_id: int, level: Level) -> levels.LevelDiff:
        """What changing to `level` would do (the commander confirms this)."""
        with self._db.read() as session:
            incident = session.get(Incident, incident_id)
            if incident is None:
                raise NotFoundError(
                    f"no incident with id {incident_id}", "incident.not_found"
                )
            return _level_diff(incident, level)

    def change_level(
        self, actor: Actor, incident_id: int, version: int, level: Level, reason: str
    ) -> Changes:
        """Raise (adds the passed levels' tasks) or lower (stands the surplus
        tasks down) the response level, with the reason."""
        why = clean_text(reason, "reason")
        now = self._clock()
        with self._db.write() as session:
            current = session.get(Incident, incident_id)
            before = Level(current.level) if current is not None else level
            move = (
                IncidentMove.RAISE
                if levels.rank(level) > levels.rank(before)
                else IncidentMove.LOWER
            )
            incident = self._incident(session, actor, incident_id, move)
            self._same_version(incident, version)
            change = _level_diff(incident, level)
            plan = plan_of(incident.plan_body)
            added = self._add_tasks(session, incident, plan, change.added, now)
            stood_down = self._stand_down_tasks(
                session, incident, set(change.stood_down), "level lowered", now
            )
            incident.level = level.value
            self._save(session, incident, now)
            return self._record(
                session,
                actor,
                incident,
                move.event_kind,
                {
                    "from": before.value,
                    "to": level.value,
                    "reason": why,
                    "added": [task.id for task in added],
                    "stood_down": stood_down,
                    "notify": _notified(change.notify),
                    "version": incident.version,
                },
                now,
            )

    def escalate_overdue(self, actor: Actor, incident_id: int) -> Changes | None:
        """Escalate (督办) every open task past its escalation time (its due time
        when the plan sets none) that was not escalated yet; None when there is
        none. Idempotent: a task is escalated once."""
        now = self._clock()
        with self._db.write() as session:
            incident = self._incident(
                session, actor, incident_id, IncidentMove.ESCALATE
            )
            late = [
                task
                for task in _open_tasks(session, incident.id)
                if task.escalated_at is None and now > (task.escalate_at or task.due_at)
            ]
            if not late:
                return None
            for task in late:
                task.escalated_at = now
            session.flush()
            return self._record(
                session,
                actor,
                incident,
                IncidentMove.ESCALATE.event_kind,
                {"tasks": [task.id for task in late]},
                now,
            )

    def stand_down(
        self, actor: Actor, incident_id: int, version: int, summary: str
    ) -> Changes:
        """End the response (终止响应) with a summary; open tasks are cancelled."""
        text = clean_text(summary, "summary")
        now = self._clock()
        with self._db.write() as session:
            incident = self._incident(
                session, actor, incident_id, IncidentMove.STAND_DOWN
            )
            self._same_version(incident, version)
            cancelled = self._stand_down_tasks(
                session, incident, None, "stood down", now
            )
            incident.state = IncidentState.STOOD_DOWN.value
            incident.stood_down_at = now
            incident.summary = text
            self._save(session, incident, now)
            return self._record(
                session,
                actor,
                incident,
                IncidentMove.STAND_DOWN.event_kind,
                {"summary": text, "cancelled": cancelled, "version": incident.version},
                now,
            )

    @staticmethod
    def _stand_down_tasks(
        session: Session,
        incident: Incident,
        templates: set[str] | None,
        why: str,
        now: datetime,
    ) -> list[int]:
        """Cancel the open tasks of `templates` (all when None); their ids."""
        cancelled = []
        for task in _open_tasks(session, incident.id):
            if templates is None or task.template in templates:
                task.state = TaskState.CANCELLED.value
                task.cancelled_at = now
                task.note = why
                cancelled.append(task.id)
        session.flush()
        return cancelled

    @staticmethod
    def _save(session: Session, incident: Incident, now: datetime) -> None:
        incident.updated_at = now
        try:
            session.flush()
        except StaleDataError as error:
            raise ConflictError(
                f"incident {incident.number} was changed meanwhile"
            ) from error

    # -- moves on tasks -------------------------------------------------------------

    def move_task(self, actor: Actor, step: TaskStep) -> Changes:
        """Move a task on (接收, 出发, 到场, 完成, 受阻, 恢复, 取消), stamped."""
        transition = TASK_TRANSITIONS[step.move]
        actor.require(transition.roles, f"{step.move.value} tasks")
        note = _step_note(step)
        photos = [
            (check_attachment(p.filename, p.media_type, p.data), p) for p in step.photos
        ]
        now = self._clock()
        with self._db.write() as session:
            task = session.get(IncidentTask, step.task_id)
            if task is None:
                raise NotFoundError(f"no task with id {step.task_id}", "task.not_found")
            if actor.role is Role.HANDLER and task.department_id != actor.department_id:
                raise PermissionDeniedError(
                    "this task is not your department's", "task.not_yours"
                )
            incident = session.get(Incident, task.incident_id)
            assert incident is not None, "foreign key guarantees the incident"
            if incident.state != IncidentState.ACTIVE.value:
                raise ValidationError(
                    f"incident {incident.number} was stood down",
                    "incident.stood_down",
                )
            if task.version != step.version:
                raise ConflictError(
                    f"the task was changed by someone else (now version "
                    f"{task.version}, you had {step.version}); reload it"
                )
            before = TaskState(task.state)
            check_task(step.move, before)
            details = _apply_step(task, step, before, note, now)
            evidence = _store_photos(session, task, photos, actor, now)
            try:
                session.flush()
            except StaleDataError as error:
                raise ConflictError("the task was changed meanwhile") from error
            department = session.get(Department, task.department_id)
            assert department is not None
            return self._record(
                session,
                actor,
                incident,
                step.move.event_kind,
                {
                    "task": task.id,
                    "template": task.template,
                    "department": department.code,
                    "from": before.value,
                    "to": task.state,
                    "version": task.version,
                    **details,
                    **({"evidence": evidence} if evidence else {}),
                },
                now,
            )


def _step_note(step: TaskStep) -> str:
    """The step's note, required where the move needs a reason."""
    required = step.move in (TaskMove.BLOCK, TaskMove.CANCEL)
    return clean_text(step.note, "reason" if required else "note", required=required)


def _apply_step(
    task: IncidentTask, step: TaskStep, before: TaskState, note: str, now: datetime
) -> dict[str, Any]:
    """Set the task's state and stamps for the move; what its event adds."""
    move = step.move
    details: dict[str, Any] = {"note": note} if note else {}
    if move is TaskMove.DONE:
        _check_evidence(task, step)
        task.evidence_count = step.count
        if step.count is not None:
            details["count"] = step.count
    if move is TaskMove.BLOCK:
        task.blocked_from = before.value
    target = TASK_TRANSITIONS[move].target
    if move is TaskMove.RESUME:
        assert task.blocked_from is not None, "a blocked task knows where it was"
        target = TaskState(task.blocked_from)
        task.blocked_from = None
    assert target is not None
    task.state = target.value
    stamp = _STAMPS.get(move)
    if stamp is not None:
        setattr(task, stamp, now)
    if note:
        task.note = note
    return details


_STAMPS = {
    TaskMove.ACKNOWLEDGE: "acknowledged_at",
    TaskMove.EN_ROUTE: "en_route_at",
    TaskMove.ON_SCENE: "on_scene_at",
    TaskMove.DONE: "done_at",
    TaskMove.CANCEL: "cancelled_at",
}


def _check_evidence(task: IncidentTask, step: TaskStep) -> None:
    """What the plan asks as proof that the task is done."""
    if task.evidence == "photo" and not step.photos:
        raise ValidationError(
            "the plan asks for a photo to finish this task", "task.photo_required"
        )
    if task.evidence == "count" and step.count is None:
        raise ValidationError(
            "the plan asks for a count to finish this task", "task.count_required"
        )
    if step.count is not None and not 0 <= step.count <= 1_000_000:
        raise ValidationError("a count is 0 to 1,000,000", "task.count_range")


def _store_photos(
    session: Session,
    task: IncidentTask,
    photos: Sequence[tuple[str, NewAttachment]],
    actor: Actor,
    now: datetime,
) -> list[dict[str, Any]]:
    rows = [
        TaskEvidence(
            task_id=task.id,
            filename=name,
            media_type=photo.media_type,
            size=len(photo.data),
            sha256=hashlib.sha256(photo.data).hexdigest(),
            data=photo.data,
            added_at=now,
            added_by=actor.id,
        )
        for name, photo in photos
    ]
    session.add_all(rows)
    session.flush()
    return [
        {"evidence": row.id, "filename": row.filename, "sha256": row.sha256}
        for row in rows
    ]


def _open_tasks(session: Session, incident_id: int) -> list[IncidentTask]:
    return list(
        session.execute(
            select(IncidentTask)
            .where(
                IncidentTask.incident_id == incident_id,
                IncidentTask.state.in_([s.value for s in OPEN_TASK_STATES]),
            )
            .order_by(IncidentTask.id)
        ).scalars()
    )


def _level_diff(incident: Incident, level: Level) -> levels.LevelDiff:
    before = Level(incident.level)
    plan = plan_of(incident.plan_body)
    if level == before:
        raise ValidationError(
            f"the incident is already at level {level.value}", "incident.same_level"
        )
    if level not in plan.levels:
        raise ValidationError(
            f"plan {plan.code} has no level {level.value}",
            "incident.no_level",
            level=level.value,
        )
    return levels.diff(plan, before, level)


def _up_to(level: Level) -> tuple[Level, ...]:
    return levels.ORDER[: levels.rank(level) + 1]


def _notified(notifications: Sequence[Any]) -> list[dict[str, Any]]:
    return [{"role": n.role, "within_minutes": n.within_minutes} for n in notifications]


def _departments(session: Session, street_id: int) -> dict[str, int]:
    """Department ids by code, and STREET for the street office of the area."""
    found = dict(session.execute(select(Department.code, Department.id)).all())
    office = session.execute(
        select(Department.id).where(
            Department.kind == "street_office", Department.area_id == street_id
        )
    ).scalar_one_or_none()
    if office is not None:
        found[STREET] = office
    return found


def _number(session: Session, day: str) -> str:
    """`YJ20261201-03`: the day's third incident (under the write lock)."""
    prefix = f"YJ{day}-"
    taken = session.execute(
        select(func.count()).where(Incident.number.like(f"{prefix}%"))
    ).scalar_one()
    return f"{prefix}{taken + 1:02d}"
