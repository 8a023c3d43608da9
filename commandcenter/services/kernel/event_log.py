"""Append to, read and verify the hash-chained event log (审计链).

Each row stores the hash of the previous row and its own hash over
(prev_hash, time, actor, kind, entity, entity id, payload). Changing any stored
field of any row, deleting a row or inserting one breaks the chain at that point,
which `verify_chain` reports. Rows are appended only inside `Database.write()`,
whose single-writer lock guarantees the predecessor read here is the true last row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from commandcenter.db.database import fast_insert
from commandcenter.models import Event

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sqlalchemy.orm import Session

    from commandcenter.services.kernel.events import EntityKind

GENESIS_HASH = "0" * 64
NOTIFY_CHANNEL = "commandcenter_events"


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event about to be written (the id and hashes are assigned on append)."""

    at: datetime
    actor_id: int | None
    kind: str
    entity: EntityKind
    entity_id: int | None
    payload: dict[str, Any]


def canonical_payload(payload: dict[str, Any]) -> str:
    """Stable JSON: the same payload always serialises to the same bytes."""
    return json.dumps(
        payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )


def _timestamp(at: datetime) -> str:
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def row_hash(
    prev_hash: str,
    at: datetime,
    actor_id: int | None,
    kind: str,
    entity: str,
    entity_id: int | None,
    payload_json: str,
) -> str:
    material = "\x1f".join(
        (
            prev_hash,
            _timestamp(at),
            "" if actor_id is None else str(actor_id),
            kind,
            entity,
            "" if entity_id is None else str(entity_id),
            payload_json,
        )
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainHead:
    """The newest event: the id and hash the next one follows."""

    id: int
    hash: str

    @classmethod
    def of(cls, rows: Sequence[tuple[Any, ...]]) -> ChainHead:
        """From the rows of `HEAD_SQL` (none: the log is empty)."""
        return cls(int(rows[0][0]), rows[0][1]) if rows else cls(0, GENESIS_HASH)


HEAD_SQL = "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1"
"""The chain's head, for a write that reads it with its other reads
(`db.pipeline`); `append` reads it itself when not given it."""


def chain_head(session: Session) -> ChainHead:
    return ChainHead.of(session.connection().exec_driver_sql(HEAD_SQL).all())


def append(
    session: Session, events: Sequence[NewEvent], head: ChainHead | None = None
) -> int:
    """Append events in order, chained to the current last row; returns the last id.

    Must run inside `Database.write()`. One multi-row insert for a batch.
    `head`: the chain's head, when the write read it already (under its lock).
    """
    return append_serialized(
        session,
        [
            (
                e.at,
                e.actor_id,
                e.kind,
                e.entity,
                e.entity_id,
                canonical_payload(e.payload),
            )
            for e in events
        ],
        head,
    )


_EVENT_COLUMNS = (
    "id",
    "at",
    "actor_id",
    "kind",
    "entity",
    "entity_id",
    "payload",
    "prev_hash",
    "hash",
)


def record(
    session: Session,
    kind: str,
    entity: EntityKind,
    payload: dict[str, Any],
    *,
    actor_id: int | None = None,
    entity_id: int | None = None,
    at: datetime | None = None,
) -> int:
    """Append one event (now, unless `at` is given); returns its id."""
    moment = at or datetime.now(UTC)
    return append(
        session, [NewEvent(moment, actor_id, kind, entity, entity_id, payload)]
    )


SerializedEvent = tuple[datetime, int | None, str, str, int | None, str]
"""(at, actor id, kind, entity, entity id, canonical payload JSON)."""


def append_serialized(
    session: Session,
    events: Sequence[SerializedEvent],
    head: ChainHead | None = None,
) -> int:
    """`append` for payloads already in canonical JSON (bulk loaders).

    Ids are the head's + 1 …, as the chain is: the write lock makes this
    writer the only one. On PostgreSQL the id sequence is moved past them
    and the followers are told (LISTEN/NOTIFY) in one statement, sent with
    the insert when the write is pipelined (`db.pipeline`).
    """
    if not events:
        raise ValueError("append needs at least one event")
    if head is None:
        head = chain_head(session)
    prev, last_id = head.hash, head.id
    rows: list[tuple[Any, ...]] = []
    for at, actor_id, kind, entity, entity_id, payload_json in events:
        digest = row_hash(prev, at, actor_id, kind, entity, entity_id, payload_json)
        last_id += 1
        rows.append(
            (last_id, at, actor_id, kind, entity, entity_id, payload_json, prev, digest)
        )
        prev = digest
    fast_insert(session, Event, _EVENT_COLUMNS, rows)
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(_TELL, (last_id, NOTIFY_CHANNEL, str(last_id)))
    return last_id


_TELL = "SELECT setval(pg_get_serial_sequence('events', 'id'), %s), pg_notify(%s, %s)"


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The outcome of `verify_chain`: how many rows were checked, the first bad one."""

    checked: int
    first_bad_id: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.first_bad_id is None


def verify_chain(session: Session, batch: int = 20_000) -> ChainReport:
    """Walk the whole log in id order and report the first row whose hash is wrong."""
    return _verify_from(session, GENESIS_HASH, 0, batch)


def verify_head(session: Session, rows: int = 100) -> ChainReport:
    """Check only the newest `rows` events against each other and the one before
    them: a quick health check (`doctor`); `verify_chain` walks everything."""
    start = session.execute(
        select(Event.id, Event.hash).order_by(Event.id.desc()).offset(rows).limit(1)
    ).first()
    if start is None:
        return verify_chain(session)
    return _verify_from(session, start.hash, start.id, rows + 1)


def _verify_from(session: Session, prev: str, after: int, batch: int) -> ChainReport:
    """Verify every event after id `after`, the one before having hash `prev`."""
    checked = 0
    while True:
        rows: Iterable[Any] = session.execute(
            select(
                Event.id,
                Event.at,
                Event.actor_id,
                Event.kind,
                Event.entity,
                Event.entity_id,
                Event.payload,
                Event.prev_hash,
                Event.hash,
            )
            .where(Event.id > after)
            .order_by(Event.id)
            .limit(batch)
        ).all()
        count = 0
        for row in rows:
            count += 1
            if row.prev_hash != prev:
                return ChainReport(checked, row.id, "previous-hash link broken")
            expected = row_hash(
                prev,
                row.at,
                row.actor_id,
                row.kind,
                row.entity,
                row.entity_id,
                row.payload,
            )
            if expected != row.hash:
                return ChainReport(
                    checked, row.id, "row content does not match its hash"
                )
            prev = row.hash
            checked += 1
            after = row.id
        if count < batch:
            return ChainReport(checked, None, None)
