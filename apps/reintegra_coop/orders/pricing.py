"""Order amounts: pure functions over Decimals, rounded once per line (DESIGN.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from reintegra_coop.core.money import round_money

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class LineAmounts:
    net: Decimal
    vat: Decimal
    gross: Decimal


def line_amounts(
    quantity: Decimal,
    unit_price: Decimal,
    vat_percent: Decimal,
    discount_percent: Decimal = Decimal(0),
    currency: str | None = None,
) -> LineAmounts:
    """net = round(quantity × unit price × (1 − discount));
    VAT = round(net × rate); gross = net + VAT."""
    net = round_money(quantity * unit_price * (HUNDRED - discount_percent) / HUNDRED, currency)
    vat = round_money(net * vat_percent / HUNDRED, currency)
    return LineAmounts(net=net, vat=vat, gross=net + vat)


def totals(lines: Iterable[LineAmounts]) -> LineAmounts:
    """An order's totals: the sums of its rounded lines (never re-rounded)."""
    net = vat = Decimal("0.00")
    for line in lines:
        net += line.net
        vat += line.vat
    return LineAmounts(net=net, vat=vat, gross=net + vat)


def by_rate(lines: Iterable[tuple[Decimal, Decimal, Decimal]]) -> list[dict[str, Decimal]]:
    """(VAT rate, net, VAT) of each line → net, VAT and gross per rate, highest rate first:
    the VAT summary of an invoice, or of a correction's changes."""
    rows: dict[Decimal, dict[str, Decimal]] = {}
    zero = Decimal("0.00")
    for rate, net, vat in lines:
        row = rows.setdefault(rate, {"rate": rate, "net": zero, "vat": zero, "gross": zero})
        row["net"] += net
        row["vat"] += vat
        row["gross"] += net + vat
    return sorted(rows.values(), key=lambda row: -row["rate"])


def list_value(quantity: Decimal, list_price: Decimal, currency: str | None = None) -> Decimal:
    """What an internal (zero-price) line is worth at list price, for reports."""
    return round_money(quantity * list_price, currency)


def labour_cost(
    minutes_by_rate: Iterable[tuple[int, Decimal]], currency: str | None = None
) -> Decimal:
    """Σ round(minutes × hourly rate ÷ 60), one rounded amount per workshop rate."""
    return sum(
        (round_money(Decimal(minutes) * rate / 60, currency) for minutes, rate in minutes_by_rate),
        Decimal("0.00"),
    )
