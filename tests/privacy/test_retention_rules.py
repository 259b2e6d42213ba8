"""Which records have expired: plain dates, no database. Nothing expires while the trainee is
with us or under a legal hold; pay, rent and work records count from the end of their own year,
care notes and personal details from the end of the year the trainee left."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from reintegra_coop.privacy.retention import (
    DEFAULT_YEARS,
    KINDS,
    RetentionRule,
    expired_before,
    expires_on,
    has_expired,
    rules_from,
)

PAY = RetentionRule("pay_records", 5)
CARE = RetentionRule("care_notes", 10)
days = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31))
rules = st.builds(RetentionRule, st.sampled_from(sorted(KINDS)), st.integers(1, 30))


def test_a_payslip_of_march_2026_is_kept_to_the_end_of_2031():
    left = datetime.date(2026, 6, 30)
    march = datetime.date(2026, 3, 31)
    assert expires_on(PAY, march, left) == datetime.date(2032, 1, 1)
    assert not has_expired(PAY, march, left, datetime.date(2031, 12, 31))
    assert has_expired(PAY, march, left, datetime.date(2032, 1, 1))


def test_the_last_day_of_a_year_counts_in_that_year():
    left = datetime.date(2027, 1, 5)
    new_years_eve = datetime.date(2026, 12, 31)
    assert expires_on(PAY, new_years_eve, left) == datetime.date(2032, 1, 1)
    assert expires_on(PAY, new_years_eve + datetime.timedelta(days=1), left) == (
        datetime.date(2033, 1, 1)
    )


def test_nothing_expires_while_the_trainee_is_with_us():
    assert expires_on(PAY, datetime.date(2001, 1, 1), None) is None
    assert not has_expired(PAY, datetime.date(2001, 1, 1), None, datetime.date(2099, 1, 1))
    assert expired_before(PAY, None, datetime.date(2099, 1, 1)) is None


def test_an_old_record_expires_when_the_trainee_leaves_not_before():
    left = datetime.date(2030, 5, 20)
    old = datetime.date(2020, 2, 1)
    assert expires_on(PAY, old, left) == left
    assert not has_expired(PAY, old, left, datetime.date(2030, 5, 19))
    assert has_expired(PAY, old, left, left)


def test_care_notes_count_from_the_end_of_the_year_the_trainee_left():
    left = datetime.date(2026, 2, 1)
    assert expires_on(CARE, datetime.date(2019, 1, 1), left) == datetime.date(2037, 1, 1)
    assert expired_before(CARE, left, datetime.date(2036, 12, 31)) is None
    assert expired_before(CARE, left, datetime.date(2037, 1, 1)) == datetime.date.max


def test_a_site_sets_some_years_and_keeps_the_other_defaults():
    rules = rules_from({"care_notes": 20})
    assert rules["care_notes"].years == 20
    assert rules["pay_records"].years == DEFAULT_YEARS["pay_records"] == 5


@given(rule=rules, record=days, left=st.none() | days, today=days)
def test_a_legal_hold_stops_every_clock(rule, record, left, today):
    assert not has_expired(rule, record, left, today, on_hold=True)
    assert expired_before(rule, left, today, on_hold=True) is None


@given(rule=rules, record=days, left=st.none() | days, today=days)
def test_the_query_cut_off_agrees_with_the_rule_for_every_record(rule, record, left, today):
    cut_off = expired_before(rule, left, today)
    expected = has_expired(rule, record, left, today)
    assert expected == (cut_off is not None and record < cut_off)


@given(rule=rules, record=days, left=days, today=days)
def test_once_expired_a_record_stays_expired(rule, record, left, today):
    if has_expired(rule, record, left, today):
        assert has_expired(rule, record, left, today + datetime.timedelta(days=400))
        assert today >= left


@given(record=days, left=days, years=st.integers(1, 30))
def test_a_longer_period_never_expires_sooner(record, left, years):
    for kind in KINDS:
        shorter = expires_on(RetentionRule(kind, years), record, left)
        longer = expires_on(RetentionRule(kind, years + 1), record, left)
        assert shorter <= longer
