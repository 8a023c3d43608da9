"""A drill as its event log tells it: the clock, the injects sent, the actions
seen (PRODUCT §6: the after-action report is built from the log alone).

Which events are a drill's: its own (`entity = drill`), and those of its cases
and incidents. Those are the rows carrying its id, and after a purge the ids
its purge event names, so a purged drill still reads whole.

Each event's drill time follows from the clock's moves, which are events too:
between two moves drill time runs at the recorded speed from the recorded
drill time (or stands still while paused).

Matching an expectation (预期行动) to what happened: the first event of its
action after its inject was sent, by someone who may stand for its `who` (the
role, a supervisor for an operator, or the department's handler), on the
inject's own case when the inject filed one, on the named department's task
for a task action. Each expectation is matched on its own; the runner asks
the same question when a contingency inject falls due.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, select

from commandcenter.models import Case, Department, Drill, Event, Incident, User
from commandcenter.models.types import Role
from commandcenter.services.drills.service import Rating, scenario_of
from commandcenter.services.kernel.errors import NotFoundError
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    import datetime as dt

    from sqlalchemy.orm import Session

    from commandcenter.services.drills.scenario import Expectation, Inject, ScenarioFile

_STANDS_FOR = {
    Role.OPERATOR.value: {Role.OPERATOR.value, Role.SUPERVISOR.value},
}
"""Who else counts as `who`: the duty supervisor takes an operator's calls."""
_CLOCK_KINDS = (
    "drill.start",
    "drill.pause",
    "drill.resume",
    "drill.speed",
    "drill.skip",
)
_STOPS = ("drill.pause", "drill.end", "drill.abort")


@dataclass(frozen=True, slots=True)
class LoggedEvent:
    """One event of a drill, with its drill time and who made it."""

    id: int
    at: dt.datetime
    drill_t: float
    kind: str
    entity: str
    entity_id: int | None
    actor: str
    role: str | None
    department: str | None
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Sent:
    """An inject as it went out."""

    inject: str
    event_id: int
    due_t: float | None
    drill_t: float
    case_id: int | None
    """The case it filed (a new-case inject)."""


@dataclass(frozen=True, slots=True)
class Observation:
    """One expected action against what happened."""

    inject: Inject
    expectation: Expectation
    sent_t: float | None
    """None: its inject was never sent (not part of this run)."""
    done: LoggedEvent | None

    @property
    def deadline_t(self) -> float | None:
        if self.sent_t is None:
            return None
        return self.sent_t + self.expectation.within_minutes * 60.0

    @property
    def minutes(self) -> float | None:
        """Minutes from the inject to the action (None: not done)."""
        if self.done is None or self.sent_t is None:
            return None
        return (self.done.drill_t - self.sent_t) / 60.0

    @property
    def on_time(self) -> bool:
        deadline = self.deadline_t
        return (
            self.done is not None
            and deadline is not None
            and (self.done.drill_t <= deadline + 1e-6)
        )

    @property
    def automatic(self) -> Rating | None:
        """P on time; S up to half the allowance late; M later; U never done.
        None when the inject never went out."""
        if self.sent_t is None:
            return None
        minutes = self.minutes
        allowed = self.expectation.within_minutes
        if minutes is None:
            return Rating.U
        if minutes <= allowed + 1e-6:
            return Rating.P
        if minutes <= allowed * 1.5 + 1e-6:
            return Rating.S
        return Rating.M


class DrillLog:
    """A drill's events, read once, in order."""

    def __init__(self, drill: Drill, events: list[LoggedEvent]) -> None:
        self.drill = drill
        self.scenario: ScenarioFile = scenario_of(drill.body)
        self.events = events
        self.sent: dict[str, Sent] = {}
        for event in events:
            inject = event.payload.get("inject")
            if event.kind == "drill.inject" or (
                event.kind == "case.report" and inject is not None
            ):
                assert isinstance(inject, str)
                self.sent.setdefault(
                    inject,
                    Sent(
                        inject,
                        event.id,
                        event.payload.get("due_t"),
                        float(event.payload["drill_t"]),
                        event.entity_id if event.kind == "case.report" else None,
                    ),
                )

    def of_drill(self, *kinds: str) -> list[LoggedEvent]:
        """The drill's own events of these kinds, in order."""
        return [
            e for e in self.events if e.entity == EntityKind.DRILL and e.kind in kinds
        ]

    def observe(self, expectation_id: str | None = None) -> list[Observation]:
        """Every expectation (or the one named) against the log."""
        found = []
        for inject in self.scenario.injects:
            for expectation in inject.expect:
                if expectation_id is not None and expectation.id != expectation_id:
                    continue
                sent = self.sent.get(inject.id)
                done = None if sent is None else self._first_match(expectation, sent)
                found.append(
                    Observation(
                        inject,
                        expectation,
                        None if sent is None else sent.drill_t,
                        done,
                    )
                )
        return found

    def ratings(self) -> dict[str, tuple[Rating, str, str]]:
        """The evaluators' word on each expectation: rating, note, evaluator
        (the latest counts)."""
        return {
            e.payload["expectation"]: (
                Rating(e.payload["rating"]),
                e.payload["note"],
                e.actor,
            )
            for e in self.of_drill("drill.rate")
        }

    def _first_match(self, expectation: Expectation, sent: Sent) -> LoggedEvent | None:
        for event in self.events:
            if event.id <= sent.event_id or event.kind != expectation.action:
                continue
            if (
                sent.case_id is not None
                and event.entity == EntityKind.CASE
                and event.entity_id != sent.case_id
            ):
                continue
            wanted = expectation.department
            if wanted is not None and event.payload.get("department") != wanted:
                continue
            if _acts_for(event, expectation.who):
                return event
        return None


def _acts_for(event: LoggedEvent, who: str) -> bool:
    if who.islower():
        return event.role in _STANDS_FOR.get(who, {who})
    return event.department == who or event.payload.get("department") == who


def read_drill_log(session: Session, drill_id: int) -> DrillLog:
    """Everything the log holds about the drill, with drill times."""
    drill = session.get(Drill, drill_id)
    if drill is None:
        raise NotFoundError(f"no drill with id {drill_id}", "drill.not_found")
    own = (Event.entity == EntityKind.DRILL.value) & (Event.entity_id == drill_id)
    purged: dict[str, list[int]] = {"cases": [], "incidents": []}
    for (payload,) in session.execute(
        select(Event.payload).where(own, Event.kind == "drill.purge")
    ):
        for key, ids in json.loads(payload).items():
            purged[key] += ids
    cases = {
        *session.execute(select(Case.id).where(Case.drill_id == drill_id)).scalars(),
        *purged["cases"],
    }
    incidents = {
        *session.execute(
            select(Incident.id).where(Incident.drill_id == drill_id)
        ).scalars(),
        *purged["incidents"],
    }
    start = session.execute(
        select(Event.id).where(own, Event.kind == "drill.start")
    ).scalar_one()
    rows = session.execute(
        select(Event, User.display_name, User.role, Department.code)
        .outerjoin(User, User.id == Event.actor_id)
        .outerjoin(Department, Department.id == User.department_id)
        .where(
            Event.id >= start,
            or_(
                own,
                and_(Event.entity == EntityKind.CASE.value, Event.entity_id.in_(cases)),
                and_(
                    Event.entity == EntityKind.INCIDENT.value,
                    Event.entity_id.in_(incidents),
                ),
            ),
        )
        .order_by(Event.id)
    ).all()
    payloads = [json.loads(row.Event.payload) for row in rows]
    timeline = _ClockTimeline(
        [
            (row.Event.at, payload, row.Event.kind)
            for row, payload in zip(rows, payloads, strict=True)
            if row.Event.kind in (*_CLOCK_KINDS, *_STOPS)
            and row.Event.entity == EntityKind.DRILL
        ]
    )
    events = []
    for row, payload in zip(rows, payloads, strict=True):
        event: Event = row.Event
        stamped = payload.get("drill_t")  # the drill's own events and injects
        events.append(
            LoggedEvent(
                id=event.id,
                at=event.at,
                drill_t=timeline.drill_t(event.at) if stamped is None else stamped,
                kind=event.kind,
                entity=event.entity,
                entity_id=event.entity_id,
                actor=row.display_name or "",
                role=row.role,
                department=row.code,
                payload=payload,
            )
        )
    return DrillLog(drill, events)


class _ClockTimeline:
    """Drill time as a function of wall time, from the clock's moves."""

    def __init__(self, moves: list[tuple[dt.datetime, dict[str, Any], str]]) -> None:
        self._at: list[dt.datetime] = []
        self._marks: list[tuple[float, float, bool]] = []  # drill_t, speed, running
        speed = 1.0
        for at, payload, kind in moves:
            speed = float(payload.get("speed", speed))
            drill_t = float(payload.get("to", payload["drill_t"]))
            running = kind not in _STOPS and not (
                kind in ("drill.speed", "drill.skip")
                and self._marks
                and not self._marks[-1][2]
            )
            self._at.append(at)
            self._marks.append((drill_t, speed, running))

    def drill_t(self, at: dt.datetime) -> float:
        index = bisect.bisect_right(self._at, at) - 1
        if index < 0:
            return 0.0
        drill_t, speed, running = self._marks[index]
        if not running:
            return drill_t
        return drill_t + (at - self._at[index]).total_seconds() * speed
