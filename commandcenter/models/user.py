"""User accounts; the role decides what the domain services let them do."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from commandcenter.models.base import Base, UTCDateTime


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(32))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    """Demo accounts have published passwords; a real deployment removes them."""
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    """Wrong passwords since the last good sign-in (or the lock's release)."""
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """Set when the failures reach the limit; an administrator may release it."""
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    """A password an administrator set: the user picks their own at sign-in."""
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
