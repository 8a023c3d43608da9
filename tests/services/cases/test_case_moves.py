"""Every move, from every state, by every role: allowed → exactly one event;
refused → a typed error and nothing written.

The expectation table below is written from PRODUCT.md §2–3 on purpose, separately
from `cases/workflow.py` (TRANSITIONS), so that a mistake in either one fails here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from commandcenter.models import Attachment, Case, Event
from commandcenter.models.types import CaseState, Role
from commandcenter.services.cases.workflow import Move
from commandcenter.services.kernel.errors import (
    DomainError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from tests.services.factories import (
    PNG,
    ROLE_ACCOUNTS,
    actor,
    drive_to,
    handler_for,
    report,
    version,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.container import Services
    from commandcenter.services.kernel.auth import Actor

S = CaseState
R = Role
DESK = {R.OPERATOR, R.SUPERVISOR}
SUPERVISOR = {R.SUPERVISOR}
HANDLER = {R.HANDLER}
VERIFIERS = {R.OPERATOR, R.SUPERVISOR, R.GRID_WORKER}
CASE_WORKERS = {R.OPERATOR, R.SUPERVISOR, R.HANDLER, R.VIDEO_SUPERVISOR, R.GRID_WORKER}
OPEN_WORK = {S.REPORTED, S.REGISTERED, S.DISPATCHED, S.IN_PROGRESS, S.HANDLED}
ALL_BUT_MERGED = set(S) - {S.MERGED}

# move: (states it starts from, roles allowed, state after; None = unchanged)
SPEC: dict[Move, tuple[set[CaseState], set[Role], CaseState | None]] = {
    Move.REGISTER: ({S.REPORTED}, DESK, S.REGISTERED),
    Move.VOID: ({S.REPORTED}, DESK, S.VOIDED),
    Move.DISPATCH: ({S.REGISTERED}, DESK, S.DISPATCHED),
    Move.ACCEPT: ({S.DISPATCHED}, HANDLER, S.IN_PROGRESS),
    Move.RETURN: ({S.DISPATCHED, S.IN_PROGRESS}, HANDLER, S.REGISTERED),
    Move.FEEDBACK: ({S.IN_PROGRESS}, HANDLER, S.HANDLED),
    Move.VERIFY_OK: ({S.HANDLED}, VERIFIERS, S.CLOSED),
    Move.VERIFY_FAIL: ({S.HANDLED}, VERIFIERS, S.DISPATCHED),
    Move.SELF_HANDLE: ({S.REPORTED}, {R.GRID_WORKER, *DESK}, S.CLOSED),
    Move.ESCALATE: (OPEN_WORK, SUPERVISOR, None),
    Move.URGE: ({S.DISPATCHED, S.IN_PROGRESS, S.HANDLED}, SUPERVISOR, None),
    Move.POSTPONE_REQUEST: ({S.DISPATCHED, S.IN_PROGRESS}, HANDLER, None),
    Move.POSTPONE_APPROVE: ({S.DISPATCHED, S.IN_PROGRESS}, SUPERVISOR, None),
    Move.POSTPONE_DENY: ({S.DISPATCHED, S.IN_PROGRESS}, SUPERVISOR, None),
    Move.SUSPEND: (
        {S.REGISTERED, S.DISPATCHED, S.IN_PROGRESS},
        SUPERVISOR,
        S.SUSPENDED,
    ),
    Move.REOPEN: ({S.SUSPENDED}, SUPERVISOR, S.REGISTERED),  # back where it was
    Move.MERGE: ({S.REPORTED, S.REGISTERED}, DESK, S.MERGED),
    Move.ATTACH: (ALL_BUT_MERGED, CASE_WORKERS, None),
    Move.COMMENT: (ALL_BUT_MERGED, CASE_WORKERS, None),
}
HANDLER_SCOPED = {
    Move.ACCEPT,
    Move.RETURN,
    Move.FEEDBACK,
    Move.POSTPONE_REQUEST,
    Move.ATTACH,
    Move.COMMENT,
}


def _perform(
    services: Services, move: Move, who: Actor, case_id: int, merge_into: int
) -> None:
    cases = services.cases
    v = version(services, case_id)
    calls: dict[Move, Callable[[], object]] = {
        Move.REGISTER: lambda: cases.register(who, case_id, v),
        Move.VOID: lambda: cases.void(who, case_id, v, "不属于受理范围"),
        Move.DISPATCH: lambda: cases.dispatch(who, case_id, v),
        Move.ACCEPT: lambda: cases.accept(who, case_id, v),
        Move.RETURN: lambda: cases.return_case(who, case_id, v, "非本单位职责"),
        Move.FEEDBACK: lambda: cases.feedback(who, case_id, v, "已清除"),
        Move.VERIFY_OK: lambda: cases.verify_ok(who, case_id, v),
        Move.VERIFY_FAIL: lambda: cases.verify_fail(who, case_id, v, "问题仍存在"),
        Move.SELF_HANDLE: lambda: cases.self_handle(who, case_id, v, "已现场清除"),
        Move.ESCALATE: lambda: cases.escalate(who, case_id, v, "需社区协调"),
        Move.URGE: lambda: cases.urge(who, case_id, v, "请加快处置"),
        Move.POSTPONE_REQUEST: lambda: cases.request_postponement(
            who, case_id, v, 8, "需协调"
        ),
        Move.POSTPONE_APPROVE: lambda: cases.approve_postponement(who, case_id, v),
        Move.POSTPONE_DENY: lambda: cases.deny_postponement(
            who, case_id, v, "理由不足"
        ),
        Move.SUSPEND: lambda: cases.suspend(who, case_id, v, "需长期整治"),
        Move.REOPEN: lambda: cases.reopen(who, case_id, v),
        Move.MERGE: lambda: cases.merge(who, case_id, v, merge_into),
        Move.ATTACH: lambda: cases.attach(
            who, case_id, v, "现场.png", "image/png", PNG
        ),
        Move.COMMENT: lambda: cases.comment(who, case_id, v, "已电话联系"),
    }
    calls[move]()


def _snapshot(services: Services, case_id: int) -> tuple[object, ...]:
    with services.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        events = session.execute(select(func.count()).select_from(Event)).scalar_one()
        attachments = session.execute(
            select(func.count()).select_from(Attachment)
        ).scalar_one()
        return (case.state, case.version, case.updated_at, events, attachments)


def _event_count(services: Services) -> int:
    with services.db.read() as session:
        return session.execute(select(func.count()).select_from(Event)).scalar_one()


def _actors(services: Services, case_id: int) -> dict[Role, Actor]:
    with services.db.read() as session:
        case = session.get(Case, case_id)
        assigned = case is not None and case.department_id is not None
    who = {role: actor(services, name) for role, name in ROLE_ACCOUNTS.items()}
    # the handler of the case's own department where it has one, else some other one
    who[Role.HANDLER] = (
        handler_for(services, case_id) if assigned else actor(services, "handler")
    )
    return who


@pytest.mark.parametrize("move", list(Move.__members__.values())[1:], ids=str)
def test_move_matrix(services: Services, move: Move) -> None:
    sources, roles, target = SPEC[move]
    pending = move in (Move.POSTPONE_APPROVE, Move.POSTPONE_DENY)
    for state in CaseState:
        for role in Role:
            case_id = drive_to(services, state, pending_postponement=pending)
            merge_into = report(services)
            who = _actors(services, case_id)[role]
            with services.db.read() as session:
                case = session.get(Case, case_id)
                assert case is not None
                own_department = case.department_id == who.department_id
            allowed = (
                role in roles
                and state in sources
                and (
                    role is not Role.HANDLER
                    or move not in HANDLER_SCOPED
                    or own_department
                )
            )
            before = _snapshot(services, case_id)
            label = f"{move} from {state} by {role}"
            if not allowed:
                with pytest.raises((PermissionDeniedError, InvalidTransitionError)):
                    _perform(services, move, who, case_id, merge_into)
                assert _snapshot(services, case_id) == before, (
                    f"{label} wrote something"
                )
                continue
            events_before = _event_count(services)
            _perform(services, move, who, case_id, merge_into)
            assert _event_count(services) == events_before + 1, label
            row = services.queries.get(case_id)
            assert row.version == before[1] + 1, label
            assert row.state == (target or state), label
            newest = services.queries.timeline(case_id)[-1]
            assert (newest.kind, newest.entity_id) == (move.event_kind, case_id), label
            assert newest.actor_id == who.id, label


def test_refused_reasons_are_typed(services: Services) -> None:
    case_id = drive_to(services, CaseState.REPORTED)
    wall = actor(services, "wall")
    with pytest.raises(PermissionDeniedError):
        services.cases.register(wall, case_id, 1)
    with pytest.raises(InvalidTransitionError):
        services.cases.accept(handler_for_any(services), case_id, 1)


def handler_for_any(services: Services) -> Actor:
    return actor(services, "handler")


def test_all_refusals_are_domain_errors() -> None:
    assert issubclass(PermissionDeniedError, DomainError)
    assert issubclass(InvalidTransitionError, DomainError)
