import csv
import io

import pytest
from django.urls import reverse, reverse_lazy

from reintegra_coop.pay.models import PayPeriod
from tests.factories import NOVEMBER, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]


PERIOD = reverse_lazy("pay:period", args=[2026, 11])


def step(name):
    return reverse("pay:period_step", args=[2026, 11, name])


def test_a_manager_runs_approves_and_pays_a_month(client, personas, hourly_anna):
    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    client.force_login(personas.manager)
    response = client.post(reverse("pay:periods"), {"period": "2026-11"}, follow=True)
    assert "The payroll of November 2026 is ready for review." in response.content.decode()
    page = client.get(PERIOD).content.decode()
    assert "Anna Garden" in page and "Wage for hours worked" in page
    assert "Nothing stops the approval." in page
    client.post(step("approve"))
    asked = client.post(step("pay")).content.decode()  # a paid month stays closed: asked first
    assert "Mark November 2026 paid? A paid month is never reopened." in asked
    assert PayPeriod.objects.get().state == "approved"
    client.post(step("pay"), {"confirmed": "yes"})
    assert PayPeriod.objects.get().state == "paid"
    again = client.post(reverse("pay:periods"), {"period": "2026-11"}, follow=True).content.decode()
    assert "already approved; reopen it first" in again


def test_the_accountant_exports_one_row_per_line_but_cannot_run(client, personas, hourly_anna):
    from reintegra_coop.pay import period

    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    period.run(NOVEMBER, personas.manager)
    client.force_login(personas.accountant)
    csv_url = reverse("pay:period_csv", args=[2026, 11])
    rows = list(csv.reader(io.StringIO(client.get(csv_url).content.decode("utf-8-sig"))))
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
        "",
        "no",
        "189.00",
        "PLN",
    ]
    client.post(reverse("pay:periods"), {"period": "2026-12"})
    assert PayPeriod.objects.count() == 1
    assert client.post(step("approve")).status_code == 403


def test_a_trainee_downloads_only_their_own_payslip(client, personas, hourly_anna):
    from reintegra_coop.pay import period
    from reintegra_coop.pay.models import PayScheme

    PayScheme.objects.create(
        trainee=personas.trainee_bartek, kind="hourly", valid_from=NOVEMBER, hourly_rate="30.00"
    )
    run = period.run(NOVEMBER, personas.manager)
    anna_slip = run.payslips.get(trainee=personas.trainee_anna)
    bartek_slip = run.payslips.get(trainee=personas.trainee_bartek)
    client.force_login(personas.trainee_anna.user)
    draft = client.get(reverse("pay:payslip_pdf", args=[anna_slip.pk]))
    assert draft.status_code == 404  # not hers until the manager approves the run
    slip_url = reverse("pay:payslip_pdf", args=[anna_slip.pk])
    assert slip_url not in client.get(reverse("portal:pay")).content.decode()
    period.approve(NOVEMBER, personas.manager)
    assert slip_url in client.get(reverse("portal:pay")).content.decode()
    pdf = client.get(reverse("pay:payslip_pdf", args=[anna_slip.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("pay:payslip_pdf", args=[bartek_slip.pk])).status_code == 404
    client.force_login(personas.garden_instructor)
    assert client.get(reverse("pay:payslip_pdf", args=[anna_slip.pk])).status_code == 403
