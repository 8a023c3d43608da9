"""What the screens read about drills: the drill that is on (its banner and
clock), the injects the hall has received, the drill's cases and incidents."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from commandcenter.models import Drill, Event
from commandcenter.models.types import DrillState
from commandcenter.services.cases.api import CaseFilter
from commandcenter.services.drills.service import ClockState
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    import datetime as dt

    from commandcenter.db.database import Database
    from commandcenter.services.cases.api import CaseQueries, CaseRow


@dataclass(frozen=True, slots=True)
class DrillStatus:
    """A drill as its banner and tab show it."""

    id: int
    scenario: str
    title: str
    mode: str
    clock: ClockState
    started_at: dt.datetime
    ended_at: dt.datetime | None

    @property
    def state(self) -> DrillState:
        return self.clock.state

    @property
    def on(self) -> bool:
        return self.clock.state.on


@dataclass(frozen=True, slots=True)
class InjectMessage:
    """An inject as the hall received it (not the controller's notes)."""

    event_id: int
    at: dt.datetime
    drill_t: float
    inject: str
    channel: str
    title: str
    text: str
    to: str
    level: str
    camera: str


class DrillQueries:
    """Reads about drills for one database."""

    def __init__(self, db: Database, cases: CaseQueries) -> None:
        self._db = db
        self._cases = cases

    def current(self) -> DrillStatus | None:
        """The drill that is on (running or paused), if any."""
        with self._db.read() as session:
            drill = session.execute(
                select(Drill)
                .where(Drill.state.in_([DrillState.RUNNING, DrillState.PAUSED]))
                .order_by(Drill.id.desc())
                .limit(1)
            ).scalar()
            return None if drill is None else _status(drill)

    def runs(self) -> list[DrillStatus]:
        """Every drill, the newest first."""
        with self._db.read() as session:
            drills = session.execute(select(Drill).order_by(Drill.id.desc())).scalars()
            return [_status(drill) for drill in drills]

    def injects(self, drill_id: int, after: int = 0) -> list[InjectMessage]:
        """The non-case injects the hall received, oldest first (new cases show
        as cases); only those after event `after` when given."""
        with self._db.read() as session:
            rows = session.execute(
                select(Event.id, Event.at, Event.payload)
                .where(
                    Event.entity == EntityKind.DRILL.value,
                    Event.entity_id == drill_id,
                    Event.kind == "drill.inject",
                    Event.id > after,
                )
                .order_by(Event.id)
            ).all()
        found = []
        for event_id, at, payload in rows:
            p = json.loads(payload)
            found.append(
                InjectMessage(
                    event_id,
                    at,
                    float(p["drill_t"]),
                    p["inject"],
                    p["channel"],
                    p["title"],
                    p.get("text", ""),
                    p.get("to", ""),
                    p.get("level", ""),
                    p.get("camera", ""),
                )
            )
        return found

    def cases(self, drill_id: int) -> list[CaseRow]:
        """The drill's cases, newest first (its own queue tab)."""
        return self._cases.find(CaseFilter(drill_id=drill_id))


def _status(drill: Drill) -> DrillStatus:
    return DrillStatus(
        drill.id,
        drill.scenario,
        drill.title,
        drill.mode,
        ClockState.of(drill),
        drill.started_at,
        drill.ended_at,
    )
