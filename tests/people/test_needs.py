"""Each staff home page starts with what waits for that person, from every area, within what
they may see: a count, a sentence and the page where it is done."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from reintegra_coop.orders.models import ProductionLot
from reintegra_coop.pay.models import PayPeriod
from tests.factories import (
    CatalogueItemFactory,
    CommunityServiceOrderFactory,
    work,
)

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-10T10:00")]
DAY = datetime.date(2026, 12, 7)  # a Monday


def needs_on_home(client, user):
    client.force_login(user)
    page = client.get(reverse("core:home"), follow=True).content.decode()
    section = page.split('id="needs"', 1)[1].split("</section>", 1)[0]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", item).split())
        for item in re.findall(r"<li>(.*?)</li>", section, re.S)
    ]


@pytest.fixture
def waiting(personas):
    work(personas.trainee_anna, personas.garden, DAY, status="submitted")
    work(personas.trainee_anna, personas.garden, DAY + datetime.timedelta(1), status="submitted")
    disputed = work(personas.trainee_bartek, personas.carpentry, DAY)
    disputed.dispute("I left at noon.")
    PayPeriod.objects.create(month=datetime.date(2026, 11, 1))  # open, before this month
    potatoes = CatalogueItemFactory(workshop=personas.garden, unit="kg", tracks_stock=True)
    # past; within 3 days (the last of them); 4 days away: not yet on the list
    for best_before in (
        datetime.date(2026, 12, 9),
        datetime.date(2026, 12, 13),
        datetime.date(2026, 12, 14),
    ):
        ProductionLot.objects.create(
            item=potatoes,
            workshop=personas.garden,
            quantity=Decimal("10"),
            produced_on=datetime.date(2026, 12, 1),
            best_before=best_before,
        )
    CommunityServiceOrderFactory(
        trainee=personas.trainee_anna,
        start=datetime.date(2026, 10, 1),
        deadline=datetime.date(2027, 9, 30),
    )  # no hours in October or November: behind


def test_the_manager_sees_everything_waiting_in_every_area(client, personas, waiting):
    assert needs_on_home(client, personas.manager) == [
        "2 logs wait for approval",
        "1 log is disputed",
        "1 lot in stock is past its best-before date",
        "1 lot in stock reaches its best-before date within 3 days",
        "1 earlier month is not closed",
        "1 court order is falling behind",
    ]


def test_an_instructor_sees_only_their_workshops_waiting(client, personas, waiting):
    assert needs_on_home(client, personas.carpentry_instructor) == ["1 log is disputed"]
    garden = needs_on_home(client, personas.garden_instructor)
    assert garden == [
        "2 logs wait for approval",
        "1 lot in stock is past its best-before date",
        "1 lot in stock reaches its best-before date within 3 days",
    ]


def test_a_care_worker_sees_their_caseloads_court_orders(client, personas, waiting):
    assert needs_on_home(client, personas.care_worker) == ["1 court order is falling behind"]


def test_with_nothing_waiting_the_home_says_so(client, personas):
    client.force_login(personas.accountant)
    page = client.get(reverse("core:home"), follow=True).content.decode()
    assert "Nothing is waiting for you." in page
