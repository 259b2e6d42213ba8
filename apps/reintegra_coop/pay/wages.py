"""Hourly wages and piece rates: pure calculations (DESIGN.md, "Calculation rules")."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from reintegra_coop.core.money import round_money, round_up

from .lines import PayLine


def hourly(minutes_and_rates: Iterable[tuple[int, Decimal]]) -> list[PayLine]:
    """One line per hourly rate: round(minutes × rate ÷ 60). The minutes are the period's
    approved paid-work minutes (and training minutes when the scheme counts them)."""
    by_rate: dict[Decimal, int] = defaultdict(int)
    for minutes, rate in minutes_and_rates:
        if minutes < 0:
            raise ValueError("minutes cannot be negative")
        by_rate[rate] += minutes
    return [
        PayLine(
            "hourly_wage",
            round_money(Decimal(minutes) * rate / 60),
            (Decimal(minutes) / 60).quantize(Decimal("0.01")),
            rate,
        )
        for rate, minutes in sorted(by_rate.items())
        if minutes
    ]


def piece_rate(reference_hourly_wage: Decimal, standard_units_per_hour: Decimal) -> Decimal:
    """rate = reference hourly wage ÷ standard units per hour (a time study), rounded up at
    the 4th decimal."""
    if standard_units_per_hour <= 0:
        raise ValueError("the standard units per hour must be more than zero")
    return round_up(reference_hourly_wage / standard_units_per_hour, 4)


def piece_work(units: Decimal, rate: Decimal) -> list[PayLine]:
    if units < 0:
        raise ValueError("units cannot be negative")
    if not units:
        return []
    return [PayLine("piece_rate", round_money(units * rate), units, rate)]
