"""Order amounts: exact Decimals, rounded half up once per line; totals are sums of lines."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra_coop.orders.pricing import LineAmounts, labour_cost, line_amounts, totals

D = Decimal


@pytest.mark.parametrize(
    ("quantity", "price", "vat", "discount", "expected"),
    [
        ("1", "0.01", "23", "0", ("0.01", "0.00", "0.01")),
        ("3", "0.35", "23", "0", ("1.05", "0.24", "1.29")),
        ("0.333", "2.99", "8", "7.5", ("0.92", "0.07", "0.99")),  # 0.92096… → 0.92
        ("12.5", "38.00", "23", "0", ("475.00", "109.25", "584.25")),
        ("30", "4.00", "5", "10", ("108.00", "5.40", "113.40")),
        ("2", "0.125", "0", "0", ("0.25", "0.00", "0.25")),
        ("1", "0.005", "23", "0", ("0.01", "0.00", "0.01")),  # half up, not to even
        ("7", "19.99", "23", "100", ("0.00", "0.00", "0.00")),
    ],
)
def test_awkward_lines_round_half_up_once(quantity, price, vat, discount, expected):
    amounts = line_amounts(D(quantity), D(price), D(vat), D(discount), "PLN")
    assert (amounts.net, amounts.vat, amounts.gross) == tuple(D(x) for x in expected)


quantities = st.decimals(min_value=D("0.001"), max_value=D("10000"), places=3)
prices = st.decimals(min_value=D("0"), max_value=D("100000"), places=2)
vat_rates = st.sampled_from([D("23"), D("8"), D("5"), D("0"), D("21"), D("12")])
discounts = st.decimals(min_value=D("0"), max_value=D("100"), places=2)


@given(st.lists(st.tuples(quantities, prices, vat_rates, discounts), min_size=1, max_size=20))
def test_totals_are_exactly_the_sums_of_the_rounded_lines(rows):
    lines = [line_amounts(q, p, v, d, "PLN") for q, p, v, d in rows]
    total = totals(lines)
    cent = D("0.01")
    for (q, p, v, d), line in zip(rows, lines, strict=True):
        exact_net = q * p * (100 - d) / 100
        assert line.net == exact_net.quantize(cent, rounding=ROUND_HALF_UP)
        assert line.vat == (line.net * v / 100).quantize(cent, rounding=ROUND_HALF_UP)
        assert line.gross == line.net + line.vat
        assert line.net >= 0 and line.vat >= 0
    assert total.net == sum(line.net for line in lines)
    assert total.vat == sum(line.vat for line in lines)
    assert total.gross == total.net + total.vat
    assert total.gross.as_tuple().exponent == -2


def test_totals_of_no_lines_are_zero():
    assert totals([]) == LineAmounts(D("0.00"), D("0.00"), D("0.00"))


def test_labour_cost_rounds_per_workshop_rate():
    # 95 min at 31.50/h = 49.875 → 49.88; 10 min at 34.00/h = 5.666… → 5.67
    assert labour_cost([(95, D("31.50")), (10, D("34.00"))], "PLN") == D("55.55")
