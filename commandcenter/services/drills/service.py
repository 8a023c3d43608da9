"""Drills as domain operations (应急演练, PRODUCT §6).

Every public method is one move by a named actor: the role is checked (the
drill controller is the duty supervisor, deny by default), the input
validated, the drill's row and the move's event written in one transaction.
A new case's inject is the case's report, made through the case service with
the drill's stamp, so it is validated, located and logged like any report.

The controller's clock lives with the runner (runner.py), which says the drill
time of each move; the row keeps the clock's last change, so any process can
tell the drill time of now (`ClockState`). Isolation rules are in
`kernel/isolation.py`; this module only ever files drill records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm.exc import StaleDataError

from commandcenter.models import (
    Attachment,
    Camera,
    Case,
    Category,
    Department,
    Drill,
    Event,
    Incident,
    IncidentLink,
    IncidentTask,
    TaskEvidence,
)
from commandcenter.models.types import DrillState, Role, Source
from commandcenter.services.cases.api import (
    DrillStamp,
    NewAttachment,
    NewCase,
    clean_text,
)
from commandcenter.services.drills.scenario import (
    District,
    Inject,
    ScenarioFile,
    review,
)
from commandcenter.services.emergency.api import stored_plan_levels
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.changes import Changes
from commandcenter.services.kernel.errors import (
    ConflictError,
    NotFoundError,
    ValidationError,
)
from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.kernel.isolation import check_drill_on
from commandcenter.services.kernel.site_photo import site_photo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database
    from commandcenter.services.cases.api import CaseService
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.territory.api import TerritoryIndex

Clock = Callable[[], dt.datetime]

CONTROLLER_ROLES = frozenset({Role.SUPERVISOR})
"""Who runs a drill (演练导调) and evaluates it (评估): the duty supervisor."""


class Mode(StrEnum):
    """Whether the hall knew the drill was coming."""

    ANNOUNCED = "announced"  # 预先通知
    UNANNOUNCED = "unannounced"  # 突袭式


class Rating(StrEnum):
    """HSEEP's ratings of an expected action."""

    P = "P"  # 完成，无挑战
    S = "S"  # 完成，有一些挑战
    M = "M"  # 完成，有重大挑战
    U = "U"  # 未能完成


@dataclass(frozen=True, slots=True)
class ClockState:
    """The drill clock as its last change left it (any process can read it)."""

    state: DrillState
    speed: float
    base: float
    """Drill seconds at `since` (where a paused or stopped clock stands)."""
    since: dt.datetime | None
    """Wall time of the last change; None while the clock stands still."""

    def seconds_at(self, at: dt.datetime) -> float:
        """Drill seconds at wall time `at` (not before the last change)."""
        if self.since is None:
            return self.base
        return self.base + max(0.0, (at - self.since).total_seconds()) * self.speed

    @staticmethod
    def of(drill: Drill) -> ClockState:
        return ClockState(
            DrillState(drill.state), drill.speed, drill.drill_base, drill.wall_since
        )


def scenario_of(body: str) -> ScenarioFile:
    """The scenario copy a drill keeps (canonical JSON), as a model."""
    return ScenarioFile.model_validate_json(body)


class DrillService:
    """All moves of drills for one database."""

    def __init__(
        self,
        db: Database,
        territory: TerritoryIndex,
        cases: CaseService,
        clock: Clock,
    ) -> None:
        self._db = db
        self._territory = territory
        self._cases = cases
        self._clock = clock

    def district(self) -> District:
        """The district a scenario is reviewed against, as this database has it:
        its plans, departments, categories, cameras and grids."""
        with self._db.read() as session:
            plans = stored_plan_levels(session)
            departments = frozenset(session.execute(select(Department.code)).scalars())
            categories = frozenset(
                session.execute(select(Category.code).where(Category.active)).scalars()
            )
            cameras = frozenset(session.execute(select(Camera.code)).scalars())
        territory = self._territory
        return District(
            plans=plans,
            departments=departments,
            categories=categories,
            cameras=cameras,
            inside=lambda lon, lat: territory.locate(lon, lat) is not None,
        )

    # -- the drill's life --------------------------------------------------------

    def start(
        self, actor: Actor, scenario: ScenarioFile, mode: Mode, speed: float = 1.0
    ) -> int:
        """Start a drill of a reviewed scenario at drill time 0; returns its id.
        One drill at a time: the hall's banner names one."""
        actor.require(CONTROLLER_ROLES, "run drills")
        findings = review(scenario, self.district())
        if findings:
            raise ValidationError(
                f"scenario {scenario.id} cannot run here: {'; '.join(findings)}",
                "drill.review",
                findings="; ".join(findings),
            )
        body = event_log.canonical_payload(scenario.model_dump(mode="json"))
        now = self._clock()
        with self._db.write() as session:
            running = session.execute(
                select(Drill.title).where(
                    Drill.state.in_([DrillState.RUNNING, DrillState.PAUSED])
                )
            ).scalar()
            if running is not None:
                raise ValidationError(
                    f"drill {running!r} is still on; end it first",
                    "drill.already_on",
                    title=running,
                )
            drill = Drill(
                scenario=scenario.id,
                title=scenario.title,
                body=body,
                sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
                mode=Mode(mode).value,
                state=DrillState.RUNNING.value,
                speed=float(speed),
                drill_base=0.0,
                wall_since=now,
                started_at=now,
                controller_id=actor.id,
                updated_at=now,
            )
            session.add(drill)
            session.flush()
            event_log.record(
                session,
                "drill.start",
                EntityKind.DRILL,
                {
                    "scenario": scenario.id,
                    "title": scenario.title,
                    "mode": drill.mode,
                    "sha256": drill.sha256,
                    "speed": drill.speed,
                    "drill_t": 0.0,
                },
                actor_id=actor.id,
                entity_id=drill.id,
                at=now,
            )
            return drill.id

    def pause(self, actor: Actor, drill_id: int, drill_t: float) -> Changes:
        return self._clock_move(actor, drill_id, "drill.pause", drill_t, paused=True)

    def resume(self, actor: Actor, drill_id: int, drill_t: float) -> Changes:
        return self._clock_move(actor, drill_id, "drill.resume", drill_t)

    def set_speed(
        self, actor: Actor, drill_id: int, drill_t: float, speed: float
    ) -> Changes:
        return self._clock_move(
            actor, drill_id, "drill.speed", drill_t, details={"speed": speed}
        )

    def skip(self, actor: Actor, drill_id: int, drill_t: float, to: float) -> Changes:
        return self._clock_move(
            actor, drill_id, "drill.skip", drill_t, details={"to": to}
        )

    def end(
        self, actor: Actor, drill_id: int, drill_t: float, reason: str = ""
    ) -> Changes:
        """End the drill (演练结束): its clock stops, its banner goes."""
        return self._finish(actor, drill_id, drill_t, DrillState.ENDED, reason)

    def abort(
        self, actor: Actor, drill_id: int, drill_t: float, reason: str
    ) -> Changes:
        """Stop the drill before its end (中止), with the reason."""
        why = clean_text(reason, "reason")
        return self._finish(actor, drill_id, drill_t, DrillState.ABORTED, why)

    def _clock_move(
        self,
        actor: Actor,
        drill_id: int,
        kind: str,
        drill_t: float,
        *,
        paused: bool = False,
        details: dict[str, float] | None = None,
    ) -> Changes:
        """Record a move of the clock at drill time `drill_t`: pause, resume,
        a new speed or a skip (`details`)."""
        actor.require(CONTROLLER_ROLES, "run drills")
        now = self._clock()
        with self._db.write() as session:
            drill = check_drill_on(session, drill_id)
            drill.drill_base = float(details.get("to", drill_t) if details else drill_t)
            if details and "speed" in details:
                drill.speed = float(details["speed"])
            if paused:
                drill.state = DrillState.PAUSED.value
            elif kind == "drill.resume":
                drill.state = DrillState.RUNNING.value
            # a change of speed or a skip while paused leaves the clock standing
            running = drill.state == DrillState.RUNNING.value
            drill.wall_since = now if running else None
            return self._save(
                session,
                actor,
                drill,
                kind,
                {"drill_t": round(drill_t, 3), **(details or {})},
                now,
            )

    def _finish(
        self,
        actor: Actor,
        drill_id: int,
        drill_t: float,
        state: DrillState,
        reason: str,
    ) -> Changes:
        actor.require(CONTROLLER_ROLES, "run drills")
        now = self._clock()
        with self._db.write() as session:
            drill = check_drill_on(session, drill_id)
            drill.state = state.value
            drill.drill_base = drill_t
            drill.wall_since = None
            drill.ended_at = now
            kind = "drill.end" if state is DrillState.ENDED else "drill.abort"
            return self._save(
                session,
                actor,
                drill,
                kind,
                {"drill_t": round(drill_t, 3), "reason": reason},
                now,
            )

    @staticmethod
    def _save(
        session: Session,
        actor: Actor,
        drill: Drill,
        kind: str,
        payload: dict[str, Any],
        now: dt.datetime,
    ) -> Changes:
        drill.updated_at = now
        try:
            session.flush()
        except StaleDataError as error:
            raise ConflictError(
                f"drill {drill.title} was changed meanwhile; reload it"
            ) from error
        event_id = event_log.record(
            session,
            kind,
            EntityKind.DRILL,
            payload,
            actor_id=actor.id,
            entity_id=drill.id,
            at=now,
        )
        return Changes.of(EntityKind.DRILL, (drill.id,), event_id)

    # -- injects -----------------------------------------------------------------

    def send(
        self,
        actor: Actor,
        drill_id: int,
        inject: Inject,
        due_t: float,
        drill_t: float,
        manual: bool = False,
    ) -> Changes:
        """Send one inject now (情景注入): a new case is reported as the hotline
        or a grid worker would, stamped with the drill; anything else is an
        inject event the hall sees in its drill tab."""
        actor.require(CONTROLLER_ROLES, "run drills")
        if inject.case is not None:
            case = inject.case
            photos = (
                (NewAttachment("现场.png", "image/png", site_photo((70, 110, 150))),)
                if case.photo
                else ()
            )
            return self._cases.report(
                actor,
                NewCase(
                    category_code=case.category,
                    source=Source(case.source),
                    description=case.text,
                    lon=case.place.lon,
                    lat=case.place.lat,
                    address=case.place.address,
                    drill=DrillStamp(drill_id, inject.id, drill_t),
                    attachments=photos,
                ),
            )
        payload: dict[str, Any] = {
            "inject": inject.id,
            "title": inject.title,
            "channel": inject.channel.value,
            "due_t": round(due_t, 3),
            "drill_t": round(drill_t, 3),
            "manual": manual,
        }
        for name in ("text", "to", "level", "camera"):
            value = getattr(inject, name)
            if value is not None:
                payload[name] = value
        now = self._clock()
        with self._db.write() as session:
            check_drill_on(session, drill_id)
            event_id = event_log.record(
                session,
                "drill.inject",
                EntityKind.DRILL,
                payload,
                actor_id=actor.id,
                entity_id=drill_id,
                at=now,
            )
        return Changes.of(EntityKind.DRILL, (drill_id,), event_id)

    # -- evaluation --------------------------------------------------------------

    def rate(
        self,
        actor: Actor,
        drill_id: int,
        expectation: str,
        rating: Rating,
        note: str,
        automatic: Rating,
    ) -> Changes:
        """An evaluator confirms the automatic rating of an expected action or
        overrides it; an override needs a note saying why."""
        actor.require(CONTROLLER_ROLES, "evaluate drills")
        text = clean_text(note, "note", required=Rating(rating) is not automatic)
        now = self._clock()
        with self._db.write() as session:
            drill = self._drill(session, drill_id)
            known = {e.id for i in scenario_of(drill.body).injects for e in i.expect}
            if expectation not in known:
                raise NotFoundError(
                    f"drill {drill.title} expects no action {expectation}",
                    "drill.no_expectation",
                    expectation=expectation,
                )
            return self._save(
                session,
                actor,
                drill,
                "drill.rate",
                {
                    "expectation": expectation,
                    "rating": Rating(rating).value,
                    "note": text,
                },
                now,
            )

    def improve(
        self,
        actor: Actor,
        drill_id: int,
        finding: str,
        action: str,
        department_code: str,
        due: dt.date,
    ) -> Changes:
        """Add an item to the drill's improvement plan (整改计划): what was
        found, what will be done, by which department, by when."""
        actor.require(CONTROLLER_ROLES, "evaluate drills")
        found = clean_text(finding, "finding")
        todo = clean_text(action, "action")
        now = self._clock()
        with self._db.write() as session:
            drill = self._drill(session, drill_id)
            if (
                session.execute(
                    select(Department.id).where(Department.code == department_code)
                ).first()
                is None
            ):
                raise NotFoundError(
                    f"no department {department_code}",
                    "drill.no_department",
                    department=department_code,
                )
            if due < drill.started_at.date():
                raise ValidationError(
                    "an improvement is due after the drill", "drill.due_before"
                )
            items = len(_improvements(session, drill_id))
            return self._save(
                session,
                actor,
                drill,
                "drill.improve",
                {
                    "item": items + 1,
                    "finding": found,
                    "action": todo,
                    "department": department_code,
                    "due": due.isoformat(),
                },
                now,
            )

    def improvement_done(
        self, actor: Actor, drill_id: int, item: int, note: str
    ) -> Changes:
        """Mark an item of the improvement plan done, saying what was done."""
        actor.require(CONTROLLER_ROLES, "evaluate drills")
        text = clean_text(note, "note")
        now = self._clock()
        with self._db.write() as session:
            drill = self._drill(session, drill_id)
            items = _improvements(session, drill_id)
            if item not in items:
                raise NotFoundError(
                    f"drill {drill.title} has no improvement item {item}",
                    "drill.no_item",
                    item=item,
                )
            if items[item]:
                raise ValidationError(
                    f"improvement item {item} is already done", "drill.item_done"
                )
            return self._save(
                session,
                actor,
                drill,
                "drill.improve_done",
                {"item": item, "note": text},
                now,
            )

    # -- after the report ---------------------------------------------------------

    def purge(self, actor: Actor, drill_id: int) -> Changes:
        """Remove the drill's cases and incidents (清除演练数据) once it is over.
        Their events stay (the audit chain is one chain) and the purge event
        names what went, so the after-action report still builds."""
        actor.require(CONTROLLER_ROLES, "purge drills")
        now = self._clock()
        with self._db.write() as session:
            drill = self._drill(session, drill_id)
            if DrillState(drill.state) not in (DrillState.ENDED, DrillState.ABORTED):
                raise ValidationError(
                    f"drill {drill.title} is {drill.state}: only a drill that is "
                    "over is purged",
                    "drill.purge_not_over",
                    state=drill.state,
                )
            cases = list(
                session.execute(
                    select(Case.id).where(Case.drill_id == drill_id).order_by(Case.id)
                ).scalars()
            )
            incidents = list(
                session.execute(
                    select(Incident.id)
                    .where(Incident.drill_id == drill_id)
                    .order_by(Incident.id)
                ).scalars()
            )
            tasks = select(IncidentTask.id).where(
                IncidentTask.incident_id.in_(incidents)
            )
            session.execute(delete(TaskEvidence).where(TaskEvidence.task_id.in_(tasks)))
            session.execute(
                delete(IncidentTask).where(IncidentTask.incident_id.in_(incidents))
            )
            session.execute(
                delete(IncidentLink).where(IncidentLink.incident_id.in_(incidents))
            )
            session.execute(delete(Incident).where(Incident.id.in_(incidents)))
            session.execute(delete(Attachment).where(Attachment.case_id.in_(cases)))
            session.execute(
                update(Case).where(Case.id.in_(cases)).values(merged_into_id=None)
            )
            session.execute(delete(Case).where(Case.id.in_(cases)))
            drill.state = DrillState.PURGED.value
            return self._save(
                session,
                actor,
                drill,
                "drill.purge",
                {"cases": cases, "incidents": incidents},
                now,
            )

    @staticmethod
    def _drill(session: Session, drill_id: int) -> Drill:
        drill = session.get(Drill, drill_id)
        if drill is None:
            raise NotFoundError(
                f"no drill with id {drill_id}", "drill.not_found", id=drill_id
            )
        return drill


def _improvements(session: Session, drill_id: int) -> dict[int, bool]:
    """The drill's improvement items so far: number → done."""
    rows = session.execute(
        select(Event.kind, Event.payload)
        .where(
            Event.entity == EntityKind.DRILL.value,
            Event.entity_id == drill_id,
            Event.kind.in_(["drill.improve", "drill.improve_done"]),
        )
        .order_by(Event.id)
    ).all()
    items: dict[int, bool] = {}
    for kind, payload in rows:
        items[int(json.loads(payload)["item"])] = kind == "drill.improve_done"
    return items
