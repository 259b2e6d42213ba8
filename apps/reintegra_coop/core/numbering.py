"""Gap-free document numbers per site, prefix and year: ``ORD-2026-00042``."""

from __future__ import annotations

import datetime

from sequences import get_next_value  # type: ignore[import-untyped]  # no py.typed


def next_number(prefix: str, on: datetime.date) -> str:
    """Take the next number of the series; call inside the transaction that saves the
    document, so a rolled-back save gives the number back (no gaps)."""
    return format_number(prefix, on.year, get_next_value(f"{prefix}-{on.year}"))


def format_number(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:05d}"
