"""The evaluation report as a PDF: Qt lays it out in a CJK font, and the text
read back from the file is the report's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pypdf import PdfReader

from commandcenter.services.evaluation.kpi import PeriodKind
from commandcenter.services.evaluation.report import build_report
from commandcenter.views.statistics.report_pdf import write_pdf
from tests.services.factories import DAY, a_day_of_cases

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services
    from tests.conftest import Clock


def test_the_pdf_reads_back_in_chinese_and_english(
    services: Services, clock: Clock, qtbot: QtBot, tmp_path: Path
) -> None:
    a_day_of_cases(services, clock)
    report = build_report(services, PeriodKind.DAY, DAY)
    path = tmp_path / "day.pdf"
    pages = write_pdf(report, path)
    reader = PdfReader(path)
    assert len(reader.pages) == pages >= 3  # summary, streets, categories
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in (
        "网格化管理日综合评价报告",  # the title, as text: the CJK font is embedded
        "按期结案率",
        "33.33%",  # 1 of 3 on time
        "66.67%",  # 结案率 2 of 3
        report.overdue[0].number,  # case B
    ):
        assert expected in text, expected
    assert report.district in text

    english = tmp_path / "day-en.pdf"
    write_pdf(report, english, "en")
    words = " ".join(PdfReader(english).pages[0].extract_text().split())  # tabs
    assert "On-time closure rate" in words
