"""drills: runs of drill scenarios, and the drill id on cases and incidents

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

A drill (PRODUCT §6) is a run of a scenario with its own clock; the cases and
incidents filed in it carry its id, which is what keeps them out of every real
count, list and screen. The columns are added in place (nullable, no table
rebuild), so a district with a million cases upgrades in a moment.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import commandcenter.models.base

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scenario", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mode", sa.String(length=12), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("speed", sa.Float(), nullable=False),
        sa.Column("drill_base", sa.Float(), nullable=False),
        sa.Column("wall_since", commandcenter.models.base.UTCDateTime(), nullable=True),
        sa.Column(
            "started_at", commandcenter.models.base.UTCDateTime(), nullable=False
        ),
        sa.Column("ended_at", commandcenter.models.base.UTCDateTime(), nullable=True),
        sa.Column("controller_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "updated_at", commandcenter.models.base.UTCDateTime(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["controller_id"], ["users.id"], name=op.f("fk_drills_controller_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drills")),
    )
    op.create_index(op.f("ix_drills_state"), "drills", ["state"], unique=False)
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in ("cases", "incidents"):
        constraint = f"fk_{table}_drill_id_drills"
        if sqlite:  # a column constraint: SQLite adds no table constraint in place
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN drill_id INTEGER "
                f"CONSTRAINT {constraint} REFERENCES drills (id)"
            )
        else:
            op.add_column(table, sa.Column("drill_id", sa.Integer(), nullable=True))
            op.create_foreign_key(constraint, table, "drills", ["drill_id"], ["id"])
        op.create_index(f"ix_{table}_drill_id", table, ["drill_id"], unique=False)


def downgrade() -> None:
    for table in ("incidents", "cases"):
        op.drop_index(f"ix_{table}_drill_id", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("drill_id")
    op.drop_index(op.f("ix_drills_state"), table_name="drills")
    op.drop_table("drills")
