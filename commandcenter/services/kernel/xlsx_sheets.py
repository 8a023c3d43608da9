"""What every workbook the product writes shares: a styled header row, and a
drill's banner heading each sheet and each printed page (PRODUCT §6)."""

from __future__ import annotations

from typing import Any

from openpyxl.styles import Font, PatternFill

HEADER_BLUE = "1F4E79"
DRILL_RED = "C62828"


def header_row(sheet: Any, names: tuple[str, ...]) -> None:
    """Append `names` as a bold white-on-blue header, each column wide enough."""
    sheet.append(names)
    row = sheet.max_row
    for cell in sheet[row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=HEADER_BLUE)
    for index, name in enumerate(names):
        letter = sheet.cell(row=row, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = max(10, len(name) * 2 + 2)


def drill_banner(sheet: Any, text: str) -> None:
    """The banner as the sheet's next row (white on red) and its printed header."""
    sheet.oddHeader.center.text = text
    sheet.evenHeader.center.text = text
    sheet.append((text,))
    cell = sheet.cell(row=sheet.max_row, column=1)
    cell.font = Font(bold=True, color="FFFFFF")
    cell.fill = PatternFill("solid", fgColor=DRILL_RED)
