"""The manager's dashboard, read in a handful of queries: hours by workshop over the last
weeks, the stage funnel, moves on the housing ladder and placements. Drawn with the funder's
report's bar charts (server-side SVG); managers see people, so counts are shown as they are."""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from reintegra_coop.housing.models import HousingLevel, Tenancy
from reintegra_coop.people.models import Stage, Trainee
from reintegra_coop.work.models import WorkLog, week_of

from .models import Placement, PlacementStatus

WEEKS = 8
LADDER = list(HousingLevel.values)


@dataclass(frozen=True)
class Bar:
    label: str
    count: int

    @property
    def shown(self) -> str:
        return str(self.count)

    suppressed = False


@dataclass(frozen=True)
class Chart:
    title: str
    rows: tuple[Bar, ...]


@dataclass(frozen=True)
class Dashboard:
    weeks: list[datetime.date]  # Mondays, oldest first
    hours: list[tuple[str, list[int]]]  # workshop, whole hours a week
    charts: tuple[Chart, ...]


def dashboard(today: datetime.date) -> Dashboard:
    monday = week_of(today)[0]
    weeks = [monday - datetime.timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
    return Dashboard(
        weeks,
        _hours_by_workshop(weeks, today),
        (_funnel(), _ladder(today), _placements(today)),
    )


def _hours_by_workshop(
    weeks: list[datetime.date], today: datetime.date
) -> list[tuple[str, list[int]]]:
    rows = (
        WorkLog.objects.current()
        .approved()
        .working()
        .filter(date__range=(weeks[0], today))
        .values("workshop__name", "date")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    minutes: dict[str, list[int]] = defaultdict(lambda: [0] * len(weeks))
    for row in rows:
        week = (row["date"] - weeks[0]).days // 7
        minutes[row["workshop__name"]][week] += row["minutes"]
    return [(name, [m // 60 for m in values]) for name, values in sorted(minutes.items())]


def _funnel() -> Chart:
    counts = dict(Trainee.objects.current().values_list("stage").annotate(n=Count("pk")).order_by())
    return Chart(
        _("Trainees by stage"), tuple(Bar(str(s.label), counts.get(s.value, 0)) for s in Stage)
    )


def _ladder(today: datetime.date) -> Chart:
    """Each tenancy begun in the last 12 weeks after another of the same trainee: a step up
    the ladder, the same rung, or a step down."""
    since = today - datetime.timedelta(weeks=12)
    tenancies = list(
        Tenancy.objects.filter(start__lte=today)
        .order_by("trainee_id", "start", "pk")
        .values_list("trainee_id", "start", "unit__level")
    )
    up = same = down = 0
    for before, after in itertools.pairwise(tenancies):
        if before[0] != after[0] or after[1] <= since:
            continue
        step = LADDER.index(after[2]) - LADDER.index(before[2])
        up, same, down = up + (step > 0), same + (step == 0), down + (step < 0)
    return Chart(
        _("Housing ladder moves, last 12 weeks"),
        (Bar(_("up"), up), Bar(_("same level"), same), Bar(_("down"), down)),
    )


def _placements(today: datetime.date) -> Chart:
    year_ago = today - datetime.timedelta(days=365)
    counts = dict(
        Placement.objects.filter(starts_on__gte=year_ago)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Chart(
        _("Placements begun in the last 12 months"),
        tuple(Bar(str(s.label), counts.get(s.value, 0)) for s in PlacementStatus),
    )
