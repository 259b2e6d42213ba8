import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra_coop.orders.exceptions import InsufficientStockError
from reintegra_coop.orders.stock import LotOnHand, allocate

D = Decimal
DAY = datetime.date(2026, 11, 1)


def lot(lot_id, on_hand, best_before_in=None, produced_ago=0):
    best_before = (
        DAY + datetime.timedelta(days=best_before_in) if best_before_in is not None else None
    )
    return LotOnHand(lot_id, D(on_hand), best_before, DAY - datetime.timedelta(days=produced_ago))


def test_a_delivery_takes_the_earliest_best_before_first():
    lots = [lot(1, "10", 20), lot(2, "5", 3), lot(3, "8", None, 30), lot(4, "4", 3, 5)]
    assert allocate(D("12"), lots) == [(4, D("4")), (2, D("5")), (1, D("3"))]


def test_lots_without_a_date_go_last():
    assert allocate(D("15"), [lot(1, "10", None), lot(2, "10", 40)]) == [(2, D("10")), (1, D("5"))]


def test_asking_for_more_than_stock_is_refused_with_the_amounts():
    with pytest.raises(InsufficientStockError, match=r"Only 7\.5 of Carrots is in stock; 8 was"):
        allocate(D("8"), [lot(1, "5", 2), lot(2, "2.5", 3)], item_name="Carrots")


@pytest.mark.parametrize("quantity", ["0", "-1"])
def test_a_zero_or_negative_quantity_is_refused(quantity):
    with pytest.raises(InsufficientStockError):
        allocate(D(quantity), [lot(1, "5", 2)])


@given(
    st.lists(st.decimals(min_value=D("0"), max_value=D("100"), places=3), min_size=1, max_size=8),
    st.decimals(min_value=D("0.001"), max_value=D("500"), places=3),
)
def test_stock_never_goes_negative(on_hand, quantity):
    lots = [lot(index, str(amount), index % 4) for index, amount in enumerate(on_hand)]
    available = {item.lot_id: item.on_hand for item in lots}
    try:
        taken = allocate(quantity, lots)
    except InsufficientStockError:
        assert quantity > sum(available.values())
        return
    assert sum(amount for _, amount in taken) == quantity
    for lot_id, amount in taken:
        assert 0 < amount <= available[lot_id]
