"""Random move sequences (hypothesis) never break the invariants of the loop."""

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
from sqlalchemy import func, select

from commandcenter.models import Case, Department, Event
from commandcenter.models.types import CaseState, Role
from commandcenter.services.cases.workflow import TRANSITIONS, Move
from commandcenter.services.container import Services
from commandcenter.services.kernel.errors import DomainError
from tests.conftest import Backend, Clock
from tests.services.factories import (
    COMPONENT_CATEGORY,
    PNG,
    ROLE_ACCOUNTS,
    SELF_HANDLE_CATEGORY,
    actor,
    handler_for,
    new_case,
    place,
)

if TYPE_CHECKING:
    from commandcenter.services.kernel.auth import Actor

MOVES = [m for m in Move if m is not Move.REPORT]


class CaseLoop(RuleBasedStateMachine):
    """Reports cases and throws moves by people at them, mostly fitting ones."""

    backend: ClassVar[Backend]

    @initialize()
    def start(self) -> None:
        self.clock = Clock()
        self.services = Services(self.backend.fresh(), self.clock)
        self.places = [place(self.services, i) for i in (0, 5, 40)]
        self.people: list[Actor] = [
            actor(self.services, name) for name in ROLE_ACCOUNTS.values()
        ]
        self.people += [actor(self.services, "h-jd003"), actor(self.services, "h-zls")]
        self.applied = 0
        self.reported = 0
        for spot in range(3):
            self._report(spot, component=spot == 2)

    def teardown(self) -> None:
        if hasattr(self, "services"):
            self.services.close()

    def _report(self, spot: int, component: bool) -> None:
        category = COMPONENT_CATEGORY if component else SELF_HANDLE_CATEGORY
        self.services.cases.report(
            actor(self.services, "operator"),
            new_case(self.places[spot], category=category),
        )
        self.reported += 1

    @rule(
        data=st.data(),
        new_report=st.integers(0, 5),
        pick=st.integers(0, 1000),
        stale=st.integers(0, 9),
        wrong_person=st.integers(0, 4),
        minutes=st.integers(0, 3000),
    )
    def step(
        self,
        data: st.DataObject,
        new_report: int,
        pick: int,
        stale: int,
        wrong_person: int,
        minutes: int,
    ) -> None:
        """One time in six a new report, else a move on some case."""
        self.clock.advance(minutes=minutes)
        if new_report == 0:
            self._report(pick % 3, component=pick % 2 == 0)
            return
        case_id = data.draw(st.integers(1, self.reported), label="case")
        row = self.services.queries.get(case_id)
        fitting = [m for m in MOVES if CaseState(row.state) in TRANSITIONS[m].sources]
        move = data.draw(st.sampled_from(fitting or MOVES), label="move")
        people = self.people
        if wrong_person:  # mostly somebody who may make the move
            allowed = [p for p in people if p.role in TRANSITIONS[move].roles]
            if Role.HANDLER in TRANSITIONS[move].roles and row.department_code:
                allowed.append(handler_for(self.services, case_id))
            people = allowed or people
        person = data.draw(st.sampled_from(people), label="actor")
        is_stale = stale == 0
        try:
            _attempt(self.services, move, person, case_id, row.version - is_stale, pick)
        except DomainError:
            return
        assert not is_stale, "a move on a stale version was accepted"
        self.applied += 1

    @invariant()
    def invariants(self) -> None:
        if hasattr(self, "services"):
            check_invariants(self.services, self.reported + self.applied)


def check_invariants(services: Services, moves_made: int) -> None:
    """State valid, one event per move, versions count events, deadlines sane."""
    with services.db.read() as session:
        events = session.execute(
            select(func.count()).select_from(Event).where(Event.entity == "case")
        ).scalar_one()
        assert events == moves_made
        per_case = dict(
            session.execute(
                select(Event.entity_id, func.count())
                .where(Event.entity == "case")
                .group_by(Event.entity_id)
            ).all()
        )
        for case in session.execute(select(Case)).scalars():
            assert CaseState(case.state)
            assert case.version == per_case[case.id]
            for moment in (case.deadline_start, case.deadline_at, case.closed_at):
                assert moment is None or moment >= case.reported_at
            if case.deadline_at is not None:
                assert case.deadline_start is not None
                assert case.deadline_at > case.deadline_start
            _check_state_fields(case)


def _check_state_fields(case: Case) -> None:
    state = CaseState(case.state)
    if state is CaseState.CLOSED:
        assert case.closed_at is not None
    if state in (CaseState.DISPATCHED, CaseState.IN_PROGRESS):
        assert case.department_id is not None
    if state is CaseState.SUSPENDED:
        assert case.suspended_from is not None
    if state is CaseState.MERGED:
        assert case.merged_into_id not in (None, case.id)


def test_random_move_sequences_keep_invariants(backend: Backend) -> None:
    CaseLoop.backend = backend
    run_state_machine_as_test(
        CaseLoop,
        settings=settings(
            max_examples=20 if backend.name == "sqlite" else 8,
            stateful_step_count=40,
            deadline=timedelta(seconds=30),
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def _attempt(
    services: Services, move: Move, who: Actor, case_id: int, v: int, pick: int
) -> None:
    cases = services.cases
    if move is Move.DISPATCH and who.role is Role.SUPERVISOR:
        # exercise an operator override now and then: dispatch to the water company
        cases.dispatch(who, case_id, v, department_id=_department(services, "ZLS"))
        return
    actions = {
        Move.REGISTER: lambda: cases.register(who, case_id, v),
        Move.VOID: lambda: cases.void(who, case_id, v, "不予受理"),
        Move.DISPATCH: lambda: cases.dispatch(who, case_id, v),
        Move.ACCEPT: lambda: cases.accept(who, case_id, v),
        Move.RETURN: lambda: cases.return_case(who, case_id, v, "非本单位"),
        Move.FEEDBACK: lambda: cases.feedback(who, case_id, v, "已处置"),
        Move.VERIFY_OK: lambda: cases.verify_ok(who, case_id, v),
        Move.VERIFY_FAIL: lambda: cases.verify_fail(who, case_id, v, "仍存在"),
        Move.SELF_HANDLE: lambda: cases.self_handle(who, case_id, v, "已清除"),
        Move.ESCALATE: lambda: cases.escalate(who, case_id, v, "提级"),
        Move.URGE: lambda: cases.urge(who, case_id, v, "催办"),
        Move.POSTPONE_REQUEST: lambda: cases.request_postponement(
            who, case_id, v, pick % 48 + 1, "延期"
        ),
        Move.POSTPONE_APPROVE: lambda: cases.approve_postponement(who, case_id, v),
        Move.POSTPONE_DENY: lambda: cases.deny_postponement(who, case_id, v, "不同意"),
        Move.SUSPEND: lambda: cases.suspend(who, case_id, v, "挂账"),
        Move.REOPEN: lambda: cases.reopen(who, case_id, v),
        Move.MERGE: lambda: cases.merge(who, case_id, v, pick % 3 + 1),
        Move.ATTACH: lambda: cases.attach(who, case_id, v, "p.png", "image/png", PNG),
        Move.COMMENT: lambda: cases.comment(who, case_id, v, "备注"),
    }
    actions[move]()


def _department(services: Services, code: str) -> int:
    with services.db.read() as session:
        return session.execute(
            select(Department.id).where(Department.code == code)
        ).scalar_one()
