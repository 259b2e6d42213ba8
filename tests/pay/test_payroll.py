"""The pay run against the database: facts in bulk, one transaction, the rules of DESIGN.md."""
# The period's states, blockers, late hours and dated rules: test_period.py.

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from reintegra_coop.housing.models import HousingUnit, InKindValueSetting, Tenancy
from reintegra_coop.pay import period
from reintegra_coop.pay.models import (
    Advance,
    Bonus,
    DebtRepaymentPlan,
    PayError,
    PayPeriod,
    PayScheme,
    Payslip,
    PieceWork,
    SchemeKind,
)
from reintegra_coop.work.models import LockedPeriod, WorkLog
from tests.factories import NOVEMBER, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]
D = Decimal


def nov(day):
    return datetime.date(2026, 11, day)


def lines_of(run, trainee):
    slip = run.payslips.get(trainee=trainee, replaced=False)
    return slip.total, [(line.code, line.amount) for line in slip.lines.filter(informational=False)]


def test_hourly_pay_counts_approved_paid_minutes_and_not_in_kind_or_community_hours(
    personas, hourly_anna
):
    anna, garden = personas.trainee_anna, personas.garden
    work(anna, garden, nov(2))  # 6 h paid work
    work(anna, garden, nov(3), work_type="in_kind_rent")  # credited to rent only
    work(anna, garden, nov(4), work_type="community_service")
    work(anna, garden, nov(5), work_type="training")  # not paid: the scheme does not count it
    work(anna, garden, nov(6), status="submitted")  # not yet approved
    work(anna, garden, nov(9), attendance="sick")  # an absence is not worked time
    InKindValueSetting.objects.create(valid_from=datetime.date(2026, 1, 1), hourly_value=D("12.50"))
    run = period.run(NOVEMBER, personas.manager)
    assert lines_of(run, anna) == (D("189.00"), [("hourly_wage", D("189.00"))])
    info = run.payslips.get().lines.get(informational=True)
    assert (info.code, info.quantity, info.amount) == ("in_kind_rent_value", D("6"), D("75.00"))


def test_a_stipend_payslip_follows_the_month_and_is_protected_from_seizure(
    personas, stipend_setting
):
    anna = personas.trainee_anna  # a participant since 1 Aug 2026
    PayScheme.objects.create(
        trainee=anna, kind=SchemeKind.STIPEND, valid_from=datetime.date(2026, 8, 1)
    )
    for day in (3, 4):
        work(anna, personas.garden, nov(day), attendance="unexcused")
    work(anna, personas.garden, nov(5))
    Bonus.objects.create(trainee=anna, month=NOVEMBER, amount=D("200"))
    run = period.run(NOVEMBER, personas.manager)
    assert lines_of(run, anna) == (
        D("1550.00"),
        [
            ("stipend_base", D("1500.00")),
            ("unexcused_absence", D("-150.00")),
            ("motivation_bonus", D("200.00")),
        ],
    )
    assert run.payslips.get().protected_from_seizure


def test_piece_rate_and_deductions_never_below_zero(personas):
    anna = personas.trainee_anna
    PayScheme.objects.create(
        trainee=anna,
        kind=SchemeKind.PIECE_RATE,
        valid_from=datetime.date(2026, 1, 1),
        reference_hourly_wage=D("30.50"),
        standard_units_per_hour=D("7"),
    )
    PieceWork.objects.create(trainee=anna, date=nov(10), units=D("100"))
    PieceWork.objects.create(trainee=anna, date=nov(12), units=D("23"))
    unit = HousingUnit.objects.create(name="Flat 1", level="training_flat", monthly_rent=D("800"))
    Tenancy.objects.create(  # 25 % of 800 = 200.00 a month, taken from pay with consent
        trainee=anna,
        unit=unit,
        start=datetime.date(2026, 1, 1),
        share_percent=D("25"),
        payroll_consent_on=datetime.date(2026, 1, 1),
    )
    Advance.objects.create(trainee=anna, month=NOVEMBER, amount=D("300.00"))
    plan = DebtRepaymentPlan.objects.create(
        trainee=anna,
        creditor="Utility",
        monthly_amount=D("100"),
        cap=D("150"),
        start_month=datetime.date(2026, 10, 1),
    )
    run = period.run(NOVEMBER, personas.manager)
    # 123 units × 4.3572 = 535.94; rent 200, advance 300, debt only the 35.94 left
    assert lines_of(run, anna) == (
        D("0.00"),
        [
            ("piece_rate", D("535.94")),
            ("rent_deduction", D("-200.00")),
            ("advance", D("-300.00")),
            ("debt_repayment", D("-35.94")),
        ],
    )
    assert run.payslips.get().lines.get(code="debt_repayment").debt_plan == plan


def test_rerunning_a_draft_replaces_its_payslips(personas, hourly_anna):
    work(personas.trainee_anna, personas.garden, nov(2))
    first = period.run(NOVEMBER, personas.manager)
    work(personas.trainee_anna, personas.garden, nov(3))
    again = period.run(NOVEMBER, personas.manager)
    assert again.pk == first.pk and Payslip.objects.count() == 1
    assert again.payslips.get().total == D("378.00")


def test_approving_locks_the_months_logs_and_a_second_run_is_refused(personas, hourly_anna):
    log = work(personas.trainee_anna, personas.garden, nov(2))
    period.run(NOVEMBER, personas.manager)
    period.approve(NOVEMBER, personas.manager)
    log.refresh_from_db()
    assert log.status == "locked"
    assert LockedPeriod.objects.filter(first_day=NOVEMBER).exists()
    with pytest.raises(PayError, match="already approved; reopen it first"):
        period.run(NOVEMBER, personas.manager)
    with pytest.raises(PayError, match="Only a period in review can be approved"):
        period.approve(NOVEMBER, personas.manager)


def test_reopening_needs_a_reason_unlocks_the_month_and_keeps_the_approved_figures(
    personas, hourly_anna
):
    work(personas.trainee_anna, personas.garden, nov(2))
    period.run(NOVEMBER, personas.manager)
    period.approve(NOVEMBER, personas.manager)
    with pytest.raises(PayError, match="Say why"):
        period.reopen(NOVEMBER, personas.manager, " ")
    reopened = period.reopen(NOVEMBER, personas.manager, "Anna's hours were wrong")
    assert (reopened.state, reopened.reopen_reason) == ("reopened", "Anna's hours were wrong")
    assert set(WorkLog.objects.values_list("status", flat=True)) == {"approved"}
    assert not LockedPeriod.objects.exists()
    work(personas.trainee_anna, personas.garden, nov(3))
    period.run(NOVEMBER, personas.manager)
    versions = list(Payslip.objects.order_by("version").values_list("version", "replaced", "total"))
    assert versions == [(1, True, D("189.00")), (2, False, D("378.00"))]


def test_a_chosen_trainee_without_a_scheme_is_named_and_nothing_is_written(personas, hourly_anna):
    with pytest.raises(PayError, match="No pay scheme in 2026-11 for: Bartek Carpenter"):
        period.run(
            NOVEMBER, personas.manager, [personas.trainee_anna.pk, personas.trainee_bartek.pk]
        )
    assert not Payslip.objects.exists()
    assert not PayPeriod.objects.exclude(state="open").exists()


def test_overlapping_tenancies_are_refused(personas):
    unit = HousingUnit.objects.create(name="Room 2", level="shelter", monthly_rent=D("400"))
    Tenancy.objects.create(
        trainee=personas.trainee_anna, unit=unit, start=nov(1), share_fixed=D("100")
    )
    overlap = Tenancy(trainee=personas.trainee_anna, unit=unit, start=nov(20), share_fixed=D("100"))
    with pytest.raises(ValidationError, match="another tenancy in that time"):
        overlap.full_clean()


def test_the_run_asks_the_same_number_of_queries_for_any_number_of_trainees(
    personas, stipend_setting, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import TraineeFactory

    def add(n):
        for i in range(n):
            trainee = TraineeFactory(user__username=f"paid{n}-{i}", workshops=[personas.garden])
            PayScheme.objects.create(
                trainee=trainee,
                kind=SchemeKind.STIPEND if i % 2 else SchemeKind.HOURLY,
                valid_from=datetime.date(2026, 1, 1),
                hourly_rate=D("30"),
            )
            work(trainee, personas.garden, nov(2))
            work(trainee, personas.garden, nov(3), attendance="sick")

    add(3)
    period.run(NOVEMBER, personas.manager)  # the next runs replace this draft
    with CaptureQueriesContext(connection) as few:
        period.run(NOVEMBER, personas.manager)
    add(12)
    with django_assert_num_queries(len(few)):
        period.run(NOVEMBER, personas.manager)
    assert Payslip.objects.count() == 15
