import datetime

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

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


def test_a_rolled_back_document_gives_its_number_back():
    day = datetime.date(2026, 3, 1)
    with pytest.raises(RuntimeError), transaction.atomic():
        next_number("FV", day)
        raise RuntimeError("the invoice was not saved")
    assert next_number("FV", day) == "FV-2026-00001"


@pytest.mark.django_db(transaction=True)
def test_the_move_to_django_sequences_goes_on_from_each_series_last_number():
    before, after = ("core", "0003_device_reset"), ("core", "0004_number_series_to_sequences")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    try:
        old = executor.loader.project_state([before]).apps.get_model("core", "NumberSeries")
        old.objects.create(prefix="ORD", year=2026, last_number=41)
        old.objects.create(prefix="ORD", year=2025, last_number=7)
        executor = MigrationExecutor(connection)
        executor.migrate([after])
        assert next_number("ORD", datetime.date(2026, 5, 4)) == "ORD-2026-00042"
        assert next_number("ORD", datetime.date(2025, 5, 5)) == "ORD-2025-00008"
        assert next_number("LOT", datetime.date(2026, 5, 4)) == "LOT-2026-00001"
    finally:
        # Going back to 0003 took the later migrations with it: the tests after this one, on
        # the same database, need every table again.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
