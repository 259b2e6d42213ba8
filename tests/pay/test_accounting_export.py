"""The pay month for the accounting office (issue 17): one row per trainee and component (wage,
stipend, bonus, corrections, deductions) and the month's totals, which match the pay run to
the grosz; as CSV in the reader's conventions and as XLSX with typed cells."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from reintegra_coop.pay import period
from reintegra_coop.pay.exports import COMPONENTS, component_of, components
from reintegra_coop.pay.models import Bonus, PayScheme, Payslip
from tests.factories import NOVEMBER, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]
D = Decimal


def test_every_line_code_of_the_pay_run_belongs_to_one_component():
    from reintegra_coop.pay.labels import LINE_LABELS

    assert {code: component_of(code) for code in LINE_LABELS if component_of(code) is None} == {
        "in_kind_rent_value": None  # for information only: credited to rent, never paid
    }
    assert set(COMPONENTS) == {"wage", "stipend", "bonus", "correction", "deduction"}


@pytest.fixture
def month(personas, hourly_anna, stipend_setting):
    """Anna: 12 h at 31.50 and a bonus of 100; Bartek: the stipend with one unexcused day."""
    bartek = personas.trainee_bartek
    PayScheme.objects.create(trainee=bartek, kind="stipend", valid_from=datetime.date(2026, 8, 1))
    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=3))
    work(bartek, personas.carpentry, NOVEMBER.replace(day=4), attendance="unexcused")
    Bonus.objects.create(trainee=personas.trainee_anna, month=NOVEMBER, amount=D("100.00"))
    period.run(NOVEMBER, personas.manager)
    return list(Payslip.objects.filter(period__month=NOVEMBER, replaced=False))


def test_the_components_add_up_to_each_payslip_and_to_the_run(month):
    total = D("0")
    for payslip in month:
        amounts = components(payslip.lines.all())
        assert sum(amounts.values(), D("0")) == payslip.total
        total += payslip.total
    assert total == D("378.00") + D("100.00") + D("1425.00")


def polish(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="pl")


def test_the_polish_csv_has_a_row_per_trainee_and_component_and_the_totals(client, personas, month):
    client.force_login(personas.accountant)
    response = polish(client, reverse("pay:accounting_csv", args=[2026, 11]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    header, *body = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert header == ["month", "trainee", "card_number", "component", "amount", "currency"]
    assert ["2026-11", "Anna Garden", "C-2001", "wage", "378,00", "PLN"] in body
    assert ["2026-11", "Anna Garden", "C-2001", "bonus", "100,00", "PLN"] in body
    assert ["2026-11", "Bartek Carpenter", "C-2002", "stipend", "1425,00", "PLN"] in body
    assert body[-1] == ["2026-11", "", "", "total", "1903,00", "PLN"]


def test_the_xlsx_has_typed_cells_and_a_totals_row_that_matches_the_run(client, personas, month):
    client.force_login(personas.accountant)
    response = client.get(reverse("pay:accounting_xlsx", args=[2026, 11]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("month", "trainee", "card_number", "component", "amount", "currency")
    wage = next(row for row in values if row[1] == "Anna Garden" and row[3] == "wage")
    assert wage[4] == 378 and isinstance(wage[4], float | int)  # a number, not text
    assert sheet.cell(row=2, column=5).number_format == "#,##0.00"
    assert values[-1][3:5] == ("total", 1903)


def test_the_exports_are_for_managers_and_accountants_and_logged_per_trainee(
    client, personas, month
):
    from reintegra_coop.privacy.models import DisclosureLog as Disclosure

    for user in (personas.garden_instructor, personas.care_worker, personas.trainee_anna.user):
        client.force_login(user)
        assert client.get(reverse("pay:accounting_xlsx", args=[2026, 11])).status_code == 403
    assert not Disclosure.objects.exists()
    client.force_login(personas.manager)
    client.get(reverse("pay:accounting_xlsx", args=[2026, 11]))
    assert Disclosure.objects.count() == 2  # Anna and Bartek
