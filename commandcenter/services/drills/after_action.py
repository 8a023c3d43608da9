"""The after-action report of a drill (演练评估报告), built from its log alone.

Each expected action against what happened (observed minutes against target,
the automatic rating and the evaluator's word), each objective's summary, the
timeline in drill time, the improvement plan and its progress, and each
department's (or role's) on-target rate across every drill that ran, this one
included, oldest first. The workbook is written here (openpyxl, no Qt); the
PDF is laid out by the views. Both carry the drill banner on every page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from sqlalchemy import select

from commandcenter.models import Drill, User
from commandcenter.models.types import DrillState
from commandcenter.services.drills.drill_log import DrillLog, read_drill_log
from commandcenter.services.drills.service import Rating
from commandcenter.services.kernel.xlsx_sheets import drill_banner, header_row

if TYPE_CHECKING:
    from pathlib import Path
    from zoneinfo import ZoneInfo

    from sqlalchemy.orm import Session

RATING_SCORE = {Rating.P: 1.0, Rating.S: 2 / 3, Rating.M: 1 / 3, Rating.U: 0.0}
"""What a rating is worth in an objective's weighted score."""


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One expected action, as the report states it."""

    inject: str
    inject_title: str
    expectation: str
    who: str
    action: str
    objective: str
    weight: int
    target_minutes: int
    observed_minutes: float | None
    """None: not done (or its inject never went out)."""
    sent: bool
    done_by: str
    automatic: Rating | None
    rating: Rating | None
    """The evaluator's word where given, else the automatic rating."""
    note: str
    evaluator: str

    @property
    def overridden(self) -> bool:
        return bool(self.evaluator) and self.rating is not self.automatic


@dataclass(frozen=True, slots=True)
class ObjectiveRow:
    id: str
    text: str
    indicator: str
    actions: int
    on_target: int
    ratings: dict[str, int]
    score: float | None
    """Weighted mean of the ratings' worth, 0 to 1 (None: nothing rated)."""


@dataclass(frozen=True, slots=True)
class TimelineRow:
    drill_t: float
    at: dt.datetime
    actor: str
    kind: str
    payload: dict[str, Any]
    entity: str
    entity_id: int | None


@dataclass(frozen=True, slots=True)
class ImprovementRow:
    item: int
    finding: str
    action: str
    department: str
    due: dt.date
    done: bool
    note: str


@dataclass(frozen=True, slots=True)
class TrendPoint:
    drill_id: int
    title: str
    started_at: dt.datetime
    rate: float
    """On-target share of the expected actions of `who` whose inject went out."""


@dataclass(frozen=True, slots=True)
class AfterActionReport:
    drill_id: int
    scenario: str
    title: str
    description: str
    plan: str
    mode: str
    state: DrillState
    controller: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    drill_seconds: float
    injects_sent: int
    injects_total: int
    actions: tuple[ActionRow, ...]
    objectives: tuple[ObjectiveRow, ...]
    timeline: tuple[TimelineRow, ...]
    improvements: tuple[ImprovementRow, ...]
    trend: dict[str, tuple[TrendPoint, ...]]
    """who (a role or a department code) → its on-target rate per drill."""
    zone: ZoneInfo
    taken_at: dt.datetime

    @property
    def banner(self) -> str:
        """The line on every page of every drill export (PRODUCT §6)."""
        return f"【演练】{self.title} · 演练数据，不计入实际工作"


def build_after_action(
    session: Session, drill_id: int, zone: ZoneInfo, now: dt.datetime
) -> AfterActionReport:
    log = read_drill_log(session, drill_id)
    drill = log.drill
    ratings = log.ratings()
    actions = tuple(_action_rows(log, ratings))
    controller = session.get(User, drill.controller_id)
    ends = log.of_drill("drill.end", "drill.abort")
    improvements: dict[int, ImprovementRow] = {}
    for event in log.of_drill("drill.improve", "drill.improve_done"):
        p = event.payload
        if event.kind == "drill.improve":
            improvements[p["item"]] = ImprovementRow(
                p["item"],
                p["finding"],
                p["action"],
                p["department"],
                dt.date.fromisoformat(p["due"]),
                False,
                "",
            )
        elif p["item"] in improvements:
            kept = improvements[p["item"]]
            improvements[p["item"]] = ImprovementRow(
                kept.item,
                kept.finding,
                kept.action,
                kept.department,
                kept.due,
                True,
                p["note"],
            )
    return AfterActionReport(
        drill_id=drill.id,
        scenario=drill.scenario,
        title=drill.title,
        description=log.scenario.description,
        plan=f"{log.scenario.plan} {log.scenario.level}",
        mode=drill.mode,
        state=DrillState(drill.state),
        controller=controller.display_name if controller else "",
        started_at=drill.started_at,
        ended_at=drill.ended_at,
        drill_seconds=ends[-1].drill_t if ends else drill.drill_base,
        injects_sent=len(log.sent),
        injects_total=len(log.scenario.injects),
        actions=actions,
        objectives=tuple(_objective_rows(log, actions)),
        timeline=tuple(
            TimelineRow(
                e.drill_t, e.at, e.actor, e.kind, e.payload, e.entity, e.entity_id
            )
            for e in log.events
        ),
        improvements=tuple(improvements[key] for key in sorted(improvements)),
        trend=_trend(session, drill.id, actions),
        zone=zone,
        taken_at=now,
    )


def _action_rows(
    log: DrillLog, ratings: dict[str, tuple[Rating, str, str]]
) -> list[ActionRow]:
    rows = []
    for seen in log.observe():
        expectation = seen.expectation
        given = ratings.get(expectation.id)
        automatic = seen.automatic
        rows.append(
            ActionRow(
                inject=seen.inject.id,
                inject_title=seen.inject.title,
                expectation=expectation.id,
                who=expectation.who,
                action=expectation.action,
                objective=expectation.objective,
                weight=expectation.weight,
                target_minutes=expectation.within_minutes,
                observed_minutes=seen.minutes,
                sent=seen.sent_t is not None,
                done_by=seen.done.actor if seen.done is not None else "",
                automatic=automatic,
                rating=given[0] if given else automatic,
                note=given[1] if given else "",
                evaluator=given[2] if given else "",
            )
        )
    return rows


def _objective_rows(
    log: DrillLog, actions: tuple[ActionRow, ...]
) -> list[ObjectiveRow]:
    rows = []
    for objective in log.scenario.objectives:
        mine = [a for a in actions if a.objective == objective.id and a.sent]
        rated = [a for a in mine if a.rating is not None]
        weights = sum(a.weight for a in rated)
        score = (
            sum(RATING_SCORE[a.rating] * a.weight for a in rated if a.rating) / weights
            if weights
            else None
        )
        rows.append(
            ObjectiveRow(
                id=objective.id,
                text=objective.text,
                indicator=objective.indicator,
                actions=len(mine),
                on_target=sum(a.rating is Rating.P for a in mine),
                ratings=dict(Counter(a.rating.value for a in rated if a.rating)),
                score=score,
            )
        )
    return rows


def _rates(actions: tuple[ActionRow, ...]) -> dict[str, float]:
    """who → on-target share of its expected actions whose inject went out."""
    totals: Counter[str] = Counter()
    on_target: Counter[str] = Counter()
    for action in actions:
        if action.sent:
            totals[action.who] += 1
            on_target[action.who] += action.rating is Rating.P
    return {who: on_target[who] / totals[who] for who in totals}


def _trend(
    session: Session, this_drill: int, actions: tuple[ActionRow, ...]
) -> dict[str, tuple[TrendPoint, ...]]:
    """Each who's on-target rate in every drill that is over, and this one."""
    drills = session.execute(
        select(Drill)
        .where(
            Drill.state.in_([DrillState.ENDED, DrillState.ABORTED, DrillState.PURGED])
            | (Drill.id == this_drill)
        )
        .order_by(Drill.started_at, Drill.id)
    ).scalars()
    points: dict[str, list[TrendPoint]] = {}
    for drill in drills:
        rows = (
            actions
            if drill.id == this_drill
            else tuple(_action_rows(read_drill_log(session, drill.id), {}))
        )
        for who, rate in _rates(rows).items():
            points.setdefault(who, []).append(
                TrendPoint(drill.id, drill.title, drill.started_at, rate)
            )
    return {who: tuple(found) for who, found in sorted(points.items())}


def write_xlsx(report: AfterActionReport, path: Path) -> None:
    """The workbook: overview, actions, objectives, timeline, improvement plan,
    trend; the drill banner heads every sheet and every printed page."""
    book = Workbook()
    overview = book.active
    assert overview is not None
    overview.title = "概况"

    def when(moment: dt.datetime | None) -> str:
        if moment is None:
            return ""
        return moment.astimezone(report.zone).strftime("%Y-%m-%d %H:%M")

    def sheet(title: str, header: tuple[str, ...]) -> Any:
        made = book.create_sheet(title)
        drill_banner(made, report.banner)
        header_row(made, header)
        return made

    drill_banner(overview, report.banner)
    for row in (
        ("演练编号", report.drill_id),
        ("演练名称", report.title),
        ("脚本", report.scenario),
        ("预案与起始级别", report.plan),
        ("方式", "突袭式" if report.mode == "unannounced" else "预先通知"),
        ("状态", report.state.value),
        ("导调", report.controller),
        ("开始", when(report.started_at)),
        ("结束", when(report.ended_at)),
        ("演练时长(分钟)", round(report.drill_seconds / 60, 1)),
        ("已发注入 / 全部", f"{report.injects_sent} / {report.injects_total}"),
        ("报告生成时间", when(report.taken_at)),
    ):
        overview.append(row)
    overview.column_dimensions["A"].width = 22
    overview.column_dimensions["B"].width = 60
    actions = sheet(
        "预期行动",
        (
            "注入",
            "注入内容",
            "预期行动",
            "责任方",
            "动作",
            "目标",
            "权重",
            "时限(分钟)",
            "实际(分钟)",
            "执行人",
            "自动评级",
            "评级",
            "评估说明",
            "评估人",
        ),
    )
    for a in report.actions:
        actions.append(
            (
                a.inject,
                a.inject_title,
                a.expectation,
                a.who,
                a.action,
                a.objective,
                a.weight,
                a.target_minutes,
                None if a.observed_minutes is None else round(a.observed_minutes, 1),
                a.done_by,
                "" if a.automatic is None else a.automatic.value,
                "" if a.rating is None else a.rating.value,
                a.note,
                a.evaluator,
            )
        )
    objectives = sheet(
        "目标", ("目标", "内容", "考核指标", "预期行动", "按时", "P/S/M/U", "得分")
    )
    for o in report.objectives:
        objectives.append(
            (
                o.id,
                o.text,
                o.indicator,
                o.actions,
                o.on_target,
                "/".join(str(o.ratings.get(r.value, 0)) for r in Rating),
                None if o.score is None else round(o.score * 100),
            )
        )
    timeline = sheet("时间线", ("演练时间", "实际时间", "操作人", "事件", "内容"))
    for t in report.timeline:
        timeline.append(
            (
                drill_clock(t.drill_t),
                when(t.at),
                t.actor,
                t.kind,
                "；".join(f"{k}={v}" for k, v in t.payload.items()),
            )
        )
    plan = sheet(
        "整改计划", ("序号", "问题", "整改措施", "责任部门", "期限", "完成", "说明")
    )
    for i in report.improvements:
        plan.append(
            (
                i.item,
                i.finding,
                i.action,
                i.department,
                i.due.isoformat(),
                "是" if i.done else "否",
                i.note,
            )
        )
    trend = sheet("趋势", ("责任方", "演练", "开始", "按时率(%)"))
    for who, points in report.trend.items():
        for point in points:
            trend.append(
                (who, point.title, when(point.started_at), round(point.rate * 100))
            )
    book.save(path)


def drill_clock(seconds: float) -> str:
    """Drill time as `h:mm:ss`."""
    whole = max(0, int(seconds))
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
