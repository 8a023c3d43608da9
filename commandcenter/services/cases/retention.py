"""Personal data kept only as long as needed (PRODUCT.md §9).

A case's reporter name and phone, and the video snapshots attached to it, are
purged a configurable number of days after the case was closed or voided. The
event log keeps no personal data (reports log no reporter details), so purging
the case row and the snapshot attachments removes all of it; the purge itself is
logged, with counts and case numbers, never with what was removed.

The period is the `retention` setting (`{"days_after_closure": 180}`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, or_, select, update

from commandcenter.models import Attachment, Case, Setting
from commandcenter.models.types import Role
from commandcenter.services.kernel import event_log
from commandcenter.services.kernel.changes import Changes
from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from commandcenter.db.database import Database
    from commandcenter.services.kernel.auth import Actor

DEFAULT_DAYS = 180
SNAPSHOT_PREFIX = "snapshot-"
"""Video-wall snapshots are attached as `snapshot-CAMERA-TIME.png`."""
PURGE_ROLES = frozenset({Role.ADMIN})


@dataclass(frozen=True, slots=True)
class PurgeReport:
    cutoff: datetime
    cases: tuple[str, ...]  # numbers of the cases that had something removed
    contacts: int
    snapshots: int
    changes: Changes | None  # None when there was nothing to purge


class Retention:
    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    def days(self) -> int:
        with self._db.read() as session:
            stored = session.get(Setting, "retention")
            if stored is None:
                return DEFAULT_DAYS
            value = json.loads(stored.value)
        return int(value.get("days_after_closure", DEFAULT_DAYS))

    def set_days(self, actor: Actor | None, days: int) -> None:
        if actor is not None:
            actor.require(PURGE_ROLES, "change the retention period")
        if not 1 <= days <= 3650:
            raise ValidationError("the retention period is 1 to 3650 days")
        with self._db.write() as session:
            value = json.dumps({"days_after_closure": days})
            stored = session.get(Setting, "retention")
            if stored is None:
                session.add(Setting(key="retention", value=value))
            else:
                stored.value = value
            event_log.record(
                session,
                "retention.changed",
                EntityKind.SETTING,
                {"days_after_closure": days},
                actor_id=actor.id if actor is not None else None,
            )

    def purge(self, actor: Actor | None) -> PurgeReport:
        """Remove what the period allows no longer; atomic, logged. `actor`
        None is the system (the scheduled CLI job)."""
        if actor is not None:
            actor.require(PURGE_ROLES, "purge personal data")
        cutoff = self._clock() - timedelta(days=self.days())
        ended = or_(Case.closed_at < cutoff, Case.voided_at < cutoff)
        with self._db.write() as session:
            with_contact = set(
                session.execute(
                    select(Case.id).where(
                        ended,
                        or_(
                            Case.reporter_name.is_not(None),
                            Case.reporter_phone.is_not(None),
                        ),
                    )
                ).scalars()
            )
            snapshots = session.execute(
                select(Attachment.id, Attachment.case_id)
                .join(Case, Case.id == Attachment.case_id)
                .where(ended, Attachment.filename.startswith(SNAPSHOT_PREFIX))
            ).all()
            touched = sorted(with_contact | {row.case_id for row in snapshots})
            if not touched:
                return PurgeReport(cutoff, (), 0, 0, None)
            if with_contact:
                session.execute(
                    update(Case)
                    .where(Case.id.in_(with_contact))
                    .values(
                        reporter_name=None,
                        reporter_phone=None,
                        version=Case.version + 1,  # an edit racing it conflicts
                    )
                    .execution_options(synchronize_session=False)
                )
            if snapshots:
                session.execute(
                    delete(Attachment).where(
                        Attachment.id.in_([row.id for row in snapshots])
                    )
                )
            numbers = tuple(
                session.execute(
                    select(Case.number).where(Case.id.in_(touched)).order_by(Case.id)
                ).scalars()
            )
            event_id = event_log.record(
                session,
                "retention.purged",
                EntityKind.CASE,
                {
                    "cutoff": cutoff.isoformat(),
                    "contacts": len(with_contact),
                    "snapshots": len(snapshots),
                    "cases": list(numbers),
                },
                actor_id=actor.id if actor is not None else None,
            )
        return PurgeReport(
            cutoff,
            numbers,
            len(with_contact),
            len(snapshots),
            Changes.of(EntityKind.CASE, tuple(touched), event_id),
        )
