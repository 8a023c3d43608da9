"""The incident and its tasks as data: which move goes from which states to which,
and who may make it (PRODUCT §6).

Like the case loop (`cases/workflow.py`), one small table per machine that the
service, the views (which buttons to offer), the demo and the property tests all
read. Deny by default: a role not named for a move may not make it. What a table
cannot say (a handler moves only its own department's tasks; no task moves on an
incident that was stood down) the service checks next to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from commandcenter.models.types import IncidentState as I
from commandcenter.models.types import Role
from commandcenter.models.types import TaskState as T
from commandcenter.services.kernel.errors import InvalidTransitionError


class IncidentMove(StrEnum):
    """Every operation on an incident; the event kind is `incident.<value>`."""

    ACTIVATE = "activate"  # 启动响应
    LOG = "log"  # 记录
    LINK = "link"  # 关联案件/摄像机
    UNLINK = "unlink"  # 取消关联
    RAISE = "raise"  # 提升响应级别
    LOWER = "lower"  # 降低响应级别
    ESCALATE = "escalate"  # 督办超时任务
    STAND_DOWN = "stand_down"  # 终止响应

    @property
    def event_kind(self) -> str:
        return f"incident.{self.value}"


class TaskMove(StrEnum):
    """Every operation on an incident's task; the event kind is `task.<value>`
    and the event is about the incident (its timeline is one query)."""

    ACKNOWLEDGE = "acknowledge"  # 接收
    EN_ROUTE = "en_route"  # 出发
    ON_SCENE = "on_scene"  # 到场
    DONE = "done"  # 完成
    BLOCK = "block"  # 受阻
    RESUME = "resume"  # 恢复
    CANCEL = "cancel"  # 取消

    @property
    def event_kind(self) -> str:
        return f"task.{self.value}"


@dataclass(frozen=True, slots=True)
class IncidentTransition:
    sources: frozenset[I]
    target: I | None  # None: the state does not change
    roles: frozenset[Role]


@dataclass(frozen=True, slots=True)
class TaskTransition:
    sources: frozenset[T]
    target: T | None  # None: RESUME goes back to where the task was blocked
    roles: frozenset[Role]


_ACTIVE = frozenset({I.ACTIVE})
_COMMAND = frozenset({Role.SUPERVISOR})
_DESK = frozenset({Role.OPERATOR, Role.SUPERVISOR})
_DOERS = frozenset({Role.HANDLER, Role.OPERATOR, Role.SUPERVISOR})
"""Who moves a task on: its department, or the desk on the department's word
(a department that phones in); the event says who."""

INCIDENT_TRANSITIONS: dict[IncidentMove, IncidentTransition] = {
    IncidentMove.LOG: IncidentTransition(_ACTIVE, None, _DESK),
    IncidentMove.LINK: IncidentTransition(_ACTIVE, None, _DESK),
    IncidentMove.UNLINK: IncidentTransition(_ACTIVE, None, _DESK),
    IncidentMove.RAISE: IncidentTransition(_ACTIVE, None, _COMMAND),
    IncidentMove.LOWER: IncidentTransition(_ACTIVE, None, _COMMAND),
    IncidentMove.ESCALATE: IncidentTransition(_ACTIVE, None, _COMMAND),
    IncidentMove.STAND_DOWN: IncidentTransition(_ACTIVE, I.STOOD_DOWN, _COMMAND),
}
"""Every move on an existing incident. ACTIVATE creates one and is not here."""

ACTIVATE_ROLES: frozenset[Role] = _COMMAND
READ_ROLES: frozenset[Role] = frozenset(
    {Role.OPERATOR, Role.SUPERVISOR, Role.HANDLER, Role.VIDEO_SUPERVISOR, Role.WALL}
)
"""Who may see incidents: the hall, the departments and the big screen."""

OPEN_TASK_STATES: frozenset[T] = frozenset(
    {T.PENDING, T.ACKNOWLEDGED, T.EN_ROUTE, T.ON_SCENE, T.BLOCKED}
)
_UNDER_WAY = frozenset({T.ACKNOWLEDGED, T.EN_ROUTE, T.ON_SCENE})

TASK_TRANSITIONS: dict[TaskMove, TaskTransition] = {
    TaskMove.ACKNOWLEDGE: TaskTransition(
        frozenset({T.PENDING}), T.ACKNOWLEDGED, _DOERS
    ),
    TaskMove.EN_ROUTE: TaskTransition(frozenset({T.ACKNOWLEDGED}), T.EN_ROUTE, _DOERS),
    TaskMove.ON_SCENE: TaskTransition(
        frozenset({T.ACKNOWLEDGED, T.EN_ROUTE}), T.ON_SCENE, _DOERS
    ),
    TaskMove.DONE: TaskTransition(_UNDER_WAY, T.DONE, _DOERS),
    TaskMove.BLOCK: TaskTransition(
        frozenset({T.PENDING} | _UNDER_WAY), T.BLOCKED, _DOERS
    ),
    TaskMove.RESUME: TaskTransition(frozenset({T.BLOCKED}), None, _DOERS),
    TaskMove.CANCEL: TaskTransition(OPEN_TASK_STATES, T.CANCELLED, _COMMAND),
}


def check_incident(move: IncidentMove, state: I) -> IncidentTransition:
    """The transition for `move` from `state`, or InvalidTransitionError."""
    transition = INCIDENT_TRANSITIONS[move]
    if state not in transition.sources:
        raise InvalidTransitionError(
            f"cannot {move.value} an incident that is {state.value}",
            "incident.move_not_now",
            move=move.value,
            incident_state=state.value,
        )
    return transition


def check_task(move: TaskMove, state: T) -> TaskTransition:
    """The transition for `move` from `state`, or InvalidTransitionError."""
    transition = TASK_TRANSITIONS[move]
    if state not in transition.sources:
        raise InvalidTransitionError(
            f"cannot {move.value} a task that is {state.value}",
            "task.move_not_now",
            move=move.value,
            task_state=state.value,
        )
    return transition


def task_moves(role: Role, state: T) -> tuple[TaskMove, ...]:
    """The moves `role` may make on a task in `state`, in the table's order: the
    buttons a task card offers (the service still checks the department)."""
    return tuple(
        move
        for move, transition in TASK_TRANSITIONS.items()
        if state in transition.sources and role in transition.roles
    )


def incident_moves(role: Role, state: I) -> tuple[IncidentMove, ...]:
    """The moves `role` may make on an incident in `state`, in the table's order."""
    return tuple(
        move
        for move, transition in INCIDENT_TRANSITIONS.items()
        if state in transition.sources and role in transition.roles
    )
