"""The evaluation report: its numbers are the KPI engine's, the league table is
ranked, and the XLSX opens with the same numbers in Chinese (or English)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import load_workbook

from commandcenter.services.evaluation.kpi import KpiRow, PeriodKind
from commandcenter.services.evaluation.report import (
    build_report,
    league_order,
    report_json,
    write_xlsx,
)
from tests.services.factories import DAY, a_day_of_cases

if TYPE_CHECKING:
    from pathlib import Path

    from commandcenter.services.container import Services
    from tests.conftest import Clock


def test_the_report_carries_the_kpis_and_the_overdue_list(
    services: Services, clock: Clock
) -> None:
    a_day_of_cases(services, clock)
    report = build_report(services, PeriodKind.DAY, DAY)
    data = report_json(report)
    assert data["title"] == f"{report.district} 网格化管理日综合评价报告"
    assert report.district
    assert data["period"]["text"] == "2026-11-23"
    assert data["headline"]["reported"] == 6
    assert data["headline"]["on_time_rate"] == round(1 / 3, 4)
    assert data["headline"]["handling_mean_hours"] == 0.8  # 0 and 90 minutes
    assert data["headline"]["closure_p90_hours"] == 1.5
    assert data["before"]["handling_median_hours"] is None  # nothing handled
    assert data["before"]["reported"] == 0  # the Sunday before
    assert [case["overdue_hours"] for case in data["overdue"]] == [1.0]  # B
    assert sum(e["closures_due"] for e in data["league"]) == 4
    assert [e["rank"] for e in data["league"]] == list(
        range(1, len(data["league"]) + 1)
    )


def test_the_league_puts_the_best_on_time_rate_first() -> None:
    good = KpiRow("B", "好", closures_due=4, closed_due=4, on_time=4)
    worse = KpiRow("A", "差", closures_due=4, closed_due=4, on_time=2)
    idle = KpiRow("0", "无", dispatched=1)
    assert [r.key for r in league_order((idle, worse, good))] == ["B", "A", "0"]


def test_the_xlsx_opens_with_one_sheet_per_table(
    services: Services, clock: Clock, tmp_path: Path
) -> None:
    a_day_of_cases(services, clock)
    report = build_report(services, PeriodKind.MONTH, DAY)
    path = tmp_path / "report.xlsx"
    write_xlsx(report, path)
    book = load_workbook(path)
    assert book.sheetnames == ["概览", "部门排名", "街道", "案件类别", "超期案件"]
    summary = book["概览"]
    values = {
        row[0].value: row[1]
        for row in summary.iter_rows(min_row=6)
        if row[0].value is not None
    }
    assert values["上报"].value == 6
    assert values["结案率"].value == round(2 / 3, 4)
    assert values["结案率"].number_format == "0.00%"
    assert values["结案用时P90(工时)"].value == 1.5
    overdue = book["超期案件"]
    assert overdue.cell(row=1, column=1).value == "案件编号"
    assert overdue.max_row == 2  # the header and case B
    league = book["部门排名"]
    assert league.cell(row=1, column=9).value == "按期结案率"
    assert league.max_row == 1 + len(report.league)

    english = tmp_path / "report-en.xlsx"
    write_xlsx(report, english, "en")
    assert load_workbook(english).sheetnames[0] == "Summary"
