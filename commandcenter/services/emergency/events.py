"""The emergency feature's event kinds and their payloads (services/kernel/events.py).

Every event of an incident is about the incident (`entity = incident`), its
tasks' moves included, so the timeline is one query; a task's event names the
task, its template in the plan and its department. Plans imported are events
about the plan version.
"""

from __future__ import annotations

from typing import NotRequired  # pydantic reads these on 3.11

from typing_extensions import TypedDict

from commandcenter.services.emergency.workflow import IncidentMove, TaskMove
from commandcenter.services.kernel.validated_file import CLOSED, with_config


@with_config(CLOSED)
class PlanImported(TypedDict):
    code: str
    version: str
    status: str
    sha256: str
    file: str


@with_config(CLOSED)
class Notified(TypedDict):
    role: str
    within_minutes: int


@with_config(CLOSED)
class Activated(TypedDict):
    number: str
    title: str
    plan: str
    plan_title: str
    plan_version: str
    level: str
    case: int | None
    tasks: list[int]
    cases: list[int]
    cameras: list[int]
    notify: list[Notified]
    drill: NotRequired[int]


@with_config(CLOSED)
class Logged(TypedDict):
    text: str


@with_config(CLOSED)
class Linked(TypedDict):
    """link and unlink."""

    kind: str
    target: int


_LevelChange = TypedDict(
    "_LevelChange",
    {
        "from": str,
        "to": str,
        "reason": str,
        "added": list[int],
        "stood_down": list[int],
        "notify": list[Notified],
        "version": int,
    },
)


@with_config(CLOSED)
class LevelChanged(_LevelChange):
    """raise and lower."""


@with_config(CLOSED)
class Escalated(TypedDict):
    tasks: list[int]


@with_config(CLOSED)
class StoodDown(TypedDict):
    summary: str
    cancelled: list[int]
    version: int


@with_config(CLOSED)
class EvidenceRef(TypedDict):
    evidence: int
    filename: str
    sha256: str


_TaskMoved = TypedDict(
    "_TaskMoved",
    {
        "task": int,
        "template": str,
        "department": str,
        "from": str,
        "to": str,
        "version": int,
    },
)


@with_config(CLOSED)
class TaskMoved(_TaskMoved):
    note: NotRequired[str]
    count: NotRequired[int]
    evidence: NotRequired[list[EvidenceRef]]


PAYLOADS: dict[str, type] = {
    "plan.imported": PlanImported,
    IncidentMove.ACTIVATE.event_kind: Activated,
    IncidentMove.LOG.event_kind: Logged,
    IncidentMove.LINK.event_kind: Linked,
    IncidentMove.UNLINK.event_kind: Linked,
    IncidentMove.RAISE.event_kind: LevelChanged,
    IncidentMove.LOWER.event_kind: LevelChanged,
    IncidentMove.ESCALATE.event_kind: Escalated,
    IncidentMove.STAND_DOWN.event_kind: StoodDown,
    **{move.event_kind: TaskMoved for move in TaskMove},
}
"""Every event kind of the emergency feature and its payload."""
