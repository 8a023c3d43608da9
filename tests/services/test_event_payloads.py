"""Every event the services write matches the payload declared for its kind
(services/kernel/events.py): the audit trail's format changes on purpose or not
at all."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest

from commandcenter.db.database import Database
from commandcenter.models.types import CaseState
from commandcenter.services.cases.api import NewAttachment
from commandcenter.services.container import Services
from commandcenter.services.demo.api import DemoOptions, build_demo
from commandcenter.services.emergency.api import EVENT_PAYLOADS as EMERGENCY_PAYLOADS
from commandcenter.services.emergency.api import Level, TaskMove, TaskStep
from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.kernel.validated_file import PydanticError, TypeAdapter
from tests.conftest import Clock
from tests.services.factories import (
    PNG,
    activate_gas,
    actor,
    department_handler,
    drive_to,
    new_case,
    place,
    report,
    task_of,
    version,
)

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Services:
    """A demo with two weeks of history, and the moves the history never makes."""
    path: Path = tmp_path_factory.mktemp("events") / "events.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    build_demo(db, DemoOptions(small=True, days=14, per_day=150, seed=11))
    services = Services(db)
    operator = actor(services, "operator")
    photo = NewAttachment("现场.png", "image/png", PNG)
    first = services.cases.report(
        operator, new_case(place(services), attachments=(photo,))
    ).ids["case"][0]
    second = report(services)
    services.cases.merge(operator, second, version(services, second), first, "同一处")
    services.cases.attach(
        operator, first, version(services, first), "补充.png", "image/png", PNG
    )
    services.cases.comment(operator, first, version(services, first), "已电话回访")
    drive_to(services, CaseState.CLOSED)
    services.retention.set_days(actor(services, "admin"), 90)
    services.retention.purge(actor(services, "admin"))
    services.auth.issue_wall_token("wall")
    _every_incident_move(services)
    return services


def _every_incident_move(services: Services) -> None:
    """An incident that makes every move there is, through its tasks too."""
    clock = Clock(datetime.now(UTC))
    services.clock = clock
    for cached in ("incidents", "incident_queries"):
        services.__dict__.pop(cached, None)
    supervisor = actor(services, "supervisor")
    operator = actor(services, "operator")
    incident_id, case_id = activate_gas(services)
    incidents = services.incidents
    incidents.log(operator, incident_id, "燃气公司已出发")
    incidents.link(operator, incident_id, "camera", 1)
    incidents.unlink(operator, incident_id, "camera", 1)

    def step(code: str, template: str, move: TaskMove, **kw: Any) -> None:
        task_id, task_version = task_of(services, incident_id, template)
        who = department_handler(services, code) if code else supervisor
        incidents.move_task(who, TaskStep(task_id, task_version, move, **kw))

    step("RQ", "IV.0", TaskMove.ACKNOWLEDGE)
    step("RQ", "IV.0", TaskMove.EN_ROUTE)
    step("RQ", "IV.0", TaskMove.ON_SCENE)
    step("RQ", "IV.0", TaskMove.BLOCK, note="阀门井被压")
    step("RQ", "IV.0", TaskMove.RESUME)
    step(
        "RQ", "IV.0", TaskMove.DONE, photos=(NewAttachment("阀.png", "image/png", PNG),)
    )
    step("", "IV.3", TaskMove.CANCEL, note="无需消防备勤")
    clock.advance(minutes=30)
    incidents.escalate_overdue(supervisor, incident_id)
    level = services.incident_queries.detail(incident_id).version
    incidents.change_level(supervisor, incident_id, level, Level.III, "发生爆燃")
    level += 1
    incidents.change_level(supervisor, incident_id, level, Level.IV, "明火扑灭")
    incidents.stand_down(supervisor, incident_id, level + 1, "警戒解除")
    assert services.incident_queries.for_case(case_id)


def test_every_event_matches_its_kinds_payload(written: Services) -> None:
    declared = written.event_payloads()
    kinds: set[str] = set()
    for event in written.events.since(0, limit=1_000_000):
        assert event.kind in declared, f"no payload declared for {event.kind}"
        assert event.entity in set(EntityKind), event.entity
        TypeAdapter(declared[event.kind]).validate_python(event.payload, strict=True)
        kinds.add(event.kind)
    # the history and the extra moves wrote most kinds there are
    assert {"case.report", "case.dispatch", "case.merge", "case.attach"} <= kinds
    assert set(EMERGENCY_PAYLOADS) <= kinds  # every incident and task move
    assert len(kinds) >= 20


def test_a_payload_with_an_undeclared_key_is_refused(written: Services) -> None:
    declared = written.event_payloads()
    (event,) = [
        e for e in written.events.since(0, limit=100) if e.kind == "case.report"
    ][:1]
    with pytest.raises(PydanticError, match="Extra inputs are not permitted"):
        TypeAdapter(declared["case.report"]).validate_python(
            {**event.payload, "reporter_phone": "13800000000"}, strict=True
        )
