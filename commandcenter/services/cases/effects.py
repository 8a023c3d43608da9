"""What each move does to a case, defined once (ARCHITECTURE §2).

`workflow.py` says which move goes from which state to which and who may make
it; this module says what the move writes: the columns it sets and the details
its event records. The functions are pure (the calendar and the category's time
limits come in as arguments, nothing is read or written here), so the three
users of the loop share them: `CaseService` applies an `Effect` to the stored
row inside its transaction, the demo history applies it to the row dictionary it
bulk-loads, and the property tests exercise both through the service.

A case is read by column name from either form (`Case` attributes or a row
mapping). Refusals that depend on the case's values (a postponement already
pending, the top escalation level) raise here, before anything is written;
refusals of the input alone (an empty reason) are the caller's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from commandcenter.models.types import EscalationLevel
from commandcenter.services.kernel.errors import InvalidTransitionError
from commandcenter.services.kernel.work_calendar import CLOCK_HOUR

if TYPE_CHECKING:
    from datetime import datetime

    from commandcenter.services.kernel.work_calendar import WorkCalendar

_ESCALATION_ORDER = list(EscalationLevel)


@dataclass(frozen=True, slots=True)
class Limits:
    """A category's time limits (四定): handling and verification, each an
    amount and a unit (`hour`, `day` or `clock_hour`)."""

    handling: tuple[int, str]
    verify: tuple[int, str]


@dataclass(frozen=True, slots=True)
class Effect:
    """What a move writes: columns of the case, and details for its event."""

    changes: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)


def value(case: Any, name: str) -> Any:
    """A column of the case, from a `Case` or a row mapping."""
    return case[name] if isinstance(case, dict) else getattr(case, name)


def _noted(details: dict[str, Any], note: str) -> dict[str, Any]:
    """Optional notes are recorded only when given."""
    return {**details, "note": note} if note else details


def _handling_clock(
    now: datetime, calendar: WorkCalendar, limits: Limits
) -> dict[str, Any]:
    """A dispatch (or rework) starts the handling deadline now."""
    limit, unit = limits.handling
    return {
        "dispatched_at": now,
        "accepted_at": None,
        "deadline_start": now,
        "deadline_natural": unit == CLOCK_HOUR,
        "deadline_at": calendar.add(now, limit, unit),
    }


def register(now: datetime, note: str = "") -> Effect:
    """Register the case (立案)."""
    return Effect({"registered_at": now}, _noted({}, note))


def void(now: datetime, reason: str) -> Effect:
    """Refuse to register (不予立案)."""
    return Effect({"voided_at": now}, {"reason": reason})


def dispatch(
    now: datetime,
    calendar: WorkCalendar,
    limits: Limits,
    department: tuple[int, str],
    suggested: bool,
    rule: str,
    note: str = "",
) -> Effect:
    """Dispatch (派遣) to a department (id, code): the handling clock starts."""
    department_id, code = department
    changes = {"department_id": department_id, **_handling_clock(now, calendar, limits)}
    details = {
        "department": code,
        "deadline": changes["deadline_at"].isoformat(),
        "suggested": suggested,
        "rule": rule,
    }
    return Effect(changes, _noted(details, note))


def accept(now: datetime) -> Effect:
    """The department signs for the case (签收)."""
    return Effect({"accepted_at": now})


def return_case(case: Any, reason: str, department_code: str | None) -> Effect:
    """The department sends the case back (退回): no department, no deadline."""
    changes = {
        "department_id": None,
        "dispatched_at": None,
        "accepted_at": None,
        "deadline_start": None,
        "deadline_at": None,
        "postpone_pending_hours": None,
        "return_count": value(case, "return_count") + 1,
    }
    return Effect(changes, {"reason": reason, "department": department_code})


def feedback(
    case: Any,
    now: datetime,
    calendar: WorkCalendar,
    limits: Limits,
    handler_id: int,
    note: str,
) -> Effect:
    """The department reports the handling done (处置反馈)."""
    deadline = value(case, "deadline_at")
    changes = {
        "handled_at": now,
        "handling_minutes": calendar.span_minutes(
            value(case, "dispatched_at"), now, value(case, "deadline_natural")
        ),
        "handled_by": handler_id,
        "postpone_pending_hours": None,
        "verify_deadline_at": calendar.add(now, *limits.verify),
    }
    return Effect(
        changes, {"note": note, "on_time": bool(deadline and now <= deadline)}
    )


def verify_ok(
    case: Any, now: datetime, calendar: WorkCalendar, note: str = ""
) -> Effect:
    """Verification passed on site: closed (核查通过, 结案)."""
    deadline, handled = value(case, "deadline_at"), value(case, "handled_at")
    changes = {
        "closed_at": now,
        "closure_minutes": calendar.span_minutes(
            value(case, "reported_at"), now, value(case, "deadline_natural")
        ),
    }
    on_time = deadline is None or (handled is not None and handled <= deadline)
    return Effect(changes, _noted({"on_time": on_time}, note))


def verify_fail(
    case: Any, now: datetime, calendar: WorkCalendar, limits: Limits, reason: str
) -> Effect:
    """Verification failed: back to the department as rework (返工)."""
    changes = {
        "rework_count": value(case, "rework_count") + 1,
        "handled_at": None,
        "handling_minutes": None,
        "verify_deadline_at": None,
        **_handling_clock(now, calendar, limits),
    }
    details = {"reason": reason, "deadline": changes["deadline_at"].isoformat()}
    return Effect(changes, details)


def self_handle(
    case: Any,
    now: datetime,
    calendar: WorkCalendar,
    handler_id: int,
    note: str,
    minor: tuple[bool, str],
) -> Effect:
    """Handle a minor case on the spot and close it (自行处置); `minor` is
    whether the category allows it, and its name for the refusal."""
    allowed, category_name = minor
    if not allowed:
        raise InvalidTransitionError(
            f"{category_name} is not a minor category: register and dispatch it",
            "case.not_minor",
            category=category_name,
        )
    changes = {
        "registered_at": now,
        "handled_at": now,
        "closed_at": now,
        "closure_minutes": calendar.span_minutes(
            value(case, "reported_at"), now, value(case, "deadline_natural")
        ),
        "handled_by": handler_id,
    }
    return Effect(changes, {"note": note})


def escalate(case: Any, reason: str) -> Effect:
    """One tier up: grid → community → street → district (上报上级)."""
    current = _ESCALATION_ORDER.index(EscalationLevel(value(case, "escalation")))
    if current + 1 >= len(_ESCALATION_ORDER):
        raise InvalidTransitionError(
            "the case is already at district level", "case.top_level"
        )
    level = _ESCALATION_ORDER[current + 1].value
    return Effect({"escalation": level}, {"reason": reason, "level": level})


def urge(case: Any, note: str) -> Effect:
    """Urge the department (催办/督办)."""
    count = value(case, "urge_count") + 1
    return Effect({"urge_count": count}, {"note": note, "count": count})


def request_postponement(case: Any, hours: int, reason: str) -> Effect:
    """The department asks for more time (申请延期); one request at a time."""
    if value(case, "postpone_pending_hours") is not None:
        raise InvalidTransitionError(
            "a postponement request is already pending", "case.postpone_pending"
        )
    return Effect({"postpone_pending_hours": hours}, {"hours": hours, "reason": reason})


def _pending_hours(case: Any) -> int:
    hours: int | None = value(case, "postpone_pending_hours")
    if hours is None:
        raise InvalidTransitionError(
            "no postponement request is pending", "case.no_postpone_pending"
        )
    return hours


def approve_postponement(case: Any, calendar: WorkCalendar, note: str = "") -> Effect:
    """Grant the pending request: the deadline moves by its hours (批准延期)."""
    hours = _pending_hours(case)
    unit = CLOCK_HOUR if value(case, "deadline_natural") else "hour"
    deadline = calendar.add(value(case, "deadline_at"), hours, unit)
    changes = {
        "deadline_at": deadline,
        "postpone_pending_hours": None,
        "postpone_count": value(case, "postpone_count") + 1,
    }
    return Effect(
        changes, _noted({"hours": hours, "deadline": deadline.isoformat()}, note)
    )


def deny_postponement(case: Any, reason: str) -> Effect:
    """Refuse the pending request (驳回延期)."""
    hours = _pending_hours(case)
    return Effect({"postpone_pending_hours": None}, {"hours": hours, "reason": reason})


def suspend(case: Any, now: datetime, reason: str) -> Effect:
    """Into the long-term ledger (挂账): the deadline clock stops."""
    return Effect(
        {"suspended_at": now, "suspended_from": value(case, "state")},
        {"reason": reason},
    )


def reopen(case: Any, now: datetime, calendar: WorkCalendar, note: str = "") -> Effect:
    """Out of the ledger, back to the state it left; the deadline moves by the
    time suspended on the case's clock. The one move that names its state."""
    natural = value(case, "deadline_natural")
    paused = calendar.elapsed_minutes(value(case, "suspended_at"), now, natural)
    changes: dict[str, Any] = {
        "state": value(case, "suspended_from"),
        "suspended_at": None,
        "suspended_from": None,
    }
    deadline = value(case, "deadline_at")
    if deadline is not None:
        changes["deadline_at"] = calendar.shift(deadline, paused, natural)
    return Effect(changes, _noted({"paused_minutes": round(paused, 1)}, note))


def merge(into: tuple[int, str], note: str = "") -> Effect:
    """Merge a duplicate report into an open case (合并); the report is kept."""
    target_id, number = into
    return Effect({"merged_into_id": target_id}, _noted({"into": number}, note))


def comment(text: str) -> Effect:
    """A remark on the timeline (备注): nothing of the case changes."""
    return Effect({}, {"text": text})
