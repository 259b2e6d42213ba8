import csv
import io

import pytest
from django.urls import reverse

from reintegra_coop.pay.models import PayRun

from .conftest import NOVEMBER, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]


def test_a_manager_runs_approves_and_pays_a_month(client, personas, hourly_anna):
    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    client.force_login(personas.manager)
    response = client.post(reverse("pay:runs"), {"period": "2026-11"}, follow=True)
    assert "The pay run of 2026-11 is ready for review." in response.content.decode()
    run = PayRun.objects.get()
    page = client.get(reverse("pay:run", args=[run.pk])).content.decode()
    assert "Anna Garden" in page and "Wage for hours worked" in page
    client.post(reverse("pay:run_step", args=[run.pk, "approve"]))
    client.post(reverse("pay:run_step", args=[run.pk, "pay"]))
    run.refresh_from_db()
    assert run.status == "paid"
    again = client.post(reverse("pay:runs"), {"period": "2026-11"}, follow=True).content.decode()
    assert "already approved; reopen the period first" in again


def test_the_accountant_exports_one_row_per_line_but_cannot_run(client, personas, hourly_anna):
    from reintegra_coop.pay import payroll

    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    run = payroll.run_payroll(NOVEMBER, personas.manager)
    client.force_login(personas.accountant)
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("pay:run_csv", args=[run.pk])).content.decode()))
    )
    assert rows[0][:6] == ["month", "trainee", "card_number", "scheme", "line", "code"]
    assert rows[1] == [
        "2026-11",
        "Anna Garden",
        "C-2001",
        "hourly",
        "0",
        "hourly_wage",
        "6",
        "31.5",
        "189.00",
        "no",
        "189.00",
        "PLN",
    ]
    client.post(reverse("pay:runs"), {"period": "2026-12"})
    assert PayRun.objects.count() == 1
    assert client.post(reverse("pay:run_step", args=[run.pk, "approve"])).status_code == 403


def test_a_trainee_downloads_only_their_own_payslip(client, personas, hourly_anna):
    from reintegra_coop.pay import payroll
    from reintegra_coop.pay.models import PayScheme

    PayScheme.objects.create(
        trainee=personas.trainee_bartek, kind="hourly", valid_from=NOVEMBER, hourly_rate="30.00"
    )
    run = payroll.run_payroll(NOVEMBER, personas.manager)
    anna_slip = run.payslips.get(trainee=personas.trainee_anna)
    bartek_slip = run.payslips.get(trainee=personas.trainee_bartek)
    client.force_login(personas.trainee_anna.user)
    draft = client.get(reverse("pay:payslip_pdf", args=[anna_slip.pk]))
    assert draft.status_code == 404  # not hers until the manager approves the run
    slip_url = reverse("pay:payslip_pdf", args=[anna_slip.pk])
    assert slip_url not in client.get(reverse("portal:pay")).content.decode()
    payroll.approve(run, personas.manager)
    assert slip_url in client.get(reverse("portal:pay")).content.decode()
    pdf = client.get(reverse("pay:payslip_pdf", args=[anna_slip.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("pay:payslip_pdf", args=[bartek_slip.pk])).status_code == 404
    client.force_login(personas.garden_instructor)
    assert client.get(reverse("pay:payslip_pdf", args=[anna_slip.pk])).status_code == 403
