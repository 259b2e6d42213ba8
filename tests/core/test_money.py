from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from reintegra_coop.core.money import MoneyError, format_money, round_money, round_up


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("2.675", "2.68"),
        ("-0.005", "-0.01"),
        ("1234.5", "1234.50"),
        (7, "7.00"),
    ],
)
def test_money_rounds_half_up_to_the_grosz(amount, rounded):
    assert round_money(amount, "PLN") == Decimal(rounded)


def test_money_refuses_floats():
    with pytest.raises(MoneyError):
        round_money(0.1, "PLN")  # type: ignore[arg-type]


def test_money_refuses_text_that_is_not_a_number():
    with pytest.raises(MoneyError):
        round_money("ten", "PLN")


def test_a_piece_rate_rounds_up_at_the_fourth_decimal():
    assert round_up(Decimal("30.50") / 7, 4) == Decimal("4.3572")
    assert round_up(Decimal("1.00001"), 4) == Decimal("1.0001")
    assert round_up(Decimal("2.5"), 4) == Decimal("2.5000")


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=6))
def test_rounding_never_moves_an_amount_by_more_than_half_a_grosz(amount):
    rounded = round_money(amount, "EUR")
    assert abs(rounded - amount) <= Decimal("0.005")
    assert rounded == rounded.quantize(Decimal("0.01"))


def test_money_is_shown_in_the_active_language():
    with translation.override("pl"):
        polish = format_money(Decimal("1234.5"), "PLN")
    with translation.override("en"):
        english = format_money(Decimal("1234.5"), "EUR")
    assert polish.replace("\xa0", " ") == "1 234,50 zł"
    assert english == "€1,234.50"
