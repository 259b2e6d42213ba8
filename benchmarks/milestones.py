"""Recomputing milestones for 1,000 trainees with a month of logs (about 22,000), on SQLite
and MariaDB (target ≤ 1 s). Run with `make bench`."""

from __future__ import annotations

import datetime
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _database import run_on_both

TRAINEES = 1000
MONTH = datetime.date(2026, 10, 1)


def main(backend: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reintegra_coop.care.models import Milestone
    from reintegra_coop.care.progress import recompute
    from reintegra_coop.core.calendar import working_days
    from reintegra_coop.people.models import Skill, Trainee, Workshop
    from reintegra_coop.work.models import WorkLog

    workshop = Workshop.objects.create(name="Bench garden", kind="eco_production")
    skill = Skill.objects.create(workshop=workshop, name="Weeding")
    trainees = Trainee.objects.bulk_create(
        [Trainee(first_name=f"T{n}", last_name="Bench") for n in range(TRAINEES)]
    )
    days = working_days(MONTH, "PL")
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
                skill=skill,
                attendance="late" if (n + i) % 9 == 0 else "present",
                done_independently=(n + i) % 4 == 0,
            )
            for n, t in enumerate(trainees)
            for i, day in enumerate(days)
        ],
        batch_size=2000,
    )
    Milestone.objects.bulk_create(
        [
            Milestone(trainee=t, kind=kind, title=kind, target=Decimal(target), skill=skill)
            for t in trainees
            for kind, target in (
                ("hours_in_skill", 100),
                ("attendance_rate", 90),
                ("punctuality_streak", 10),
                ("independent_work", 5),
            )
        ]
    )
    began = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        changed = recompute([t.pk for t in trainees], datetime.date(2026, 10, 31))
    took = (time.perf_counter() - began) * 1000
    print(
        f"[{backend:7}] milestones, {TRAINEES} trainees × 4, {WorkLog.objects.count()} logs: "
        f"{took:6.0f} ms, {len(queries)} queries, {changed} updated (target ≤ 1 s)"
    )


if __name__ == "__main__":
    run_on_both(main)
