"""Drill isolation (演练隔离, PRODUCT §6), written down and enforced in one place.

Invariants:
1. A drill's cases and incidents carry its id (`drill_id`; a case also has the
   indexed flag `is_drill`). Every real count, list, report, export and screen
   reads cases through `REAL_CASES` and incidents through `REAL_INCIDENTS`.
2. A drill case is filed, and a drill incident activated, only while its drill
   is on (running or paused): `check_drill_on`.
3. Drill and real things never touch: a case is linked to an incident, merged
   into a case or an incident activated from a case only when both are in the
   same drill or both are real: `check_same_world`.
The event log keeps every event of a drill (the audit chain is one chain);
which events are a drill's follows from these ids and the drill's own events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from commandcenter.models import Case, Drill, Incident
from commandcenter.models.types import DrillState
from commandcenter.services.kernel.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

REAL_CASES = Case.is_drill.is_(False)
"""Cases that are real work: the filter of every real count, list and screen."""
REAL_INCIDENTS = Incident.drill_id.is_(None)
"""Incidents that are real responses."""


def check_drill_on(session: Session, drill_id: int) -> Drill:
    """The drill, or ValidationError unless it is running or paused."""
    drill = session.get(Drill, drill_id)
    if drill is None or not DrillState(drill.state).on:
        raise ValidationError(
            f"drill {drill_id} is not running", "drill.not_running", drill=drill_id
        )
    return drill


def check_same_world(first: int | None, second: int | None, what: str) -> None:
    """ValidationError unless both are real (None) or in the same drill."""
    if first != second:
        raise ValidationError(
            f"{what}: a drill's cases and incidents never mix with real ones "
            "or another drill's",
            "drill.mixed",
            what=what,
        )
