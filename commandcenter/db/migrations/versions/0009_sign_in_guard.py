"""users: failed sign-ins, lock-out, a password to change, the last sign-in

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

PRODUCT §11: an account is locked after repeated failed sign-ins (until the
lock runs out or an administrator releases it), a password an administrator
set must be changed at the next sign-in, and the last sign-in is shown.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import commandcenter.models.base

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain columns, no constraint: SQLite adds and drops them in place
    op.add_column(
        "users",
        sa.Column("failed_sign_ins", sa.Integer(), nullable=False, server_default="0"),
    )
    op.add_column(
        "users",
        sa.Column(
            "locked_until", commandcenter.models.base.UTCDateTime(), nullable=True
        ),
    )
    op.add_column(
        "users",
        sa.Column(
            "must_change_password",
            sa.Boolean(),
            nullable=False,
            server_default=sa.false(),
        ),
    )
    op.add_column(
        "users",
        sa.Column(
            "last_sign_in_at", commandcenter.models.base.UTCDateTime(), nullable=True
        ),
    )


def downgrade() -> None:
    for column in (
        "last_sign_in_at",
        "must_change_password",
        "locked_until",
        "failed_sign_ins",
    ):
        op.drop_column("users", column)
