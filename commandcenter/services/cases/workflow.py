"""The case loop as data: which move goes from which states to which (PRODUCT.md §3).

Pure and tiny on purpose: the service, the demo history and the property tests all
read the same table, so there is exactly one definition of the loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from commandcenter.models.types import CaseState as S
from commandcenter.models.types import Role
from commandcenter.services.kernel.errors import InvalidTransitionError


class Move(StrEnum):
    """Every operation on a case; the event kind is `case.<value>`."""

    REPORT = "report"  # 上报
    REGISTER = "register"  # 立案
    VOID = "void"  # 不予立案
    DISPATCH = "dispatch"  # 派遣
    ACCEPT = "accept"  # 签收
    RETURN = "return"  # 退回
    FEEDBACK = "feedback"  # 处置反馈
    VERIFY_OK = "verify_ok"  # 核查通过, 结案
    VERIFY_FAIL = "verify_fail"  # 核查不通过, 返工
    SELF_HANDLE = "self_handle"  # 自行处置
    ESCALATE = "escalate"  # 上报上级
    URGE = "urge"  # 催办 / 督办
    POSTPONE_REQUEST = "postpone_request"  # 申请延期
    POSTPONE_APPROVE = "postpone_approve"  # 批准延期
    POSTPONE_DENY = "postpone_deny"  # 驳回延期
    SUSPEND = "suspend"  # 挂账
    REOPEN = "reopen"  # 挂账恢复
    MERGE = "merge"  # 合并重复案件 (the duplicate is the case moved)
    ATTACH = "attach"  # 附件
    COMMENT = "comment"  # 备注

    @property
    def event_kind(self) -> str:
        return f"case.{self.value}"


_ACTIVE = frozenset({S.REPORTED, S.REGISTERED, S.DISPATCHED, S.IN_PROGRESS, S.HANDLED})
_ANY_BUT_MERGED = frozenset(S) - {S.MERGED}


@dataclass(frozen=True, slots=True)
class Transition:
    sources: frozenset[S]
    target: S | None  # None: the state does not change (or, for REOPEN, goes back)
    roles: frozenset[Role]


_DESK = frozenset({Role.OPERATOR, Role.SUPERVISOR})
_SUPERVISOR = frozenset({Role.SUPERVISOR})
_HANDLER = frozenset({Role.HANDLER})
_VERIFIERS = frozenset({Role.OPERATOR, Role.SUPERVISOR, Role.GRID_WORKER})
_REPORTERS = frozenset(
    {Role.OPERATOR, Role.SUPERVISOR, Role.VIDEO_SUPERVISOR, Role.GRID_WORKER}
)
_EVERY_CASE_WORKER = _REPORTERS | _HANDLER

TRANSITIONS: dict[Move, Transition] = {
    Move.REGISTER: Transition(frozenset({S.REPORTED}), S.REGISTERED, _DESK),
    Move.VOID: Transition(frozenset({S.REPORTED}), S.VOIDED, _DESK),
    Move.DISPATCH: Transition(frozenset({S.REGISTERED}), S.DISPATCHED, _DESK),
    Move.ACCEPT: Transition(frozenset({S.DISPATCHED}), S.IN_PROGRESS, _HANDLER),
    Move.RETURN: Transition(
        frozenset({S.DISPATCHED, S.IN_PROGRESS}), S.REGISTERED, _HANDLER
    ),
    Move.FEEDBACK: Transition(frozenset({S.IN_PROGRESS}), S.HANDLED, _HANDLER),
    Move.VERIFY_OK: Transition(frozenset({S.HANDLED}), S.CLOSED, _VERIFIERS),
    Move.VERIFY_FAIL: Transition(frozenset({S.HANDLED}), S.DISPATCHED, _VERIFIERS),
    Move.SELF_HANDLE: Transition(
        frozenset({S.REPORTED}),
        S.CLOSED,
        frozenset({Role.GRID_WORKER, Role.OPERATOR, Role.SUPERVISOR}),
    ),
    Move.ESCALATE: Transition(_ACTIVE, None, _SUPERVISOR),
    Move.URGE: Transition(
        frozenset({S.DISPATCHED, S.IN_PROGRESS, S.HANDLED}), None, _SUPERVISOR
    ),
    Move.POSTPONE_REQUEST: Transition(
        frozenset({S.DISPATCHED, S.IN_PROGRESS}), None, _HANDLER
    ),
    Move.POSTPONE_APPROVE: Transition(
        frozenset({S.DISPATCHED, S.IN_PROGRESS}), None, _SUPERVISOR
    ),
    Move.POSTPONE_DENY: Transition(
        frozenset({S.DISPATCHED, S.IN_PROGRESS}), None, _SUPERVISOR
    ),
    Move.SUSPEND: Transition(
        frozenset({S.REGISTERED, S.DISPATCHED, S.IN_PROGRESS}), S.SUSPENDED, _SUPERVISOR
    ),
    Move.REOPEN: Transition(frozenset({S.SUSPENDED}), None, _SUPERVISOR),
    Move.MERGE: Transition(frozenset({S.REPORTED, S.REGISTERED}), S.MERGED, _DESK),
    Move.ATTACH: Transition(_ANY_BUT_MERGED, None, _EVERY_CASE_WORKER),
    Move.COMMENT: Transition(_ANY_BUT_MERGED, None, _EVERY_CASE_WORKER),
}
"""Every move on an existing case. REPORT creates a case and is not in this table."""

REPORT_ROLES: frozenset[Role] = _REPORTERS


def check(move: Move, state: S) -> Transition:
    """The transition for `move` from `state`, or InvalidTransitionError."""
    transition = TRANSITIONS[move]
    if state not in transition.sources:
        raise InvalidTransitionError(
            f"cannot {move.value} a case that is {state.value}",
            "case.move_not_now",
            move=move.value,
            state=state.value,
        )
    return transition


def allowed_moves(role: Role, state: S) -> tuple[Move, ...]:
    """The moves `role` may make on a case in `state`, in the table's order: what
    the case panel offers as buttons (the service still checks scope, e.g. that a
    handler's case belongs to its department)."""
    return tuple(
        move
        for move, transition in TRANSITIONS.items()
        if state in transition.sources and role in transition.roles
    )
