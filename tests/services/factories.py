"""Factories: the demo actors, points inside grids, and cases driven to any state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import shapely
from sqlalchemy import select

from commandcenter.models import Area, Case, Department, Drill
from commandcenter.models.types import AreaLevel, CaseState, DrillState, Role, Source
from commandcenter.services.cases.reporting import DrillStamp, NewCase

if TYPE_CHECKING:
    from commandcenter.services.container import Services
    from commandcenter.services.kernel.auth import Actor
    from tests.conftest import Clock

SELF_HANDLE_CATEGORY = "E0203"  # 占道广告牌: an event for the street office, minor
CGZF_CATEGORY = "E0106"  # 道路遗撒: always the law-enforcement bureau
COMPONENT_CATEGORY = "C0106"  # 通信井盖: owned by the telecom operators, 8 working h
EMERGENCY_CATEGORY = "E0403"  # 燃气泄漏: 1 hour on the natural clock


@dataclass(frozen=True)
class Place:
    """A point inside a known grid."""

    lon: float
    lat: float
    grid_code: str
    street_id: int


def place(services: Services, index: int = 0) -> Place:
    """A point well inside the `index`-th grid (by code)."""
    with services.db.read() as session:
        grid = session.execute(
            select(Area)
            .where(Area.level == AreaLevel.GRID.value)
            .order_by(Area.code)
            .offset(index)
            .limit(1)
        ).scalar_one()
        community = session.get(Area, grid.parent_id)
        assert community is not None
        assert community.parent_id is not None
        point = shapely.from_geojson(grid.geometry).representative_point()
        return Place(point.x, point.y, grid.code, community.parent_id)


def actor(services: Services, username: str) -> Actor:
    return services.auth.actor(username)


def handler_for(services: Services, case_id: int) -> Actor:
    """The history handler account of the department the case is assigned to."""
    with services.db.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert case.department_id is not None
        department = session.get(Department, case.department_id)
        assert department is not None
        code = department.code.lower()
    return actor(services, "handler" if code == "cgzf" else f"h-{code}")


def new_case(
    where: Place, category: str = SELF_HANDLE_CATEGORY, **extra: object
) -> NewCase:
    fields: dict[str, object] = {
        "category_code": category,
        "source": Source.HOTLINE,
        "description": "人行道上摆放了三块广告牌",
        "lon": where.lon,
        "lat": where.lat,
        "address": "测试路1号",
    }
    fields.update(extra)
    return NewCase(**fields)  # type: ignore[arg-type]


def drill_stamp(services: Services) -> DrillStamp:
    """A drill that is on, made as the test's fixture (its scenario is not run),
    stamped on a report as an inject of it would be."""
    now = services.clock()
    with services.db.write() as session:
        drill = Drill(
            scenario="TEST",
            title="测试演练",
            body="{}",
            sha256="0" * 64,
            mode="announced",
            state=DrillState.RUNNING.value,
            speed=1.0,
            drill_base=0.0,
            wall_since=now,
            started_at=now,
            controller_id=actor(services, "supervisor").id,
            updated_at=now,
        )
        session.add(drill)
        session.flush()
        return DrillStamp(drill.id, "I01", 0.0)


def version(services: Services, case_id: int) -> int:
    return services.queries.get(case_id).version


def report(services: Services, where: Place | None = None, **extra: object) -> int:
    changes = services.cases.report(
        actor(services, "operator"), new_case(where or place(services), **extra)
    )
    return changes.ids["case"][0]


def drive_to(
    services: Services,
    state: CaseState,
    category: str = SELF_HANDLE_CATEGORY,
    pending_postponement: bool = False,
) -> int:
    """A new case moved through the loop by the right people until it is in `state`."""
    operator = actor(services, "operator")
    supervisor = actor(services, "supervisor")
    case_id = report(services, category_code=category)
    cases = services.cases
    if state is CaseState.REPORTED:
        return case_id
    if state is CaseState.VOIDED:
        cases.void(operator, case_id, version(services, case_id), "不属于受理范围")
        return case_id
    if state is CaseState.MERGED:
        target = report(services, category_code=category)
        cases.merge(operator, case_id, version(services, case_id), target)
        return case_id
    cases.register(operator, case_id, version(services, case_id))
    if state is CaseState.REGISTERED:
        return case_id
    if state is CaseState.SUSPENDED:
        cases.suspend(supervisor, case_id, version(services, case_id), "需长期整治")
        return case_id
    cases.dispatch(operator, case_id, version(services, case_id))
    handler = handler_for(services, case_id)
    if state is CaseState.DISPATCHED:
        if pending_postponement:
            cases.request_postponement(
                handler, case_id, version(services, case_id), 8, "需协调"
            )
        return case_id
    cases.accept(handler, case_id, version(services, case_id))
    if state is CaseState.IN_PROGRESS:
        if pending_postponement:
            cases.request_postponement(
                handler, case_id, version(services, case_id), 8, "需协调"
            )
        return case_id
    cases.feedback(handler, case_id, version(services, case_id), "已清除")
    if state is CaseState.HANDLED:
        return case_id
    cases.verify_ok(operator, case_id, version(services, case_id))
    assert state is CaseState.CLOSED
    return case_id


ROLE_ACCOUNTS: dict[Role, str] = {
    Role.OPERATOR: "operator",
    Role.SUPERVISOR: "supervisor",
    Role.VIDEO_SUPERVISOR: "video",
    Role.GRID_WORKER: "gridworker",
    Role.WALL: "wall",
    Role.ADMIN: "admin",
}
"""One demo account per role; handlers are picked per case (`handler_for`)."""


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)
"""A 1x1 PNG: the smallest photo a move accepts."""

DAY = date(2026, 11, 23)  # the test clock's Monday


def a_day_of_cases(services: Services, clock: Clock) -> None:
    """Seven cases of 燃气泄漏 (deadline 1 hour after dispatch, natural clock)
    plus a drill, on Monday 23 November from 09:00."""
    cases = services.cases
    operator = actor(services, "operator")
    supervisor = actor(services, "supervisor")

    def v(case_id: int) -> int:
        return version(services, case_id)

    drive_to(services, CaseState.CLOSED, EMERGENCY_CATEGORY)  # A: closed on time
    drive_to(services, CaseState.IN_PROGRESS, EMERGENCY_CATEGORY)  # B: goes overdue
    c = drive_to(services, CaseState.HANDLED, EMERGENCY_CATEGORY)  # C: rework, late
    cases.verify_fail(operator, c, v(c), "仍有气味")
    d = drive_to(services, CaseState.DISPATCHED, EMERGENCY_CATEGORY)  # D: returned
    cases.return_case(handler_for(services, d), d, v(d), "不属本单位")
    e = report(services, category_code=EMERGENCY_CATEGORY)  # E: voided
    cases.void(operator, e, v(e), "误报")
    g = drive_to(  # G: postponed by 8 hours, deadline 18:00
        services, CaseState.IN_PROGRESS, EMERGENCY_CATEGORY, pending_postponement=True
    )
    cases.approve_postponement(supervisor, g, v(g))
    stamp = drill_stamp(services)
    drill = report(services, category_code=EMERGENCY_CATEGORY, drill=stamp)
    cases.register(operator, drill, v(drill))  # never counted
    with services.db.write() as session:  # the fixture's drill is over
        over = session.get(Drill, stamp.drill_id)
        assert over is not None
        over.state = DrillState.ENDED.value

    clock.advance(minutes=90)  # 10:30, past C's deadline: C handled late
    handler = handler_for(services, c)
    cases.accept(handler, c, v(c))
    cases.feedback(handler, c, v(c), "已修复")
    cases.verify_ok(operator, c, v(c))
    clock.advance(minutes=30)  # 11:00: B is overdue, G is not


GAS_PLAN = "GAS-LEAK"
"""Ⅳ: RQ, GA, the street office (STREET) and XF; Ⅲ adds XF, WJ, JJ, MZ."""


def activate_gas(services: Services, level: str = "IV") -> tuple[int, int]:
    """A gas-leak case reported and the gas plan activated from it by the
    supervisor: (incident id, case id)."""
    from commandcenter.services.emergency.api import Activation, Level

    case_id = report(services, category_code=EMERGENCY_CATEGORY)
    changes = services.incidents.activate(
        actor(services, "supervisor"),
        Activation(GAS_PLAN, "天钥桥路燃气泄漏", Level(level), case_id=case_id),
    )
    return changes.ids["incident"][0], case_id


def task_of(services: Services, incident_id: int, template: str) -> tuple[int, int]:
    """(id, version) of the incident's task made from `template` (`IV.0`, …)."""
    detail = services.incident_queries.detail(incident_id)
    task = next(t for t in detail.tasks if t.template == template)
    return task.id, task.version


def department_handler(services: Services, code: str) -> Actor:
    """The history handler account of department `code`."""
    return actor(services, "handler" if code == "CGZF" else f"h-{code.lower()}")
