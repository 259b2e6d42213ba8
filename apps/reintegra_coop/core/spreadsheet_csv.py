"""CSV files that open right in the reader's spreadsheet: a Polish or Czech Excel expects `;`
between cells and a decimal comma, and reads UTF-8 only after a byte-order mark. Dates stay
ISO (2026-11-23), which every spreadsheet reads as a date whatever its language."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import translation

BOM = "\ufeff"
# language → (cell separator, decimal mark)
CONVENTIONS = {"pl": (";", ","), "cs": (";", ",")}
Cell = str | int | Decimal | datetime.date | None


def conventions() -> tuple[str, str]:
    return CONVENTIONS.get((translation.get_language() or "en")[:2], (",", "."))


def cell(value: Cell, decimal_mark: str) -> str:
    """A value as its cell: amounts with the reader's decimal mark and no thousands grouping."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", decimal_mark)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    separator, decimal_mark = conventions()
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value, decimal_mark) for value in row])
    return out.getvalue()


def csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
