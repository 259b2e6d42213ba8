"""XLSX files with typed cells (openpyxl): amounts are numbers shown with two decimals, dates
are dates, a bold header and a frozen first row — a spreadsheet the accountant sums, not text."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from .spreadsheet_csv import Cell

MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def write_xlsx(
    title: str, header: Sequence[str], rows: Iterable[Sequence[Cell]], bold_last: bool = False
) -> bytes:
    """One sheet; ``bold_last`` marks the last row as the totals row."""
    book = Workbook()
    sheet = book.create_sheet(index=0)
    book.remove(book.worksheets[1])  # the empty default sheet
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([value for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, bool):
                continue
            if isinstance(cell.value, int):
                cell.number_format = COUNT_FORMAT  # days, counts: whole numbers
            elif isinstance(cell.value, Decimal | float):
                cell.number_format = MONEY_FORMAT
            elif isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
    if bold_last and sheet.max_row > 1:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
