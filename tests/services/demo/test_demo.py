"""The demo district: deterministic per seed, real-looking, made of legal moves."""

from __future__ import annotations

import hashlib
import itertools
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from commandcenter.db.database import Database
from commandcenter.models import Area, Case, Category, Event, User
from commandcenter.models.types import AreaLevel, CaseState
from commandcenter.services.cases.workflow import Move, check
from commandcenter.services.demo.builder import DemoOptions, build_demo
from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.kernel.event_log import verify_chain

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)  # a Friday, 14:00 in Shanghai


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('demo')}/demo.sqlite3")
    db.upgrade()
    build_demo(db, DemoOptions(seed=7, days=14, per_day=300, small=True), now=NOW)
    return db


def _fingerprint(db: Database) -> str:
    digest = hashlib.sha256()
    with db.read() as session:
        for row in session.execute(
            select(
                Case.number, Case.state, Case.lon, Case.lat, Case.deadline_at
            ).order_by(Case.id)
        ):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_same_seed_same_history(demo_db: Database, tmp_path: Path) -> None:
    again = Database(f"sqlite:///{tmp_path}/again.sqlite3")
    again.upgrade()
    build_demo(again, DemoOptions(seed=7, days=14, per_day=300, small=True), now=NOW)
    assert _fingerprint(again) == _fingerprint(demo_db)


def test_bad_options_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="reports per day"):
        DemoOptions.preset(small=True).with_(per_day=-5)
    with pytest.raises(ValidationError, match="days must be"):
        DemoOptions(days=-1)


def test_a_day_with_no_report_yet_builds_an_empty_history(tmp_path: Path) -> None:
    """One day of history just after midnight holds no report: the demo says so
    and builds, instead of inserting an empty case-number counter (CI at 00:07)."""
    db = Database(f"sqlite:///{tmp_path}/empty.sqlite3")
    db.upgrade()
    just_after_midnight = datetime(2026, 11, 30, 16, 7, tzinfo=UTC)  # 00:07 +08
    build_demo(db, DemoOptions(small=True, days=1), now=just_after_midnight)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0
        assert session.scalar(select(func.count()).select_from(Area)) > 0


def test_refuses_a_database_that_already_has_a_district(demo_db: Database) -> None:
    with pytest.raises(ValidationError, match="already holds a district"):
        build_demo(demo_db, DemoOptions(small=True, days=0))


def test_every_case_history_is_a_legal_walk_through_the_loop(demo_db: Database) -> None:
    with demo_db.read() as session:
        cases = {c.id: c for c in session.execute(select(Case)).scalars()}
        roles = dict(session.execute(select(User.id, User.role)).all())
        walks: dict[int, list[Event]] = {}
        for event in session.execute(
            select(Event).where(Event.entity == "case").order_by(Event.id)
        ).scalars():
            walks.setdefault(event.entity_id or 0, []).append(event)
        for case_id, events in walks.items():
            assert events[0].kind == "case.report"
            state = CaseState.REPORTED
            for event in events[1:]:
                move = Move(event.kind.removeprefix("case."))
                transition = check(move, state)
                assert roles[event.actor_id] in {r.value for r in transition.roles}
                state = CaseState(json.loads(event.payload)["to"])
            case = cases[case_id]
            assert case.state == state
            assert case.version == len(events)
            assert all(a.at <= b.at for a, b in itertools.pairwise(events))


def test_statistics_look_like_a_real_district(demo_db: Database) -> None:
    with demo_db.read() as session:
        total = session.execute(select(func.count()).select_from(Case)).scalar_one()
        voided = session.execute(
            select(func.count()).select_from(Case).where(Case.state == CaseState.VOIDED)
        ).scalar_one()
        top = session.execute(
            select(Case.category_id, func.count())
            .group_by(Case.category_id)
            .order_by(func.count().desc())
        ).first()
        grids = session.execute(
            select(func.count())
            .select_from(Area)
            .where(Area.level == AreaLevel.GRID.value)
        ).scalar_one()
        report = verify_chain(session)
        clocks = session.execute(
            select(Category.handling_unit, Case.deadline_natural)
            .join(Category, Category.id == Case.category_id)
            .where(Case.deadline_at.is_not(None))
            .distinct()
        ).all()
    assert 3000 < total < 5400
    assert 0.05 < voided / total < 0.11
    assert top is not None
    assert grids > 300
    assert report.ok
    assert sorted(clocks) == [("clock_hour", True), ("day", False), ("hour", False)]
