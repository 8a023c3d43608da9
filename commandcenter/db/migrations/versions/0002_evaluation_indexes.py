"""evaluation: an index per counted period column, events by kind and time,
working minutes of handling and closure, the daily roll-up of the counts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

The evaluation (services/kpi.py) counts every measure with one grouped query over
a period column; without these indexes a month of a million-case district is a
full scan per measure. Handling and closure times are stored in working minutes
when a case is handled or closed; cases handled or closed before this revision
get theirs computed here with the district's stored calendar, and the daily
roll-up (services/rollup.py) is counted from the cases and events.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from commandcenter.db.migrations.frozen import rollup_v1
from commandcenter.db.migrations.frozen.working_minutes_v1 import FrozenCalendar

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_PERIOD_COLUMNS = ("registered_at", "dispatched_at", "voided_at", "suspended_at")
_COVERED = ("is_drill", "department_id", "street_id", "category_id")
_TIMES = {
    "ix_cases_handling_times": ("handled_at", "handling_minutes", *_COVERED),
    "ix_cases_closure_times": ("closed_at", "closure_minutes", *_COVERED),
}


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("handling_minutes", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("closure_minutes", sa.Integer(), nullable=True))
    for column in _PERIOD_COLUMNS:
        op.create_index(f"ix_cases_{column}", "cases", [column], unique=False)
    op.drop_index("ix_cases_closed_at", table_name="cases")  # the closure index leads
    for name, columns in _TIMES.items():
        op.create_index(name, "cases", list(columns), unique=False)
    op.create_index("ix_events_kind_at", "events", ["kind", "at"], unique=False)
    op.create_table(
        "kpi_days",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("slice", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in rollup_v1.MEASURES),
        sa.PrimaryKeyConstraint("day", "slice", "key", name=op.f("pk_kpi_days")),
    )
    calendar = _calendar()
    _backfill_minutes(calendar)
    rollup_v1.rebuild(op.get_bind(), calendar.zone, rollup_v1.SLICES_0002)


def _calendar() -> FrozenCalendar:
    stored = (
        op.get_bind()
        .execute(sa.text("SELECT value FROM settings WHERE key = 'calendar'"))
        .scalar()
    )
    return FrozenCalendar.from_setting(json.loads(stored) if stored else None)


def _backfill_minutes(calendar: FrozenCalendar) -> None:
    connection = op.get_bind()
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
    op.drop_table("kpi_days")
    op.drop_index("ix_events_kind_at", table_name="events")
    for name in _TIMES:
        op.drop_index(name, table_name="cases")
    op.create_index("ix_cases_closed_at", "cases", ["closed_at"], unique=False)
    for column in _PERIOD_COLUMNS:
        op.drop_index(f"ix_cases_{column}", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("closure_minutes")
        batch.drop_column("handling_minutes")
