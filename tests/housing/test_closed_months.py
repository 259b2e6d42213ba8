"""The rent ledger over closed months: a rent change leaves earlier months as they were, a
closed month is read back as stored, a tenancy's ledger goes on after it ends while anything is
owed, and arrears count only what fell due."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from reintegra_coop.housing.ledger import statements
from reintegra_coop.housing.models import HousingUnit, RentChange, RentPayment, Tenancy
from reintegra_coop.housing.rent import RentMonth, Share, past_due, statement
from reintegra_coop.pay import period
from reintegra_coop.pay.models import PayScheme

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2027-04-02T10:00")]
D = Decimal


def month(year, number):
    return datetime.date(year, number, 1)


def test_a_rent_change_mid_month_is_counted_day_by_day():
    rents = ((datetime.date(2027, 3, 16), D("1000.00")),)
    march = RentMonth(
        first_day=month(2027, 3),
        tenancy_start=month(2026, 1),
        tenancy_end=None,
        unit_rent=D("900.00"),
        share=Share(percent=D("30")),
        rent_changes=rents,
    )
    # 15 days at 270.00 and 16 days at 300.00, over 31 days: round(8850 / 31) = 285.48
    assert statement(march).obligation == D("285.48")
    february = RentMonth(**{**march.__dict__, "first_day": month(2027, 2)})
    assert statement(february).obligation == D("270.00")


@pytest.fixture
def flat(personas):
    unit = HousingUnit.objects.create(name="Flat 9", level="training_flat", monthly_rent=D("900"))
    tenancy = Tenancy.objects.create(
        trainee=personas.trainee_anna, unit=unit, start=month(2027, 1), share_percent=D("30")
    )
    return unit, tenancy


def test_a_rent_change_from_march_leaves_a_closed_february_as_it_was(personas, flat):
    unit, tenancy = flat
    PayScheme.objects.create(
        trainee=personas.trainee_anna, kind="hourly", valid_from=month(2027, 1), hourly_rate=1
    )
    for first in (month(2027, 1), month(2027, 2)):
        period.run(first, personas.manager)
        period.approve(first, personas.manager)
    [closed] = statements(month(2027, 2))
    assert (closed.stored, closed.result.obligation) == (True, D("270.00"))
    RentChange.objects.create(unit=unit, valid_from=month(2027, 3), monthly_rent=D("1000"))
    RentPayment.objects.create(tenancy=tenancy, paid_on=datetime.date(2027, 2, 27), amount=10)
    [again] = statements(month(2027, 2))
    assert (again.result.obligation, again.cash_paid, again.result.closing_balance) == (
        D("270.00"),
        D("0.00"),
        D("540.00"),
    )
    [march] = statements(month(2027, 3))
    # opening 540.00 from the stored February; March at the new rent: 300.00
    assert (march.opening_balance, march.result.obligation) == (D("540.00"), D("300.00"))


def test_the_ledger_goes_on_after_the_tenancy_ends_while_anything_is_owed(client, personas, flat):
    _unit, tenancy = flat
    tenancy.end = datetime.date(2027, 1, 31)
    tenancy.save()
    RentPayment.objects.create(tenancy=tenancy, paid_on=datetime.date(2027, 3, 3), amount=D("100"))
    [march] = statements(month(2027, 3))
    assert (march.opening_balance, march.result.obligation, march.result.closing_balance) == (
        D("270.00"),
        D("0.00"),
        D("170.00"),
    )
    client.force_login(personas.manager)
    page = client.get(reverse("housing:rent"), {"period": "2027-03"}).content.decode()
    assert "Arrears (1)" in page and "tenancy ended" in page
    RentPayment.objects.create(tenancy=tenancy, paid_on=datetime.date(2027, 4, 1), amount=D("170"))
    [april] = statements(month(2027, 4))
    assert april.result.closing_balance == D("0.00")  # settled in April
    assert statements(month(2027, 5)) == []  # and over
    client.force_login(personas.trainee_anna.user)
    with time_machine.travel(datetime.datetime(2027, 3, 20, 10, tzinfo=datetime.UTC)):
        portal = client.get(reverse("portal:rent")).content.decode()
    assert "Flat 9" in portal and "170" in portal


def test_arrears_count_only_what_fell_due_by_the_due_day(personas, flat, settings):
    assert settings.RENT_DUE_DAY == 10
    [april] = statements(month(2027, 4))
    # Jan–Mar unpaid (3 × 270.00) plus April's 270.00; on 2 April April's rent is not yet due
    assert april.result.closing_balance == D("1080.00")
    assert april.past_due(timezone.localdate()) == D("810.00")
    assert april.past_due(datetime.date(2027, 4, 10)) == D("1080.00")
    assert past_due(D("50.00"), D("270.00"), month(2027, 4), datetime.date(2027, 4, 2), 10) == 0
