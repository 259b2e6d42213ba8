"""Money is Decimal, never float; rounding is half up to the currency's minor unit, once per
line (DESIGN.md, "Calculation rules")."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from babel.numbers import format_currency, format_decimal
from django.db import models

from .formatting import reader_locale
from .sites import site_setting

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MINOR_UNITS = {"PLN": Decimal("0.01"), "CZK": Decimal("0.01"), "EUR": Decimal("0.01")}


class MoneyError(ValueError):
    """A value that cannot be an amount of money (a float, or not a number)."""


def site_currency() -> str:
    return str(site_setting("CURRENCY", "PLN"))


def to_decimal(value: Decimal | int | str) -> Decimal:
    """Accept Decimal, int or a numeric string; refuse floats, which cannot hold 0.10 exactly."""
    if isinstance(value, float):
        raise MoneyError("money must not be a float; pass a Decimal or a string")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise MoneyError(f"{value!r} is not an amount") from None
    if not result.is_finite():
        raise MoneyError(f"{value!r} is not an amount")
    return result


def round_money(amount: Decimal | int | str, currency: str | None = None) -> Decimal:
    """Round half up to the currency's minor unit (0.01 for PLN, CZK and EUR)."""
    unit = MINOR_UNITS[currency or site_currency()]
    return to_decimal(amount).quantize(unit, rounding=ROUND_HALF_UP)


def round_up(amount: Decimal | int | str, places: int) -> Decimal:
    """Round up (towards +infinity) at the given decimal place, as piece rates are."""
    return to_decimal(amount).quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)


def format_money(amount: Decimal | int | str, currency: str | None = None) -> str:
    """The amount as people read it in the active language: 1 234,50 zł / €1,234.50."""
    return format_currency(to_decimal(amount), currency or site_currency(), locale=reader_locale())


def format_quantity(value: Decimal | int | str) -> str:
    """A quantity as people read it: 40 kg, 12,5 m (no trailing zeros, no exponent)."""
    return format_decimal(to_decimal(value), format="#,##0.###", locale=reader_locale())


def quantity_field(verbose_name: StrOrPromise, **options: Any) -> models.DecimalField:
    """A quantity (kg, pieces, hours, m²) to the gram: up to 999,999,999.999."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=3, **options)


MONEY_MAX = Decimal("9999999999.99")  # the largest amount a money column holds


def money_field(verbose_name: StrOrPromise, **options: Any) -> models.DecimalField:
    """A Decimal column wide enough for a cooperative's amounts (up to 9,999,999,999.99)."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **options)
