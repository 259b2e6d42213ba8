"""One hour is never counted twice: paid work goes to wages, in-kind-rent work to the rent
ledger only; community service and volunteer work to neither (hypothesis, on the database)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reintegra_coop.core.calendar import working_days
from reintegra_coop.housing.ledger import statements
from reintegra_coop.housing.models import HousingUnit, InKindValueSetting, Tenancy
from reintegra_coop.pay.payroll import draft_payslips
from reintegra_coop.work.models import WorkLog
from tests.factories import NOVEMBER

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]
TYPES = ["paid_work", "training", "in_kind_rent", "community_service", "volunteer"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(TYPES), st.integers(1, 8), st.sampled_from(["present", "late", "sick"])
        ),
        min_size=1,
        max_size=20,  # November 2026 has 20 working days: one entry each
    )
)
def test_no_minute_is_both_paid_and_credited_to_rent(personas, hourly_anna, entries):
    anna = personas.trainee_anna
    InKindValueSetting.objects.get_or_create(
        valid_from=datetime.date(2026, 1, 1), defaults={"hourly_value": Decimal("12.50")}
    )
    unit, _ = HousingUnit.objects.get_or_create(
        name="Flat", defaults={"level": "training_flat", "monthly_rent": Decimal("5000")}
    )
    Tenancy.objects.get_or_create(
        trainee=anna,
        unit=unit,
        start=datetime.date(2026, 1, 1),
        defaults={"share_fixed": Decimal("5000")},
    )
    WorkLog.objects.all().delete()
    for day, (work_type, hours, attendance) in zip(working_days(NOVEMBER), entries, strict=False):
        WorkLog.objects.create(
            trainee=anna,
            workshop=personas.garden,
            date=day,
            start=datetime.time(8),
            end=datetime.time(8 + hours),
            work_type=work_type,
            attendance=attendance,
            status="approved",
        )
    worked = {t: sum(h * 60 for wt, h, a in entries if wt == t and a != "sick") for t in TYPES}
    [payslip] = draft_payslips(NOVEMBER)
    paid_minutes = sum(line.quantity for line in payslip.lines if line.code == "hourly_wage") * 60
    [rent] = statements(NOVEMBER)
    assert paid_minutes == worked["paid_work"]  # the scheme does not pay training
    assert rent.in_kind_minutes == worked["in_kind_rent"]
    assert paid_minutes + rent.in_kind_minutes <= sum(worked.values())
    assert payslip.total >= 0
