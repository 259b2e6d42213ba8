"""Receivables by age for the accountant: unpaid invoices in 0–30, 31–60, 61–90 and over 90
days since issue, with their count and gross; the bucket edges are the days named."""

import datetime
from decimal import Decimal

import pytest

from reintegra_coop.orders.receivables import BUCKETS, age_bucket, ageing

D = Decimal
TODAY = datetime.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (0, "0-30"),
        (30, "0-30"),
        (31, "31-60"),
        (60, "31-60"),
        (61, "61-90"),
        (90, "61-90"),
        (91, "90+"),
        (400, "90+"),
    ],
)
def test_an_invoice_falls_in_the_bucket_of_its_days_since_issue(days, bucket):
    assert age_bucket(TODAY - datetime.timedelta(days=days), TODAY) == bucket


def test_ageing_counts_and_sums_unpaid_invoices_per_bucket_in_order():
    issued = [
        (TODAY - datetime.timedelta(days=5), D("100.00")),
        (TODAY - datetime.timedelta(days=29), D("23.45")),
        (TODAY - datetime.timedelta(days=45), D("50.00")),
        (TODAY - datetime.timedelta(days=120), D("999.99")),
    ]
    assert [(row.bucket, row.count, row.gross) for row in ageing(issued, TODAY)] == [
        ("0-30", 2, D("123.45")),
        ("31-60", 1, D("50.00")),
        ("61-90", 0, D("0.00")),
        ("90+", 1, D("999.99")),
    ]
    assert [bucket for bucket, _label in BUCKETS] == ["0-30", "31-60", "61-90", "90+"]
