"""How each case move looks at the desk: its label, shortcut and what it asks for.

One table drives the case panel's buttons, the menu, the command palette and the
timeline's wording, so a move has the same name and key everywhere. The service
call itself is built here too (`call`), from what the dialog collected.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from commandcenter.services.cases.api import (
    REVEAL_KIND,
    Move,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.cases.api import (
        CaseService,
    )
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.changes import Changes

translate = QCoreApplication.translate


class Needs(Enum):
    """What the operator must give before a move runs."""

    NOTHING = "nothing"
    TEXT = "text"  # a reason or note, required
    OPTIONAL_TEXT = "optional_text"
    HOURS_AND_TEXT = "hours_and_text"  # a postponement request
    DEPARTMENT = "department"  # the dispatch dialog
    TARGET = "target"  # the case to merge into
    FILE = "file"  # an attachment


@dataclass(frozen=True, slots=True)
class MoveStyle:
    shortcut: str
    needs: Needs


STYLES: dict[Move, MoveStyle] = {
    Move.REGISTER: MoveStyle("F2", Needs.NOTHING),
    Move.DISPATCH: MoveStyle("F3", Needs.DEPARTMENT),
    Move.VERIFY_OK: MoveStyle("F4", Needs.OPTIONAL_TEXT),
    Move.VERIFY_FAIL: MoveStyle("Shift+F4", Needs.TEXT),
    Move.SELF_HANDLE: MoveStyle("F5", Needs.TEXT),
    Move.URGE: MoveStyle("F6", Needs.TEXT),
    Move.ESCALATE: MoveStyle("F7", Needs.TEXT),
    Move.VOID: MoveStyle("F8", Needs.TEXT),
    Move.SUSPEND: MoveStyle("F9", Needs.TEXT),
    Move.REOPEN: MoveStyle("Shift+F9", Needs.OPTIONAL_TEXT),
    Move.POSTPONE_APPROVE: MoveStyle("F10", Needs.OPTIONAL_TEXT),
    Move.POSTPONE_DENY: MoveStyle("Shift+F10", Needs.TEXT),
    Move.ACCEPT: MoveStyle("F11", Needs.NOTHING),
    Move.RETURN: MoveStyle("Shift+F11", Needs.TEXT),
    Move.FEEDBACK: MoveStyle("F12", Needs.TEXT),
    Move.POSTPONE_REQUEST: MoveStyle("Shift+F12", Needs.HOURS_AND_TEXT),
    Move.MERGE: MoveStyle("Ctrl+Shift+M", Needs.TARGET),
    Move.COMMENT: MoveStyle("Ctrl+M", Needs.TEXT),
    Move.ATTACH: MoveStyle("Ctrl+Shift+A", Needs.FILE),
}
"""Every move on an existing case (the table of cases/workflow.py, TRANSITIONS)."""


def move_text(move: Move) -> str:
    """The move's name as buttons and menus show it."""
    return {
        Move.REPORT: translate("CaseMoves", "Report"),
        Move.REGISTER: translate("CaseMoves", "Register"),
        Move.VOID: translate("CaseMoves", "Void"),
        Move.DISPATCH: translate("CaseMoves", "Dispatch…"),
        Move.ACCEPT: translate("CaseMoves", "Accept"),
        Move.RETURN: translate("CaseMoves", "Return"),
        Move.FEEDBACK: translate("CaseMoves", "Report handling"),
        Move.VERIFY_OK: translate("CaseMoves", "Verified: close"),
        Move.VERIFY_FAIL: translate("CaseMoves", "Verification failed"),
        Move.SELF_HANDLE: translate("CaseMoves", "Handled on the spot"),
        Move.ESCALATE: translate("CaseMoves", "Escalate"),
        Move.URGE: translate("CaseMoves", "Urge"),
        Move.POSTPONE_REQUEST: translate("CaseMoves", "Request postponement"),
        Move.POSTPONE_APPROVE: translate("CaseMoves", "Approve postponement"),
        Move.POSTPONE_DENY: translate("CaseMoves", "Deny postponement"),
        Move.SUSPEND: translate("CaseMoves", "Suspend (ledger)"),
        Move.REOPEN: translate("CaseMoves", "Reopen"),
        Move.MERGE: translate("CaseMoves", "Merge as duplicate…"),
        Move.ATTACH: translate("CaseMoves", "Attach file…"),
        Move.COMMENT: translate("CaseMoves", "Comment"),
    }[move]


def event_text(move: str) -> str:
    """A timeline entry's action ("case.<move>" events), in past tense."""
    texts = {
        Move.REPORT: translate("CaseMoves", "reported"),
        Move.REGISTER: translate("CaseMoves", "registered"),
        Move.VOID: translate("CaseMoves", "voided"),
        Move.DISPATCH: translate("CaseMoves", "dispatched"),
        Move.ACCEPT: translate("CaseMoves", "accepted"),
        Move.RETURN: translate("CaseMoves", "returned"),
        Move.FEEDBACK: translate("CaseMoves", "reported handling"),
        Move.VERIFY_OK: translate("CaseMoves", "verified and closed"),
        Move.VERIFY_FAIL: translate("CaseMoves", "failed verification"),
        Move.SELF_HANDLE: translate("CaseMoves", "handled on the spot"),
        Move.ESCALATE: translate("CaseMoves", "escalated"),
        Move.URGE: translate("CaseMoves", "urged"),
        Move.POSTPONE_REQUEST: translate("CaseMoves", "requested postponement"),
        Move.POSTPONE_APPROVE: translate("CaseMoves", "approved postponement"),
        Move.POSTPONE_DENY: translate("CaseMoves", "denied postponement"),
        Move.SUSPEND: translate("CaseMoves", "suspended"),
        Move.REOPEN: translate("CaseMoves", "reopened"),
        Move.MERGE: translate("CaseMoves", "merged"),
        Move.ATTACH: translate("CaseMoves", "attached a file"),
        Move.COMMENT: translate("CaseMoves", "commented"),
    }
    if move == REVEAL_KIND.removeprefix("case."):  # an audited read, not a move
        return translate("CaseMoves", "saw the reporter's contact")
    try:
        return texts[Move(move)]
    except ValueError:
        return move


@dataclass(frozen=True, slots=True)
class MoveInput:
    """What a move's dialog collected."""

    text: str = ""
    hours: int = 0
    department_id: int | None = None
    target_id: int | None = None
    filename: str = ""
    media_type: str = ""
    data: bytes = b""


def call(
    cases: CaseService, move: Move, actor: Actor, case_id: int, version: int
) -> Callable[[MoveInput], Changes]:
    """The service operation for `move`, waiting only for the dialog's input."""
    args = (actor, case_id, version)
    match move:
        case Move.REGISTER:
            return lambda _i: cases.register(*args)
        case Move.ACCEPT:
            return lambda _i: cases.accept(*args)
        case Move.DISPATCH:
            return lambda i: cases.dispatch(*args, i.department_id, i.text)
        case Move.POSTPONE_REQUEST:
            return lambda i: cases.request_postponement(*args, i.hours, i.text)
        case Move.MERGE:
            return lambda i: cases.merge(*args, _target(i), i.text)
        case Move.ATTACH:
            return lambda i: cases.attach(*args, i.filename, i.media_type, i.data)
    text_moves: dict[Move, Callable[[Actor, int, int, str], Changes]] = {
        Move.VOID: cases.void,
        Move.RETURN: cases.return_case,
        Move.FEEDBACK: cases.feedback,
        Move.VERIFY_OK: cases.verify_ok,
        Move.VERIFY_FAIL: cases.verify_fail,
        Move.SELF_HANDLE: cases.self_handle,
        Move.ESCALATE: cases.escalate,
        Move.URGE: cases.urge,
        Move.POSTPONE_APPROVE: cases.approve_postponement,
        Move.POSTPONE_DENY: cases.deny_postponement,
        Move.SUSPEND: cases.suspend,
        Move.REOPEN: cases.reopen,
        Move.COMMENT: cases.comment,
    }
    operation = text_moves[move]
    return lambda i: operation(*args, i.text)


def _target(given: MoveInput) -> int:
    assert given.target_id is not None, "the merge dialog requires a target"
    return given.target_id
