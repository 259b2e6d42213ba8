"""A pay run for 1,000 trainees with a month of logs (about 22,000), on SQLite and MariaDB:
time and query count (target under 1 s on MariaDB; the count must not grow with trainees).
Run with `make bench`."""

from __future__ import annotations

import datetime
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _database import run_on_both

TRAINEES = 1000
MONTH = datetime.date(2026, 10, 1)


def build() -> object:
    from django.contrib.auth.models import User

    from reintegra_coop.core.calendar import working_days
    from reintegra_coop.pay.models import PayScheme, StipendSetting
    from reintegra_coop.people.models import Trainee, Workshop
    from reintegra_coop.work.models import WorkLog

    manager = User.objects.create(username="bench-manager")
    workshop = Workshop.objects.create(name="Bench garden", kind="eco_production")
    StipendSetting.objects.create(valid_from=datetime.date(2026, 1, 1), base=Decimal("1553.40"))
    trainees = Trainee.objects.bulk_create(
        [
            Trainee(
                first_name=f"T{n:04d}",
                last_name="Bench",
                stage="participant",
                participation_started_on=datetime.date(2026, 3, 2),
            )
            for n in range(TRAINEES)
        ]
    )
    PayScheme.objects.bulk_create(
        [
            PayScheme(
                trainee=t,
                kind="stipend" if n % 3 else "hourly",
                valid_from=datetime.date(2026, 1, 1),
                hourly_rate=Decimal("31.40"),
            )
            for n, t in enumerate(trainees)
        ]
    )
    days = working_days(MONTH, "PL")
    codes = ["present"] * 17 + ["late", "sick", "unexcused", "excused", "day_off"]
    WorkLog.objects.bulk_create(
        [
            WorkLog(
                trainee=t,
                workshop=workshop,
                date=day,
                start=datetime.time(8),
                end=datetime.time(14),
                minutes=360,
                status="approved",
                attendance=codes[(n + i) % len(codes)],
            )
            for n, t in enumerate(trainees)
            for i, day in enumerate(days)
        ],
        batch_size=2000,
    )
    return manager


def main(backend: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reintegra_coop.pay import payroll
    from reintegra_coop.work.models import WorkLog

    manager = build()
    logs = WorkLog.objects.count()
    timings, queries = [], 0
    for _ in range(3):
        began = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            run = payroll.run_payroll(MONTH, manager)
        timings.append(time.perf_counter() - began)
        queries = len(captured)
    print(
        f"[{backend:7}] pay run, {TRAINEES} trainees, {logs} logs: "
        f"{statistics.median(timings) * 1000:6.0f} ms median of 3, {queries} queries, "
        f"{run.payslips.count()} payslips (target < 1 s on MariaDB)"
    )


if __name__ == "__main__":
    run_on_both(main)
