"""Gap-free document numbers per site, prefix and year: ``ORD-2026-00042``."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, connection, connections, router, transaction

from .models import NumberSeries


def next_number(prefix: str, on: datetime.date) -> str:
    """Take the next number of the series; call inside the transaction that saves the
    document, so a rolled-back save gives the number back (no gaps)."""
    _ensure_series_exists(prefix, on.year)
    with transaction.atomic():
        series = _locked_series(prefix, on.year)
        series.last_number += 1
        series.save(update_fields=["last_number"])
    return format_number(prefix, on.year, series.last_number)


def format_number(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:05d}"


def _ensure_series_exists(prefix: str, year: int) -> None:
    """On MariaDB, create a new series row in its own committed statement.

    Two transactions that both insert the first row of a series (the first order of a year)
    deadlock on InnoDB's duplicate-key locks. Inserting it on a separate, autocommitting
    connection means the document's own transaction only ever locks an existing row.
    SQLite serialises writers, so the in-transaction path below is enough there.
    """
    if connection.vendor != "mysql":
        return
    if NumberSeries.objects.filter(prefix=prefix, year=year).exists():
        return
    side = connections.create_connection(router.db_for_write(NumberSeries))  # the site's
    try:
        with side.cursor() as cursor:
            cursor.execute(
                f"INSERT IGNORE INTO {NumberSeries._meta.db_table} (prefix, year, last_number) "  # noqa: S608 - the table name is ours
                "VALUES (%s, %s, 0)",
                [prefix, year],
            )
    finally:
        side.close()


def _locked_series(prefix: str, year: int) -> NumberSeries:
    series = NumberSeries.objects.select_for_update().filter(prefix=prefix, year=year).first()
    if series is not None:
        return series
    try:
        with transaction.atomic():
            return NumberSeries.objects.create(prefix=prefix, year=year)
    except IntegrityError:
        # Another request created the series between our read and our insert.
        return NumberSeries.objects.select_for_update().get(prefix=prefix, year=year)
