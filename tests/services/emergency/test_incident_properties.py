"""Random sequences of incident and task moves (hypothesis) never break the
invariants: states and stamps agree, only the levels in force have open tasks,
a stale version is never accepted, and replaying the timeline (the event log)
gives every task's state: the log is the truth, not a second copy."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from commandcenter.models.types import IncidentState, TaskState
from commandcenter.services.cases.api import NewAttachment
from commandcenter.services.container import Services
from commandcenter.services.emergency.api import (
    ORDER,
    TASK_TRANSITIONS,
    Level,
    TaskMove,
    TaskRow,
    TaskStep,
)
from commandcenter.services.kernel.errors import DomainError
from tests.conftest import Backend, Clock
from tests.services.factories import (
    PNG,
    activate_gas,
    actor,
    department_handler,
)

if TYPE_CHECKING:
    from commandcenter.services.emergency.api import IncidentDetail
    from commandcenter.services.kernel.auth import Actor

PHOTO = NewAttachment("现场.png", "image/png", PNG)
_STAMPED = {
    TaskState.ACKNOWLEDGED: "acknowledged_at",
    TaskState.EN_ROUTE: "en_route_at",
    TaskState.ON_SCENE: "on_scene_at",
    TaskState.DONE: "done_at",
    TaskState.CANCELLED: "cancelled_at",
}


class IncidentRun(RuleBasedStateMachine):
    """One gas incident; people throw task moves, level changes, escalations and
    log entries at it, mostly fitting ones, now and then on a stale version."""

    backend: ClassVar[Backend]

    @initialize()
    def start(self) -> None:
        self.clock = Clock()
        self.services = Services(self.backend.fresh(), self.clock)
        self.incident_id, _ = activate_gas(self.services)
        self.people: list[Actor] = [
            actor(self.services, name) for name in ("operator", "supervisor", "wall")
        ] + [department_handler(self.services, code) for code in ("RQ", "XF", "WJ")]
        self.supervisor = self.people[1]

    def teardown(self) -> None:
        if hasattr(self, "services"):
            self.services.close()

    def _detail(self) -> IncidentDetail:
        return self.services.incident_queries.detail(self.incident_id)

    @rule(
        data=st.data(),
        stale=st.integers(0, 9),
        minutes=st.integers(0, 20),
        evidence=st.booleans(),
    )
    def task_move(
        self, data: st.DataObject, stale: int, minutes: int, evidence: bool
    ) -> None:
        self.clock.advance(minutes=minutes)
        tasks = self._detail().tasks
        task: TaskRow = data.draw(st.sampled_from(tasks), label="task")
        fitting = [m for m in TaskMove if task.state in TASK_TRANSITIONS[m].sources]
        move = data.draw(st.sampled_from(fitting or list(TaskMove)), label="move")
        who = data.draw(st.sampled_from(self.people), label="who")
        is_stale = stale == 0
        step = TaskStep(
            task.id,
            task.version - is_stale,
            move,
            note="原因",
            count=3 if evidence else None,
            photos=(PHOTO,) if evidence else (),
        )
        try:
            self.services.incidents.move_task(who, step)
        except DomainError:
            return
        assert not is_stale, "a move on a stale task version was accepted"

    @rule(level=st.sampled_from(list(Level)), stale=st.integers(0, 4))
    def change_level(self, level: Level, stale: int) -> None:
        detail = self._detail()
        try:
            self.services.incidents.change_level(
                self.supervisor,
                self.incident_id,
                detail.version - (stale == 0),
                level,
                "研判",
            )
        except DomainError:
            return
        assert stale != 0, "a level change on a stale version was accepted"

    @rule(minutes=st.integers(0, 40))
    def escalate(self, minutes: int) -> None:
        self.clock.advance(minutes=minutes)
        try:
            self.services.incidents.escalate_overdue(self.supervisor, self.incident_id)
        except DomainError:
            return

    @rule(who=st.integers(0, 5))
    def log(self, who: int) -> None:
        try:
            self.services.incidents.log(self.people[who], self.incident_id, "情况")
        except DomainError:
            return

    @rule(roll=st.integers(0, 15))
    def stand_down(self, roll: int) -> None:
        if roll:
            return  # rarely: it ends the run's interesting part
        detail = self._detail()
        try:
            self.services.incidents.stand_down(
                self.supervisor, self.incident_id, detail.version, "结束"
            )
        except DomainError:
            return

    @invariant()
    def invariants(self) -> None:
        if hasattr(self, "services"):
            check_invariants(self.services, self._detail())


def check_invariants(services: Services, detail: IncidentDetail) -> None:
    in_force = set(ORDER[: ORDER.index(detail.level) + 1])
    for task in detail.tasks:
        stamp = _STAMPED.get(task.state)
        if stamp is not None:
            assert getattr(task, stamp) is not None, (task.state, stamp)
        if task.state is not TaskState.PENDING:
            assert task.acknowledged_at is not None or task.state in (
                TaskState.BLOCKED,
                TaskState.CANCELLED,
            )
        if task.is_open:
            assert detail.state is IncidentState.ACTIVE
            assert task.level in in_force, "an open task of a level stood down"
        assert task.due_at > task.created_at
        if task.escalated_at is not None:
            assert task.escalated_at > (task.escalate_at or task.due_at)
    assert _replayed(services, detail) == {t.id: t.state for t in detail.tasks}


def _replayed(services: Services, detail: IncidentDetail) -> dict[int, TaskState]:
    """Every task's state from the timeline alone."""
    states: dict[int, TaskState] = {}
    for entry in services.incident_queries.timeline(detail.id):
        payload = entry.payload
        if entry.kind == "incident.activate":
            states.update(dict.fromkeys(payload["tasks"], TaskState.PENDING))
        elif entry.kind in ("incident.raise", "incident.lower"):
            states.update(dict.fromkeys(payload["added"], TaskState.PENDING))
            states.update(dict.fromkeys(payload["stood_down"], TaskState.CANCELLED))
        elif entry.kind == "incident.stand_down":
            states.update(dict.fromkeys(payload["cancelled"], TaskState.CANCELLED))
        elif entry.kind.startswith("task."):
            assert states[payload["task"]] == TaskState(payload["from"])
            states[payload["task"]] = TaskState(payload["to"])
    return states


def test_random_incident_runs_keep_invariants(backend: Backend) -> None:
    IncidentRun.backend = backend
    run_state_machine_as_test(
        IncidentRun,
        settings=settings(
            max_examples=15 if backend.name == "sqlite" else 6,
            stateful_step_count=30,
            deadline=timedelta(seconds=30),
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
