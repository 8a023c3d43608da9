"""A reporter's contact, revealed (PRODUCT §9): masked everywhere by
default, shown in full only to the roles that need it, for a reason, and
every reveal an event on the case's timeline and in the audit log.

Who needs it: the duty supervisor, who calls reporters back, and the
handlers of the department the case is with, who may need to reach the
reporter on site. An operator takes the call but never sees the number
again; the big screen, video supervisors and grid workers never do. The
contact itself is never in the event (the log is forever; retention purges
the case's copy).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from commandcenter.models import Case
from commandcenter.models.types import Role
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.errors import (
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from commandcenter.services.kernel.auth import Actor

REVEAL_ROLES = frozenset({Role.SUPERVISOR, Role.HANDLER})
REVEAL_KIND = "case.contact_revealed"
REASON_LENGTH = (4, 200)
"""A reason says why in a few words, at most a sentence or two."""
SHOWN_SECONDS = 30
"""How long a screen shows a revealed contact before masking it again."""


@dataclass(frozen=True, slots=True)
class Contact:
    """A reporter's name and phone, unmasked."""

    name: str | None
    phone: str | None


def may_reveal(actor: Actor, case: Case) -> bool:
    """Whether `actor` may see the contact of `case` (which still has one)."""
    if case.reporter_name is None and case.reporter_phone is None:
        return False
    if actor.role is Role.HANDLER:
        return case.department_id is not None and case.department_id == (
            actor.department_id
        )
    return actor.role in REVEAL_ROLES


def reveal(
    session: Session, actor: Actor, case_id: int, reason: str, now: datetime
) -> Contact:
    """The contact of a case, and the event that says who saw it and why
    (inside a write transaction)."""
    actor.require(REVEAL_ROLES, "see a reporter's contact")
    reason = reason.strip()
    least, most = REASON_LENGTH
    if not least <= len(reason) <= most:
        raise ValidationError(
            f"say why in {least} to {most} characters",
            "contact.reason",
            least=least,
            most=most,
        )
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(f"no case with id {case_id}")
    if case.reporter_name is None and case.reporter_phone is None:
        raise ValidationError(
            "the case keeps no contact (none was given, or it was purged)",
            "contact.none",
        )
    if not may_reveal(actor, case):
        raise PermissionDeniedError(
            "only the department handling the case sees its reporter",
            "contact.not_yours",
        )
    event_log.record(
        session,
        REVEAL_KIND,
        EntityKind.CASE,
        {"reason": reason},
        actor_id=actor.id,
        entity_id=case.id,
        at=now,
    )
    return Contact(case.reporter_name, case.reporter_phone)
