"""How long each kind of record is kept, and whether one has expired: plain functions over
dates, testable without a database (the service that pseudonymises is pseudonymise.py).

Nothing of a trainee expires while they are with us: the clock of every kind runs only once
they have left (exited the programme, or their record was withdrawn). Then

- pay records, rent records and work logs are kept ``years`` after the end of the record's own
  year (accounting law counts so: a payslip of March 2026 with 5 years is kept to the end of
  2031), and never less than until the trainee left;
- care notes and personal details are kept ``years`` after the end of the year the trainee left
  (care notes: the care organisation's rule).

A legal hold stops every clock."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

RECORD_YEAR = "record_year"
LEAVING_YEAR = "leaving_year"

#: kind -> what its years are counted from
KINDS = {
    "pay_records": RECORD_YEAR,
    "rent_records": RECORD_YEAR,
    "work_logs": RECORD_YEAR,
    "care_notes": LEAVING_YEAR,
    "personal_details": LEAVING_YEAR,
}

DEFAULT_YEARS = {
    "pay_records": 5,
    "rent_records": 5,
    "work_logs": 5,
    "care_notes": 10,
    "personal_details": 5,
}


@dataclass(frozen=True)
class RetentionRule:
    kind: str
    years: int

    @property
    def counted_from(self) -> str:
        return KINDS[self.kind]


def rules_from(years: Mapping[str, int]) -> dict[str, RetentionRule]:
    """The rules for the site's settings (RETENTION_YEARS); a kind left out keeps its default."""
    merged = {**DEFAULT_YEARS, **years}
    return {kind: RetentionRule(kind, merged[kind]) for kind in KINDS}


def _new_year_after(year: int, years: int) -> datetime.date:
    """The first day after ``years`` whole years following the end of ``year``."""
    return datetime.date(year + years + 1, 1, 1)


def expires_on(
    rule: RetentionRule, record_day: datetime.date, left_on: datetime.date | None
) -> datetime.date | None:
    """The first day the record counts as expired; None while the trainee is with us."""
    if left_on is None:
        return None
    if rule.counted_from == LEAVING_YEAR:
        return _new_year_after(left_on.year, rule.years)
    return max(_new_year_after(record_day.year, rule.years), left_on)


def has_expired(
    rule: RetentionRule,
    record_day: datetime.date,
    left_on: datetime.date | None,
    today: datetime.date,
    on_hold: bool = False,
) -> bool:
    if on_hold:
        return False
    expiry = expires_on(rule, record_day, left_on)
    return expiry is not None and today >= expiry


def expired_before(
    rule: RetentionRule, left_on: datetime.date | None, today: datetime.date, on_hold: bool = False
) -> datetime.date | None:
    """The trainee's records of this kind dated before the day returned have expired (for a
    query: ``date__lt``); None: none has. Agrees with ``has_expired`` for every record day."""
    if on_hold or left_on is None or today < left_on:
        return None
    if rule.counted_from == LEAVING_YEAR:
        return datetime.date.max if today >= _new_year_after(left_on.year, rule.years) else None
    if today.year - rule.years <= datetime.MINYEAR:
        return None
    return datetime.date(today.year - rule.years, 1, 1)
