"""The month close at scale (`make bench`, SQLite and MariaDB): a dry run of 10,000 trainees
with a month of logs each (about 220,000 logs), a third on each scheme, every fifth in a flat
since March whose earlier months are closed (their rent statements stored, as in a cooperative
that closes its months): time and query count (target ≤ 5 s; the count must be the same as
for 1,000 trainees). Then the same with no earlier month closed: the rent ledger of every flat
recounted from March (the first close after months without one). Printed, not asserted."""

from __future__ import annotations

import datetime
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _database import run_on_both

MONTH = datetime.date(2026, 10, 1)
SINCE = datetime.date(2026, 3, 2)


def build(
    count: int, tag: str, month: datetime.date, until: datetime.date | None = None
) -> list[int]:
    """``count`` trainees in the programme since March, a third on each scheme (until
    ``until``), a month of approved logs each in ``month``, every fifth in a flat with payroll
    consent."""
    from reintegra_coop.core.calendar import working_days
    from reintegra_coop.housing.models import HousingUnit, Tenancy
    from reintegra_coop.pay.models import PayScheme, PieceWork
    from reintegra_coop.people.models import Trainee, Workshop
    from reintegra_coop.work.models import WorkLog

    workshop = Workshop.objects.create(name=f"Bench garden {tag}", kind="eco_production")
    unit = HousingUnit.objects.create(name=f"Bench flat {tag}", level="shelter", monthly_rent=900)
    trainees = Trainee.objects.bulk_create(
        [
            Trainee(
                first_name=f"T{n:05d}",
                last_name=f"Bench {tag}",
                stage="participant",
                participation_started_on=SINCE,
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    kinds = ["stipend", "hourly", "piece_rate"]
    PayScheme.objects.bulk_create(
        [
            PayScheme(
                trainee=t,
                kind=kinds[n % 3],
                valid_from=SINCE,
                valid_until=until,
                hourly_rate=Decimal("31.40"),
                reference_hourly_wage=Decimal("30.50"),
                standard_units_per_hour=Decimal("7"),
            )
            for n, t in enumerate(trainees)
        ],
        batch_size=2000,
    )
    Tenancy.objects.bulk_create(
        [
            Tenancy(
                trainee=t,
                unit=unit,
                start=SINCE,
                share_percent=Decimal("30"),
                payroll_consent_on=SINCE,
            )
            for n, t in enumerate(trainees)
            if n % 5 == 0
        ],
        batch_size=2000,
    )
    days = working_days(month, "PL")
    PieceWork.objects.bulk_create(
        [PieceWork(trainee=t, date=days[0], units=Decimal("120")) for t in trainees[2::3]],
        batch_size=2000,
    )
    codes = ["present"] * 17 + ["late", "sick", "unexcused", "excused", "day_off"]
    for start in range(0, count, 1000):
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
                for n, t in enumerate(trainees[start : start + 1000], start=start)
                for i, day in enumerate(days)
            ],
            batch_size=5000,
        )
    return [t.pk for t in trainees]


def measure(work: object) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    began = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        work()  # type: ignore[operator]
    return time.perf_counter() - began, len(captured)


def main(backend: str) -> None:
    from reintegra_coop.core.dates import months
    from reintegra_coop.housing.ledger import close_month, reopen_month
    from reintegra_coop.pay.models import StipendSetting
    from reintegra_coop.pay.payroll import draft_payslips
    from reintegra_coop.work.models import WorkLog

    StipendSetting.objects.create(valid_from=datetime.date(2026, 1, 1), base=Decimal("1553.40"))
    build(1000, "a", MONTH)
    _seconds, small_queries = measure(lambda: draft_payslips(MONTH))
    build(9000, "b", MONTH)
    logs = WorkLog.objects.count()
    earlier = list(months(SINCE, MONTH - datetime.timedelta(days=1)))
    for month in earlier:
        close_month(month, {})
    timings = []
    for _ in range(3):
        seconds, queries = measure(lambda: draft_payslips(MONTH))
        timings.append(seconds)
    print(
        f"[{backend:7}] dry run, 10,000 trainees, {logs} logs, earlier months closed: "
        f"{statistics.median(timings):5.2f} s median of 3, {queries} queries "
        f"(1,000 trainees: {small_queries} queries) — target ≤ 5 s"
    )
    for month in earlier:
        reopen_month(month)
    seconds, _queries = measure(lambda: draft_payslips(MONTH))
    print(
        f"[{backend:7}] the same with no earlier month closed (every flat's ledger recounted "
        f"from March): {seconds:5.2f} s"
    )


if __name__ == "__main__":
    run_on_both(main)
