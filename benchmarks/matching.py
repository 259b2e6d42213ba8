"""Matching 2,000 trainees against 200 job openings (target ≤ 1 s for the ranking), on SQLite
and MariaDB: each trainee with 8 weeks of rostered, approved shifts in a skill (80,000 logs),
each opening asking for hours in one or two skills, an attendance rate, a punctuality run and
sometimes a milestone. Prints the time to load the verified records and to rank. Run with
`make bench`."""

from __future__ import annotations

import datetime
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _database import run_on_both

TRAINEES = 2000
OPENINGS = 200
TODAY = datetime.date(2026, 11, 30)


def main(backend: str) -> None:
    from reintegra_coop.care.plans import Milestone
    from reintegra_coop.core.calendar import working_days
    from reintegra_coop.pathways import matching
    from reintegra_coop.pathways.models import Opening, OpeningSkill, Organisation
    from reintegra_coop.pathways.records import needs_of, verified_records
    from reintegra_coop.people.models import Skill, Trainee, Workshop
    from reintegra_coop.work.models import Shift, ShiftAssignment, WorkLog

    workshops = [
        Workshop.objects.create(name=f"Bench workshop {n}", kind="craft_workshop") for n in range(5)
    ]
    skills = [
        Skill.objects.create(workshop=w, name=f"Skill {n}") for w in workshops for n in range(4)
    ]
    trainees = Trainee.objects.bulk_create(
        [
            Trainee(first_name=f"T{n}", last_name="Bench", stage="participant")
            for n in range(TRAINEES)
        ]
    )
    days = [
        d
        for month in (datetime.date(2026, 10, 1), datetime.date(2026, 11, 1))
        for d in working_days(month, "PL")
        if TODAY - datetime.timedelta(weeks=8) < d <= TODAY
    ]
    shifts = {
        (w.pk, d): Shift.objects.create(
            workshop=w, date=d, start=datetime.time(8), end=datetime.time(14), capacity=500
        )
        for w in workshops
        for d in days
    }
    ShiftAssignment.objects.bulk_create(
        [
            ShiftAssignment(shift=shifts[(workshops[n % 5].pk, d)], trainee=t)
            for n, t in enumerate(trainees)
            for d in days
        ],
        batch_size=2000,
    )
    WorkLog.objects.bulk_create(
        [
            WorkLog(
                trainee=t,
                workshop=workshops[n % 5],
                shift=shifts[(workshops[n % 5].pk, d)],
                skill=skills[(n % 5) * 4 + i % 4],
                date=d,
                start=datetime.time(8),
                end=datetime.time(14),
                minutes=360,
                status="approved",
                attendance="late" if (n + i) % 11 == 0 else "present",
            )
            for n, t in enumerate(trainees)
            for i, d in enumerate(days)
            if (n + i) % 17  # now and then a missed shift
        ],
        batch_size=2000,
    )
    Milestone.objects.bulk_create(
        [
            Milestone(
                trainee=t,
                kind="signed_off",
                title="Forklift licence",
                achieved_on=TODAY,
                evidence="UDT",
            )
            for t in trainees[::3]
        ]
    )
    employer = Organisation.objects.create(
        name="Bench employer", kind="employer", employer_tie="cooperating"
    )
    openings = Opening.objects.bulk_create(
        [
            Opening(
                employer=employer,
                title=f"Job {n}",
                min_attendance_percent=Decimal(80 + n % 15),
                attendance_weeks=4 + 4 * (n % 2),
                min_punctuality_streak=5 + n % 20,
                milestone_title="Forklift licence" if n % 4 == 0 else "",
            )
            for n in range(OPENINGS)
        ]
    )
    OpeningSkill.objects.bulk_create(
        [
            OpeningSkill(opening=o, skill=skills[(n + k * 7) % len(skills)], hours=40 + 20 * k)
            for n, o in enumerate(openings)
            for k in range(1 + n % 2)
        ]
    )
    print(f"[{backend:7}] {TRAINEES} trainees, {OPENINGS} openings, {WorkLog.objects.count()} logs")

    began = time.perf_counter()
    needs = [needs_of(o) for o in Opening.objects.prefetch_related("skills")]
    records = verified_records([t.pk for t in trainees], needs, TODAY)
    loaded = time.perf_counter() - began

    began = time.perf_counter()
    ranked = [matching.rank(opening, records, limit=50) for opening in needs]
    ranking = time.perf_counter() - began

    began = time.perf_counter()
    one = verified_records([trainees[0].pk], needs, TODAY)[0]
    best = matching.best_openings(one, needs, limit=50)
    reverse = time.perf_counter() - began

    print(
        f"[{backend:7}] ranking {TRAINEES} trainees against {OPENINGS} openings: "
        f"{ranking * 1000:6.0f} ms (target ≤ 1 s); loading their verified records: "
        f"{loaded * 1000:6.0f} ms; one trainee's best openings, loaded and ranked: "
        f"{reverse * 1000:4.0f} ms; best score {ranked[0][0].score}, {len(best)} openings"
    )


if __name__ == "__main__":
    run_on_both(main)
