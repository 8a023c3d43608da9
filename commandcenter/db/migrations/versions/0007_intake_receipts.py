"""intake: receipts of requests filed under a client's retry token

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

One row per (key, Idempotency-Key): a request sent again after a lost answer
files no second case.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_receipts",
        sa.Column("api_key_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_key_id"],
            ["api_keys.id"],
            name=op.f("fk_intake_receipts_api_key_id_api_keys"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_intake_receipts_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("api_key_id", "token", name=op.f("pk_intake_receipts")),
    )


def downgrade() -> None:
    op.drop_table("intake_receipts")
