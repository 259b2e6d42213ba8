"""How long the order list page and the API order list take with a year of orders.

Builds the demo cooperative plus 2,000 orders of three lines each in an in-memory SQLite
database, then requests each list repeatedly and prints the median time and query count.
Run with `make bench`.
"""

from __future__ import annotations

import datetime
import os
import statistics
import time
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment

EXTRA_ORDERS = 2000
ROUNDS = 20


def build() -> None:
    from reintegra_coop.orders.models import CatalogueItem, Customer, Order, OrderLine

    call_command("migrate", verbosity=0)
    call_command("load_demo", quiet_logins=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    customers = list(Customer.objects.all())
    items = list(CatalogueItem.objects.select_related("vat_rate"))
    start = datetime.date(2026, 1, 2)
    for number in range(EXTRA_ORDERS):
        day = start + datetime.timedelta(days=number % 300)
        order = Order.objects.create(
            kind="workshop",
            customer=customers[number % len(customers)],
            ordered_on=day,
            due_on=day + datetime.timedelta(days=14),
        )
        for position in range(3):
            item = items[(number + position) % len(items)]
            OrderLine.objects.create(
                order=order,
                position=position,
                item=item,
                description=item.name,
                quantity=Decimal(position + 1),
                unit=item.unit,
                unit_price=item.price,
                vat_percent=item.vat_rate.percent,
            )


def measure(client: Client, path: str) -> tuple[float, int]:
    timings = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - began)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(timings) * 1000, len(queries)


def main() -> None:
    setup_test_environment()
    build()
    from django.contrib.auth.models import User

    client = Client()
    client.force_login(User.objects.get(username="manager"))
    for path in ("/orders/", "/orders/?status=draft&q=Gmina", "/orders/board/", "/api/orders/"):
        median_ms, queries = measure(client, path)
        print(
            f"{path:<32} {median_ms:7.1f} ms median over {ROUNDS} requests, {queries} queries "
            f"({EXTRA_ORDERS + 14} orders)"
        )


if __name__ == "__main__":
    main()
