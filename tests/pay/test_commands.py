import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reintegra_coop.pay.models import Payslip
from tests.factories import NOVEMBER, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_dry_run_prints_json_and_saves_nothing(personas, hourly_anna):
    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    report = json.loads(
        run("payroll", "run", "--period", "2026-11", "--dry-run", "--format", "json")
    )
    assert report["period"] == "2026-11" and report["dry_run"] is True
    [slip] = report["payslips"]
    assert (slip["card_number"], slip["scheme"], slip["total"]) == ("C-2001", "hourly", "189.00")
    assert slip["lines"][0] == {
        "code": "hourly_wage",
        "amount": "189.00",
        "quantity": "6",
        "rate": "31.5",
        "detail": "",
        "detail_params": {},
    }
    assert not Payslip.objects.exists()
    table = run("payroll", "run", "--period", "2026-11")
    assert "Anna Garden (C-2001), hourly: 189.00" in table
    assert Payslip.objects.get().total == Decimal("189.00")


def test_bad_periods_and_cards_are_one_line_errors(personas, hourly_anna):
    with pytest.raises(CommandError, match="not a month; write it as YYYY-MM"):
        run("payroll", "run", "--period", "November")
    with pytest.raises(CommandError, match="No trainee with card number C-9999"):
        run("payroll", "run", "--period", "2026-11", "--card", "C-9999")
    with pytest.raises(CommandError, match="No pay scheme in 2026-11 for: Bartek Carpenter"):
        run("payroll", "run", "--period", "2026-11", "--card", "C-2002", "--dry-run")


def test_the_rent_statement_prints_json(personas):
    import datetime

    from reintegra_coop.housing.models import HousingUnit, Tenancy

    unit = HousingUnit.objects.create(name="Room 5", level="shelter", monthly_rent=Decimal("300"))
    Tenancy.objects.create(
        trainee=personas.trainee_anna,
        unit=unit,
        start=datetime.date(2026, 11, 16),
        share_fixed=Decimal("150.00"),
    )
    report = json.loads(run("rent", "statement", "--period", "2026-11", "--format", "json"))
    assert report["statements"][0]["obligation"] == "75.00"  # 15 of 30 days
    assert "Room 5" in run("rent", "statement", "--period", "2026-11")
