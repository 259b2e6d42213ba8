"""The instructor's two daily pages, on SQLite and MariaDB:
- submitting a crew sheet of 15 trainees (target ≤ 50 ms);
- the workshop's roster week with 2,000 trainees in the cooperative (target ≤ 300 ms), and
  the extreme case of all 2,000 in one workshop, rostered every weekday.
Run with `make bench`."""

from __future__ import annotations

import datetime
import re
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _database import run_on_both

ROUNDS = 15
COOPERATIVE = 2000


def build(crew_size: int, rostered_everyone: bool = False) -> dict[str, object]:
    from django.contrib.auth.models import User
    from django.utils import timezone

    from reintegra_coop.core.roles import COMMAND_LINE, Role
    from reintegra_coop.people.models import StaffMember, Trainee, Workshop
    from reintegra_coop.work.models import Shift, ShiftAssignment, week_of

    garden = Workshop.objects.create(name=f"Garden {uuid.uuid4().hex[:6]}", kind="eco_production")
    other = Workshop.objects.create(name=f"Other {uuid.uuid4().hex[:6]}", kind="craft_workshop")
    user = User.objects.create(username=f"instructor-{uuid.uuid4().hex[:6]}")
    StaffMember.appoint(user, Role.INSTRUCTOR, COMMAND_LINE).workshops.set([garden])
    trainees = Trainee.objects.bulk_create(
        [
            Trainee(first_name=f"T{n:04d}", last_name="Bench", stage="participant")
            for n in range(COOPERATIVE)
        ]
    )
    through = Trainee.workshops.through
    through.objects.bulk_create(
        [
            through(trainee_id=t.pk, workshop_id=(garden.pk if n < crew_size else other.pk))
            for n, t in enumerate(trainees)
        ]
    )
    monday = week_of(timezone.localdate())[0]
    shifts = Shift.objects.bulk_create(
        [
            Shift(
                workshop=garden,
                date=monday + datetime.timedelta(days=d),
                start=datetime.time(8),
                end=datetime.time(14),
                capacity=crew_size,
            )
            for d in range(5)
        ]
    )
    crew = trainees[:crew_size]
    ShiftAssignment.objects.bulk_create(
        [
            ShiftAssignment(shift=s, trainee=t)
            for s in (shifts if rostered_everyone else shifts[:1])
            for t in crew
        ]
    )
    return {"user": user, "garden": garden, "monday": monday, "crew": crew}


def timed(call, rounds: int = ROUNDS) -> float:
    timings = []
    for _ in range(rounds):
        began = time.perf_counter()
        call()
        timings.append(time.perf_counter() - began)
    return statistics.median(timings) * 1000


def crew_sheet(backend: str) -> None:
    from django.test import Client

    from reintegra_coop.work.models import CrewSheetSubmission, WorkLog

    world = build(crew_size=15)
    client = Client()
    client.force_login(world["user"])
    url = f"/work/crew/{world['garden'].pk}/?date={world['monday'].isoformat()}"
    page = client.get(url).content.decode()
    data = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    data["rows-TOTAL_FORMS"] = "15"  # the 15 rostered rows; no one added by hand
    for n in range(15):
        data.update(
            {
                f"rows-{n}-start": "08:00",
                f"rows-{n}-end": "14:00",
                f"rows-{n}-attendance": "present",
                f"rows-{n}-work_type": "paid_work",
            }
        )

    timings = []
    for _ in range(ROUNDS):
        data["token"] = str(uuid.uuid4())
        began = time.perf_counter()
        response = client.post(url, data)
        timings.append(time.perf_counter() - began)
        assert response.status_code == 302, re.findall(
            r'role="alert">(.*?)</div>', response.content.decode(), re.S
        )[:3]
        assert WorkLog.objects.count() == 15, WorkLog.objects.count()
        WorkLog.history.all().delete()
        WorkLog.objects.all().delete()
        CrewSheetSubmission.objects.all().delete()
    median = statistics.median(timings) * 1000
    print(
        f"[{backend:7}] crew sheet submit, 15 trainees: {median:6.1f} ms median over {ROUNDS} "
        "(target ≤ 50 ms)"
    )


def week_view(backend: str, crew_size: int, everyone: bool, label: str) -> None:
    from django.test import Client

    world = build(crew_size=crew_size, rostered_everyone=everyone)
    client = Client()
    client.force_login(world["user"])
    url = f"/work/roster/{world['garden'].pk}/?date={world['monday'].isoformat()}"
    assert client.get(url).status_code == 200
    median = timed(lambda: client.get(url), rounds=7 if everyone else ROUNDS)
    print(f"[{backend:7}] roster week, {label}: {median:6.1f} ms median (target ≤ 300 ms)")


def main(backend: str) -> None:
    crew_sheet(backend)
    week_view(backend, 40, False, f"{COOPERATIVE} trainees, crew of 40")
    week_view(backend, COOPERATIVE, True, f"all {COOPERATIVE} in one workshop, rostered all week")


if __name__ == "__main__":
    run_on_both(main)
