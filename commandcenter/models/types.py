"""Typed ids and the enums that cross layers: states, roles, sources, levels."""

from __future__ import annotations

from enum import StrEnum
from typing import NewType

CaseId = NewType("CaseId", int)
UserId = NewType("UserId", int)
AreaId = NewType("AreaId", int)
DepartmentId = NewType("DepartmentId", int)
CategoryId = NewType("CategoryId", int)
EventId = NewType("EventId", int)


class CaseState(StrEnum):
    """Where a case stands in the loop of PRODUCT.md §3."""

    REPORTED = "reported"  # 上报
    REGISTERED = "registered"  # 已立案
    DISPATCHED = "dispatched"  # 已派遣
    IN_PROGRESS = "in_progress"  # 处置中
    HANDLED = "handled"  # 待核查
    CLOSED = "closed"  # 结案
    VOIDED = "voided"  # 不予立案
    SUSPENDED = "suspended"  # 挂账
    MERGED = "merged"  # 合并到另一案件


OPEN_STATES: frozenset[CaseState] = frozenset(
    {
        CaseState.REPORTED,
        CaseState.REGISTERED,
        CaseState.DISPATCHED,
        CaseState.IN_PROGRESS,
        CaseState.HANDLED,
        CaseState.SUSPENDED,
    }
)
"""States in which a case still needs work (挂账 included: not struck off)."""

DEADLINE_STATES: frozenset[CaseState] = frozenset(
    {CaseState.DISPATCHED, CaseState.IN_PROGRESS, CaseState.HANDLED}
)
"""States in which a handling deadline runs (and can be missed): from dispatch
until closure, stopped in the ledger (挂账)."""


class IncidentState(StrEnum):
    """Where an emergency response stands (PRODUCT.md §6)."""

    ACTIVE = "active"  # 响应中
    STOOD_DOWN = "stood_down"  # 已终止响应


class TaskState(StrEnum):
    """Where an incident's task stands: each step is stamped."""

    PENDING = "pending"  # 待接收
    ACKNOWLEDGED = "acknowledged"  # 已接收
    EN_ROUTE = "en_route"  # 出发
    ON_SCENE = "on_scene"  # 到场
    DONE = "done"  # 完成
    BLOCKED = "blocked"  # 受阻
    CANCELLED = "cancelled"  # 已取消


class DrillState(StrEnum):
    """Where a drill stands (PRODUCT §6)."""

    RUNNING = "running"  # 进行中
    PAUSED = "paused"  # 暂停
    ENDED = "ended"  # 已结束
    ABORTED = "aborted"  # 已中止
    PURGED = "purged"  # 数据已清除

    @property
    def on(self) -> bool:
        """Running or paused: its banner shows, its cases may be filed."""
        return self in (DrillState.RUNNING, DrillState.PAUSED)


class Role(StrEnum):
    """The users of PRODUCT.md §2."""

    OPERATOR = "operator"  # 受理员 / 值班员
    SUPERVISOR = "supervisor"  # 值班长 / 指挥长
    HANDLER = "handler"  # 处置部门
    VIDEO_SUPERVISOR = "video_supervisor"  # 视频监督员
    GRID_WORKER = "grid_worker"  # 网格员 / 监督员
    WALL = "wall"  # 大屏
    ADMIN = "admin"  # 管理员


class Source(StrEnum):
    """Where a report came from (信息来源)."""

    PATROL = "patrol"  # 巡查上报
    HOTLINE = "hotline"  # 12345 热线
    CITIZEN = "citizen"  # 群众举报
    VIDEO = "video"  # 视频发现
    SENSOR = "sensor"  # 物联感知
    HIGHER_LEVEL = "higher_level"  # 上级交办
    OPEN311 = "open311"  # 外部系统


class AreaLevel(StrEnum):
    """Territory levels, district down to the unit grid (单元网格)."""

    DISTRICT = "district"
    STREET = "street"
    COMMUNITY = "community"
    GRID = "grid"


AREA_CODE_LENGTH: dict[AreaLevel, int] = {
    AreaLevel.DISTRICT: 6,
    AreaLevel.STREET: 9,
    AreaLevel.COMMUNITY: 12,
    AreaLevel.GRID: 15,
}
"""A child's code extends its parent's: 6 district + 3 street + 3 community + 3 grid."""


class Family(StrEnum):
    """The two families of CJ/T 214 / GB/T 30428.2."""

    COMPONENT = "C"  # 部件
    EVENT = "E"  # 事件


class EscalationLevel(StrEnum):
    """Tiered handling: small matters stay in the grid (小事不出网格…)."""

    GRID = "grid"
    COMMUNITY = "community"
    STREET = "street"
    DISTRICT = "district"
