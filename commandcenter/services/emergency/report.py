"""The incident report (应急处置报告), at stand-down and on demand: built from
the incident's rows and its events alone, so it says what happened, not what
someone remembers.

Per task, plan against actual: when it was due to start and finish, when it was
acknowledged, on scene and done (the Gantt chart of the PDF, the per-task sheet
of the workbook); per department, response times against the targets; the
timeline; the linked cases and how they ended. The workbook is written here
(openpyxl, no Qt); the PDF is laid out by the views (Qt's PDF writer).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook

from commandcenter.services.kernel.xlsx_sheets import drill_banner, header_row

if TYPE_CHECKING:
    from datetime import datetime, tzinfo
    from pathlib import Path

    from commandcenter.services.emergency.queries import (
        IncidentDetail,
        IncidentQueries,
        TaskRow,
        TimelineEntry,
    )


@dataclass(frozen=True, slots=True)
class TaskTimes:
    """One task, plan against actual, in minutes from its creation."""

    task: TaskRow
    target: int
    """Minutes from creation to due (the plan's offset and target)."""
    acknowledged: int | None
    on_scene: int | None
    done: int | None
    on_time: bool | None
    """Done by its due time; None while open or once cancelled."""


@dataclass(frozen=True, slots=True)
class DepartmentTimes:
    """How one department answered: its tasks, and its times against targets."""

    name: str
    tasks: int
    done: int
    on_time: int
    mean_acknowledge: float | None
    mean_done: float | None
    mean_target: float


@dataclass(frozen=True, slots=True)
class IncidentReport:
    incident: IncidentDetail
    timeline: tuple[TimelineEntry, ...]
    tasks: tuple[TaskTimes, ...]
    departments: tuple[DepartmentTimes, ...]
    taken_at: datetime
    zone: tzinfo


def _minutes(start: datetime, end: datetime | None) -> int | None:
    return None if end is None else round((end - start).total_seconds() / 60)


def task_times(task: TaskRow) -> TaskTimes:
    start = task.created_at
    done = task.done_at
    return TaskTimes(
        task=task,
        target=_minutes(start, task.due_at) or 0,
        acknowledged=_minutes(start, task.acknowledged_at),
        on_scene=_minutes(start, task.on_scene_at),
        done=_minutes(start, done),
        on_time=None if done is None else done <= task.due_at,
    )


def build_incident_report(
    queries: IncidentQueries, incident_id: int, now: datetime, zone: tzinfo
) -> IncidentReport:
    incident = queries.detail(incident_id)
    timeline = tuple(queries.timeline(incident_id))
    times = tuple(task_times(task) for task in incident.tasks)
    return IncidentReport(incident, timeline, times, _departments(times), now, zone)


def _departments(times: tuple[TaskTimes, ...]) -> tuple[DepartmentTimes, ...]:
    names = sorted({t.task.department_name for t in times})
    result = []
    for name in names:
        own = [t for t in times if t.task.department_name == name]
        acknowledged = [t.acknowledged for t in own if t.acknowledged is not None]
        done = [t.done for t in own if t.done is not None]
        result.append(
            DepartmentTimes(
                name=name,
                tasks=len(own),
                done=len(done),
                on_time=sum(bool(t.on_time) for t in own),
                mean_acknowledge=mean(acknowledged) if acknowledged else None,
                mean_done=mean(done) if done else None,
                mean_target=mean(t.target for t in own),
            )
        )
    return tuple(result)


TASK_COLUMNS = (
    "任务编号",
    "级别",
    "责任部门",
    "任务",
    "状态",
    "下达时间",
    "应完成时间",
    "目标(分钟)",
    "接收(分钟)",
    "到场(分钟)",
    "完成(分钟)",
    "按时",
    "督办",
    "说明",
)
"""The per-task sheet's columns (the workbook is for the district's archive:
Chinese, like its other reports)."""


DRILL_BANNER = "【演练】演练数据，不计入实际工作"


def write_xlsx(report: IncidentReport, path: Path) -> None:
    """The workbook: overview, per-task times, departments, timeline, cases."""
    book = Workbook()
    overview = book.active
    assert overview is not None
    overview.title = "概况"
    incident = report.incident
    zone = report.zone
    if incident.drill_id is not None:  # a drill's export says so on every sheet
        drill_banner(overview, DRILL_BANNER)

    def when(moment: datetime | None) -> str:
        return (
            "" if moment is None else moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        )

    done, open_tasks, late = incident.counts(report.taken_at)
    for row in (
        ("事件编号", incident.number),
        ("事件名称", incident.title),
        (
            "预案",
            f"{incident.plan_title}（{incident.plan_code} {incident.plan_version}）",
        ),
        ("响应级别", incident.level.value),
        ("状态", incident.state.value),
        ("指挥长", incident.commander),
        ("启动时间", when(incident.activated_at)),
        ("终止时间", when(incident.stood_down_at)),
        ("任务：完成 / 进行 / 超时", f"{done} / {open_tasks} / {late}"),
        ("总结", incident.summary or ""),
        ("报告生成时间", when(report.taken_at)),
    ):
        overview.append(row)
    overview.column_dimensions["A"].width = 24
    overview.column_dimensions["B"].width = 60
    tasks = book.create_sheet("任务")
    header_row(tasks, TASK_COLUMNS)
    for times in report.tasks:
        task = times.task
        tasks.append(
            (
                task.id,
                task.level.value,
                task.department_name,
                task.text,
                task.state.value,
                when(task.created_at),
                when(task.due_at),
                times.target,
                times.acknowledged,
                times.on_scene,
                times.done,
                None if times.on_time is None else ("是" if times.on_time else "否"),
                "是" if task.escalated_at else "",
                task.note or "",
            )
        )
    departments = book.create_sheet("部门")
    header_row(
        departments,
        (
            "责任部门",
            "任务数",
            "完成",
            "按时完成",
            "平均接收(分钟)",
            "平均完成(分钟)",
            "平均目标(分钟)",
        ),
    )
    for d in report.departments:
        departments.append(
            (
                d.name,
                d.tasks,
                d.done,
                d.on_time,
                _round(d.mean_acknowledge),
                _round(d.mean_done),
                _round(d.mean_target),
            )
        )
    timeline = book.create_sheet("时间线")
    header_row(timeline, ("时间", "操作人", "事件", "内容"))
    for entry in report.timeline:
        timeline.append(
            (when(entry.at), entry.actor, entry.kind, _payload(entry.payload))
        )
    cases = book.create_sheet("关联案件")
    header_row(cases, ("案件编号", "状态", "描述"))
    for case in incident.cases:
        cases.append((case.number, case.state, case.description))
    if incident.drill_id is not None:
        for sheet in book.worksheets[1:]:
            sheet.oddHeader.center.text = DRILL_BANNER  # type: ignore[union-attr]
    book.save(path)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _payload(payload: dict[str, Any]) -> str:
    return "；".join(f"{key}={value}" for key, value in payload.items())
