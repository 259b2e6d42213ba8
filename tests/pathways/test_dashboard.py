"""The manager's dashboard: approved hours by workshop week by week, trainees by stage, moves
on the housing ladder and placements — counted from the record, drawn on the server, for
managers only, in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from reintegra_coop.pathways.dashboard import dashboard
from tests.factories import HousingUnitFactory, TenancyFactory, TraineeFactory, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]
TODAY = datetime.date(2026, 11, 23)  # a Monday


def test_the_dashboard_counts_hours_stages_housing_moves_and_placements(personas):
    anna, bartek = personas.trainee_anna, personas.trainee_bartek
    work(anna, personas.garden, datetime.date(2026, 11, 16))  # 6 h last week
    work(anna, personas.garden, datetime.date(2026, 11, 17), start=8, end=12)  # 4 h
    work(bartek, personas.carpentry, datetime.date(2026, 10, 5))  # 6 h, seven weeks back
    work(bartek, personas.carpentry, datetime.date(2026, 11, 23), status="draft")  # not counted
    shelter = HousingUnitFactory(level="shelter")
    flat = HousingUnitFactory(level="training_flat")
    TenancyFactory(
        trainee=anna, unit=shelter, start=datetime.date(2026, 5, 1), end=datetime.date(2026, 10, 31)
    )
    TenancyFactory(trainee=anna, unit=flat, start=datetime.date(2026, 11, 1))  # a step up
    TenancyFactory(
        trainee=bartek, unit=flat, start=datetime.date(2026, 3, 1), end=datetime.date(2026, 9, 30)
    )
    TenancyFactory(trainee=bartek, unit=shelter, start=datetime.date(2026, 10, 1))  # a step down
    TraineeFactory(user__username="new", stage="applicant")

    board = dashboard(TODAY)
    assert board.weeks[0] == datetime.date(2026, 10, 5) and board.weeks[-1] == TODAY
    hours = dict(board.hours)
    assert hours["Organic garden"][-2] == 10 and sum(hours["Organic garden"]) == 10
    assert hours["Carpentry-locksmith"][0] == 6 and sum(hours["Carpentry-locksmith"]) == 6
    stages, ladder, placements = board.charts
    assert {bar.label: bar.count for bar in stages.rows}["Participant"] == 2
    assert {bar.label: bar.count for bar in stages.rows}["Applicant"] == 1
    assert [bar.count for bar in ladder.rows] == [1, 0, 1]
    assert sum(bar.count for bar in placements.rows) == 0


def test_only_managers_open_the_dashboard(client, personas, django_assert_max_num_queries):
    client.force_login(personas.manager)
    client.get(reverse("pathways:dashboard"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("pathways:dashboard"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    for who in ("care_worker", "garden_instructor", "accountant", "outsider"):
        client.force_login(getattr(personas, who))
        assert client.get(reverse("pathways:dashboard")).status_code == 403
