"""`plans import`: a checked plan file becomes a new version in the database, as
one domain operation with its event; the same version again changes nothing;
other content under a taken version, or a plan review refuses, is refused whole.
An incident runs the newest approved version and keeps its own frozen copy."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from commandcenter.cli import main
from commandcenter.db.database import Database
from commandcenter.models import Event, Plan
from commandcenter.services.container import Services
from commandcenter.services.emergency.api import Activation, import_plan
from commandcenter.services.kernel.errors import PermissionDeniedError, ValidationError
from commandcenter.services.kernel.validated_file import InvalidFileError
from tests.services.emergency.test_plans import GOOD
from tests.services.factories import activate_gas, actor, place

if TYPE_CHECKING:
    from pathlib import Path


TODAY = dt.date(2026, 12, 1)


def _counts(services: Services) -> tuple[int, int]:
    with services.db.read() as session:
        plans = session.execute(select(func.count()).select_from(Plan)).scalar_one()
        events = session.execute(select(func.count()).select_from(Event)).scalar_one()
    return plans, events


def _write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_plan_version_is_imported_once_and_never_changed(
    services: Services, tmp_path: Path
) -> None:
    supervisor = actor(services, "supervisor")
    before = _counts(services)
    changes, stored = import_plan(
        services.db, supervisor, _write(tmp_path, GOOD), TODAY
    )
    assert changes is not None
    assert (stored.code, stored.version, stored.status) == (
        "TEST-PLAN",
        "1.0",
        "approved",
    )
    assert _counts(services) == (before[0] + 1, before[1] + 1)
    again, _ = import_plan(services.db, supervisor, _write(tmp_path, GOOD), TODAY)
    assert again is None
    changed = GOOD.replace("到场处置", "到场处置并报告")
    with pytest.raises(ValidationError) as taken:
        import_plan(services.db, supervisor, _write(tmp_path, changed), TODAY)
    assert taken.value.code == "plan.version_taken"
    with pytest.raises(ValidationError) as reviewed:  # unknown department
        import_plan(
            services.db,
            supervisor,
            _write(tmp_path, GOOD.replace("department: RQ", "department: NOPE")),
            TODAY,
        )
    assert reviewed.value.code == "plan.refused"
    with pytest.raises(InvalidFileError):
        import_plan(services.db, supervisor, _write(tmp_path, "levels: ["), TODAY)
    with pytest.raises(PermissionDeniedError):
        import_plan(
            services.db, actor(services, "operator"), _write(tmp_path, GOOD), TODAY
        )
    assert _counts(services) == (before[0] + 1, before[1] + 1)


def test_an_incident_runs_the_newest_approved_version_and_keeps_its_copy(
    services: Services, tmp_path: Path
) -> None:
    supervisor = actor(services, "supervisor")
    import_plan(services.db, supervisor, _write(tmp_path, GOOD), TODAY)
    newer = GOOD.replace('version: "1.0"', 'version: "1.1"').replace(
        "target_minutes: 30", "target_minutes: 25"
    )
    import_plan(services.db, supervisor, _write(tmp_path, newer), TODAY)
    draft = GOOD.replace('version: "1.0"', 'version: "2.0"').replace(
        "status: approved", "status: draft"
    )
    import_plan(services.db, supervisor, _write(tmp_path, draft), TODAY)
    case_place = place(services)
    square = (
        '{"type":"Polygon","coordinates":[[['
        f"{case_place.lon - 0.001},{case_place.lat - 0.001}],"
        f"[{case_place.lon + 0.001},{case_place.lat - 0.001}],"
        f"[{case_place.lon},{case_place.lat + 0.001}],"
        f"[{case_place.lon - 0.001},{case_place.lat - 0.001}]]]}}"
    )
    changes = services.incidents.activate(
        supervisor, Activation("TEST-PLAN", "测试", area=square)
    )
    incident = services.incident_queries.detail(changes.ids["incident"][0])
    assert incident.plan_version == "1.1"  # the draft 2.0 is not run
    first = incident.tasks[0]
    assert first.due_at - first.starts_at == dt.timedelta(minutes=25)


def test_the_command_imports_the_shipped_plans_or_the_named_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path}/plans.sqlite3"
    assert main(["demo-data", "--db", url, "--small", "--days", "0"]) == 0
    capsys.readouterr()
    assert main(["plans", "import", "--db", url]) == 0
    out = capsys.readouterr().out
    assert out.count("unchanged") == 6  # the demo imported them already
    assert main(["plans", "import", "--db", url, str(_write(tmp_path, GOOD))]) == 0
    assert "imported TEST-PLAN 1.0 (approved)" in capsys.readouterr().out
    broken = _write(
        tmp_path, GOOD.replace("department: RQ", "department: NOPE"), "b.yaml"
    )
    assert main(["plans", "import", "--db", url, str(broken)]) == 1
    assert "no department NOPE" in capsys.readouterr().out
    services = Services(Database(url))
    try:
        incident_id, _ = activate_gas(services)
    finally:
        services.close()
    assert main(["incident", "list", "--db", url]) == 0
    listed = capsys.readouterr().out
    assert "GAS-LEAK" in listed
    assert "0 done / 4 open" in listed
    assert main(["incident", "show", "--db", url, str(incident_id)]) == 0
    shown = capsys.readouterr().out
    assert "incident.activate" in shown
    assert shown.count("pending") == 4
