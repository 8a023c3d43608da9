"""The demo's emergencies: a few past incidents, stood down, and one under way,
played through the incident service's own moves at the times they happened
(the timeline and the reports read as a real command hall's would).

Played after the history's transaction, each move its own (they are the
service's domain operations): a build interrupted here leaves a demo with its
history and fewer incidents, never a half-written move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from commandcenter.models import (
    Camera,
    Case,
    Category,
    Department,
    Incident,
    IncidentTask,
)
from commandcenter.services.cases.api import NewAttachment
from commandcenter.services.emergency.api import (
    Activation,
    IncidentService,
    Level,
    TaskMove,
    TaskStep,
)
from commandcenter.services.kernel.auth import AuthService
from commandcenter.services.kernel.calendar_source import CalendarSource
from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.kernel.site_photo import site_photo
from commandcenter.services.territory.api import TerritoryIndex

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.db.database import Database

FLOOD_PLACE = (121.4376, 31.1880)
"""漕溪北路 under the 中山西路 flyover, by the stadium: the district's lowest."""


@dataclass
class _Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


class _Script:
    """One incident's moves, each at its minute after `start`, made in time
    order (so the log, and the timeline read from it, runs forward)."""

    def __init__(self, player: _Player, start: datetime, incident_id: int) -> None:
        self.player = player
        self.start = start
        self.incident = incident_id
        self._moves: list[tuple[float, int, Callable[[], object]]] = []

    def at(self, minutes: float, move: Callable[[], object]) -> None:
        self._moves.append((minutes, len(self._moves), move))

    def task(self, template: str, *moves: tuple[float, TaskMove]) -> None:
        for minutes, move in moves:
            self.at(minutes, partial(self.player.move, self.incident, template, move))

    def log(self, minutes: float, text: str) -> None:
        service, operator = self.player.service, self.player.operator
        self.at(minutes, lambda: service.log(operator, self.incident, text))

    def level(self, minutes: float, level: Level, reason: str) -> None:
        player = self.player
        self.at(
            minutes,
            lambda: player.service.change_level(
                player.supervisor,
                self.incident,
                player.version(self.incident),
                level,
                reason,
            ),
        )

    def escalate(self, minutes: float) -> None:
        player = self.player
        self.at(
            minutes,
            lambda: player.service.escalate_overdue(player.supervisor, self.incident),
        )

    def stand_down(self, minutes: float, summary: str) -> None:
        player = self.player
        self.at(
            minutes,
            lambda: player.service.stand_down(
                player.supervisor, self.incident, player.version(self.incident), summary
            ),
        )

    def play(self) -> None:
        for minutes, _order, move in sorted(self._moves, key=lambda m: m[:2]):
            self.player.clock.now = self.start + timedelta(minutes=minutes)
            move()


class _Player:
    """The demo's people, making the incident service's moves."""

    def __init__(self, db: Database, now: datetime) -> None:
        self.clock = _Clock(now)
        self.db = db
        self.service = IncidentService(
            db, TerritoryIndex.load(db), CalendarSource(db), self.clock
        )
        self.auth = AuthService(db)
        self.supervisor = self.auth.actor("supervisor")
        self.operator = self.auth.actor("operator")

    def activate(self, start: datetime, activation: Activation) -> _Script:
        self.clock.now = start
        changes = self.service.activate(self.supervisor, activation)
        return _Script(self, start, changes.ids[EntityKind.INCIDENT][0])

    def move(self, incident_id: int, template: str, move: TaskMove) -> None:
        """Move the newest task made from `template` on, by its department."""
        task_id, version, evidence, department = self._task(incident_id, template)
        given: dict[str, Any] = {}
        if move is TaskMove.DONE:
            given = {
                "note": "已完成",
                "count": 40 if evidence == "count" else None,
                "photos": (
                    (
                        NewAttachment(
                            "现场.png", "image/png", site_photo((90, 120, 140))
                        ),
                    )
                    if evidence == "photo"
                    else ()
                ),
            }
        if move is TaskMove.BLOCK:
            given = {"note": "道路积水，车辆绕行"}
        code = department.lower()
        handler = self.auth.actor("handler" if code == "cgzf" else f"h-{code}")
        self.service.move_task(handler, TaskStep(task_id, version, move, **given))

    def _task(self, incident_id: int, template: str) -> tuple[int, int, str, str]:
        with self.db.read() as session:
            found = session.execute(
                select(IncidentTask, Department.code)
                .join(Department, Department.id == IncidentTask.department_id)
                .where(
                    IncidentTask.incident_id == incident_id,
                    IncidentTask.template == template,
                )
                .order_by(IncidentTask.id.desc())
            ).first()
            assert found is not None, f"no task {template}"
            task, code = found
            return task.id, task.version, task.evidence, code

    def version(self, incident_id: int) -> int:
        with self.db.read() as session:
            incident = session.get(Incident, incident_id)
            assert incident is not None
            return incident.version


def play_incidents(db: Database, now: datetime, active: bool = True) -> int:
    """Two past incidents stood down and, with `active`, a Ⅲ flood response
    under way for the last 55 minutes (one task overdue); how many incidents."""
    player = _Player(db, now)
    played = 0
    gas_case = _case_of(db, "E0403", now - timedelta(days=9))
    if gas_case is not None:
        _past_gas_leak(player, gas_case)
        played += 1
    _past_road_collapse(player, now - timedelta(days=20, hours=3))
    played += 1
    if active:
        _flood_under_way(player, now - timedelta(minutes=55))
        played += 1
    return played


def _case_of(
    db: Database, category: str, before: datetime
) -> tuple[int, datetime] | None:
    with db.read() as session:
        found = session.execute(
            select(Case.id, Case.reported_at)
            .join(Category, Category.id == Case.category_id)
            .where(Category.code == category, Case.reported_at <= before)
            .order_by(Case.reported_at.desc())
            .limit(1)
        ).first()
    return None if found is None else (found.id, found.reported_at)


def _past_gas_leak(player: _Player, case: tuple[int, datetime]) -> None:
    case_id, reported = case
    script = player.activate(
        reported + timedelta(minutes=6),
        Activation("GAS-LEAK", "燃气泄漏（菜场门口）", Level.IV, case_id=case_id),
    )
    script.task("IV.1", (3, TaskMove.ACKNOWLEDGE), (12, TaskMove.DONE))
    script.task("IV.3", (2, TaskMove.ACKNOWLEDGE), (9, TaskMove.DONE))
    script.task(
        "IV.0",
        (4, TaskMove.ACKNOWLEDGE),
        (8, TaskMove.EN_ROUTE),
        (41, TaskMove.ON_SCENE),
        (52, TaskMove.DONE),
    )
    script.task("IV.2", (7, TaskMove.ACKNOWLEDGE), (31, TaskMove.DONE))
    script.log(20, "燃气公司电话：抢修车辆堵在路口，预计 20 分钟后到达")
    script.escalate(46)
    script.stand_down(
        75,
        "上游阀门已关闭，漏点修复，浓度检测归零，警戒解除；"
        "抢修到场超时 11 分钟，已督办",
    )
    script.play()


def _past_road_collapse(player: _Player, start: datetime) -> None:
    area = player.service.area_around(121.4305, 31.1762, 150)
    script = player.activate(
        start, Activation("ROAD-COLLAPSE", "田林路路面塌陷", Level.IV, area=area)
    )
    for template, done in (("IV.0", 12), ("IV.1", 16), ("IV.2", 27), ("IV.3", 22)):
        script.task(template, (2, TaskMove.ACKNOWLEDGE), (done, TaskMove.DONE))
    script.level(25, Level.III, "塌陷扩大至 12 平方米，一辆电动车陷落")
    script.task("III.0", (26, TaskMove.ACKNOWLEDGE), (31, TaskMove.DONE))
    script.task("III.1", (27, TaskMove.ACKNOWLEDGE), (39, TaskMove.DONE))
    script.task("III.3", (28, TaskMove.ACKNOWLEDGE), (53, TaskMove.DONE))
    script.level(75, Level.IV, "人员已救出，无伤亡")
    script.stand_down(8 * 60, "回填完成恢复通行；塌陷原因为供水管渗漏，已移交市政跟踪")
    script.play()


def _flood_under_way(player: _Player, start: datetime) -> None:
    area = player.service.area_around(*FLOOD_PLACE, 450)
    script = player.activate(
        start,
        Activation(
            "FLOOD-TYPHOON",
            "暴雨黄色预警：漕溪北路下立交积水",
            Level.IV,
            area=area,
            cameras=_cameras_near(player.db),
        ),
    )
    script.task("IV.0", (3, TaskMove.ACKNOWLEDGE), (22, TaskMove.DONE))
    script.task("IV.1", (5, TaskMove.ACKNOWLEDGE), (9, TaskMove.EN_ROUTE))
    script.log(12, "区防汛办来电：黄色预警，22 时前雨势加强")
    script.level(15, Level.III, "暴雨黄色预警；下立交积水 27 厘米")
    script.task("III.1", (17, TaskMove.ACKNOWLEDGE), (26, TaskMove.DONE))
    script.task("III.0", (18, TaskMove.ACKNOWLEDGE), (23, TaskMove.EN_ROUTE))
    script.task("III.2", (21, TaskMove.ACKNOWLEDGE), (29, TaskMove.BLOCK))
    script.log(33, "视频巡查：下立交东侧车辆涉水熄火 1 辆")
    script.play()
    player.clock.now = start + timedelta(minutes=55)


def _cameras_near(db: Database) -> tuple[int, ...]:
    lon, lat = FLOOD_PLACE
    with db.read() as session:
        rows = session.execute(select(Camera.id, Camera.lon, Camera.lat)).all()
    nearest = sorted(rows, key=lambda r: (r.lon - lon) ** 2 + (r.lat - lat) ** 2)
    return tuple(row.id for row in nearest[:4])
