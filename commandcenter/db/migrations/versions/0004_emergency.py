"""emergency: plans, incidents, tasks, links, evidence

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

New tables only (PRODUCT §6): the imported versions of the emergency plans, the
incidents with a frozen copy of their plan, their tasks per department with
each step stamped, the cases and cameras linked to them, and the photos sent as
evidence that a task is done. The timeline is the incidents' events, so no
table holds it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import commandcenter.models.base

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("version", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("review_by", sa.Date(), nullable=False),
        sa.Column("categories", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "imported_at", commandcenter.models.base.UTCDateTime(), nullable=False
        ),
        sa.Column("imported_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["imported_by"], ["users.id"], name=op.f("fk_plans_imported_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
        sa.UniqueConstraint("code", "version", name=op.f("uq_plans_code")),
    )
    op.create_index(op.f("ix_plans_code"), "plans", ["code"], unique=False)

    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("plan_body", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=4), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("area", sa.Text(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("street_id", sa.Integer(), nullable=False),
        sa.Column("source_case_id", sa.Integer(), nullable=True),
        sa.Column("commander_id", sa.Integer(), nullable=False),
        sa.Column(
            "activated_at", commandcenter.models.base.UTCDateTime(), nullable=False
        ),
        sa.Column(
            "stood_down_at", commandcenter.models.base.UTCDateTime(), nullable=True
        ),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "updated_at", commandcenter.models.base.UTCDateTime(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["commander_id"], ["users.id"], name=op.f("fk_incidents_commander_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_incidents_plan_id_plans")
        ),
        sa.ForeignKeyConstraint(
            ["source_case_id"],
            ["cases.id"],
            name=op.f("fk_incidents_source_case_id_cases"),
        ),
        sa.ForeignKeyConstraint(
            ["street_id"], ["areas.id"], name=op.f("fk_incidents_street_id_areas")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("number", name=op.f("uq_incidents_number")),
    )
    op.create_index(op.f("ix_incidents_state"), "incidents", ["state"], unique=False)

    op.create_table(
        "incident_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", commandcenter.models.base.UTCDateTime(), nullable=False),
        sa.Column("linked_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_links_incident_id_incidents"),
        ),
        sa.ForeignKeyConstraint(
            ["linked_by"], ["users.id"], name=op.f("fk_incident_links_linked_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_links")),
        sa.UniqueConstraint(
            "incident_id",
            "kind",
            "target_id",
            name=op.f("uq_incident_links_incident_id"),
        ),
    )
    op.create_table(
        "incident_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("template", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=4), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("evidence", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column(
            "created_at", commandcenter.models.base.UTCDateTime(), nullable=False
        ),
        sa.Column("starts_at", commandcenter.models.base.UTCDateTime(), nullable=False),
        sa.Column("due_at", commandcenter.models.base.UTCDateTime(), nullable=False),
        sa.Column(
            "escalate_at", commandcenter.models.base.UTCDateTime(), nullable=True
        ),
        sa.Column(
            "acknowledged_at", commandcenter.models.base.UTCDateTime(), nullable=True
        ),
        sa.Column(
            "en_route_at", commandcenter.models.base.UTCDateTime(), nullable=True
        ),
        sa.Column(
            "on_scene_at", commandcenter.models.base.UTCDateTime(), nullable=True
        ),
        sa.Column("done_at", commandcenter.models.base.UTCDateTime(), nullable=True),
        sa.Column(
            "cancelled_at", commandcenter.models.base.UTCDateTime(), nullable=True
        ),
        sa.Column(
            "escalated_at", commandcenter.models.base.UTCDateTime(), nullable=True
        ),
        sa.Column("blocked_from", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("evidence_count", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_incident_tasks_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_tasks_incident_id_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_tasks")),
    )
    op.create_index(
        op.f("ix_incident_tasks_incident"), "incident_tasks", ["incident_id"]
    )
    op.create_index(
        op.f("ix_incident_tasks_department_state"),
        "incident_tasks",
        ["department_id", "state"],
        unique=False,
    )
    op.create_table(
        "task_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", commandcenter.models.base.UTCDateTime(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by"], ["users.id"], name=op.f("fk_task_evidence_added_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"],
            ["incident_tasks.id"],
            name=op.f("fk_task_evidence_task_id_incident_tasks"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_evidence")),
    )
    op.create_index(
        op.f("ix_task_evidence_task_id"), "task_evidence", ["task_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_task_evidence_task_id"), table_name="task_evidence")
    op.drop_table("task_evidence")
    op.drop_index(
        op.f("ix_incident_tasks_department_state"), table_name="incident_tasks"
    )
    op.drop_index(op.f("ix_incident_tasks_incident"), table_name="incident_tasks")
    op.drop_table("incident_tasks")
    op.drop_table("incident_links")
    op.drop_index(op.f("ix_incidents_state"), table_name="incidents")
    op.drop_table("incidents")
    op.drop_index(op.f("ix_plans_code"), table_name="plans")
    op.drop_table("plans")
