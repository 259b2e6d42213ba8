"""The integration stipend, case by case (the README's worked examples), and its properties."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra_coop.pay.lines import total
from reintegra_coop.pay.stipend import StipendError, StipendMonth, StipendRules, calculate

D = Decimal
RULES = StipendRules(base=D("1500.00"))
NOVEMBER = datetime.date(2026, 11, 1)
# Monday–Friday of November 2026 less Independence Day (Wed 11 Nov): 20 working days.
WORKING = tuple(
    day
    for day in (NOVEMBER + datetime.timedelta(days=n) for n in range(30))
    if day.weekday() < 5 and day != datetime.date(2026, 11, 11)
)
STARTED = datetime.date(2026, 3, 2)  # a participant since March: not a trial month


def nov(day):
    return datetime.date(2026, 11, day)


def stipend(rules=RULES, **facts):
    facts.setdefault("participation_start", STARTED)
    lines = calculate(rules, StipendMonth(first_day=NOVEMBER, working_days=WORKING, **facts))
    return total(lines), [(line.code, line.amount) for line in lines]


def test_a_full_month_present_pays_the_base():
    assert len(WORKING) == 20
    assert stipend() == (D("1500.00"), [("stipend_base", D("1500.00"))])


def test_a_trial_month_starting_mid_month_at_an_80_percent_share():
    rules = StipendRules(base=D("1500.00"), trial_share=D("0.80"))
    # 11 of 20 working days from 16 Nov: round(1500 × 11 / 20) = 825.00; × 0.8 = 660.00
    assert stipend(rules, participation_start=nov(16)) == (
        D("660.00"),
        [("stipend_base", D("825.00")), ("trial_share", D("-165.00"))],
    )


def test_two_unexcused_absences_deduct_base_over_20_each():
    codes = {nov(3): "unexcused", nov(4): "unexcused", nov(5): "late", nov(6): "excused"}
    assert stipend(day_codes=codes) == (
        D("1350.00"),
        [("stipend_base", D("1500.00")), ("unexcused_absence", D("-150.00"))],
    )


def test_four_unexcused_absences_pay_nothing_this_month():
    codes = {nov(day): "unexcused" for day in (3, 4, 5, 6)}
    assert stipend(day_codes=codes) == (
        D("0.00"),
        [("stipend_base", D("1500.00")), ("unexcused_limit", D("-1500.00"))],
    )
    with pytest.raises(StipendError, match="No bonus in a month with more than 3"):
        stipend(day_codes=codes, bonus=D("100"))


def test_sick_days_past_the_limit_deduct_more():
    # 19 sick days earlier in the participation; 4 now: 2 within the 21 (37.50), 2 beyond (50.00)
    codes = {nov(day): "sick" for day in (16, 17, 18, 19)}
    assert stipend(day_codes=codes, sick_days_before=19) == (
        D("1325.00"),
        [
            ("stipend_base", D("1500.00")),
            ("sick_day", D("-75.00")),
            ("sick_day_over_limit", D("-100.00")),
        ],
    )


def test_the_21st_sick_day_is_still_within_a_limit_of_21():
    assert stipend(day_codes={nov(2): "sick"}, sick_days_before=20)[1][1] == (
        "sick_day",
        D("-37.50"),
    )


def test_days_off_past_six_deduct_but_do_not_count_toward_the_unexcused_limit():
    codes = {
        nov(2): "day_off",
        nov(3): "day_off",
        nov(4): "day_off",
        nov(5): "unexcused",
        nov(6): "unexcused",
        nov(9): "unexcused",
    }
    assert stipend(day_codes=codes, days_off_before=5) == (
        D("1125.00"),
        [
            ("stipend_base", D("1500.00")),
            ("unexcused_absence", D("-225.00")),
            ("day_off_over_limit", D("-150.00")),
        ],
    )


def test_a_bonus_is_its_own_line_up_to_the_base():
    assert stipend(bonus=D("300")) == (
        D("1800.00"),
        [("stipend_base", D("1500.00")), ("motivation_bonus", D("300.00"))],
    )
    with pytest.raises(StipendError, match=r"at most 1500\.00"):
        stipend(bonus=D("1500.01"))
    with pytest.raises(StipendError, match="trial month"):
        stipend(participation_start=nov(2), bonus=D("100"))


def test_deductions_never_take_the_stipend_below_zero():
    rules = StipendRules(base=D("1500.00"), trial_share=D("0.10"))
    codes = {nov(day): "sick" for day in (23, 24, 25, 26, 27)}
    paid, lines = stipend(rules, participation_start=nov(23), day_codes=codes, sick_days_before=0)
    # 6 of 20 days: 450.00 × 0.10 = 45.00; 5 sick days × 37.50 = 187.50 → floored to 0
    assert paid == D("0.00")
    assert lines[-1] == ("floor", D("142.50"))


def test_days_outside_the_programme_have_no_code_and_pay_nothing():
    codes = {nov(2): "unexcused", nov(30): "present"}
    _paid, lines = stipend(participation_start=nov(3), participation_end=nov(27), day_codes=codes)
    assert lines == [("stipend_base", D("1350.00"))]  # 18 of 20 days; the 2 Nov code ignored


codes = st.sampled_from(["present", "late", "excused", "unexcused", "sick", "day_off"])


@given(
    base=st.decimals(min_value=D("0"), max_value=D("5000"), places=2),
    share=st.decimals(min_value=D("0"), max_value=D("1"), places=2),
    start_day=st.integers(min_value=1, max_value=30),
    marks=st.dictionaries(st.sampled_from(WORKING), codes, max_size=20),
    sick_before=st.integers(min_value=0, max_value=40),
    off_before=st.integers(min_value=0, max_value=10),
)
def test_no_stipend_is_negative_and_the_lines_add_up(
    base, share, start_day, marks, sick_before, off_before
):
    rules = StipendRules(base=base, trial_share=share)
    month = StipendMonth(
        first_day=NOVEMBER,
        working_days=WORKING,
        participation_start=nov(start_day),
        day_codes=marks,
        sick_days_before=sick_before,
        days_off_before=off_before,
    )
    lines = calculate(rules, month)
    assert total(lines) >= 0
    assert total(lines) == sum(line.amount for line in lines)
    assert all(line.amount == line.amount.quantize(D("0.01")) for line in lines)
