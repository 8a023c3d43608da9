"""evaluation: the report-hour slice of the daily roll-up

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

The hourly trend (reports per hour of a day against the 30 days before) was
counted from the cases: on a busy day that is a scan of its reports on every
refresh of the wall and the statistics view. The roll-up now also keys each
case by the district hour it was reported in (slice `hour`); this revision
counts those rows for the cases already there.
"""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from commandcenter.db.migrations.frozen import rollup_v1

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    stored = connection.execute(
        sa.text("SELECT value FROM settings WHERE key = 'calendar'")
    ).scalar()
    config = json.loads(stored) if stored else {}
    zone = ZoneInfo(str(config.get("timezone", "Asia/Shanghai")))
    rollup_v1.rebuild(connection, zone, rollup_v1.SLICES_0003)


def downgrade() -> None:
    op.execute(
        sa.text("DELETE FROM kpi_days WHERE slice = :hour").bindparams(
            hour=rollup_v1.HOUR
        )
    )
