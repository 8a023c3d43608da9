"""`commandcenter report`: the evaluation report (综合评价)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from commandcenter.cli._services import services
from commandcenter.cli.progress import TerminalProgress
from commandcenter.services.kernel.progress import Progress, Silent

if TYPE_CHECKING:
    from commandcenter.cli._parsing import Subcommands
    from commandcenter.services.evaluation.api import (
        EvaluationReport,
    )


def register(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    report = sub.add_parser(
        "report",
        parents=[common],
        help="the daily, weekly or monthly evaluation report (综合评价)",
    )
    report.add_argument("--period", choices=["day", "week", "month"], default="day")
    report.add_argument(
        "--date", type=_date, help="a day in the period (default: today, district time)"
    )
    report.add_argument("--format", choices=["xlsx", "pdf", "json"], default="xlsx")
    report.add_argument(
        "--out",
        metavar="FILE",
        help="default: evaluation-PERIOD-DAY.FORMAT (JSON: standard output)",
    )
    report.add_argument(
        "--lang", choices=["zh_CN", "en"], default="zh_CN", help="labels (Chinese)"
    )
    report.set_defaults(handler=_cmd_report)


def _date(text: str) -> object:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"not a date (YYYY-MM-DD): {text!r}"
        ) from error


def _cmd_report(args: argparse.Namespace) -> int:
    from commandcenter.services.evaluation.api import (
        PeriodKind,
        build_report,
        report_json,
        write_xlsx,
    )

    to_stdout = args.format == "json" and not args.out
    progress: Progress = Silent() if to_stdout else TerminalProgress()
    with services(args) as opened:
        day = args.date or opened.clock().astimezone(opened.kpis.zone()).date()
        progress.stage(f"counting the {args.period} of {day}")
        report = build_report(opened, PeriodKind(args.period), day)
    if args.format != "json":
        progress.stage(f"writing the {args.format.upper()} report")
    if args.format == "json":
        text = json.dumps(report_json(report, args.lang), ensure_ascii=False, indent=1)
        if not args.out:
            print(text)
            return 0
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
        return 0
    name = f"evaluation-{args.period}-{report.period.first_day}.{args.format}"
    out = Path(args.out or name)
    if args.format == "xlsx":
        write_xlsx(report, out, args.lang)
    else:
        _write_pdf(report, out, args.lang)
    print(f"wrote {out}")
    return 0


def _write_pdf(report: EvaluationReport, out: Path, lang: str) -> None:
    """Qt lays the PDF out (cli/_qt.py)."""
    from commandcenter.cli._qt import gui_application
    from commandcenter.views.statistics.report_pdf import write_pdf

    _app = gui_application()  # kept alive while painting
    write_pdf(report, out, lang)
