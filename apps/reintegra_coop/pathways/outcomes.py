"""The funder's report, counted: pure functions over plain facts (no database).

For a date range: the participants who started (participation began in the range), by the
furthest stage they reached, with the characteristics a funder asks about (age band at the
start, sex, long-term unemployed, homeless, disability — "not recorded" without consent); the
exits in the range by reason; in work or education at exit, at 4 weeks and at 6 months (from the
follow-up contacts); in stable housing at exit and at 6 months; the hours of work, training and
community service delivered. A count of people from 1 to 4 is shown as "< 5" (``shown``), so no
one can be picked out; 0 and hours are shown as they are.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

SMALL = 5  # a count of people below this (and above 0) is not shown
STAGES_REACHED = ("trial", "participant", "graduate")
AGE_BANDS = (("under_25", 0, 24), ("25_34", 25, 34), ("35_49", 35, 49), ("50_plus", 50, 200))
NOT_RECORDED = "not_recorded"
ACTIVE = frozenset({"in_work", "in_education"})
STABLE_HOUSING = frozenset({"own_home", "supported_flat", "social_house"})
WORK_TYPES = frozenset({"paid_work", "employer_paid", "in_kind_rent", "volunteer"})


@dataclass(frozen=True)
class Participant:
    trainee_id: int
    started_on: datetime.date
    furthest_stage: str
    born_on: datetime.date | None = None
    sex: str = ""  # "" not recorded (or recorded without consent)
    long_term_unemployed: bool | None = None
    homeless: bool | None = None
    disability: bool | None = None


@dataclass(frozen=True)
class Leaver:
    trainee_id: int
    reason: str
    work_at_exit: str
    housing_at_exit: str
    work_at_4_weeks: str | None = None  # None: no contact recorded yet
    work_at_6_months: str | None = None
    housing_at_6_months: str | None = None


@dataclass(frozen=True)
class Outcomes:
    started: int
    by_stage: Mapping[str, int]
    age: Mapping[str, int]
    sex: Mapping[str, int]
    long_term_unemployed: Mapping[str, int]
    homeless: Mapping[str, int]
    disability: Mapping[str, int]
    exits: int
    exits_by_reason: Mapping[str, int]
    active_at_exit: int
    active_at_4_weeks: int
    active_at_6_months: int
    stable_housing_at_exit: int
    stable_housing_at_6_months: int
    work_hours: Decimal
    training_hours: Decimal
    community_service_hours: Decimal


def shown(count: int) -> str:
    """A count of people as the report prints it."""
    return f"< {SMALL}" if 0 < count < SMALL else str(count)


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_band(participant: Participant) -> str:
    if participant.born_on is None:
        return NOT_RECORDED
    age = age_on(participant.born_on, participant.started_on)
    return next((band for band, low, high in AGE_BANDS if low <= age <= high), NOT_RECORDED)


def _yes_no(value: bool | None) -> str:
    return NOT_RECORDED if value is None else ("yes" if value else "no")


def _counts(values: Iterable[str], keys: Iterable[str]) -> dict[str, int]:
    found = Counter(values)
    return {key: found.get(key, 0) for key in keys}


def count(
    participants: list[Participant],
    leavers: list[Leaver],
    minutes_by_work_type: Mapping[str, int],
    exit_reasons: Iterable[str],
) -> Outcomes:
    bands = [band for band, _low, _high in AGE_BANDS] + [NOT_RECORDED]
    yes_no = ("yes", "no", NOT_RECORDED)
    work_minutes = sum(m for kind, m in minutes_by_work_type.items() if kind in WORK_TYPES)
    return Outcomes(
        started=len(participants),
        by_stage=_counts((p.furthest_stage for p in participants), STAGES_REACHED),
        age=_counts((age_band(p) for p in participants), bands),
        sex=_counts(
            (p.sex or NOT_RECORDED for p in participants), ("female", "male", "other", NOT_RECORDED)
        ),
        long_term_unemployed=_counts(
            (_yes_no(p.long_term_unemployed) for p in participants), yes_no
        ),
        homeless=_counts((_yes_no(p.homeless) for p in participants), yes_no),
        disability=_counts((_yes_no(p.disability) for p in participants), yes_no),
        exits=len(leavers),
        exits_by_reason=_counts((leaver.reason for leaver in leavers), exit_reasons),
        active_at_exit=sum(1 for leaver in leavers if leaver.work_at_exit in ACTIVE),
        active_at_4_weeks=sum(1 for leaver in leavers if leaver.work_at_4_weeks in ACTIVE),
        active_at_6_months=sum(1 for leaver in leavers if leaver.work_at_6_months in ACTIVE),
        stable_housing_at_exit=sum(1 for v in leavers if v.housing_at_exit in STABLE_HOUSING),
        stable_housing_at_6_months=sum(
            1 for v in leavers if v.housing_at_6_months in STABLE_HOUSING
        ),
        work_hours=Decimal(work_minutes) / 60,
        training_hours=Decimal(minutes_by_work_type.get("training", 0)) / 60,
        community_service_hours=Decimal(minutes_by_work_type.get("community_service", 0)) / 60,
    )
