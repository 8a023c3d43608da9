"""The demo's emergencies: a few past incidents, stood down, and one under way,
played through the incident service's own moves at the times they happened
(the timeline and the reports read as a real command hall's would).

Played after the history's transaction, each move its own (they are the
service's domain operations): a build interrupted here leaves a demo with its
history and fewer incidents, never a half-written move.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

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
from commandcenter.services.territory.api import TerritoryIndex

if TYPE_CHECKING:
    from commandcenter.db.database import Database
    from commandcenter.services.kernel.auth import Actor

FLOOD_PLACE = (121.4376, 31.1880)
"""漕溪北路 under the 中山西路 flyover, by the stadium: the district's lowest."""


@dataclass
class _Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def at(self, start: datetime, minutes: float) -> None:
        self.now = start + timedelta(minutes=minutes)


def site_photo(rgb: tuple[int, int, int], size: int = 64) -> bytes:
    """A plain PNG standing for a photo from the scene (the demo has no camera)."""
    row = b"\x00" + bytes(rgb) * size
    raw = zlib.compress(row * size)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", raw)
        + chunk(b"IEND", b"")
    )


class _Player:
    """Moves an incident's tasks on as the people of the demo would."""

    def __init__(self, db: Database, now: datetime) -> None:
        self.clock = _Clock(now)
        self.db = db
        self.service = IncidentService(
            db, TerritoryIndex.load(db), CalendarSource(db), self.clock
        )
        self.auth = AuthService(db)
        self.supervisor = self.auth.actor("supervisor")
        self.operator = self.auth.actor("operator")

    def handler(self, department: str) -> Actor:
        code = department.lower()
        return self.auth.actor("handler" if code == "cgzf" else f"h-{code}")

    def task(
        self, incident_id: int, template: str, moves: list[tuple[float, TaskMove]]
    ) -> None:
        """Move the task made from `template` at the given minutes after now."""
        start = self.clock.now
        for minutes, move in moves:
            self.clock.at(start, minutes)
            row = self._task(incident_id, template)
            evidence: dict[str, object] = {}
            if move is TaskMove.DONE:
                evidence = {
                    "count": 40 if row[2] == "count" else None,
                    "photos": (
                        NewAttachment(
                            "现场.png", "image/png", site_photo((90, 120, 140))
                        ),
                    )
                    if row[2] == "photo"
                    else (),
                    "note": "已完成",
                }
            if move is TaskMove.BLOCK:
                evidence = {"note": "道路积水，车辆绕行"}
            self.service.move_task(
                self.handler(row[3]),
                TaskStep(row[0], row[1], move, **evidence),  # type: ignore[arg-type]
            )
        self.clock.now = start

    def _task(self, incident_id: int, template: str) -> tuple[int, int, str, str]:
        with self.db.read() as session:
            task, code = session.execute(
                select(IncidentTask, Department.code)
                .join(Department, Department.id == IncidentTask.department_id)
                .where(
                    IncidentTask.incident_id == incident_id,
                    IncidentTask.template == template,
                )
                .order_by(IncidentTask.id.desc())
            ).first()  # type: ignore[misc]
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
    start = reported + timedelta(minutes=6)
    player.clock.now = start
    changes = player.service.activate(
        player.supervisor,
        Activation("GAS-LEAK", "燃气泄漏（菜场门口）", Level.IV, case_id=case_id),
    )
    incident = changes.ids[EntityKind.INCIDENT][0]
    player.task(incident, "IV.1", [(3, TaskMove.ACKNOWLEDGE), (12, TaskMove.DONE)])
    player.task(incident, "IV.3", [(2, TaskMove.ACKNOWLEDGE), (9, TaskMove.DONE)])
    player.task(
        incident,
        "IV.0",
        [(4, TaskMove.ACKNOWLEDGE), (8, TaskMove.EN_ROUTE), (24, TaskMove.ON_SCENE)],
    )
    player.task(incident, "IV.2", [(7, TaskMove.ACKNOWLEDGE), (31, TaskMove.DONE)])
    player.clock.at(start, 20)
    player.service.log(player.operator, incident, "燃气公司电话：抢修车辆已到达路口")
    player.clock.at(start, 38)
    player.service.escalate_overdue(player.supervisor, incident)
    player.clock.now = start
    player.task(incident, "IV.0", [(41, TaskMove.DONE)])
    player.clock.at(start, 75)
    player.service.stand_down(
        player.supervisor,
        incident,
        player.version(incident),
        "上游阀门已关闭，漏点修复，浓度检测归零，警戒解除；"
        "抢修到场超时 11 分钟，已督办",
    )


def _past_road_collapse(player: _Player, start: datetime) -> None:
    player.clock.now = start
    area = player.service.area_around(121.4305, 31.1762, 150)
    changes = player.service.activate(
        player.supervisor,
        Activation("ROAD-COLLAPSE", "田林路路面塌陷", Level.IV, area=area),
    )
    incident = changes.ids[EntityKind.INCIDENT][0]
    for template, done in (("IV.0", 12), ("IV.1", 16), ("IV.2", 27), ("IV.3", 22)):
        player.task(
            incident, template, [(2, TaskMove.ACKNOWLEDGE), (done, TaskMove.DONE)]
        )
    player.clock.at(start, 25)
    player.service.change_level(
        player.supervisor,
        incident,
        player.version(incident),
        Level.III,
        "塌陷扩大至 12 平方米，一辆电动车陷落",
    )
    raised = start + timedelta(minutes=25)
    player.clock.now = raised
    player.task(incident, "III.0", [(1, TaskMove.ACKNOWLEDGE), (6, TaskMove.DONE)])
    player.task(incident, "III.1", [(2, TaskMove.ACKNOWLEDGE), (14, TaskMove.DONE)])
    player.task(incident, "III.3", [(3, TaskMove.ACKNOWLEDGE), (28, TaskMove.DONE)])
    player.clock.at(raised, 50)
    player.service.change_level(
        player.supervisor,
        incident,
        player.version(incident),
        Level.IV,
        "人员已救出，无伤亡",
    )
    player.clock.at(start, 8 * 60)
    player.service.stand_down(
        player.supervisor,
        incident,
        player.version(incident),
        "回填完成恢复通行；塌陷原因为供水管渗漏，已移交市政跟踪",
    )


def _flood_under_way(player: _Player, start: datetime) -> None:
    player.clock.now = start
    area = player.service.area_around(*FLOOD_PLACE, 450)
    changes = player.service.activate(
        player.supervisor,
        Activation(
            "FLOOD-TYPHOON",
            "暴雨黄色预警：漕溪北路下立交积水",
            Level.IV,
            area=area,
            cameras=_cameras_near(player.db),
        ),
    )
    incident = changes.ids[EntityKind.INCIDENT][0]
    player.task(incident, "IV.0", [(3, TaskMove.ACKNOWLEDGE), (22, TaskMove.DONE)])
    player.task(incident, "IV.1", [(5, TaskMove.ACKNOWLEDGE), (9, TaskMove.EN_ROUTE)])
    player.clock.at(start, 12)
    player.service.log(
        player.operator, incident, "区防汛办来电：黄色预警，22 时前雨势加强"
    )
    player.clock.at(start, 15)
    player.service.change_level(
        player.supervisor,
        incident,
        player.version(incident),
        Level.III,
        "暴雨黄色预警；下立交积水 27 厘米",
    )
    raised = start + timedelta(minutes=15)
    player.clock.now = raised
    player.task(incident, "III.1", [(2, TaskMove.ACKNOWLEDGE), (11, TaskMove.DONE)])
    player.task(incident, "III.0", [(3, TaskMove.ACKNOWLEDGE), (8, TaskMove.EN_ROUTE)])
    player.task(incident, "III.2", [(6, TaskMove.ACKNOWLEDGE), (14, TaskMove.BLOCK)])
    player.clock.at(raised, 18)
    player.service.log(
        player.operator, incident, "视频巡查：下立交东侧车辆涉水熄火 1 辆"
    )
    player.clock.now = start + timedelta(minutes=55)


def _cameras_near(db: Database) -> tuple[int, ...]:
    lon, lat = FLOOD_PLACE
    with db.read() as session:
        rows = session.execute(select(Camera.id, Camera.lon, Camera.lat)).all()
    nearest = sorted(rows, key=lambda r: (r.lon - lon) ** 2 + (r.lat - lat) ** 2)
    return tuple(row.id for row in nearest[:4])
