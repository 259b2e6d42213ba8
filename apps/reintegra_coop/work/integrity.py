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
    by_day: dict[tuple[int, datetime.date], list[tuple[int, Span]]] = defaultdict(list)
    rows = (
        WorkLog.objects.current()
        .working()
        .order_by("trainee_id", "date", "start")
        .values_list("pk", "trainee_id", "date", "start", "end")
    )
    for pk, trainee_id, day, start, end in rows.iterator(chunk_size=5000):
        by_day[(trainee_id, day)].append((pk, Span(minutes_of(start), minutes_of(end))))
    for (trainee_id, day), spans in by_day.items():
        longest_pk, longest = spans[0]  # sorted by start: the span reaching furthest so far
        for pk, span in spans[1:]:
            if span.overlaps(longest):
                yield Problem(
                    "overlapping_logs",
                    f"work.WorkLog {pk}",
                    f"trainee {trainee_id} on {day}: overlaps work log {longest_pk}",
                )
            if span.end > longest.end:
                longest_pk, longest = pk, span


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
