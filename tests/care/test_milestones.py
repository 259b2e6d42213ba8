import datetime
from decimal import Decimal

import pytest

from reintegra_coop.care.milestones import Entry, Target, progress, share_of

D = Decimal
DAY = datetime.date(2026, 11, 2)


def day(n):
    return DAY + datetime.timedelta(days=n)


def test_hours_in_a_skill_keep_the_day_and_the_logs_that_proved_them():
    entries = [
        Entry(1, day(0), 240, skill_id=7),
        Entry(2, day(1), 360, skill_id=8),
        Entry(3, day(2), 300, skill_id=7),
        Entry(4, day(3), 60, skill_id=7),
    ]
    result = progress(Target("hours_in_skill", D("9"), skill_id=7), entries, day(10))
    assert (result.done, result.achieved_on, result.proof) == (D("9"), day(2), (1, 3))


def test_an_unfinished_milestone_shows_how_far_it_is():
    result = progress(
        Target("hours_in_skill", D("20"), skill_id=7), [Entry(1, day(0), 240, skill_id=7)], day(1)
    )
    assert (result.done, result.achieved_on, result.share) == (D("4"), None, D("0.2"))


def test_a_punctuality_streak_restarts_after_a_late_start():
    entries = [
        Entry(1, day(0), 360),
        Entry(2, day(1), 340, on_time=False),
        Entry(3, day(2), 360),
        Entry(4, day(3), 360),
        Entry(5, day(4), 360),
    ]
    result = progress(Target("punctuality_streak", D("3")), entries, day(5))
    assert (result.achieved_on, result.proof) == (day(4), (3, 4, 5))


def test_attendance_rate_over_the_last_weeks():
    entries = [Entry(n, day(n), 360, attended=n != 3) for n in range(10)]
    result = progress(Target("attendance_rate", D("90"), weeks=4), entries, day(10))
    assert (result.done, result.achieved_on) == (D("90.00"), day(10))
    assert (
        progress(Target("attendance_rate", D("95"), weeks=4), entries, day(10)).achieved_on is None
    )


def test_independent_work_and_placement_days():
    entries = [
        Entry(1, day(0), 360, independent=True),
        Entry(2, day(1), 360),
        Entry(3, day(2), 200, independent=True, placement=True),
        Entry(4, day(2), 100, placement=True),
        Entry(5, day(3), 360, placement=True),
    ]
    assert progress(Target("independent_work", D("2")), entries, day(5)).achieved_on == day(2)
    placement = progress(Target("placement", D("2")), entries, day(5))
    assert (placement.done, placement.achieved_on, placement.proof) == (D("2"), day(3), (3, 5))


def test_a_target_of_zero_is_refused():
    with pytest.raises(ValueError, match="more than zero"):
        progress(Target("independent_work", D("0")), [], day(0))


@pytest.mark.parametrize(
    ("done", "target", "share"),
    [
        ("0", "10", "0"),
        ("4", "10", "0.4"),
        ("10", "10", "1"),
        ("25", "10", "1"),  # never more than the whole bar
        ("3", None, "0"),  # a sign-off has no target
        ("3", "0", "0"),
        ("1", "1", "1"),
        ("0.5", "1", "0.5"),
    ],
)
def test_a_milestones_share_is_done_over_target_at_most_one(done, target, share):
    assert share_of(Decimal(done), Decimal(target) if target else None) == Decimal(share)


def test_an_achieved_milestone_is_a_full_bar_whatever_its_count():
    from reintegra_coop.care.models import Milestone

    milestone = Milestone(kind="signed_off", title="Course")
    assert milestone.share == 0
    milestone.achieved_on = datetime.date(2026, 11, 2)
    assert milestone.share == 1
    counted = Milestone(kind="punctuality_streak", target=Decimal(10), progress=Decimal(4))
    assert counted.share == Decimal("0.4")


def test_hours_count_only_the_milestones_own_skill_and_in_fractions_of_an_hour():
    entries = [Entry(1, day(0), 90, skill_id=7), Entry(2, day(1), 600, skill_id=3)]
    result = progress(Target("hours_in_skill", D("2"), skill_id=7), entries, day(5))
    assert (result.done, result.achieved_on) == (D("1.5"), None)


def test_a_streak_of_late_starts_is_no_streak_at_all():
    entries = [Entry(n, day(n), 340, on_time=False) for n in range(3)]
    result = progress(Target("punctuality_streak", D("2")), entries, day(5))
    assert (result.done, result.achieved_on) == (D("0"), None)


def test_a_signed_off_milestone_is_not_computed():
    with pytest.raises(ValueError, match="signed off by staff"):
        progress(Target("signed_off", D("1")), [Entry(1, day(0), 360)], day(1))


def whole(result):
    return (result.done, result.target, result.achieved_on, result.proof)


def test_attendance_counts_rostered_shifts_in_the_window_only():
    today = day(28)  # the window: after day(0) up to day(28), four weeks
    entries = [
        Entry(1, day(0), 360, attended=False),  # on the window's edge: outside
        Entry(2, day(1), 360),
        Entry(3, day(2), 360, attended=False),
        Entry(4, day(3), 360),
        Entry(5, day(4), 360, attended=False, rostered=False),  # not rostered: not counted
        Entry(6, day(28), 360),  # today: inside
        Entry(7, day(29), 360, attended=False),  # after today: outside
    ]
    assert whole(progress(Target("attendance_rate", D("75"), weeks=4), entries, today)) == (
        D("75.00"),
        D("75"),
        today,
        (2, 4, 6),
    )
    assert whole(progress(Target("attendance_rate", D("80"), weeks=4), entries, today)) == (
        D("75.00"),
        D("80"),
        None,
        (),
    )
    two_of_three = [Entry(1, day(1), 360), Entry(2, day(2), 360, attended=False), entries[3]]
    result = progress(Target("attendance_rate", D("90"), weeks=4), two_of_three, today)
    assert result.done == D("66.67")


def test_no_rostered_shift_in_the_window_is_no_attendance_yet():
    result = progress(Target("attendance_rate", D("90"), weeks=1), [Entry(1, day(0), 360)], day(20))
    assert whole(result) == (D("0"), D("90"), None, ())


def test_counted_milestones_report_their_target_and_proof_in_full():
    hours = progress(
        Target("hours_in_skill", D("2"), skill_id=7), [Entry(9, day(0), 120, skill_id=7)], day(1)
    )
    assert whole(hours) == (D("2"), D("2"), day(0), (9,))
    streak = [Entry(1, day(0), 360), Entry(2, day(1), 360)]
    assert whole(progress(Target("punctuality_streak", D("2")), streak, day(2))) == (
        D("2"),
        D("2"),
        day(1),
        (1, 2),
    )
    assert whole(progress(Target("punctuality_streak", D("3")), streak, day(2))) == (
        D("2"),
        D("3"),
        None,
        (),
    )


def test_a_target_of_nothing_is_refused():
    with pytest.raises(ValueError, match=r"^a milestone's target must be more than zero$"):
        progress(Target("hours_in_skill", D("0"), skill_id=7), [], day(1))
