"""Emergency plans as imported, and incidents (应急事件) with their tasks, links
and evidence (PRODUCT §6).

An incident keeps a frozen copy of the plan version it was activated with, so a
later edit of the plan never changes what an incident in progress asks for. The
timeline is not stored here: it is the incident's events in the event log.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from commandcenter.models.base import Base, UTCDateTime


class Plan(Base):
    """One version of an emergency plan (应急预案), as its file said when imported.

    Versions are never changed or deleted: an incident names the version it ran.
    """

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), index=True)
    version: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))  # draft | approved | retired
    review_by: Mapped[date] = mapped_column(Date)
    categories: Mapped[str] = mapped_column(String(200))
    """Space-separated category codes the plan answers (a case of one offers it)."""
    body: Mapped[str] = mapped_column(Text)
    """The whole plan as canonical JSON: what activation copies into an incident."""
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    imported_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Incident(Base):
    """One emergency response, from activation to stand-down.

    `version` is the optimistic-concurrency counter of the incident itself (level,
    links, stand-down); tasks have their own, so a department moving its task
    never conflicts with the commander raising the level.
    """

    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_state", "state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    plan_body: Mapped[str] = mapped_column(Text)
    """The frozen copy of the plan version (canonical JSON)."""
    level: Mapped[str] = mapped_column(String(4))
    state: Mapped[str] = mapped_column(String(16))
    area: Mapped[str] = mapped_column(Text)
    """GeoJSON polygon of the affected area (WGS-84)."""
    lon: Mapped[float] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    street_id: Mapped[int] = mapped_column(ForeignKey("areas.id"))
    """The street whose office takes the plan's STREET tasks."""
    source_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    drill_id: Mapped[int | None] = mapped_column(ForeignKey("drills.id"), index=True)
    """The drill it was activated in; None for a real response."""
    commander_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    activated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stood_down_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    summary: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class IncidentTask(Base):
    """A task of the plan given to a department at a level, with each step stamped."""

    __tablename__ = "incident_tasks"
    __table_args__ = (
        Index("ix_incident_tasks_incident", "incident_id"),
        Index("ix_incident_tasks_department_state", "department_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    template: Mapped[str] = mapped_column(String(16))
    """Which template of the frozen plan: `<level>.<index>`, e.g. `III.2`. Not
    unique: a level lowered and raised again gives its templates new tasks
    (the cancelled ones stay, as they happened)."""
    level: Mapped[str] = mapped_column(String(4))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    text: Mapped[str] = mapped_column(String(200))
    evidence: Mapped[str] = mapped_column(String(8))  # none | photo | count | check
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    """Activation (or the level change that added it) plus the plan's offset."""
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    escalate_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    en_route_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    on_scene_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    blocked_from: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    """The latest reason (blocked, cancelled) or completion note."""
    evidence_count: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class IncidentLink(Base):
    """A case or camera linked to an incident (unlinking deletes the row; the
    event log keeps that it was linked)."""

    __tablename__ = "incident_links"
    __table_args__ = (UniqueConstraint("incident_id", "kind", "target_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"))
    kind: Mapped[str] = mapped_column(String(8))  # case | camera
    target_id: Mapped[int] = mapped_column(Integer)
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    linked_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class TaskEvidence(Base):
    """A photo a department sent as evidence that a task is done."""

    __tablename__ = "task_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("incident_tasks.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
