"""cases: a category's extra questions, a report's answers and media link

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

Open311 service attributes: each category keeps its questions as JSON
(none until the reference data gives them), each case its answers and the
link to a photo elsewhere an outside system sent (Open311 media_url).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain columns, no constraint: SQLite adds and drops them in place
    op.add_column(
        "categories",
        sa.Column("attributes", sa.Text(), nullable=False, server_default="[]"),
    )
    op.add_column("cases", sa.Column("attributes", sa.Text(), nullable=True))
    op.add_column("cases", sa.Column("media_url", sa.String(1000), nullable=True))


def downgrade() -> None:
    op.drop_column("cases", "media_url")
    op.drop_column("cases", "attributes")
    op.drop_column("categories", "attributes")
