"""Regressions found in review: only approved logs count; earlier absences by the month's own
rules; in-kind work credited to one tenancy only; no approval before recalculation; one pay
run a month; community service counted within each order's dates."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from reintegra_coop.care.models import CommunityServiceOrder
from reintegra_coop.care.service import order_progress
from reintegra_coop.housing.ledger import statements
from reintegra_coop.housing.models import HousingUnit, InKindValueSetting, Tenancy
from reintegra_coop.pay import payroll, period
from reintegra_coop.pay.facts import load_facts
from reintegra_coop.pay.models import PayError, PayPeriod, PayScheme, SchemeKind
from reintegra_coop.work.models import WorkLog
from tests.factories import NOVEMBER, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]
D = Decimal


def stipend_lines(personas):
    [draft] = payroll.draft_payslips(NOVEMBER)
    return [(line.code, line.amount) for line in draft.lines]


def test_a_draft_absence_does_not_touch_the_stipend(personas, stipend_setting):
    PayScheme.objects.create(
        trainee=personas.trainee_anna, kind=SchemeKind.STIPEND, valid_from=datetime.date(2026, 1, 1)
    )
    work(
        personas.trainee_anna,
        personas.garden,
        NOVEMBER.replace(day=2),
        attendance="unexcused",
        status="draft",
    )
    assert stipend_lines(personas) == [("stipend_base", D("1500.00"))]


def test_an_earlier_day_worked_is_not_a_sick_day_even_with_a_sick_log(personas, stipend_setting):
    anna = personas.trainee_anna
    PayScheme.objects.create(
        trainee=anna, kind=SchemeKind.STIPEND, valid_from=datetime.date(2026, 1, 1)
    )
    october_5 = datetime.date(2026, 10, 5)
    work(anna, personas.garden, october_5, start=8, end=10)
    work(anna, personas.garden, october_5, start=10, end=11, attendance="sick")
    assert load_facts(NOVEMBER).earlier_absences == {}


def test_in_kind_work_is_credited_to_one_tenancy_only(personas):
    anna = personas.trainee_anna
    InKindValueSetting.objects.create(valid_from=datetime.date(2026, 1, 1), hourly_value=D("12.50"))
    unit = HousingUnit.objects.create(name="A", level="shelter", monthly_rent=D("400"))
    Tenancy.objects.create(
        trainee=anna,
        unit=unit,
        start=datetime.date(2026, 10, 1),
        end=datetime.date(2026, 11, 15),
        share_fixed=D("300"),
    )
    Tenancy.objects.create(
        trainee=anna, unit=unit, start=datetime.date(2026, 11, 16), share_fixed=D("300")
    )
    work(anna, personas.garden, NOVEMBER.replace(day=2), work_type="in_kind_rent")
    credits = [row.result.in_kind_credit for row in statements(NOVEMBER)]
    assert sorted(credits) == [D("0.00"), D("75.00")]


def test_a_reopened_period_must_be_run_again_before_approval(personas, hourly_anna):
    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    period.run(NOVEMBER, personas.manager)
    period.approve(NOVEMBER, personas.manager)
    period.reopen(NOVEMBER, personas.manager, "wrong hours")
    with pytest.raises(PayError, match="Only a period in review can be approved"):
        period.approve(NOVEMBER, personas.manager)
    period.run(NOVEMBER, personas.manager)
    assert period.approve(NOVEMBER, personas.manager).state == "approved"


def test_there_is_one_pay_period_a_month(personas):
    PayPeriod.objects.create(month=NOVEMBER)
    with pytest.raises(IntegrityError), transaction.atomic():
        PayPeriod.objects.create(month=NOVEMBER)


def test_community_service_counts_only_within_each_orders_dates(personas):
    bartek = personas.trainee_bartek
    order = CommunityServiceOrder.objects.create(
        trainee=bartek,
        court_reference="X",
        total_hours=30,
        start=NOVEMBER,
        deadline=datetime.date(2027, 1, 31),
    )
    work(bartek, personas.carpentry, datetime.date(2026, 10, 5), work_type="community_service")
    work(bartek, personas.carpentry, NOVEMBER.replace(day=5), work_type="community_service")
    [(_order, progress)] = order_progress([order], datetime.date(2026, 11, 23))
    assert progress.hours_done == 6
    assert WorkLog.objects.count() == 2
