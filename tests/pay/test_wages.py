from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra_coop.pay.lines import total
from reintegra_coop.pay.wages import hourly, piece_rate, piece_work

D = Decimal


def test_hourly_wage_is_one_rounded_line_per_rate():
    lines = hourly([(7000, D("31.50")), (140, D("31.50")), (95, D("28.10"))])
    assert [(line.rate, line.quantity, line.amount) for line in lines] == [
        (D("28.10"), D("1.58"), D("44.49")),  # 95 min × 28.10 / 60 = 44.4916…
        (D("31.50"), D("119.00"), D("3748.50")),
    ]
    assert total(lines) == D("3792.99")


def test_a_piece_rate_from_a_time_study_rounds_up_at_the_fourth_decimal():
    rate = piece_rate(D("30.50"), D("7"))  # 4.357142… per unit
    assert rate == D("4.3572")
    assert [(line.quantity, line.amount) for line in piece_work(D("123"), rate)] == [
        (D("123"), D("535.94"))
    ]  # 535.9356


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError):
        piece_rate(D("30"), D("0"))
    with pytest.raises(ValueError):
        piece_work(D("-1"), D("1"))
    with pytest.raises(ValueError):
        hourly([(-5, D("10"))])


@given(
    st.lists(st.tuples(st.integers(0, 20000), st.decimals(D("0"), D("200"), places=2)), max_size=6)
)
def test_hourly_pay_is_never_negative_and_adds_up(rows):
    lines = hourly(rows)
    assert total(lines) >= 0
    assert sum(line.amount for line in lines) == total(lines)
