"""`reintegra --site S recompute-milestones` (and the worker's nightly job) brings every current
trainee's milestones up to the approved work record, and changes nothing when run again."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from tests.factories import MilestoneFactory, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]


def recompute(*args: str) -> str:
    out = io.StringIO()
    call_command("recompute_milestones", *args, stdout=out)
    return out.getvalue().strip()


def test_the_command_recomputes_every_current_trainees_milestones(personas):
    alone = MilestoneFactory(
        trainee=personas.trainee_anna, kind="independent_work", title="3 alone", target=Decimal(3)
    )
    other = MilestoneFactory(
        trainee=personas.trainee_bartek, kind="independent_work", title="2 alone", target=Decimal(2)
    )
    for day in (23, 24, 25):  # approved logs whose approval never recomputed (an old import)
        work(
            personas.trainee_anna,
            personas.garden,
            datetime.date(2026, 11, day),
            done_independently=True,
        )
    work(
        personas.trainee_bartek,
        personas.carpentry,
        datetime.date(2026, 11, 23),
        done_independently=True,
    )

    assert recompute() == "Recomputed milestones up to 2026-12-02: 2 changed."
    alone.refresh_from_db()
    other.refresh_from_db()
    assert (alone.progress, alone.achieved_on) == (Decimal(3), datetime.date(2026, 11, 25))
    assert (other.progress, other.achieved_on) == (Decimal(1), None)
    assert recompute() == "Recomputed milestones up to 2026-12-02: 0 changed."


def test_the_command_counts_up_to_the_date_given(personas):
    alone = MilestoneFactory(
        trainee=personas.trainee_anna, kind="independent_work", title="3 alone", target=Decimal(3)
    )
    for day in (23, 24, 25):
        work(
            personas.trainee_anna,
            personas.garden,
            datetime.date(2026, 11, day),
            done_independently=True,
        )
    assert recompute("--date", "2026-11-24") == "Recomputed milestones up to 2026-11-24: 1 changed."
    alone.refresh_from_db()
    assert (alone.progress, alone.achieved_on) == (Decimal(2), None)
