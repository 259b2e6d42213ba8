"""Gap-free document numbers per site, prefix and year: ``ORD-2026-00042``."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction

from .models import NumberSeries


def next_number(prefix: str, on: datetime.date) -> str:
    """Take the next number of the series; call inside the transaction that saves the
    document, so a rolled-back save gives the number back."""
    with transaction.atomic():
        series = _locked_series(prefix, on.year)
        series.last_number += 1
        series.save(update_fields=["last_number"])
    return format_number(prefix, on.year, series.last_number)


def format_number(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:05d}"


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
