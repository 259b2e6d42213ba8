"""The integration stipend, case by case (the README's worked examples), and its properties."""

import datetime
import re
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
def test_a_stipend_is_its_base_less_deductions_never_below_zero(
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
    [first, *rest] = lines
    days = [day for day in WORKING if day >= nov(start_day)]
    assert (first.code, first.quantity) == ("stipend_base", len(days))
    assert D(0) <= total(lines) <= first.amount <= base  # without a bonus: never more
    assert all(line.amount == line.amount.quantize(D("0.01")) for line in lines)
    # after the base only deductions, but the floor, which gives back what went below zero
    assert all(line.amount <= 0 for line in rest if line.code != "floor")
    floor = [line.amount for line in rest if line.code == "floor"]
    assert floor == [] or (floor[0] > 0 and total(lines) == 0)


def test_a_scheme_starting_or_ending_mid_month_pays_only_its_own_working_days():
    # from Mon 16 Nov: 11 of 20 working days; to Fri 13 Nov: 9 (2–6, 9, 10, 12, 13; 11 is a holiday)
    assert stipend(scheme_start=nov(16)) == (D("825.00"), [("stipend_base", D("825.00"))])
    assert stipend(scheme_end=nov(13)) == (D("675.00"), [("stipend_base", D("675.00"))])
    assert stipend(scheme_start=nov(2), scheme_end=nov(30)) == stipend()


def test_a_negative_bonus_is_refused():
    with pytest.raises(StipendError, match="cannot be negative"):
        stipend(bonus=D("-0.01"))


def full_lines(rules=RULES, **facts):
    """Every field of every line: what a payslip prints (its detail as parameters, worded in the
    reader's language when shown: tests/pay/test_line_details.py)."""
    facts.setdefault("participation_start", STARTED)
    month = StipendMonth(first_day=NOVEMBER, working_days=WORKING, **facts)
    return [
        (line.code, line.amount, line.quantity, line.rate, dict(line.detail))
        for line in calculate(rules, month)
    ]


def exactly(message):
    return f"^{re.escape(message)}$"


def test_each_deduction_line_names_its_days_count_and_rate():
    codes = {
        nov(3): "unexcused",
        nov(4): "sick",
        nov(5): "sick",
        nov(6): "day_off",
        nov(9): "day_off",
        nov(10): "present",
    }
    assert full_lines(day_codes=codes, sick_days_before=20, days_off_before=5) == [
        ("stipend_base", D("1500.00"), D("20"), D("1500.00"), {"days": 20, "working_days": 20}),
        ("unexcused_absence", D("-75.00"), D("1"), D("75.00"), {"dates": ["2026-11-03"]}),
        (
            "sick_day",
            D("-37.50"),
            D("1"),
            D("37.50"),
            {"dates": ["2026-11-04"]},
        ),  # the 21st sick day
        ("sick_day_over_limit", D("-50.00"), D("1"), D("50.00"), {"dates": ["2026-11-05"]}),
        (
            "day_off_over_limit",
            D("-75.00"),
            D("1"),
            D("75.00"),
            {"dates": ["2026-11-09"]},
        ),  # 6 paid
    ]


def test_past_the_limits_every_sick_day_and_day_off_is_deducted():
    codes = {nov(4): "sick", nov(5): "sick", nov(6): "day_off"}
    assert full_lines(day_codes=codes, sick_days_before=21, days_off_before=6)[1:] == [
        (
            "sick_day_over_limit",
            D("-100.00"),
            D("2"),
            D("50.00"),
            {"dates": ["2026-11-04", "2026-11-05"]},
        ),
        ("day_off_over_limit", D("-75.00"), D("1"), D("75.00"), {"dates": ["2026-11-06"]}),
    ]


def test_the_trial_share_and_the_unexcused_limit_lines_in_full():
    rules = StipendRules(base=D("1500.00"), trial_share=D("0.80"))
    codes = {nov(day): "unexcused" for day in (17, 18, 19, 20)}
    assert full_lines(rules, participation_start=nov(16), day_codes=codes) == [
        ("stipend_base", D("825.00"), D("11"), D("1500.00"), {"days": 11, "working_days": 20}),
        ("trial_share", D("-165.00"), D("0.80"), D("0"), {}),
        (
            "unexcused_limit",
            D("-660.00"),
            D("4"),
            D("0"),
            {"dates": ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"]},
        ),
    ]


def test_deductions_exactly_equal_to_the_stipend_need_no_floor_line():
    # from Mon 30 Nov: 1 of 20 working days = 75.00; one unexcused absence takes 75.00
    assert full_lines(participation_start=nov(30), day_codes={nov(30): "unexcused"}) == [
        ("stipend_base", D("75.00"), D("1"), D("1500.00"), {"days": 1, "working_days": 20}),
        ("unexcused_absence", D("-75.00"), D("1"), D("75.00"), {"dates": ["2026-11-30"]}),
    ]


def test_the_bonus_limits_and_their_messages():
    half = StipendRules(base=D("1500.00"), bonus_max_share=D("0.50"))
    assert full_lines(half, bonus=D("750.00"))[-1] == (
        "motivation_bonus",
        D("750.00"),
        D("0"),
        D("0"),
        {},
    )
    assert full_lines(bonus=D("0.50"))[-1][:2] == ("motivation_bonus", D("0.50"))
    with pytest.raises(StipendError, match=exactly("The bonus can be at most 750.00.")):
        full_lines(half, bonus=D("750.01"))
    with pytest.raises(StipendError, match=exactly("A bonus cannot be negative.")):
        full_lines(bonus=D("-1"))
    with pytest.raises(StipendError, match=exactly("No motivation bonus in the trial month.")):
        full_lines(participation_start=nov(2), bonus=D("1"))
    with pytest.raises(
        StipendError, match=exactly("No bonus in a month with more than 3 unexcused absences.")
    ):
        full_lines(day_codes={nov(d): "unexcused" for d in (2, 3, 4, 5)}, bonus=D("1"))
