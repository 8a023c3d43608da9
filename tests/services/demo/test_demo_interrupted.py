"""Interrupting the demo build leaves the database as it was; building again
gives the same demo as a build that was never interrupted."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from commandcenter.db.database import Database
from commandcenter.models import Area, Case, Event, User

if TYPE_CHECKING:
    from pathlib import Path

BUILD = [
    "demo-data",
    "--small",
    "--days",
    "60",
    "--per-day",
    "400",
    "--seed",
    "3",
    "--now",
    "2026-11-30T18:00:00+08:00",
]


def _build(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "commandcenter.cli", *BUILD, "--db", url],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _fingerprint(url: str) -> tuple[object, ...]:
    """What the build wrote: how many of everything, and a digest of every case
    and of every case's event (the build's own events, such as the territory
    import, carry the moment of the build and are only counted)."""
    db = Database(url)
    digest = hashlib.sha256()
    try:
        with db.read() as session:
            counts = tuple(
                session.execute(select(func.count()).select_from(model)).scalar_one()
                for model in (Area, User, Case, Event)
            )
            columns = (
                Case.number,
                Case.state,
                Case.grid_id,
                Case.department_id,
                Case.reported_at,
                Case.deadline_at,
                Case.closed_at,
                Case.handling_minutes,
                Case.version,
            )
            for row in session.execute(select(*columns).order_by(Case.id)):
                digest.update(repr(tuple(row)).encode())
            for event in session.execute(
                select(Event.kind, Event.entity_id, Event.at, Event.payload)
                .where(Event.entity == "case")
                .order_by(Event.id)
            ):
                digest.update(repr(tuple(event)).encode())
        return (*counts, digest.hexdigest())
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, ...]:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'whole.sqlite3'}"
    result = _build(url)
    assert result.returncode == 0, result.stderr
    return _fingerprint(url)


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL], ids=["int", "kill"])
def test_an_interrupted_build_leaves_nothing_and_the_next_one_is_whole(
    tmp_path: Path, stop: signal.Signals, uninterrupted: tuple[object, ...]
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    process = subprocess.Popen(
        [sys.executable, "-m", "commandcenter.cli", *BUILD, "--db", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    output = []
    for line in process.stdout:  # part-way: the territory is written, cases not
        output.append(line)
        if "simulating" in line:
            process.send_signal(stop)
            break
    rest, _ = process.communicate(timeout=120)
    output.append(rest)
    assert process.returncode != 0, "".join(output)
    if stop is signal.SIGINT:
        assert "nothing was written" in "".join(output)
    interrupted = Database(url)
    assert interrupted.is_empty()  # migrated, and nothing of the demo in it
    interrupted.dispose()

    again = _build(url)
    assert again.returncode == 0, again.stderr
    assert _fingerprint(url) == uninterrupted
