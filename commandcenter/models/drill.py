"""Drills (应急演练) as run: the scenario copy, the mode and the controller's clock.

A drill's cases and incidents carry its id (`cases.drill_id`,
`incidents.drill_id`); that id is what keeps them out of every real count
(PRODUCT §6, isolation). The clock is kept here as its last change (drill time
then, wall time since, speed), so any process, not only the controller's, can
tell the drill time of now.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from commandcenter.models.base import Base, UTCDateTime


class Drill(Base):
    """One run of a scenario, from start to end (or abort), then purged or kept."""

    __tablename__ = "drills"
    __table_args__ = (Index("ix_drills_state", "state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    """The scenario as canonical JSON: what the runner and the report read, so a
    later edit of its file never changes a drill that ran."""
    sha256: Mapped[str] = mapped_column(String(64))
    mode: Mapped[str] = mapped_column(String(12))  # announced | unannounced
    state: Mapped[str] = mapped_column(String(12))
    speed: Mapped[float] = mapped_column(Float)
    drill_base: Mapped[float] = mapped_column(Float)
    """Drill seconds at `wall_since` (or, paused, where the clock stands)."""
    wall_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """Wall time of the clock's last change; None while paused or over."""
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    controller_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
