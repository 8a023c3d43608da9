"""The append-only, hash-chained event log: audit trail and change feed in one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from commandcenter.models.base import Base, UTCDateTime


class Event(Base):
    """One change, written in the same transaction as the change itself."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_entity", "entity", "entity_id"),
        Index("ix_events_kind_at", "kind", "at"),  # evaluation counts events by kind
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(48))
    entity: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
