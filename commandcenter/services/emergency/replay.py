"""An incident played back from its log (回放): at any moment since activation,
its level, the state of each task and of each linked case, read from the
events alone (a drill's incident too, after its purge: the log keeps it).

`build_replay` reads the incident's events and its linked cases' events once
and folds them into frames, one per event; `Replay.at(moment)` is the frame
in force at a moment, for a time slider.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, select

from commandcenter.models import Case, Event, Incident
from commandcenter.services.kernel.errors import NotFoundError
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class ReplayFrame:
    """The incident as it stood right after one event."""

    at: datetime
    kind: str
    level: str
    tasks: dict[int, str]
    """Task id → its state."""
    cases: dict[int, str]
    """Linked case id → its state."""
    stood_down: bool


@dataclass(frozen=True, slots=True)
class Replay:
    incident_id: int
    number: str
    title: str
    area: str
    drill_id: int | None
    places: dict[int, tuple[float, float]]
    """Case id → (lon, lat), for the cases still stored."""
    numbers: dict[int, str]
    """Case id → its number, for the cases still stored."""
    frames: tuple[ReplayFrame, ...]
    _times: list[datetime] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._times.extend(frame.at for frame in self.frames)

    @property
    def start(self) -> datetime:
        return self.frames[0].at

    @property
    def end(self) -> datetime:
        return self.frames[-1].at

    def at(self, moment: datetime) -> ReplayFrame:
        """The frame in force at `moment` (the first before activation)."""
        index = bisect.bisect_right(self._times, moment) - 1
        return self.frames[max(0, index)]


def build_replay(session: Session, incident_id: int) -> Replay:
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFoundError(f"no incident with id {incident_id}", "incident.not_found")
    own = and_(
        Event.entity == EntityKind.INCIDENT.value, Event.entity_id == incident_id
    )
    payloads = [
        json.loads(p)
        for (p,) in session.execute(
            select(Event.payload).where(
                own, Event.kind.in_(["incident.activate", "incident.link"])
            )
        )
    ]
    linked = {*(c for p in payloads for c in p.get("cases", ()))}
    linked |= {p["target"] for p in payloads if p.get("kind") == "case"}
    rows = session.execute(
        select(Event.at, Event.kind, Event.entity, Event.entity_id, Event.payload)
        .where(
            or_(
                own,
                and_(
                    Event.entity == EntityKind.CASE.value,
                    Event.entity_id.in_(linked),
                ),
            )
        )
        .order_by(Event.id)
    ).all()
    stored = session.execute(
        select(Case.id, Case.number, Case.lon, Case.lat).where(Case.id.in_(linked))
    ).all()
    places = {row.id: (row.lon, row.lat) for row in stored}
    numbers = {row.id: row.number for row in stored}
    frames = _fold(rows)
    if not frames:
        raise NotFoundError(
            f"incident {incident.number} has no events", "incident.not_found"
        )
    return Replay(
        incident.id,
        incident.number,
        incident.title,
        incident.area,
        incident.drill_id,
        places,
        numbers,
        tuple(frames),
    )


def _fold(rows: Sequence[Any]) -> list[ReplayFrame]:
    """One frame per event from activation on: the state after it."""
    state = _State()
    frames: list[ReplayFrame] = []
    for at, kind, entity, entity_id, raw in rows:
        payload = json.loads(raw)
        if entity == EntityKind.CASE.value:
            state.case_moved(entity_id, payload)
        else:
            state.incident_moved(kind, payload)
        if state.level:  # before activation: remembered, not shown
            frames.append(
                ReplayFrame(
                    at,
                    kind,
                    state.level,
                    dict(state.tasks),
                    dict(state.cases),
                    state.stood_down,
                )
            )
    return frames


@dataclass
class _State:
    """The incident as the events so far leave it."""

    level: str = ""
    tasks: dict[int, str] = field(default_factory=dict)
    cases: dict[int, str] = field(default_factory=dict)
    known: dict[int, str] = field(default_factory=dict)
    """Every linked case's latest state, linked yet or not."""
    stood_down: bool = False

    def case_moved(self, case_id: int, payload: dict[str, Any]) -> None:
        if "to" in payload:
            self.known[case_id] = payload["to"]
            if case_id in self.cases:
                self.cases[case_id] = payload["to"]

    def incident_moved(self, kind: str, payload: dict[str, Any]) -> None:
        if kind == "incident.activate":
            self.level = payload["level"]
            self.tasks = dict.fromkeys(payload["tasks"], "pending")
            self.cases = {c: self.known.get(c, "reported") for c in payload["cases"]}
        elif kind in ("incident.raise", "incident.lower"):
            self.level = payload["to"]
            self.tasks.update(dict.fromkeys(payload["added"], "pending"))
            self.tasks.update(dict.fromkeys(payload["stood_down"], "cancelled"))
        elif kind in ("incident.link", "incident.unlink"):
            if payload["kind"] == "case":
                target = payload["target"]
                if kind == "incident.link":
                    self.cases[target] = self.known.get(target, "reported")
                else:
                    self.cases.pop(target, None)
        elif kind == "incident.stand_down":
            self.stood_down = True
            self.tasks.update(dict.fromkeys(payload["cancelled"], "cancelled"))
        elif kind.startswith("task.") and "task" in payload:
            self.tasks[payload["task"]] = payload["to"]
