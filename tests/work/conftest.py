import datetime
import re

import pytest
from django.urls import reverse

from reintegra_coop.care.models import UnavailableBlock, WorkConstraint
from reintegra_coop.work.models import Shift, ShiftAssignment
from tests.factories import WORK_DAY, TraineeFactory


@pytest.fixture
def garden_crew(personas):
    """Anna and 11 more trainees of the garden, rostered today 8:00–14:00."""
    crew = [personas.trainee_anna] + [
        TraineeFactory(
            user__username=f"gardener{n}",
            first_name=f"Gardener{n:02d}",
            last_name="Crew",
            workshops=[personas.garden],
        )
        for n in range(11)
    ]
    shift = Shift.objects.create(
        workshop=personas.garden,
        date=WORK_DAY,
        start=datetime.time(8),
        end=datetime.time(14),
        capacity=15,
    )
    for trainee in crew:
        ShiftAssignment.objects.create(shift=shift, trainee=trainee)
    return crew


@pytest.fixture
def care_block(personas):
    """Anna cannot work Mondays 12:00–13:30 (a therapy session; the reason is care data)."""
    constraint = WorkConstraint.objects.create(trainee=personas.trainee_anna)
    return UnavailableBlock.objects.create(
        constraint=constraint,
        weekday=0,
        start=datetime.time(12),
        end=datetime.time(13, 30),
        reason="Group therapy at the clinic",
    )


@pytest.fixture
def crew_sheet_form():
    """Open a workshop's crew sheet as ``client`` and return its form as the browser would
    send it (hidden, time, text and select fields), with ``changes`` (name → value) applied."""

    def read(client, workshop, changes=None, day=WORK_DAY):
        page = client.get(
            reverse("work:crew_sheet_for", args=[workshop.pk]), {"date": day.isoformat()}
        ).content.decode()
        return form_fields(page, changes)

    return read


def form_fields(page_html, changes=None):
    data = {}
    for name, value in re.findall(
        r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page_html
    ):
        data[name] = value
    for match in re.finditer(
        r'<input type="(?:time|text|number)" name="([^"]+)"(?: value="([^"]*)")?', page_html
    ):
        data[match.group(1)] = match.group(2) or ""
    for select in re.finditer(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page_html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(2))
        data[select.group(1)] = chosen.group(1) if chosen else ""
    data.update(changes or {})
    return data
