"""Incidents in the core: activation, tasks, levels, escalation, stand-down, the
timeline from the event log; each refusal names its fault and writes nothing."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from commandcenter.models import Department, Event, IncidentTask, TaskEvidence
from commandcenter.models.types import IncidentState, TaskState
from commandcenter.services.cases.api import NewAttachment
from commandcenter.services.emergency.api import (
    Activation,
    Level,
    TaskMove,
    TaskStep,
)
from commandcenter.services.kernel.errors import (
    ConflictError,
    DomainError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.kernel.work_calendar import DeadlineStatus
from tests.services.factories import (
    GAS_PLAN,
    PNG,
    activate_gas,
    actor,
    department_handler,
    place,
    task_of,
)

if TYPE_CHECKING:
    from commandcenter.services.container import Services
    from tests.conftest import Clock

PHOTO = NewAttachment("现场.png", "image/png", PNG)


def _events(services: Services) -> int:
    with services.db.read() as session:
        return session.execute(select(func.count()).select_from(Event)).scalar_one()


def _step(
    services: Services, who: str, task: tuple[int, int], move: TaskMove, **kw: object
) -> None:
    services.incidents.move_task(
        department_handler(services, who) if who.isupper() else actor(services, who),
        TaskStep(task[0], task[1], move, **kw),  # type: ignore[arg-type]
    )


def test_activating_the_gas_plan_from_a_case_gives_each_department_its_task(
    services: Services, clock: Clock
) -> None:
    incident_id, case_id = activate_gas(services)
    detail = services.incident_queries.detail(incident_id)
    assert detail.state is IncidentState.ACTIVE
    assert detail.level is Level.IV
    assert detail.plan_code == GAS_PLAN
    assert detail.levels == (Level.IV, Level.III)
    assert detail.number.startswith("YJ20261123-01")
    assert [c.id for c in detail.cases] == [case_id]
    by_template = {t.template: t for t in detail.tasks}
    assert sorted(by_template) == ["IV.0", "IV.1", "IV.2", "IV.3"]
    with services.db.read() as session:  # STREET: the office of the case's street
        office = session.execute(
            select(Department.code).where(
                Department.kind == "street_office",
                Department.area_id == place(services).street_id,
            )
        ).scalar_one()
    codes = [by_template[k].department_code for k in sorted(by_template)]
    assert codes == ["RQ", "GA", office, "XF"]
    # due = activation + offset + target (the street evacuates from +5 for 20 min)
    assert by_template["IV.2"].starts_at == clock() + timedelta(minutes=5)
    assert by_template["IV.2"].due_at == clock() + timedelta(minutes=25)
    assert by_template["IV.0"].escalate_at == clock() + timedelta(minutes=45)
    assert all(t.state is TaskState.PENDING for t in detail.tasks)
    # the nearest shelters are offered besides the plan's own resources
    assert any(r.kind == "shelter" for r in detail.resources)
    timeline = services.incident_queries.timeline(incident_id)
    assert [e.kind for e in timeline] == ["incident.activate"]
    assert timeline[0].payload["tasks"] == [t.id for t in detail.tasks]
    assert timeline[0].payload["notify"][0]["within_minutes"] == 30
    assert services.incident_queries.for_case(case_id) == [
        (incident_id, detail.number, "天钥桥路燃气泄漏")
    ]


def test_a_drawn_area_activates_from_scratch_and_a_bad_one_is_refused(
    services: Services,
) -> None:
    supervisor = actor(services, "supervisor")
    here = place(services, 3)
    square = {
        "type": "Polygon",
        "coordinates": [
            [
                [here.lon - 0.001, here.lat - 0.001],
                [here.lon + 0.001, here.lat - 0.001],
                [here.lon + 0.001, here.lat + 0.001],
                [here.lon - 0.001, here.lat + 0.001],
                [here.lon - 0.001, here.lat - 0.001],
            ]
        ],
    }
    changes = services.incidents.activate(
        supervisor, Activation("FLOOD-TYPHOON", "暴雨积水", area=json.dumps(square))
    )
    assert changes.kinds == {EntityKind.INCIDENT}
    before = _events(services)
    far_away = json.dumps(
        {"type": "Polygon", "coordinates": [[[0, 0], [0.01, 0], [0.01, 0.01], [0, 0]]]}
    )
    refusals = [
        (Activation("FLOOD-TYPHOON", "x"), "incident.no_area"),
        (Activation("FLOOD-TYPHOON", "x", area="{not json"), "incident.bad_area"),
        (
            Activation(
                "FLOOD-TYPHOON", "x", area='{"type":"Point","coordinates":[1,2]}'
            ),
            "incident.bad_area",
        ),
        (Activation("FLOOD-TYPHOON", "x", area=far_away), "incident.area_outside"),
        (Activation("NO-SUCH-PLAN", "x", area=json.dumps(square)), "plan.not_approved"),
        (
            Activation("GAS-LEAK", "x", Level.I, area=json.dumps(square)),
            "incident.no_level",
        ),
        (Activation("GAS-LEAK", "  ", area=json.dumps(square)), "text.required"),
    ]
    for activation, code in refusals:
        with pytest.raises(DomainError) as refused:
            services.incidents.activate(supervisor, activation)
        assert refused.value.code == code, activation
    with pytest.raises(PermissionDeniedError):
        services.incidents.activate(
            actor(services, "operator"),
            Activation("GAS-LEAK", "x", area=json.dumps(square)),
        )
    assert _events(services) == before


def test_a_department_moves_its_task_to_done_with_the_evidence_the_plan_asks(
    services: Services, clock: Clock
) -> None:
    incident_id, _ = activate_gas(services)
    task = task_of(services, incident_id, "IV.0")  # RQ, photo evidence
    _step(services, "RQ", task, TaskMove.ACKNOWLEDGE)
    clock.advance(minutes=3)
    _step(services, "RQ", task_of(services, incident_id, "IV.0"), TaskMove.EN_ROUTE)
    clock.advance(minutes=10)
    _step(services, "RQ", task_of(services, incident_id, "IV.0"), TaskMove.ON_SCENE)
    before = _events(services)
    with pytest.raises(ValidationError) as refused:
        _step(services, "RQ", task_of(services, incident_id, "IV.0"), TaskMove.DONE)
    assert refused.value.code == "task.photo_required"
    with pytest.raises(PermissionDeniedError) as not_yours:
        _step(
            services,
            "GA",
            task_of(services, incident_id, "IV.0"),
            TaskMove.DONE,
            photos=(PHOTO,),
        )
    assert not_yours.value.code == "task.not_yours"
    assert _events(services) == before
    clock.advance(minutes=5)
    _step(
        services,
        "RQ",
        task_of(services, incident_id, "IV.0"),
        TaskMove.DONE,
        note="已关阀，浓度归零",
        photos=(PHOTO,),
    )
    row = next(
        t
        for t in services.incident_queries.detail(incident_id).tasks
        if t.template == "IV.0"
    )
    assert row.state is TaskState.DONE
    assert row.acknowledged_at == clock() - timedelta(minutes=18)
    assert row.on_scene_at == clock() - timedelta(minutes=5)
    assert row.done_at == clock()
    assert row.status(clock()) is None  # no light once done
    with services.db.read() as session:
        assert (
            session.execute(select(func.count()).select_from(TaskEvidence)).scalar_one()
            == 1
        )
    last = services.incident_queries.timeline(incident_id)[-1]
    assert last.kind == "task.done"
    assert last.payload["department"] == "RQ"
    assert last.payload["evidence"][0]["filename"] == "现场.png"
    # the street's evacuation asks for a count
    street = task_of(services, incident_id, "IV.2")
    detail = services.incident_queries.detail(incident_id)
    code = next(t.department_code for t in detail.tasks if t.template == "IV.2")
    _step(services, code, street, TaskMove.ACKNOWLEDGE)
    with pytest.raises(ValidationError, match="count"):
        _step(services, code, task_of(services, incident_id, "IV.2"), TaskMove.DONE)
    _step(
        services, code, task_of(services, incident_id, "IV.2"), TaskMove.DONE, count=37
    )


def test_a_blocked_task_needs_a_reason_and_resumes_where_it_was(
    services: Services,
) -> None:
    incident_id, _ = activate_gas(services)
    _step(services, "XF", task_of(services, incident_id, "IV.3"), TaskMove.ACKNOWLEDGE)
    _step(services, "XF", task_of(services, incident_id, "IV.3"), TaskMove.EN_ROUTE)
    with pytest.raises(ValidationError, match="reason"):
        _step(services, "XF", task_of(services, incident_id, "IV.3"), TaskMove.BLOCK)
    _step(
        services,
        "XF",
        task_of(services, incident_id, "IV.3"),
        TaskMove.BLOCK,
        note="道路拥堵",
    )
    _step(services, "XF", task_of(services, incident_id, "IV.3"), TaskMove.RESUME)
    row = next(
        t
        for t in services.incident_queries.detail(incident_id).tasks
        if t.template == "IV.3"
    )
    assert row.state is TaskState.EN_ROUTE
    with pytest.raises(InvalidTransitionError) as refused:
        _step(
            services, "XF", task_of(services, incident_id, "IV.3"), TaskMove.ACKNOWLEDGE
        )
    assert refused.value.code == "task.move_not_now"


def test_raising_adds_the_previewed_tasks_and_lowering_stands_them_down(
    services: Services, clock: Clock
) -> None:
    incident_id, _ = activate_gas(services)
    supervisor = actor(services, "supervisor")
    preview = services.incidents.preview(incident_id, Level.III)
    assert preview.raising
    assert [p.template.department for p in preview.added] == ["XF", "WJ", "JJ", "MZ"]
    assert [n.within_minutes for n in preview.notify] == [15, 30]
    clock.advance(minutes=20)
    version = services.incident_queries.detail(incident_id).version
    services.incidents.change_level(
        supervisor, incident_id, version, Level.III, "发生爆燃"
    )
    detail = services.incident_queries.detail(incident_id)
    assert detail.level is Level.III
    added = [t for t in detail.tasks if t.level is Level.III]
    assert [t.template for t in added] == [p.key for p in preview.added]
    assert all(t.created_at == clock() for t in added)  # due from the raise
    _step(services, "WJ", task_of(services, incident_id, "III.1"), TaskMove.ACKNOWLEDGE)
    lowered = services.incidents.preview(incident_id, Level.IV)
    assert not lowered.raising
    assert lowered.stood_down == ("III.0", "III.1", "III.2", "III.3")
    services.incidents.change_level(
        supervisor, incident_id, detail.version, Level.IV, "明火已扑灭"
    )
    after = services.incident_queries.detail(incident_id)
    assert after.level is Level.IV
    assert {t.state for t in after.tasks if t.level is Level.III} == {
        TaskState.CANCELLED
    }
    assert {t.state for t in after.tasks if t.level is Level.IV} == {TaskState.PENDING}
    kinds = [e.kind for e in services.incident_queries.timeline(incident_id)]
    assert kinds == [
        "incident.activate",
        "incident.raise",
        "task.acknowledge",
        "incident.lower",
    ]
    with pytest.raises(ValidationError) as same:
        services.incidents.change_level(
            supervisor, incident_id, after.version, Level.IV, "x"
        )
    assert same.value.code == "incident.same_level"
    # raised again: the level's templates get new tasks; the cancelled ones stay
    services.incidents.change_level(
        supervisor, incident_id, after.version, Level.III, "复燃"
    )
    again = list(services.incident_queries.detail(incident_id).tasks)
    third = [t.state for t in again if t.level is Level.III]
    assert third.count(TaskState.CANCELLED) == 4
    assert third.count(TaskState.PENDING) == 4


def test_overdue_tasks_turn_red_and_are_escalated_once(
    services: Services, clock: Clock
) -> None:
    incident_id, _ = activate_gas(services)
    supervisor = actor(services, "supervisor")
    clock.advance(minutes=12)  # GA's 15-minute cordon is 80 % used
    lights = {
        t.template: t.status(clock())
        for t in services.incident_queries.detail(incident_id).tasks
    }
    assert lights["IV.1"] is DeadlineStatus.AMBER
    assert lights["IV.0"] is DeadlineStatus.GREEN
    assert services.incidents.escalate_overdue(supervisor, incident_id) is None
    clock.advance(minutes=14)  # +26: GA past its 25-minute escalation, XF past 15
    detail = services.incident_queries.detail(incident_id)
    assert detail.counts(clock()) == (0, 4, 3)  # GA, XF and the street are late
    changes = services.incidents.escalate_overdue(supervisor, incident_id)
    assert changes is not None
    escalated = services.incident_queries.timeline(incident_id)[-1].payload["tasks"]
    by_id = {t.id: t.template for t in detail.tasks}
    assert sorted(by_id[i] for i in escalated) == [
        "IV.1",
        "IV.3",
    ]  # not the street's (30)
    assert services.incidents.escalate_overdue(supervisor, incident_id) is None
    with pytest.raises(PermissionDeniedError):
        services.incidents.escalate_overdue(actor(services, "operator"), incident_id)


def test_stand_down_cancels_what_is_open_and_ends_every_move(
    services: Services,
) -> None:
    incident_id, _ = activate_gas(services)
    supervisor = actor(services, "supervisor")
    _step(services, "GA", task_of(services, incident_id, "IV.1"), TaskMove.ACKNOWLEDGE)
    _step(
        services,
        "GA",
        task_of(services, incident_id, "IV.1"),
        TaskMove.DONE,
        photos=(PHOTO,),
    )
    services.incidents.log(
        actor(services, "operator"), incident_id, "燃气公司电话：已关阀"
    )
    version = services.incident_queries.detail(incident_id).version
    with pytest.raises(ValidationError):
        services.incidents.stand_down(supervisor, incident_id, version, " ")
    services.incidents.stand_down(
        supervisor, incident_id, version, "泄漏点已修复，警戒解除"
    )
    detail = services.incident_queries.detail(incident_id)
    assert detail.state is IncidentState.STOOD_DOWN
    assert detail.summary == "泄漏点已修复，警戒解除"
    states = {t.template: t.state for t in detail.tasks}
    assert states == {
        "IV.0": TaskState.CANCELLED,
        "IV.1": TaskState.DONE,
        "IV.2": TaskState.CANCELLED,
        "IV.3": TaskState.CANCELLED,
    }
    assert services.incident_queries.active() == []
    before = _events(services)
    with pytest.raises(InvalidTransitionError):
        services.incidents.log(supervisor, incident_id, "再记一条")
    with pytest.raises(ValidationError) as ended:
        _step(
            services, "XF", task_of(services, incident_id, "IV.3"), TaskMove.ACKNOWLEDGE
        )
    assert ended.value.code in ("incident.stood_down", "task.move_not_now")
    assert _events(services) == before


def test_links_come_and_go_on_the_timeline(services: Services) -> None:
    incident_id, case_id = activate_gas(services)
    operator = actor(services, "operator")
    services.incidents.link(operator, incident_id, "camera", 1)
    with pytest.raises(ValidationError) as twice:
        services.incidents.link(operator, incident_id, "camera", 1)
    assert twice.value.code == "incident.linked"
    with pytest.raises(NotFoundError):
        services.incidents.link(operator, incident_id, "camera", 999_999)
    with pytest.raises(ValidationError):
        services.incidents.link(operator, incident_id, "person", 1)
    services.incidents.unlink(operator, incident_id, "case", case_id)
    detail = services.incident_queries.detail(incident_id)
    assert [c.id for c in detail.cameras] == [1]
    assert detail.cases == ()
    assert [e.kind for e in services.incident_queries.timeline(incident_id)][1:] == [
        "incident.link",
        "incident.unlink",
    ]


def test_a_stale_task_version_is_a_conflict(services: Services) -> None:
    incident_id, _ = activate_gas(services)
    task = task_of(services, incident_id, "IV.3")
    _step(services, "XF", task, TaskMove.ACKNOWLEDGE)
    with pytest.raises(ConflictError):
        _step(services, "supervisor", task, TaskMove.CANCEL, note="重复")
    with services.db.read() as session:
        row = session.get(IncidentTask, task[0])
        assert row is not None
        assert row.state == TaskState.ACKNOWLEDGED.value


def test_a_department_sees_its_open_tasks_of_running_incidents_first_due_first(
    services: Services,
) -> None:
    first, _ = activate_gas(services)
    second, _ = activate_gas(services)
    xf = department_handler(services, "XF")
    assert xf.department_id is not None
    tasks = services.incident_queries.department_tasks(xf.department_id)
    assert [t.incident_id for t in tasks] == [first, second]
    _step(services, "XF", task_of(services, first, "IV.3"), TaskMove.ACKNOWLEDGE)
    _step(services, "XF", task_of(services, first, "IV.3"), TaskMove.DONE)
    assert [
        t.incident_id
        for t in services.incident_queries.department_tasks(xf.department_id)
    ] == [second]


def test_photos_are_checked_before_anything_is_written(services: Services) -> None:
    incident_id, _ = activate_gas(services)
    gas = department_handler(services, "RQ")
    task_id, version = task_of(services, incident_id, "IV.0")
    services.incidents.move_task(gas, TaskStep(task_id, version, TaskMove.ACKNOWLEDGE))
    before = _events(services)
    with pytest.raises(ValidationError) as refused:
        services.incidents.move_task(
            gas,
            TaskStep(
                task_id,
                version + 1,
                TaskMove.DONE,
                photos=(NewAttachment("x.exe", "application/x-msdownload", PNG),),
            ),
        )
    assert refused.value.code == "attachment.type"
    assert _events(services) == before
    assert task_of(services, incident_id, "IV.0") == (task_id, version + 1)


def test_the_proposed_areas_cover_the_case_and_the_picked_place(
    services: Services,
) -> None:
    """What the activation dialog proposes: the case's grid with a margin, or a
    circle of the asked radius round a place picked on the map."""
    import shapely

    _, case_id = activate_gas(services)
    here = place(services)
    around_case = shapely.from_geojson(services.incidents.area_for_case(case_id))
    assert around_case.contains(shapely.Point(here.lon, here.lat))
    circle = shapely.from_geojson(
        services.incidents.area_around(here.lon, here.lat, 300)
    )
    west, south, east, north = circle.bounds
    assert 570 < (north - south) * 111_195 < 610  # 600 m across, north to south
    assert 570 < (east - west) * 111_195 * 0.857 < 610  # and east to west at 31°N
