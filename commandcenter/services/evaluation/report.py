"""The daily, weekly and monthly evaluation report (综合评价报告), as data.

`build_report` gathers what a supervisor reads: the headline numbers against the
period before, the department league table, the street and category breakdowns
and the list of overdue cases. `report_json` and `write_xlsx` put it on paper;
the labels are Chinese unless English is asked for (they are data here, not UI:
the core has no Qt translations).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from commandcenter.models import Area
from commandcenter.models.types import AreaLevel
from commandcenter.services.evaluation.kpi import KpiRow, Period, PeriodKind, Slice

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable
    from pathlib import Path

    from commandcenter.services.evaluation.sources import EvaluationSources

TOP_CATEGORIES = 15
OVERDUE_SHOWN = 200

LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "{district} 网格化管理{kind}综合评价报告",
        "day": "日",
        "week": "周",
        "month": "月度",
        "period": "统计期",
        "generated": "生成时间",
        "headline": "概览",
        "league": "部门排名",
        "streets": "街道",
        "categories": "案件类别",
        "overdue": "超期案件",
        "measure": "指标",
        "this": "本期",
        "before": "上期",
        "change": "变化",
        "rank": "名次",
        "name": "名称",
        "code": "编码",
        "reported": "上报",
        "registered": "立案",
        "voided": "不予立案",
        "dispatched": "派遣",
        "closed": "结案",
        "suspended": "挂账",
        "returned": "退回",
        "reworked": "返工",
        "overdue_now": "当前超期",
        "closures_due": "应结案",
        "postponed": "延期",
        "closed_due": "应结案中已结案",
        "on_time": "按期结案",
        "reworked_due": "应结案中返工",
        "registration_rate": "立案率",
        "closure_rate": "结案率",
        "on_time_rate": "按期结案率",
        "rework_rate": "返工率",
        "handling_mean_hours": "平均处置用时(工时)",
        "handling_median_hours": "处置用时中位数(工时)",
        "handling_p90_hours": "处置用时P90(工时)",
        "closure_mean_hours": "平均结案用时(工时)",
        "closure_median_hours": "结案用时中位数(工时)",
        "closure_p90_hours": "结案用时P90(工时)",
        "number": "案件编号",
        "category": "类别",
        "street": "街道 / 网格",
        "department": "处置部门",
        "deadline": "处置时限",
        "overdue_hours": "超期（小时）",
    },
    "en": {
        "title": "{district} grid management {kind} evaluation report",
        "day": "daily",
        "week": "weekly",
        "month": "monthly",
        "period": "Period",
        "generated": "Generated",
        "headline": "Summary",
        "league": "Departments",
        "streets": "Streets",
        "categories": "Categories",
        "overdue": "Overdue cases",
        "measure": "Measure",
        "this": "This period",
        "before": "Period before",
        "change": "Change",
        "rank": "Rank",
        "name": "Name",
        "code": "Code",
        "reported": "Reported",
        "registered": "Registered",
        "voided": "Voided",
        "dispatched": "Dispatched",
        "closed": "Closed",
        "suspended": "Suspended",
        "returned": "Returned",
        "reworked": "Reworked",
        "overdue_now": "Overdue now",
        "closures_due": "Closures due",
        "postponed": "Postponed",
        "closed_due": "Closed of due",
        "on_time": "Closed on time",
        "reworked_due": "Reworked of due",
        "registration_rate": "Registration rate",
        "closure_rate": "Closure rate",
        "on_time_rate": "On-time closure rate",
        "rework_rate": "Rework rate",
        "handling_mean_hours": "Handling time, mean (working h)",
        "handling_median_hours": "Handling time, median (working h)",
        "handling_p90_hours": "Handling time, P90 (working h)",
        "closure_mean_hours": "Closure time, mean (working h)",
        "closure_median_hours": "Closure time, median (working h)",
        "closure_p90_hours": "Closure time, P90 (working h)",
        "number": "Case",
        "category": "Category",
        "street": "Street / grid",
        "department": "Department",
        "deadline": "Deadline",
        "overdue_hours": "Overdue (hours)",
    },
}
RATES = ("registration_rate", "closure_rate", "on_time_rate", "rework_rate")
TIMES = (
    "handling_mean_hours",
    "handling_median_hours",
    "handling_p90_hours",
    "closure_mean_hours",
    "closure_median_hours",
    "closure_p90_hours",
)
"""In working hours, to a tenth."""
HEADLINE = (
    "reported",
    "registered",
    "voided",
    "dispatched",
    "closed",
    "overdue_now",
    "closures_due",
    "postponed",
    "on_time",
    "returned",
    "reworked",
)
LEAGUE_COLUMNS = (
    "dispatched",
    "closures_due",
    "postponed",
    "closed_due",
    "on_time",
    "on_time_rate",
    "closure_rate",
    "rework_rate",
    "handling_median_hours",
    "handling_p90_hours",
    "returned",
    "overdue_now",
)
STREET_COLUMNS = (
    "reported",
    "registered",
    "registration_rate",
    "closed",
    "closure_rate",
    "on_time_rate",
    "overdue_now",
)
CATEGORY_COLUMNS = ("reported", "registered", "closed", "closures_due", "overdue_now")


@dataclass(frozen=True, slots=True)
class OverdueCase:
    number: str
    category: str
    place: str
    department: str
    deadline: dt.datetime
    overdue_hours: float


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    district: str
    period: Period
    generated_at: dt.datetime
    zone: str
    headline: KpiRow
    before: KpiRow
    league: tuple[KpiRow, ...]  # best first
    streets: tuple[KpiRow, ...]
    categories: tuple[KpiRow, ...]  # most reported first
    overdue: tuple[OverdueCase, ...]  # longest overdue first


def league_order(rows: tuple[KpiRow, ...]) -> tuple[KpiRow, ...]:
    """Best first: on-time rate, then closure rate, then more closures due.
    Departments with nothing due this period come last, by code."""

    def key(row: KpiRow) -> tuple[int, float, float, int, str]:
        on_time, closure = row.on_time_rate, row.closure_rate
        return (
            0 if on_time is not None else 1,
            -(on_time or 0.0),
            -(closure or 0.0),
            -row.closures_due,
            row.key,
        )

    return tuple(sorted(rows, key=key))


def build_report(
    services: EvaluationSources, kind: PeriodKind, day: dt.date
) -> EvaluationReport:
    kpis = services.kpis
    zone = kpis.zone()
    period = Period.of(kind, day, zone)
    now = services.clock()
    categories = sorted(
        kpis.table(period, Slice.CATEGORY).rows, key=lambda r: (-r.reported, r.key)
    )
    overdue = tuple(
        OverdueCase(
            number=row.number,
            category=row.category_name,
            place=f"{row.street_name} {row.grid_code}",
            department=row.department_name or "",
            deadline=row.deadline_at,
            overdue_hours=round((now - row.deadline_at).total_seconds() / 3600, 1),
        )
        for row in services.queries.overdue(OVERDUE_SHOWN)
        if row.deadline_at is not None
    )
    return EvaluationReport(
        district=district_name(services),
        period=period,
        generated_at=now,
        zone=str(zone),
        headline=kpis.district(period),
        before=kpis.district(period.previous(zone)),
        league=league_order(kpis.table(period, Slice.DEPARTMENT).rows),
        streets=kpis.table(period, Slice.STREET).rows,
        categories=tuple(categories[:TOP_CATEGORIES]),
        overdue=overdue,
    )


def district_name(services: EvaluationSources) -> str:
    """The district's own name (徐汇区), from its territory."""
    with services.db.read() as session:
        name = session.execute(
            select(Area.name).where(Area.level == AreaLevel.DISTRICT.value).limit(1)
        ).scalar_one_or_none()
    return name or ""


def title(report: EvaluationReport, lang: str) -> str:
    words = LABELS[lang]
    return words["title"].format(
        district=report.district, kind=words[report.period.kind.value]
    )


def _period_text(report: EvaluationReport) -> str:
    """`2026-11-23`, or `2026-11-01 – 2026-11-30` for longer periods."""
    period = report.period
    last = (period.end.astimezone(ZoneInfo(report.zone)) - timedelta(days=1)).date()
    first = period.first_day.isoformat()
    return first if last == period.first_day else f"{first} – {last.isoformat()}"


def _value(row: KpiRow, name: str) -> int | float | None:
    value: int | float | None = getattr(row, name)
    if not isinstance(value, float):
        return value
    return round(value, 1 if name in TIMES else 4)


def _table(rows: tuple[KpiRow, ...], columns: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {"code": row.key, "name": row.name, **{c: _value(row, c) for c in columns}}
        for row in rows
    ]


def report_json(report: EvaluationReport, lang: str = "zh_CN") -> dict[str, Any]:
    """The report as JSON-ready data (rates are fractions, None when undefined)."""
    measures = (*HEADLINE, *RATES, *TIMES)
    return {
        "title": title(report, lang),
        "district": report.district,
        "period": {
            "kind": report.period.kind.value,
            "first_day": report.period.first_day.isoformat(),
            "text": _period_text(report),
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
        },
        "generated_at": report.generated_at.isoformat(),
        "headline": {m: _value(report.headline, m) for m in measures},
        "before": {m: _value(report.before, m) for m in measures},
        "league": [
            {"rank": rank, **entry}
            for rank, entry in enumerate(_table(report.league, LEAGUE_COLUMNS), 1)
        ],
        "streets": _table(report.streets, STREET_COLUMNS),
        "categories": _table(report.categories, CATEGORY_COLUMNS),
        "overdue": [
            {
                "number": case.number,
                "category": case.category,
                "place": case.place,
                "department": case.department,
                "deadline": case.deadline.isoformat(),
                "overdue_hours": case.overdue_hours,
            }
            for case in report.overdue
        ],
    }


# -- XLSX ----------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_PERCENT = "0.00%"


def write_xlsx(report: EvaluationReport, path: Path, lang: str = "zh_CN") -> None:
    """One sheet per table, headers styled and frozen, rates as percentages."""
    words = LABELS[lang]
    data = report_json(report, lang)
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = words["headline"]
    summary.append([data["title"]])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([words["period"], data["period"]["text"]])
    summary.append([words["generated"], f"{report.generated_at:%Y-%m-%d %H:%M} UTC"])
    measures = (*HEADLINE, *RATES, *TIMES)
    _sheet_table(
        summary,
        [words["measure"], words["this"], words["before"], words["change"]],
        [
            [words[m], data["headline"][m], data["before"][m], _change(data, m)]
            for m in measures
        ],
        is_percent=lambda row, column: column > 0 and measures[row] in RATES,
        first_row=5,
    )
    league = book.create_sheet(words["league"])
    _keyed_table(
        league,
        words,
        ("rank", "code", "name", *LEAGUE_COLUMNS),
        data["league"],
    )
    _keyed_table(
        book.create_sheet(words["streets"]),
        words,
        ("code", "name", *STREET_COLUMNS),
        data["streets"],
    )
    _keyed_table(
        book.create_sheet(words["categories"]),
        words,
        ("code", "name", *CATEGORY_COLUMNS),
        data["categories"],
    )
    zone = ZoneInfo(report.zone)
    _sheet_table(
        book.create_sheet(words["overdue"]),
        [
            words[c]
            for c in (
                "number",
                "category",
                "street",
                "department",
                "deadline",
                "overdue_hours",
            )
        ],
        [
            [
                c.number,
                c.category,
                c.place,
                c.department,
                c.deadline.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                c.overdue_hours,
            ]
            for c in report.overdue
        ],
        is_percent=lambda _row, _column: False,
    )
    book.save(path)


def _keyed_table(
    sheet: Any, words: dict[str, str], keys: tuple[str, ...], entries: list[Any]
) -> None:
    """A table of JSON entries, one column per key, rates as percentages."""
    _sheet_table(
        sheet,
        [words[key] for key in keys],
        [[entry[key] for key in keys] for entry in entries],
        is_percent=lambda _row, column: keys[column] in RATES,
    )


def _change(data: dict[str, Any], measure: str) -> int | float | None:
    now: float | None = data["headline"][measure]
    before: float | None = data["before"][measure]
    if now is None or before is None:
        return None
    return round(now - before, 4)


def _sheet_table(
    sheet: Any,
    header: list[str],
    rows: list[list[Any]],
    is_percent: Callable[[int, int], bool],
    first_row: int = 1,
) -> None:
    """A header row (styled, frozen) and the rows; every column as wide as its
    longest text (CJK characters count double)."""
    for column, text in enumerate(header, start=1):
        cell = sheet.cell(row=first_row, column=column, value=text)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = sheet.cell(row=first_row + 1 + r, column=c + 1, value=value)
            if is_percent(r, c):
                cell.number_format = _PERCENT
    sheet.freeze_panes = sheet.cell(row=first_row + 1, column=1)
    for c in range(len(header)):
        texts = [header[c], *("" if r[c] is None else str(r[c]) for r in rows)]
        width = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in t) for t in texts)
        sheet.column_dimensions[get_column_letter(c + 1)].width = min(60, width + 2)
