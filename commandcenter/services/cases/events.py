"""The case loop's event kinds and their payloads (services/kernel/events.py).

A move's event says which case, from which state to which, the case's new
version, then the details its `Effect` gives (effects.py); a report's event
says what was reported where, never by whom beyond the actor (the log is kept
forever, contacts are not).
"""

from __future__ import annotations

from typing import NotRequired  # pydantic reads these on 3.11

from typing_extensions import TypedDict

from commandcenter.services.cases.workflow import Move
from commandcenter.services.kernel.validated_file import CLOSED, with_config

_Move = TypedDict("_Move", {"number": str, "from": str, "to": str, "version": int})
"""What every move's event holds ("from" is a Python keyword)."""


@with_config(CLOSED)
class AttachmentRef(TypedDict):
    attachment: int
    filename: str
    sha256: str


@with_config(CLOSED)
class Reported(TypedDict):
    number: str
    category: str
    source: str
    grid: str
    priority: int
    to: str
    version: int
    drill: bool
    drill_id: NotRequired[int]
    inject: NotRequired[str]
    drill_t: NotRequired[float]
    """A drill's inject: which drill, which inject, at what drill time."""
    attachments: NotRequired[list[AttachmentRef]]
    attributes: NotRequired[dict[str, str | float | list[str]]]
    """The answers to the category's extra questions, when it gave some."""


@with_config(CLOSED)
class Noted(_Move):
    """register, reopen and the like: an optional note."""

    note: NotRequired[str]


@with_config(CLOSED)
class Reasoned(_Move):
    """void, suspend: a reason."""

    reason: str


@with_config(CLOSED)
class Dispatched(_Move):
    department: str
    deadline: str
    suggested: bool
    rule: str
    note: NotRequired[str]


@with_config(CLOSED)
class Accepted(_Move):
    pass


@with_config(CLOSED)
class Returned(_Move):
    reason: str
    department: str | None


@with_config(CLOSED)
class Handled(_Move):
    note: str
    on_time: bool


@with_config(CLOSED)
class Closed(_Move):
    on_time: bool
    note: NotRequired[str]


@with_config(CLOSED)
class Reworked(_Move):
    reason: str
    deadline: str


@with_config(CLOSED)
class SelfHandled(_Move):
    note: str


@with_config(CLOSED)
class Escalated(_Move):
    reason: str
    level: str


@with_config(CLOSED)
class Urged(_Move):
    note: str
    count: int


@with_config(CLOSED)
class PostponementAsked(_Move):
    hours: int
    reason: str


@with_config(CLOSED)
class PostponementGranted(_Move):
    hours: int
    deadline: str
    note: NotRequired[str]


@with_config(CLOSED)
class PostponementDenied(_Move):
    hours: int
    reason: str


@with_config(CLOSED)
class Reopened(_Move):
    paused_minutes: float
    note: NotRequired[str]


@with_config(CLOSED)
class Merged(_Move):
    into: str
    note: NotRequired[str]


@with_config(CLOSED)
class Attached(_Move):
    attachment: int
    filename: str
    sha256: str


@with_config(CLOSED)
class Commented(_Move):
    text: str


@with_config(CLOSED)
class RetentionChanged(TypedDict):
    days_after_closure: int


@with_config(CLOSED)
class RetentionPurged(TypedDict):
    cutoff: str
    contacts: int
    snapshots: int
    cases: list[str]


_MOVES: dict[Move, type] = {
    Move.REPORT: Reported,
    Move.REGISTER: Noted,
    Move.VOID: Reasoned,
    Move.DISPATCH: Dispatched,
    Move.ACCEPT: Accepted,
    Move.RETURN: Returned,
    Move.FEEDBACK: Handled,
    Move.VERIFY_OK: Closed,
    Move.VERIFY_FAIL: Reworked,
    Move.SELF_HANDLE: SelfHandled,
    Move.ESCALATE: Escalated,
    Move.URGE: Urged,
    Move.POSTPONE_REQUEST: PostponementAsked,
    Move.POSTPONE_APPROVE: PostponementGranted,
    Move.POSTPONE_DENY: PostponementDenied,
    Move.SUSPEND: Reasoned,
    Move.REOPEN: Reopened,
    Move.MERGE: Merged,
    Move.ATTACH: Attached,
    Move.COMMENT: Commented,
}


@with_config(CLOSED)
class ContactRevealed(TypedDict):
    """`case.contact_revealed`: who saw the reporter's contact (the event's
    actor) and why; never the contact itself."""

    reason: str


PAYLOADS: dict[str, type] = {
    **{move.event_kind: payload for move, payload in _MOVES.items()},
    "case.contact_revealed": ContactRevealed,
    "retention.changed": RetentionChanged,
    "retention.purged": RetentionPurged,
}
"""Every event kind of the cases feature and its payload."""
