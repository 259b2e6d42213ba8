import datetime

import pytest

from reintegra_coop.core.numbering import next_number

pytestmark = pytest.mark.django_db


def test_numbers_count_up_per_prefix_and_year():
    day = datetime.date(2026, 3, 1)
    assert [next_number("ORD", day) for _ in range(3)] == [
        "ORD-2026-00001",
        "ORD-2026-00002",
        "ORD-2026-00003",
    ]
    assert next_number("INV", day) == "INV-2026-00001"
    assert next_number("ORD", datetime.date(2027, 1, 1)) == "ORD-2027-00001"
    assert next_number("ORD", day) == "ORD-2026-00004"
