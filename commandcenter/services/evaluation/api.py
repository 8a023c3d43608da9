"""Evaluation (综合评价): KPIs, statistics, reports, the big screen's numbers.

What other features and layers may use of this feature: everything outside
`services/evaluation/` imports from here, never from the modules behind it (an
import-linter contract holds this)."""

from commandcenter.services.evaluation.big_screen import (
    WallSnapshot,
    take_snapshot,
)
from commandcenter.services.evaluation.kpi import (
    HourlyTrend,
    KpiRow,
    Kpis,
    PeriodKind,
)
from commandcenter.services.evaluation.report import (
    CATEGORY_COLUMNS,
    HEADLINE,
    LABELS,
    LEAGUE_COLUMNS,
    RATES,
    STREET_COLUMNS,
    TIMES,
    EvaluationReport,
    build_report,
    report_json,
    write_xlsx,
)
from commandcenter.services.evaluation.statistics import (
    HANDLING_EDGES_HOURS,
    Statistics,
    take_statistics,
)

__all__ = [
    "CATEGORY_COLUMNS",
    "HANDLING_EDGES_HOURS",
    "HEADLINE",
    "LABELS",
    "LEAGUE_COLUMNS",
    "RATES",
    "STREET_COLUMNS",
    "TIMES",
    "EvaluationReport",
    "HourlyTrend",
    "KpiRow",
    "Kpis",
    "PeriodKind",
    "Statistics",
    "WallSnapshot",
    "build_report",
    "report_json",
    "take_snapshot",
    "take_statistics",
    "write_xlsx",
]
