"""A manager records a rent payment in cash on the rent ledger page (no back office): among the
tenancies of the month shown, never in a closed month, and the ledger row shows it at once.
Accountants read the ledger but record nothing; nobody else opens it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reintegra_coop.housing.models import RentPayment
from reintegra_coop.pay import period
from tests.factories import NOVEMBER, PaySchemeFactory, RentPaymentFactory, TenancyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]

LEDGER = reverse("housing:rent")
RECORD = reverse("housing:record_payment")


@pytest.fixture
def tenancy(personas):
    """Anna pays 30 % of 900.00 (270.00 a month) from 1 November 2026."""
    return TenancyFactory(trainee=personas.trainee_anna)


def record(client, tenancy, shown="2026-11", **fields):
    data = {"tenancy": tenancy.pk, "paid_on": "2026-11-20", "amount": "120.00", **fields}
    return client.post(f"{RECORD}?period={shown}", data)


def test_a_manager_records_a_cash_payment_and_the_ledger_row_shows_it(client, personas, tenancy):
    client.force_login(personas.manager)
    page = client.get(LEDGER, {"period": "2026-11"}).content.decode()
    assert "Record a cash payment" in page and "Anna Garden" in page
    response = record(client, tenancy)
    assert response.status_code == 302
    assert response["Location"] == f"{LEDGER}?period=2026-11"
    payment = RentPayment.objects.get()
    assert (payment.tenancy, payment.paid_on, payment.amount) == (
        tenancy,
        datetime.date(2026, 11, 20),
        Decimal("120.00"),
    )
    assert payment.created_by == personas.manager and payment.modified_by == personas.manager
    row = client.get(LEDGER, {"period": "2026-11"}).content.decode()
    assert "Saved." in row
    assert '<td class="num" data-label="Cash">PLN120.00' in row
    assert "<strong>PLN150.00" in row  # 270.00 owed less 120.00 paid


def test_a_payment_made_in_another_month_lands_in_that_months_row(client, personas, tenancy):
    client.force_login(personas.manager)
    response = record(client, tenancy, shown="2026-11", paid_on="2026-12-01")
    assert response["Location"] == f"{LEDGER}?period=2026-12"


def test_a_closed_month_takes_no_payment_and_the_message_names_the_field(client, personas, tenancy):
    PaySchemeFactory(trainee=personas.trainee_anna)
    period.run(NOVEMBER, personas.manager)
    period.approve(NOVEMBER, personas.manager)
    client.force_login(personas.manager)
    response = record(client, tenancy, shown="2026-12", paid_on="2026-11-28")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>Paid on:</strong> The rent of November 2026 is closed" in page
    assert not RentPayment.objects.exists()
    # The closed month's page shows the stored statement and offers no form.
    assert "Record a cash payment" not in client.get(LEDGER, {"period": "2026-11"}).content.decode()


@pytest.mark.parametrize(
    ("fields", "named", "message"),
    [
        ({"amount": "0"}, "Amount", "greater than or equal to 0.01"),
        ({"amount": "-5"}, "Amount", "greater than or equal to 0.01"),
        ({"amount": "abc"}, "Amount", "Enter a number."),
        ({"paid_on": "2026-12-03"}, "Paid on", "2026-12-03 is in the future."),
        ({"paid_on": "2026-10-31"}, "Paid on", "The tenancy starts on 2026-11-01"),
        ({"paid_on": ""}, "Paid on", "This field is required."),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(
    client, personas, tenancy, fields, named, message
):
    client.force_login(personas.manager)
    response = record(client, tenancy, **fields)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<strong>{named}:</strong>" in page and message in page
    assert not RentPayment.objects.exists()


def test_only_the_tenancies_of_the_month_shown_can_be_chosen(client, personas, tenancy):
    later = TenancyFactory(trainee=personas.trainee_bartek, start=datetime.date(2027, 1, 1))
    client.force_login(personas.manager)
    page = client.get(LEDGER, {"period": "2026-11"}).content.decode()
    assert f'<option value="{tenancy.pk}"' in page and f'<option value="{later.pk}"' not in page
    response = record(client, later, paid_on="2026-11-20")
    assert response.status_code == 200
    assert "<strong>Tenancy:</strong>" in response.content.decode()
    assert not RentPayment.objects.exists()


@pytest.mark.parametrize(
    "who",
    [
        "accountant",
        "garden_instructor",
        "carpentry_instructor",
        "care_worker",
        "trainee_anna",
        "trainee_bartek",
        "outsider",
    ],
)
def test_nobody_but_a_manager_records_a_payment(client, personas, tenancy, who):
    client.force_login(personas.all_users()[who])
    assert record(client, tenancy).status_code == 403
    assert not RentPayment.objects.exists()


def test_the_ledger_page_is_for_managers_and_accountants_only(client, personas, tenancy):
    expected = {"manager": 200, "accountant": 200}
    for who, user in personas.all_users().items():
        client.force_login(user)
        assert client.get(LEDGER).status_code == expected.get(who, 403), who
    client.logout()
    assert client.get(LEDGER).status_code == 302  # to the login page
    assert record(client, tenancy).status_code == 302
    assert not RentPayment.objects.exists()


def test_the_accountant_reads_the_ledger_without_the_form(client, personas, tenancy):
    RentPaymentFactory(tenancy=tenancy)
    client.force_login(personas.accountant)
    page = client.get(LEDGER, {"period": "2026-11"}).content.decode()
    assert "Anna Garden" in page and '<td class="num" data-label="Cash">PLN50.00' in page
    assert "Record a cash payment" not in page


def test_a_get_of_the_record_address_records_nothing(client, personas, tenancy):
    client.force_login(personas.manager)
    assert client.get(RECORD).status_code == 405


def test_the_ledger_with_its_form_asks_a_bounded_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    for _ in range(30):
        RentPaymentFactory(tenancy=TenancyFactory())
    client.force_login(personas.manager)
    with django_assert_max_num_queries(14):
        page = client.get(LEDGER, {"period": "2026-11"}).content.decode()
    assert page.count(", Flat ") == 30  # each tenancy a choice of the form
