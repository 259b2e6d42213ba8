"""The month's approved hours by trainee and workshop, for the accounting office and the
funder: one row per trainee and workshop with the days worked, minutes and hours (two
decimals), and a totals row (CSV in the reader's conventions, and XLSX)."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum

from reintegra_coop.core.dates import month_bounds
from reintegra_coop.core.spreadsheet_csv import Cell, write_csv
from reintegra_coop.core.spreadsheet_xlsx import write_xlsx

from .querysets import WorkLogQuerySet

COLUMNS = ["month", "trainee", "card_number", "workshop", "days", "minutes", "hours"]


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def hours_rows(logs: WorkLogQuerySet, month: datetime.date) -> list[list[Cell]]:
    """``logs``: the work logs the reader may see; only approved time worked counts."""
    first, last = month_bounds(month)
    grouped = (
        logs.current()
        .approved()
        .working()
        .between(first, last)
        .values(
            "trainee__first_name",
            "trainee__last_name",
            "trainee__card_number",
            "workshop__name",
        )
        .annotate(days=Count("date", distinct=True), minutes=Sum("minutes"))
        .order_by("trainee__last_name", "trainee__first_name", "trainee", "workshop__name")
    )
    return [
        [
            f"{month:%Y-%m}",
            f"{row['trainee__first_name']} {row['trainee__last_name']}",
            row["trainee__card_number"] or "",
            row["workshop__name"],
            row["days"],
            row["minutes"],
            hours(row["minutes"]),
        ]
        for row in grouped
    ]


def hours_csv(rows: list[list[Cell]]) -> str:
    return write_csv(COLUMNS, rows)


def hours_xlsx(rows: list[list[Cell]]) -> bytes:
    minutes = sum(row[5] for row in rows if isinstance(row[5], int))
    totals: list[Cell] = [None, "total", None, None, None, minutes, hours(minutes)]
    return write_xlsx("hours", COLUMNS, [*rows, totals], bold_last=True)
