import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reintegra_coop.housing.rent import RentMonth, Share, statement

D = Decimal
NOVEMBER = datetime.date(2026, 11, 1)


def test_a_tenancy_starting_mid_month_is_prorated_by_days():
    month = RentMonth(
        first_day=NOVEMBER,
        tenancy_start=datetime.date(2026, 11, 17),
        tenancy_end=None,
        unit_rent=D("900.00"),
        share=Share(percent=D("30")),
        cash_paid=D("50.00"),
    )
    result = statement(month)
    # 30 % of 900 = 270.00 a month; 14 of 30 days = 126.00; owed 126 − 50 = 76.00
    assert (result.days_of_tenancy, result.obligation, result.owed) == (14, D("126.00"), D("76.00"))
    assert result.closing_balance == D("76.00")


def test_in_kind_hours_above_what_is_owed_are_shown_but_not_paid_or_carried():
    month = RentMonth(
        first_day=NOVEMBER,
        tenancy_start=datetime.date(2026, 1, 1),
        tenancy_end=None,
        unit_rent=D("600.00"),
        share=Share(fixed=D("150.00")),
        opening_balance=D("20.00"),
        cash_paid=D("50.00"),
        payroll_deduction=D("40.00"),
        in_kind_minutes=600,
        in_kind_hourly_value=D("12.50"),
    )
    result = statement(month)
    # owed 20 + 150 − 50 − 40 = 80.00; 10 h × 12.50 = 125.00: 80.00 credited, 45.00 shown
    assert (
        result.owed,
        result.in_kind_value,
        result.in_kind_credit,
        result.in_kind_excess,
        result.closing_balance,
    ) == (D("80.00"), D("125.00"), D("80.00"), D("45.00"), D("0.00"))


def test_a_cash_overpayment_leaves_the_trainee_in_credit_and_in_kind_credits_nothing():
    month = RentMonth(
        first_day=NOVEMBER,
        tenancy_start=datetime.date(2026, 1, 1),
        tenancy_end=datetime.date(2026, 11, 30),
        unit_rent=D("600.00"),
        share=Share(fixed=D("150.00")),
        cash_paid=D("200.00"),
        in_kind_minutes=120,
        in_kind_hourly_value=D("12.50"),
    )
    result = statement(month)
    assert (result.in_kind_credit, result.closing_balance) == (D("0.00"), D("-50.00"))


@given(
    opening=st.decimals(D("-500"), D("2000"), places=2),
    cash=st.decimals(D("0"), D("1000"), places=2),
    payroll=st.decimals(D("0"), D("500"), places=2),
    minutes=st.integers(0, 6000),
    start=st.integers(1, 30),
)
def test_the_credit_never_exceeds_what_is_owed_and_the_ledger_balances(
    opening, cash, payroll, minutes, start
):
    result = statement(
        RentMonth(
            first_day=NOVEMBER,
            tenancy_start=datetime.date(2026, 11, start),
            tenancy_end=None,
            unit_rent=D("800.00"),
            share=Share(percent=D("25")),
            opening_balance=opening,
            cash_paid=cash,
            payroll_deduction=payroll,
            in_kind_minutes=minutes,
            in_kind_hourly_value=D("12.50"),
        )
    )
    assert D(0) <= result.in_kind_credit <= max(result.owed, D(0))
    assert result.in_kind_credit + result.in_kind_excess == result.in_kind_value
    assert (
        result.closing_balance
        == opening + result.obligation - cash - payroll - result.in_kind_credit
    )
