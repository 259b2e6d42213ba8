import datetime
from fractions import Fraction

from reintegra_coop.care.community_service import ServiceOrder, progress


def test_months_below_the_minimum_or_above_the_maximum_are_flagged_exactly():
    order = ServiceOrder(total_hours=240, deadline=datetime.date(2027, 6, 30))
    result = progress(
        order,
        {(2026, 9): 1200, (2026, 10): 1170, (2026, 11): 2460},
        today=datetime.date(2026, 11, 23),
    )
    checks = {
        month: (c.hours, c.below_minimum, c.above_maximum) for month, c in result.months.items()
    }
    assert checks == {
        (2026, 9): (Fraction(20), False, False),  # exactly 20 h is not below 20
        (2026, 10): (Fraction(39, 2), True, False),  # 19.5 h
        (2026, 11): (Fraction(41), False, True),
    }
    assert (result.hours_done, result.hours_left) == (Fraction(161, 2), Fraction(319, 2))
    assert not result.deadline_missed and not result.deadline_near


def test_an_order_without_monthly_limits_is_checked_against_its_total_and_deadline():
    order = ServiceOrder(
        total_hours=150,
        deadline=datetime.date(2026, 12, 15),
        monthly_minimum_hours=None,
        monthly_maximum_hours=None,
    )
    result = progress(order, {(2026, 11): 300}, today=datetime.date(2026, 11, 23))
    assert not any(c.below_minimum or c.above_maximum for c in result.months.values())
    assert result.deadline_near and result.hours_left == 145
    late = progress(order, {(2026, 11): 300}, today=datetime.date(2026, 12, 16))
    assert late.deadline_missed


def test_every_month_of_the_order_is_checked_even_without_hours():
    order = ServiceOrder(
        total_hours=240, deadline=datetime.date(2027, 6, 30), start=datetime.date(2026, 9, 15)
    )
    result = progress(order, {(2026, 11): 1500}, today=datetime.date(2026, 12, 2))
    flagged = {month: check.below_minimum for month, check in result.months.items()}
    # September counts whole (the order began on the 15th); December is still running
    assert flagged == {(2026, 9): True, (2026, 10): True, (2026, 11): False, (2026, 12): False}
    assert result.months[(2026, 10)].hours == 0


def test_months_after_the_deadline_are_not_checked():
    order = ServiceOrder(
        total_hours=20, deadline=datetime.date(2026, 10, 20), start=datetime.date(2026, 9, 1)
    )
    result = progress(order, {}, today=datetime.date(2027, 2, 1))
    assert sorted(result.months) == [(2026, 9), (2026, 10)]
    assert result.deadline_missed


def test_exactly_the_monthly_maximum_is_not_above_it():
    order = ServiceOrder(total_hours=240, deadline=datetime.date(2027, 6, 30))
    result = progress(order, {(2026, 10): 40 * 60}, today=datetime.date(2026, 11, 23))
    assert result.months[(2026, 10)].above_maximum is False
    assert result.months[(2026, 10)].below_minimum is False


def checked_on(today, minutes, total_hours=10):
    order = ServiceOrder(
        total_hours=total_hours,
        deadline=datetime.date(2026, 12, 31),
        monthly_minimum_hours=None,
        monthly_maximum_hours=None,
    )
    result = progress(order, {(2026, 12): minutes}, today=today)
    return result.hours_left, result.deadline_near, result.deadline_missed


def test_the_deadline_day_is_still_in_time_and_near_and_done_hours_are_never_late():
    deadline = datetime.date(2026, 12, 31)
    assert checked_on(deadline, 300) == (5, True, False)
    assert checked_on(deadline, 570) == (Fraction(1, 2), True, False)
    assert checked_on(deadline + datetime.timedelta(days=1), 300) == (5, False, True)
    assert checked_on(deadline + datetime.timedelta(days=1), 570) == (Fraction(1, 2), False, True)
    assert checked_on(deadline + datetime.timedelta(days=1), 600) == (0, False, False)
    assert checked_on(deadline, 720) == (0, False, False)  # more than ordered: nothing left


def test_a_deadline_is_near_from_30_days_before():
    assert checked_on(datetime.date(2026, 12, 1), 0)[1] is True  # 30 days before
    assert checked_on(datetime.date(2026, 11, 30), 0)[1] is False  # 31 days before
