"""evaluation: an index per counted period column, events by kind and time,
working minutes of handling and closure

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

The evaluation (services/kpi.py) counts every measure with one grouped query over
a period column; without these indexes a month of a million-case district is a
full scan per measure. Handling and closure times are stored in working minutes
when a case is handled or closed; cases handled or closed before this revision
get theirs computed here with the district's stored calendar.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from commandcenter.services.work_calendar import WorkCalendar

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_PERIOD_COLUMNS = (
    "registered_at",
    "dispatched_at",
    "handled_at",
    "voided_at",
    "suspended_at",
)


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("handling_minutes", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("closure_minutes", sa.Integer(), nullable=True))
    for column in _PERIOD_COLUMNS:
        op.create_index(f"ix_cases_{column}", "cases", [column], unique=False)
    op.create_index("ix_events_kind_at", "events", ["kind", "at"], unique=False)
    _backfill_minutes()


def _backfill_minutes() -> None:
    connection = op.get_bind()
    stored = connection.execute(
        sa.text("SELECT value FROM settings WHERE key = 'calendar'")
    ).scalar()
    calendar = (
        WorkCalendar.from_config(json.loads(stored)) if stored else WorkCalendar()
    )
    cases = sa.table(
        "cases",
        sa.column("id", sa.Integer),
        sa.column("reported_at", sa.DateTime),
        sa.column("dispatched_at", sa.DateTime),
        sa.column("handled_at", sa.DateTime),
        sa.column("closed_at", sa.DateTime),
        sa.column("handling_minutes", sa.Integer),
        sa.column("closure_minutes", sa.Integer),
    )
    # read through the model's column type, which gives aware UTC datetimes
    from commandcenter.models import Case

    rows = connection.execute(
        sa.select(
            Case.id,
            Case.reported_at,
            Case.dispatched_at,
            Case.handled_at,
            Case.closed_at,
            Case.deadline_natural,
        ).where(sa.or_(Case.handled_at.is_not(None), Case.closed_at.is_not(None)))
    ).all()
    updates = [
        {
            "row_id": row.id,
            "handling": calendar.span_minutes(
                row.dispatched_at, row.handled_at, row.deadline_natural
            ),
            "closure": calendar.span_minutes(
                row.reported_at, row.closed_at, row.deadline_natural
            ),
        }
        for row in rows
    ]
    if updates:
        connection.execute(
            cases.update()
            .where(cases.c.id == sa.bindparam("row_id"))
            .values(
                handling_minutes=sa.bindparam("handling"),
                closure_minutes=sa.bindparam("closure"),
            ),
            updates,
        )


def downgrade() -> None:
    op.drop_index("ix_events_kind_at", table_name="events")
    for column in _PERIOD_COLUMNS:
        op.drop_index(f"ix_cases_{column}", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("closure_minutes")
        batch.drop_column("handling_minutes")
