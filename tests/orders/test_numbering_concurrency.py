"""Order numbers stay unique and gapless when many people create orders at once (MariaDB)."""

import datetime
import threading

import pytest
from django.db import connection

from reintegra_coop.orders.models import Order, OrderKind
from tests.factories import CustomerFactory

THREADS, ORDERS_EACH = 8, 5


@pytest.mark.mariadb_only
@pytest.mark.django_db(transaction=True)
def test_numbers_are_unique_and_gapless_under_concurrent_creation():
    customer = CustomerFactory()
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def create_orders() -> None:
        try:
            start.wait()
            for _ in range(ORDERS_EACH):
                Order.objects.create(
                    kind=OrderKind.WORKSHOP,
                    customer=customer,
                    ordered_on=datetime.date(2026, 11, 23),
                    due_on=datetime.date(2026, 12, 1),
                )
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create_orders) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = sorted(Order.objects.values_list("number", flat=True))
    assert numbers == [f"ORD-2026-{n:05d}" for n in range(1, THREADS * ORDERS_EACH + 1)]
