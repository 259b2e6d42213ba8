"""Receivables by age: invoices not settled by the days since they were issued, in the
buckets accountants chase them by (0–30, 31–60, 61–90, over 90 days), with what is still owed
(after partial payments and corrections) or paid too much. Pure functions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.spreadsheet_csv import Cell

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


@dataclass(frozen=True)
class OpenInvoice:
    """An invoice not settled, as the receivables list and its exports show it."""

    number: str
    customer: str
    issued_on: datetime.date
    due_on: datetime.date
    amount_due: Decimal
    amount_paid: Decimal
    balance: Decimal  # negative: the buyer paid too much and is owed a refund
    days_overdue: int
    bucket: str
    order_id: int | None = None  # for the page's link


def open_invoice(
    number: str,
    customer: str,
    issued_on: datetime.date,
    due_on: datetime.date,
    amount_due: Decimal,
    amount_paid: Decimal,
    today: datetime.date,
    order_id: int | None = None,
) -> OpenInvoice:
    return OpenInvoice(
        number=number,
        customer=customer,
        issued_on=issued_on,
        due_on=due_on,
        amount_due=amount_due,
        amount_paid=amount_paid,
        balance=amount_due - amount_paid,
        days_overdue=max((today - due_on).days, 0),
        bucket=age_bucket(issued_on, today),
        order_id=order_id,
    )


EXPORT_COLUMNS = [
    "number",
    "customer",
    "issued_on",
    "due_on",
    "days_overdue",
    "age",
    "amount_due",
    "paid",
    "balance",
]


def export_rows(invoices: Iterable[OpenInvoice]) -> list[list[Cell]]:
    return [
        [
            row.number,
            row.customer,
            row.issued_on,
            row.due_on,
            row.days_overdue,
            row.bucket,
            row.amount_due,
            row.amount_paid,
            row.balance,
        ]
        for row in invoices
    ]
