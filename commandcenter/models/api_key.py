"""Keys of the intake API (Open311): who may file cases from outside the hall.

A key reads `cc311_<key id>_<secret>`. The key id finds the row; only the
SHA-256 of the secret is kept (the secret is 32 random bytes, so a fast hash
is the right one: nothing to guess), and the key is shown once, when added.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, PrimaryKeyConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from commandcenter.models.base import Base, UTCDateTime


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    secret_sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))  # hotline | grid_worker | external
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    """The account its reports are filed as (a grid worker's own)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class IntakeReceipt(Base):
    """A request a key filed under its client's retry token (the intake API's
    `Idempotency-Key`): the same key and token file one case, however often
    the request is sent. Written in the report's transaction, so a receipt
    exists exactly when its case does."""

    __tablename__ = "intake_receipts"
    __table_args__ = (PrimaryKeyConstraint("api_key_id", "token"),)

    api_key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"))
    token: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
