"""Receivables by age: unpaid invoices by the days since they were issued, in the buckets
accountants chase them by (0–30, 31–60, 61–90, over 90 days). Pure functions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

#: (key, label), youngest first; a bucket holds invoices up to its last day since issue
BUCKETS = [
    ("0-30", _("0–30 days")),
    ("31-60", _("31–60 days")),
    ("61-90", _("61–90 days")),
    ("90+", _("> 90 days")),
]
_LAST_DAY = {"0-30": 30, "31-60": 60, "61-90": 90}


@dataclass(frozen=True)
class AgeRow:
    bucket: str
    label: str
    count: int
    gross: Decimal


def age_bucket(issued_on: datetime.date, today: datetime.date) -> str:
    days = (today - issued_on).days
    for bucket, last_day in _LAST_DAY.items():
        if days <= last_day:
            return bucket
    return "90+"


def ageing(unpaid: Iterable[tuple[datetime.date, Decimal]], today: datetime.date) -> list[AgeRow]:
    """Count and gross of ``unpaid`` (issue date, gross) per bucket, every bucket listed."""
    count = dict.fromkeys(_LAST_DAY.keys() | {"90+"}, 0)
    gross = dict.fromkeys(count, Decimal("0.00"))
    for issued_on, amount in unpaid:
        bucket = age_bucket(issued_on, today)
        count[bucket] += 1
        gross[bucket] += amount
    return [AgeRow(key, str(label), count[key], gross[key]) for key, label in BUCKETS]
