"""Matching trainees to job openings, as pure functions: each need met by a share from 0 to
1, the score their mean, the ranking by score and then by needs met in full."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reintegra_coop.pathways import matching
from reintegra_coop.pathways.matching import Need, OpeningNeeds, Record

WELDING, SEWING = 11, 12
HOURS_120 = Need(matching.HOURS_IN_SKILL, Decimal(120), skill_id=WELDING)
ATTENDANCE_90 = Need(matching.ATTENDANCE_RATE, Decimal(90), weeks=8)
STREAK_20 = Need(matching.PUNCTUALITY_STREAK, Decimal(20))
FORKLIFT = Need(matching.ACHIEVED_MILESTONE, title="Forklift  licence")
WELDER = OpeningNeeds(1, (HOURS_120, ATTENDANCE_90, STREAK_20, FORKLIFT))


def record(trainee_id, hours=0, attendance=0, streak=0, milestones=()):
    return Record(
        trainee_id,
        {WELDING: Decimal(hours)},
        {8: Decimal(attendance)},
        streak,
        {matching.milestone_key(t): datetime.date(2026, 10, 1) for t in milestones},
    )


def test_a_trainee_meeting_every_need_scores_one_with_nothing_missing():
    ready = matching.match(WELDER, record(7, 130, 95, 25, ["forklift licence"]))
    assert ready.score == Decimal(1)
    assert ready.meets_all and ready.missing == ()


def test_each_need_counts_by_how_far_it_is_met_and_says_what_is_missing():
    found = matching.match(WELDER, record(7, hours=60, attendance=90, streak=5))
    hours, attendance, streak, forklift = found.checks
    assert (hours.share, hours.missing, hours.met) == (Decimal("0.5"), Decimal(60), False)
    assert (attendance.share, attendance.met) == (Decimal(1), True)  # 90 % of 90 %: met
    assert (streak.share, streak.missing) == (Decimal("0.25"), Decimal(15))
    assert (forklift.share, forklift.met) == (Decimal(0), False)
    # (0.5 + 1 + 0.25 + 0) / 4
    assert found.score == Decimal("0.4375")
    assert [c.need for c in found.missing] == [HOURS_120, STREAK_20, FORKLIFT]


def test_more_than_asked_counts_as_met_and_no_more():
    found = matching.match(OpeningNeeds(2, (HOURS_120,)), record(7, hours=500))
    assert found.score == Decimal(1) and found.checks[0].missing == 0


def test_a_milestone_title_matches_whatever_its_case_and_spacing():
    opening = OpeningNeeds(3, (FORKLIFT,))
    assert matching.match(opening, record(7, milestones=["FORKLIFT licence "])).meets_all


def test_an_opening_asking_for_nothing_scores_everyone_one():
    assert matching.match(OpeningNeeds(4, ()), record(7)).score == 1


def test_trainees_are_ranked_by_score_then_needs_met_in_full_then_id():
    opening = OpeningNeeds(5, (HOURS_120, STREAK_20))
    half_and_half = record(1, hours=60, streak=10)  # 0.5 + 0.5: 0.5, none met
    one_met = record(2, hours=120, streak=0)  # 1 + 0: 0.5, one met
    best = record(3, hours=120, streak=15)  # 1 + 0.75
    nothing = record(4)
    twin = record(5, hours=120, streak=0)  # the same as 2: the lower id first
    ranked = matching.rank(opening, [nothing, half_and_half, twin, one_met, best])
    assert [m.trainee_id for m in ranked] == [3, 2, 5, 1, 4]
    assert [m.trainee_id for m in matching.rank(opening, [nothing, best, one_met], 2)] == [3, 2]


def test_a_trainees_best_openings_come_first():
    trainee = record(9, hours=120, attendance=50)
    openings = [
        OpeningNeeds(1, (ATTENDANCE_90,)),
        OpeningNeeds(2, (HOURS_120,)),
        OpeningNeeds(3, (HOURS_120, ATTENDANCE_90)),
    ]
    ranked = matching.best_openings(trainee, openings)
    assert [m.opening_id for m in ranked] == [2, 3, 1]


@given(
    hours=st.integers(0, 400),
    attendance=st.integers(0, 100),
    streak=st.integers(0, 60),
    forklift=st.booleans(),
)
def test_a_score_lies_between_zero_and_one_and_ranks_as_the_full_match_says(
    hours, attendance, streak, forklift
):
    trainee = record(1, hours, attendance, streak, ["forklift licence"] if forklift else [])
    found = matching.match(WELDER, trainee)
    assert 0 <= found.score <= 1
    assert found.meets_all == (found.score == 1)
    quick_score, met = matching.quick_score(WELDER, trainee)
    assert abs(Decimal(quick_score) - found.score) < Decimal("0.0001")
    assert met == len(found.met)
