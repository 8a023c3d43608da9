"""Cases (案件) with their attachments and the per-day number counter."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from commandcenter.models.base import Base, UTCDateTime


def _times_covered(at: str, span: str) -> tuple[str, ...]:
    """A time index that also holds the span and the usual slice keys."""
    return (
        at,
        f"{span}_minutes",
        "is_drill",
        "department_id",
        "street_id",
        "category_id",
    )


class Case(Base):
    """One civic problem going round the loop of PRODUCT.md §3.

    `version` is the optimistic-concurrency counter: every move names the version it
    was made on and fails with a conflict if somebody moved the case first.
    Territory ids are denormalised (grid, community, street) so that slices by any
    level are one indexed query.
    """

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_drill_state", "is_drill", "state"),
        Index("ix_cases_reported_at", "reported_at"),
        Index("ix_cases_deadline_at", "deadline_at"),
        # one per period column the evaluation counts by (services/evaluation/kpi.py)
        Index("ix_cases_registered_at", "registered_at"),
        Index("ix_cases_dispatched_at", "dispatched_at"),
        Index("ix_cases_voided_at", "voided_at"),
        Index("ix_cases_suspended_at", "suspended_at"),
        # the times by slice read only these indexes, never the wide case rows
        Index("ix_cases_handling_times", *_times_covered("handled_at", "handling")),
        Index("ix_cases_closure_times", *_times_covered("closed_at", "closure")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    source: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    priority: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(String(200))
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    grid_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    street_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id"), index=True
    )
    reporter_name: Mapped[str | None] = mapped_column(String(50))
    reporter_phone: Mapped[str | None] = mapped_column(String(32))
    media_url: Mapped[str | None] = mapped_column(String(1000))
    """A link to a photo elsewhere, as an outside system sent it (Open311
    media_url): shown as text, never fetched."""
    attributes: Mapped[str | None] = mapped_column(Text)
    """The report's answers to its category's questions, as JSON (None: none
    asked or none given): services/cases/attributes.py."""
    reported_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handling_minutes: Mapped[int | None] = mapped_column(Integer)
    """Working minutes from the latest dispatch to handled (处置用时), set when
    handled: the calendar is applied once, so statistics stay plain SQL."""
    closure_minutes: Mapped[int | None] = mapped_column(Integer)
    """Working minutes from report to close (结案用时), set when closed."""
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deadline_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """The handling deadline; set on dispatch."""
    deadline_natural: Mapped[bool] = mapped_column(Boolean, default=False)
    """The deadline runs on the natural clock (category limit in clock hours),
    not the working calendar: for emergencies handled around the clock."""
    verify_deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_from: Mapped[str | None] = mapped_column(String(16))
    postpone_pending_hours: Mapped[int | None] = mapped_column(Integer)
    postpone_count: Mapped[int] = mapped_column(Integer, default=0)
    return_count: Mapped[int] = mapped_column(Integer, default=0)
    rework_count: Mapped[int] = mapped_column(Integer, default=0)
    urge_count: Mapped[int] = mapped_column(Integer, default=0)
    escalation: Mapped[str] = mapped_column(String(16))
    handled_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    """Who gave the last feedback: never the one who verifies (监督与处置分离)."""
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    is_drill: Mapped[bool] = mapped_column(Boolean, default=False)
    """Filed in a drill: never counted, listed or shown as real work (REAL_CASES)."""
    drill_id: Mapped[int | None] = mapped_column(ForeignKey("drills.id"), index=True)
    """The drill it was filed in (is_drill is its indexed flag)."""
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Attachment(Base):
    """A file attached to a case (photo, snapshot, document), stored in the database."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class CaseNumberCounter(Base):
    """Last sequence number used per day: case numbers read `20261122-0042`."""

    __tablename__ = "case_number_counters"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)
