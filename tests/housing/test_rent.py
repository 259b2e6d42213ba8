import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra_coop.housing.rent import (
    RentMonth,
    Share,
    after_end_payroll_share,
    due_date,
    past_due,
    payroll_share,
    statement,
)

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


def rent_change_month(start=1, end=None, **facts):
    """November 2026 (30 days) in a 900.00 unit whose rent is 1,200.00 from the 16th, 30 %:
    270.00 a month for days 1–15, 360.00 for days 16–30."""
    return RentMonth(
        first_day=NOVEMBER,
        tenancy_start=datetime.date(2026, 11, start),
        tenancy_end=datetime.date(2026, 11, end) if end else None,
        unit_rent=D("900.00"),
        share=Share(percent=D("30")),
        rent_changes=((datetime.date(2026, 11, 16), D("1200.00")),),
        **facts,
    )


def test_a_rent_change_mid_month_counts_each_day_at_its_own_rent():
    # (15 × 270 + 15 × 360) / 30 = 315.00
    assert statement(rent_change_month()).obligation == D("315.00")
    # from the 11th: (5 × 270 + 15 × 360) / 30 = 225.00
    assert statement(rent_change_month(start=11)).obligation == D("225.00")
    # to the 20th: (15 × 270 + 5 × 360) / 30 = 195.00
    assert statement(rent_change_month(end=20)).obligation == D("195.00")


def test_pay_takes_rent_only_for_the_days_from_the_consent_on():
    # consent on the 21st: 10 days at 360.00 / 30 = 120.00
    assert payroll_share(rent_change_month(), datetime.date(2026, 11, 21)) == D("120.00")
    assert payroll_share(rent_change_month(), None) == D("0.00")


def ended_in_october(balance):
    return RentMonth(
        first_day=NOVEMBER,
        tenancy_start=datetime.date(2026, 1, 1),
        tenancy_end=datetime.date(2026, 10, 31),
        unit_rent=D("900.00"),
        share=Share(percent=D("30")),
        opening_balance=D(balance),
    )


def test_after_the_tenancy_pay_takes_at_most_a_monthly_share_with_consent_by_months_end():
    consent_mid_month = datetime.date(2026, 11, 15)
    assert after_end_payroll_share(ended_in_october("500.00"), consent_mid_month) == D("270.00")
    assert after_end_payroll_share(ended_in_october("100.00"), consent_mid_month) == D("100.00")
    assert after_end_payroll_share(ended_in_october("-20.00"), consent_mid_month) == D("0.00")
    assert after_end_payroll_share(ended_in_october("500.00"), datetime.date(2026, 12, 1)) == 0
    assert after_end_payroll_share(ended_in_october("500.00"), None) == 0
    ongoing = rent_change_month(opening_balance=D("500.00"))
    assert after_end_payroll_share(ongoing, consent_mid_month) == 0


def test_rent_falls_due_on_the_due_day_or_the_months_last_day():
    assert due_date(NOVEMBER, 10) == datetime.date(2026, 11, 10)
    assert due_date(datetime.date(2027, 2, 1), 31) == datetime.date(2027, 2, 28)
    april = datetime.date(2027, 4, 1)
    assert past_due(D("1080.00"), D("270.00"), april, datetime.date(2027, 4, 9), 10) == D("810.00")
    assert past_due(D("1080.00"), D("270.00"), april, datetime.date(2027, 4, 10), 10) == D(
        "1080.00"
    )
    assert past_due(D("50.00"), D("270.00"), april, datetime.date(2027, 4, 2), 10) == D("0.00")


def test_without_rent_changes_pay_takes_the_share_of_the_days_from_the_consent():
    month = RentMonth(
        first_day=NOVEMBER,
        tenancy_start=datetime.date(2026, 1, 1),
        tenancy_end=None,
        unit_rent=D("900.00"),
        share=Share(percent=D("30")),
    )
    assert payroll_share(month, datetime.date(2026, 11, 21)) == D("90.00")  # 270 × 10 / 30
    assert payroll_share(month, datetime.date(2026, 10, 1)) == D("270.00")


def test_a_rent_change_before_the_month_gives_the_whole_new_monthly_share():
    month = RentMonth(
        first_day=NOVEMBER,
        tenancy_start=datetime.date(2026, 1, 1),
        tenancy_end=None,
        unit_rent=D("900.00"),
        share=Share(percent=D("30")),
        rent_changes=((datetime.date(2026, 10, 1), D("1200.00")),),
    )
    result = statement(month)
    assert (result.obligation, result.days_of_tenancy, result.days_in_month) == (
        D("360.00"),
        30,
        30,
    )


def test_a_tenancy_starting_after_the_month_owes_nothing_in_it():
    month = RentMonth(
        first_day=NOVEMBER,
        tenancy_start=datetime.date(2026, 12, 5),
        tenancy_end=None,
        unit_rent=D("900.00"),
        share=Share(percent=D("30")),
    )
    result = statement(month)
    assert (result.days_of_tenancy, result.days_in_month, result.obligation) == (0, 30, D("0.00"))


def test_after_the_end_the_last_share_is_at_the_rent_in_force_on_the_last_day():
    month = RentMonth(
        first_day=NOVEMBER,
        tenancy_start=datetime.date(2026, 1, 1),
        tenancy_end=datetime.date(2026, 10, 31),
        unit_rent=D("900.00"),
        share=Share(percent=D("30")),
        rent_changes=((datetime.date(2026, 10, 16), D("1200.00")),),
        opening_balance=D("1000.00"),
    )
    # consent on the month's last day still counts; the share at 1,200.00 is 360.00
    assert after_end_payroll_share(month, datetime.date(2026, 11, 30)) == D("360.00")


def test_negative_payments_or_minutes_are_refused_each_alone():
    base = dict(
        first_day=NOVEMBER,
        tenancy_start=datetime.date(2026, 1, 1),
        tenancy_end=None,
        unit_rent=D("900.00"),
        share=Share(percent=D("30")),
    )
    message = r"^payments and minutes cannot be negative$"
    for wrong in ({"cash_paid": D("-1")}, {"payroll_deduction": D("-1")}, {"in_kind_minutes": -1}):
        with pytest.raises(ValueError, match=message):
            statement(RentMonth(**base, **wrong))
    with pytest.raises(ValueError, match=r"^a share is a fixed amount or a percentage$"):
        Share().monthly(D("900.00"))
