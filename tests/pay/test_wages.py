from decimal import ROUND_HALF_UP, Decimal

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
def test_hourly_pay_is_one_line_per_paid_rate_each_rounded_once(rows):
    lines = hourly(rows)
    minutes_at: dict = {}
    for minutes, rate in rows:
        minutes_at[rate] = minutes_at.get(rate, 0) + minutes
    paid = {rate: minutes for rate, minutes in minutes_at.items() if minutes}
    assert [line.rate for line in lines] == sorted(paid)
    for line in lines:
        exact = D(paid[line.rate]) * line.rate / 60
        assert line.amount == exact.quantize(D("0.01"), rounding=ROUND_HALF_UP)
    exact_total = sum((D(m) * r / 60 for r, m in paid.items()), D(0))
    assert abs(total(lines) - exact_total) <= D("0.005") * len(lines)


def test_no_minutes_or_no_units_make_no_line_and_less_than_none_is_refused():
    assert hourly([(0, D("31.50"))]) == []
    assert piece_work(D("0"), D("4.3572")) == []
    with pytest.raises(ValueError, match="minutes cannot be negative"):
        hourly([(-1, D("31.50"))])
    with pytest.raises(ValueError, match="units cannot be negative"):
        piece_work(D("-1"), D("4.3572"))


def test_wage_lines_in_full_and_the_messages_of_refusals():
    [line] = hourly([(90, D("30.00"))])
    assert (line.code, line.amount, line.quantity, line.rate) == (
        "hourly_wage",
        D("45.00"),
        D("1.50"),
        D("30.00"),
    )
    [piece] = piece_work(D("10"), D("4.3572"))
    assert (piece.code, piece.amount, piece.quantity, piece.rate) == (
        "piece_rate",
        D("43.57"),
        D("10"),
        D("4.3572"),
    )
    assert piece_rate(D("30.50"), D("1")) == D("30.5000")  # one unit an hour is a rate too
    with pytest.raises(ValueError, match=r"^minutes cannot be negative$"):
        hourly([(-5, D("30.00"))])
    with pytest.raises(ValueError, match=r"^units cannot be negative$"):
        piece_work(D("-0.5"), D("1"))
    with pytest.raises(ValueError, match=r"^the standard units per hour must be more than zero$"):
        piece_rate(D("30.50"), D("0"))
