"""How long the manager's and an instructor's home pages take with a larger cooperative.

Builds the demo cooperative plus 500 more trainees in an in-memory SQLite database, then
requests each page repeatedly and prints the median time and the number of queries.
Run with `make bench`.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment

EXTRA_TRAINEES = 500
ROUNDS = 30


def build() -> None:
    from reintegra_coop.people.models import Trainee, Workshop

    call_command("migrate", verbosity=0)
    call_command("load_demo", quiet_logins=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    workshops = list(Workshop.objects.all())
    for number in range(EXTRA_TRAINEES):
        trainee = Trainee.objects.create(first_name=f"Bench{number}", last_name="Trainee")
        trainee.workshops.add(workshops[number % len(workshops)])


def measure(client: Client, path: str) -> tuple[float, int]:
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(timings) * 1000, len(queries)


def main() -> None:
    setup_test_environment()
    build()
    from django.contrib.auth.models import User

    for username, path in (
        ("manager", "/people/manager/"),
        ("instructor.garden", "/people/instructor/"),
    ):
        client = Client()
        client.force_login(User.objects.get(username=username))
        median_ms, queries = measure(client, path)
        print(
            f"{path:<22} {median_ms:7.1f} ms median over {ROUNDS} requests, "
            f"{queries} queries ({24 + EXTRA_TRAINEES} trainees in the cooperative)"
        )


if __name__ == "__main__":
    main()
