"""Deny by default: every incident and task move tried by every role. Only the
ones written down here succeed; every other attempt is refused and changes
nothing (the expected matrix is spelled out, not read from the table it tests)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import func, select

from commandcenter.models import Event
from commandcenter.services.container import Services
from commandcenter.services.emergency.api import (
    Activation,
    IncidentMove,
    Level,
    TaskMove,
    TaskStep,
)
from commandcenter.services.kernel.errors import ConflictError, PermissionDeniedError
from tests.services.factories import (
    ROLE_ACCOUNTS,
    activate_gas,
    actor,
    department_handler,
    task_of,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.kernel.auth import Actor
    from tests.conftest import Backend, Clock

WHO = [*ROLE_ACCOUNTS.values(), "own handler", "other handler"]
"""Every role's demo account; for tasks, the task's department and another one."""

ALLOWED_ON_INCIDENT: dict[IncidentMove, set[str]] = {
    IncidentMove.LOG: {"operator", "supervisor"},
    IncidentMove.LINK: {"operator", "supervisor"},
    IncidentMove.UNLINK: {"operator", "supervisor"},
    IncidentMove.RAISE: {"supervisor"},
    IncidentMove.LOWER: {"supervisor"},
    IncidentMove.ESCALATE: {"supervisor"},
    IncidentMove.STAND_DOWN: {"supervisor"},
}
_DOERS = {"own handler", "operator", "supervisor"}
ALLOWED_ON_TASK: dict[TaskMove, set[str]] = {
    TaskMove.ACKNOWLEDGE: _DOERS,
    TaskMove.EN_ROUTE: _DOERS,
    TaskMove.ON_SCENE: _DOERS,
    TaskMove.DONE: _DOERS,
    TaskMove.BLOCK: _DOERS,
    TaskMove.RESUME: _DOERS,
    TaskMove.CANCEL: {"supervisor"},
}
TASK = "IV.3"  # the fire brigade standing by: evidence is a check, nothing to upload
BEFORE_TASK_MOVE: dict[TaskMove, list[TaskMove]] = {
    TaskMove.EN_ROUTE: [TaskMove.ACKNOWLEDGE],
    TaskMove.ON_SCENE: [TaskMove.ACKNOWLEDGE],
    TaskMove.DONE: [TaskMove.ACKNOWLEDGE],
    TaskMove.RESUME: [TaskMove.BLOCK],
}


def _who(services: Services, name: str) -> Actor:
    if name == "own handler":
        return department_handler(services, "XF")
    if name == "other handler":
        return department_handler(services, "RQ")
    return actor(services, name)


def _snapshot(services: Services, incident_id: int) -> tuple[Any, ...]:
    with services.db.read() as session:
        events = session.execute(select(func.count()).select_from(Event)).scalar_one()
    detail = services.incident_queries.detail(incident_id)
    return (events, detail)


def _incident_attempt(
    services: Services, clock: Clock, move: IncidentMove
) -> tuple[int, Callable[[Actor], object]]:
    """A fresh incident in which `move` is possible, and the move to try."""
    incident_id, case_id = activate_gas(
        services, "III" if move is IncidentMove.LOWER else "IV"
    )
    incidents = services.incidents
    version = services.incident_queries.detail(incident_id).version
    if move is IncidentMove.ESCALATE:
        clock.advance(minutes=30)
    attempts: dict[IncidentMove, Callable[[Actor], object]] = {
        IncidentMove.LOG: lambda who: incidents.log(who, incident_id, "现场风大"),
        IncidentMove.LINK: lambda who: incidents.link(who, incident_id, "camera", 1),
        IncidentMove.UNLINK: lambda who: incidents.unlink(
            who, incident_id, "case", case_id
        ),
        IncidentMove.RAISE: lambda who: incidents.change_level(
            who, incident_id, version, Level.III, "爆燃"
        ),
        IncidentMove.LOWER: lambda who: incidents.change_level(
            who, incident_id, version, Level.IV, "受控"
        ),
        IncidentMove.ESCALATE: lambda who: incidents.escalate_overdue(who, incident_id),
        IncidentMove.STAND_DOWN: lambda who: incidents.stand_down(
            who, incident_id, version, "结束"
        ),
    }
    return incident_id, attempts[move]


def _task_attempt(
    services: Services, move: TaskMove
) -> tuple[int, Callable[[Actor], object]]:
    incident_id, _ = activate_gas(services)
    brigade = department_handler(services, "XF")
    for earlier in BEFORE_TASK_MOVE.get(move, []):
        task_id, version = task_of(services, incident_id, TASK)
        services.incidents.move_task(
            brigade, TaskStep(task_id, version, earlier, note="受阻")
        )
    task_id, version = task_of(services, incident_id, TASK)
    note = "原因" if move in (TaskMove.BLOCK, TaskMove.CANCEL) else ""
    step = TaskStep(task_id, version, move, note=note)
    return incident_id, lambda who: services.incidents.move_task(who, step)


def test_every_incident_move_by_every_role(services: Services, clock: Clock) -> None:
    for move, allowed in ALLOWED_ON_INCIDENT.items():
        for name in WHO:
            incident_id, attempt = _incident_attempt(services, clock, move)
            who = _who(services, name)
            before = _snapshot(services, incident_id)
            if name in allowed:
                assert attempt(who) is not None, (move, name)
                assert _snapshot(services, incident_id) != before
            else:
                with pytest.raises(PermissionDeniedError):
                    attempt(who)
                assert _snapshot(services, incident_id) == before, (move, name)
    area = services.incident_queries.recent(1)[0].area
    for name in WHO:  # activation: only the duty supervisor
        if name != "supervisor":
            with pytest.raises(PermissionDeniedError):
                services.incidents.activate(
                    _who(services, name), Activation("GAS-LEAK", "再次启动", area=area)
                )


def test_every_task_move_by_every_role(services: Services) -> None:
    for move, allowed in ALLOWED_ON_TASK.items():
        for name in WHO:
            incident_id, attempt = _task_attempt(services, move)
            who = _who(services, name)
            before = _snapshot(services, incident_id)
            if name in allowed:
                attempt(who)
                assert _snapshot(services, incident_id) != before
            else:
                with pytest.raises(PermissionDeniedError):
                    attempt(who)
                assert _snapshot(services, incident_id) == before, (move, name)


def test_two_supervisors_raising_at_once_one_wins_one_conflicts(
    backend: Backend, services: Services
) -> None:
    """Two workstations (two connection pools) raise the same version together."""
    incident_id, _ = activate_gas(services)
    version = services.incident_queries.detail(incident_id).version
    other = Services(backend.another(services.db), services.clock)
    try:
        commanders = [
            (services, actor(services, "supervisor")),
            (other, actor(other, "supervisor")),
        ]
        start = threading.Barrier(2)
        outcomes: list[object] = []

        def raise_level(where: Services, who: Actor) -> None:
            start.wait()
            try:
                outcomes.append(
                    where.incidents.change_level(
                        who, incident_id, version, Level.III, "爆燃"
                    )
                )
            except ConflictError as error:
                outcomes.append(error)

        threads = [
            threading.Thread(target=raise_level, args=pair) for pair in commanders
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        other.close()
    assert sum(isinstance(o, ConflictError) for o in outcomes) == 1
    assert len(outcomes) == 2
    detail = services.incident_queries.detail(incident_id)
    assert detail.level is Level.III
    assert detail.version == version + 1
    timeline = [e.kind for e in services.incident_queries.timeline(incident_id)]
    assert timeline.count("incident.raise") == 1
    assert sum(t.level is Level.III for t in detail.tasks) == 4  # added once
