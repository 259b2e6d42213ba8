"""Work logs that break the rules every log keeps, for `reintegra check-data` (sites made
before the rules existed): overlapping work, and day codes on a day that is not a working day
or is outside the trainee's programme."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from reintegra_coop.core.calendar import is_working_day
from reintegra_coop.core.integrity import Problem
from reintegra_coop.people.models import Trainee

from .models import WorkLog
from .rules import Span, minutes_of


def overlapping_logs() -> Iterator[Problem]:
    """Logs in force that overlap an earlier one of the trainee's day; a correction waiting
    for approval and the log it amends are one entry, not an overlap (as WorkLog's rule)."""
    by_day: dict[tuple[int, datetime.date], list[tuple[int, int | None, Span]]] = defaultdict(list)
    rows = (
        WorkLog.objects.current()
        .working()
        .order_by("trainee_id", "date", "start", "pk")
        .values_list("pk", "amends_id", "trainee_id", "date", "start", "end")
    )
    for pk, amends, trainee_id, day, start, end in rows.iterator(chunk_size=5000):
        by_day[(trainee_id, day)].append((pk, amends, Span(minutes_of(start), minutes_of(end))))
    for (trainee_id, day), logs in by_day.items():
        for index, (log_pk, log_amends, span) in enumerate(logs):
            overlapped = [
                earlier_pk
                for earlier_pk, earlier_amends, earlier in logs[:index]
                if span.overlaps(earlier) and log_pk != earlier_amends and log_amends != earlier_pk
            ]
            if overlapped:
                yield Problem(
                    "overlapping_logs",
                    f"work.WorkLog {log_pk}",
                    f"trainee {trainee_id} on {day}: overlaps work log {overlapped[0]}",
                )


def day_codes_off_the_programme() -> Iterator[Problem]:
    windows = {
        pk: (started, exited)
        for pk, started, exited in Trainee.objects.values_list(
            "pk", "participation_started_on", "exited_on"
        )
    }
    rows = WorkLog.objects.current().values_list("pk", "trainee_id", "date")
    for pk, trainee_id, day in rows.iterator(chunk_size=5000):
        started, exited = windows.get(trainee_id, (None, None))
        if not is_working_day(day):
            yield Problem("day_code_not_working_day", f"work.WorkLog {pk}", f"{day}")
        elif started is None or day < started or (exited is not None and day > exited):
            yield Problem(
                "day_code_outside_programme", f"work.WorkLog {pk}", f"trainee {trainee_id}, {day}"
            )
