"""The Alembic migrations produce exactly the tables the models describe."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from commandcenter.db.database import Database, alembic_config
from commandcenter.models import Base, Case
from commandcenter.models.types import CaseState
from tests.services.factories import CGZF_CATEGORY, actor, drive_to, version

if TYPE_CHECKING:
    from commandcenter.services.container import Services
    from tests.conftest import Clock


def test_migrations_match_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_sqlite_has_wal_and_foreign_keys(tmp_path: object) -> None:
    db = Database(f"sqlite:///{tmp_path}/x.sqlite3")
    try:
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


def test_revision_0002_works_out_the_times_of_cases_closed_before_it(
    services: Services, clock: Clock
) -> None:
    """Down to 0001 and up again: the working minutes of handled and closed cases
    come back from their timestamps and the stored calendar."""
    case_id = drive_to(services, CaseState.HANDLED, CGZF_CATEGORY)
    clock.advance(hours=2)  # Monday 09:00 → 11:00, inside working hours
    services.cases.verify_ok(
        actor(services, "operator"), case_id, version(services, case_id)
    )
    closed = drive_to(services, CaseState.CLOSED, CGZF_CATEGORY)

    def times() -> dict[int, tuple[int | None, int | None]]:
        with services.db.read() as session:
            rows = session.execute(
                select(Case.id, Case.handling_minutes, Case.closure_minutes)
            )
            return {row[0]: (row[1], row[2]) for row in rows}

    before = times()
    assert before[case_id] == (0, 120)
    with services.db.engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
        assert "handling_minutes" not in {
            c["name"] for c in inspect(connection).get_columns("cases")
        }
    services.db.upgrade()
    assert times() == before
    assert before[closed] == (0, 0)


def test_revision_0003_counts_the_report_hours_of_cases_before_it(
    services: Services, clock: Clock
) -> None:
    """Down to 0002 the hourly trend is empty; up again it is back as it was."""
    drive_to(services, CaseState.CLOSED, CGZF_CATEGORY)
    day = clock().astimezone(services.kpis.zone()).date()
    before = services.kpis.hourly(day).counts
    assert sum(before) == 1
    with services.db.engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    assert sum(services.kpis.hourly(day).counts) == 0
    services.db.upgrade()
    assert services.kpis.hourly(day).counts == before
