import datetime
from decimal import Decimal

import pytest

from reintegra_coop.housing.ledger import statements
from reintegra_coop.housing.models import HousingUnit, InKindValueSetting, RentPayment, Tenancy
from reintegra_coop.work.models import WorkLog

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]
D = Decimal


def test_statements_chain_balances_from_month_to_month(personas):
    unit = HousingUnit.objects.create(
        name="Training flat 1", level="training_flat", monthly_rent=D("900.00")
    )
    tenancy = Tenancy.objects.create(
        trainee=personas.trainee_anna,
        unit=unit,
        start=datetime.date(2026, 10, 17),
        share_percent=D("30"),
    )
    InKindValueSetting.objects.create(valid_from=datetime.date(2026, 1, 1), hourly_value=D("12.50"))
    RentPayment.objects.create(tenancy=tenancy, paid_on=datetime.date(2026, 10, 20), amount=D("50"))
    RentPayment.objects.create(tenancy=tenancy, paid_on=datetime.date(2026, 11, 5), amount=D("100"))
    WorkLog.objects.create(
        trainee=personas.trainee_anna,
        workshop=personas.garden,
        date=datetime.date(2026, 11, 10),
        start=datetime.time(8),
        end=datetime.time(16),
        work_type="in_kind_rent",
        status="approved",
    )
    [october] = statements(datetime.date(2026, 10, 1))
    # 270.00 × 15 of 31 days = 130.65; − 50 cash = 80.65 owed, closing 80.65
    assert (october.result.obligation, october.result.closing_balance) == (D("130.65"), D("80.65"))
    [november] = statements(datetime.date(2026, 11, 1))
    # opening 80.65 + 270.00 − 100 = 250.65; 8 h × 12.50 = 100.00 credited → 150.65
    assert november.opening_balance == D("80.65")
    assert (november.result.in_kind_credit, november.result.closing_balance) == (
        D("100.00"),
        D("150.65"),
    )
