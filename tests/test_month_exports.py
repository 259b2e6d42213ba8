"""The month's files for the accounting office besides the pay run's (issue 17): the payslip
lines as XLSX, the approved hours by trainee and workshop, and the rent statements — typed
cells, a totals row that matches the pages, managers and accountants only, each file in the
disclosure log per trainee."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from reintegra_coop.pay import period
from reintegra_coop.privacy.models import DisclosureLog
from tests.factories import NOVEMBER, PaySchemeFactory, RentPaymentFactory, TenancyFactory, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]
D = Decimal


def sheet_of(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(
        openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    )


@pytest.fixture
def november(personas):
    """Anna: 2 days of 6 h in the garden and 1 of 3 h in carpentry, one 6 h log still pending
    (not counted); Bartek: 1 day of 6 h in carpentry."""
    anna, bartek = personas.trainee_anna, personas.trainee_bartek
    work(anna, personas.garden, NOVEMBER.replace(day=2))
    work(anna, personas.garden, NOVEMBER.replace(day=3))
    work(anna, personas.carpentry, NOVEMBER.replace(day=4), start=8, end=11)
    work(anna, personas.garden, NOVEMBER.replace(day=5), status="pending")
    work(bartek, personas.carpentry, NOVEMBER.replace(day=4))


def test_the_hours_export_has_a_row_per_trainee_and_workshop_of_approved_time(
    client, personas, november
):
    client.force_login(personas.accountant)
    response = client.get(
        reverse("work:hours_csv"), {"period": "2026-11"}, HTTP_ACCEPT_LANGUAGE="pl"
    )
    text = response.content.decode("utf-8")
    header, *body = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert header == ["month", "trainee", "card_number", "workshop", "days", "minutes", "hours"]
    garden, carpentry = personas.garden.name, personas.carpentry.name
    assert body == [  # by last name, then workshop
        ["2026-11", "Bartek Carpenter", "C-2002", carpentry, "1", "360", "6,00"],
        ["2026-11", "Anna Garden", "C-2001", carpentry, "1", "180", "3,00"],
        ["2026-11", "Anna Garden", "C-2001", garden, "2", "720", "12,00"],
    ]
    rows = sheet_of(client.get(reverse("work:hours_xlsx"), {"period": "2026-11"}))
    assert rows[-1][1] == "total" and rows[-1][5:] == (1260, 21)
    assert DisclosureLog.objects.filter(document="hours_month").count() == 4  # 2 files × 2


def test_the_payslip_lines_come_as_xlsx_with_the_paid_total(client, personas, november):
    PaySchemeFactory(trainee=personas.trainee_anna)
    period.run(NOVEMBER, personas.manager)
    client.force_login(personas.manager)
    rows = sheet_of(client.get(reverse("pay:period_xlsx", args=[2026, 11])))
    assert rows[0][:5] == ("month", "trainee", "card_number", "scheme", "line")
    anna = [row for row in rows[1:-1] if row[1] == "Anna Garden"]
    assert anna and all(isinstance(row[8], int | float) for row in anna)
    paid = sum(D(str(row[8])) for row in anna if row[10] == "no")
    assert rows[-1][5] == "total" and D(str(rows[-1][8])) == paid == anna[0][11]


def test_the_rent_statements_come_as_files_that_match_the_ledger(client, personas):
    tenancy = TenancyFactory(trainee=personas.trainee_anna)  # 270.00 a month from 1 November
    RentPaymentFactory(tenancy=tenancy, paid_on=datetime.date(2026, 11, 20), amount=D("120.00"))
    client.force_login(personas.accountant)
    text = client.get(reverse("housing:rent_csv"), {"period": "2026-11"}).content.decode("utf-8")
    header, row = list(csv.reader(io.StringIO(text[1:])))
    assert header[4:10] == [
        "opening_balance",
        "rent",
        "cash",
        "from_pay",
        "in_kind_credit",
        "closing_balance",
    ]
    assert row[1] == "Anna Garden" and row[4:11] == [
        "0.00",
        "270.00",
        "120.00",
        "0.00",
        "0.00",
        "150.00",
        "PLN",
    ]
    rows = sheet_of(client.get(reverse("housing:rent_xlsx"), {"period": "2026-11"}))
    assert rows[1][0] == datetime.datetime(2026, 11, 1)
    assert rows[-1][1] == "total" and rows[-1][9] == 150


@pytest.mark.parametrize("who", ["garden_instructor", "care_worker", "trainee_anna", "outsider"])
def test_the_month_files_are_for_managers_and_accountants(client, personas, november, who):
    client.force_login(personas.all_users()[who])
    for url in (
        reverse("work:hours_csv"),
        reverse("work:hours_xlsx"),
        reverse("housing:rent_csv"),
        reverse("housing:rent_xlsx"),
        reverse("pay:period_xlsx", args=[2026, 11]),
    ):
        assert client.get(url).status_code == 403, url
    assert not DisclosureLog.objects.exists()
