"""A manager adds a motivation bonus or an advance for a trainee's month on the pay period page
(no back office): by the same rules as the pay run (a stipend's bonus is at most the base, none
in the trial month nor in a month zeroed by unexcused absences), never in a closed month, and
adding one makes the draft run stale, so the month is approved only after running it again."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reintegra_coop.pay import period
from reintegra_coop.pay.models import Advance, Bonus, PayPeriod, SchemeKind
from tests.factories import (
    NOVEMBER,
    AdvanceFactory,
    BonusFactory,
    PaySchemeFactory,
    TraineeFactory,
    work,
)

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]
D = Decimal

PERIOD = reverse("pay:period", args=[2026, 11])
ADD_BONUS = reverse("pay:add_bonus", args=[2026, 11])
ADD_ADVANCE = reverse("pay:add_advance", args=[2026, 11])


def nov(day):
    return NOVEMBER.replace(day=day)


@pytest.fixture
def stipend_anna(personas, stipend_setting):
    """Anna on the stipend (base 1,500.00), a participant since 1 August 2026."""
    return PaySchemeFactory(
        trainee=personas.trainee_anna,
        kind=SchemeKind.STIPEND,
        hourly_rate=None,
        valid_from=datetime.date(2026, 8, 1),
    )


def add(client, url, trainee, amount):
    return client.post(url, {"trainee": trainee.pk, "amount": amount})


def test_a_manager_adds_a_bonus_and_an_advance_and_the_page_lists_them(
    client, personas, stipend_anna
):
    client.force_login(personas.manager)
    page = client.get(PERIOD).content.decode()
    assert "Add a bonus" in page and "Add an advance" in page
    assert f'<option value="{personas.trainee_anna.pk}"' in page
    response = add(client, ADD_BONUS, personas.trainee_anna, "200.00")
    assert (response.status_code, response["Location"]) == (302, PERIOD)
    assert add(client, ADD_ADVANCE, personas.trainee_anna, "80.00").status_code == 302
    bonus, advance = Bonus.objects.get(), Advance.objects.get()
    assert (bonus.trainee, bonus.month, bonus.amount) == (personas.trainee_anna, NOVEMBER, D("200"))
    assert (advance.month, advance.amount) == (NOVEMBER, D("80.00"))
    assert bonus.created_by == personas.manager and advance.modified_by == personas.manager
    page = client.get(PERIOD).content.decode()
    assert "Saved." in page
    assert "Anna Garden: PLN200.00" in page and "Anna Garden: PLN80.00" in page


def test_a_stipend_bonus_above_the_base_is_refused_naming_the_amount(
    client, personas, stipend_anna
):
    client.force_login(personas.manager)
    response = add(client, ADD_BONUS, personas.trainee_anna, "1500.01")
    assert response.status_code == 200
    assert "<strong>Amount:</strong> The bonus can be at most 1500.00." in response.content.decode()
    assert not Bonus.objects.exists()
    assert add(client, ADD_BONUS, personas.trainee_anna, "1500.00").status_code == 302


def test_no_bonus_in_the_trial_month(client, personas, stipend_setting):
    newcomer = TraineeFactory(first_name="Nina", last_name="New", participation_started_on=nov(3))
    PaySchemeFactory(trainee=newcomer, kind=SchemeKind.STIPEND, hourly_rate=None, valid_from=nov(3))
    client.force_login(personas.manager)
    page = add(client, ADD_BONUS, newcomer, "100.00").content.decode()
    assert "<strong>Amount:</strong> No motivation bonus in the trial month." in page
    assert not Bonus.objects.exists()


def test_no_bonus_in_a_month_zeroed_by_unexcused_absences(client, personas, stipend_anna):
    for day in (2, 3, 4, 5):
        work(personas.trainee_anna, personas.garden, nov(day), attendance="unexcused")
    client.force_login(personas.manager)
    page = add(client, ADD_BONUS, personas.trainee_anna, "100.00").content.decode()
    assert "No bonus in a month with more than 3 unexcused absences." in page
    assert not Bonus.objects.exists()


def test_the_back_office_obeys_the_same_bonus_rule(personas, stipend_anna):
    with pytest.raises(ValidationError) as refused:
        Bonus(trainee=personas.trainee_anna, month=NOVEMBER, amount=D("1600")).full_clean()
    assert refused.value.message_dict == {"amount": ["The bonus can be at most 1500.00."]}


def test_an_hourly_trainees_bonus_follows_the_run_which_sets_no_limit(client, personas):
    PaySchemeFactory(trainee=personas.trainee_bartek)
    client.force_login(personas.manager)
    assert add(client, ADD_BONUS, personas.trainee_bartek, "2000.00").status_code == 302


def test_one_bonus_a_month_the_second_is_refused_naming_the_trainee(client, personas, stipend_anna):
    BonusFactory(trainee=personas.trainee_anna)
    client.force_login(personas.manager)
    page = add(client, ADD_BONUS, personas.trainee_anna, "50.00").content.decode()
    assert "<strong>Trainee:</strong> The trainee already has a bonus this month." in page
    assert Bonus.objects.count() == 1


@pytest.mark.parametrize("amount", ["0", "-10", "", "ten"])
def test_an_advance_needs_an_amount_above_zero(client, personas, stipend_anna, amount):
    client.force_login(personas.manager)
    page = add(client, ADD_ADVANCE, personas.trainee_anna, amount).content.decode()
    assert "<strong>Amount:</strong>" in page
    assert not Advance.objects.exists()


def test_only_trainees_paid_in_the_month_can_be_chosen(client, personas, stipend_anna):
    client.force_login(personas.manager)
    page = client.get(PERIOD).content.decode()
    assert f'<option value="{personas.trainee_bartek.pk}"' not in page  # no scheme
    response = add(client, ADD_ADVANCE, personas.trainee_bartek, "50.00")
    assert "<strong>Trainee:</strong>" in response.content.decode()
    assert not Advance.objects.exists()


@pytest.mark.parametrize("url", [ADD_BONUS, ADD_ADVANCE])
def test_a_closed_month_takes_no_bonus_nor_advance(client, personas, stipend_anna, url):
    period.run(NOVEMBER, personas.manager)
    period.approve(NOVEMBER, personas.manager)
    client.force_login(personas.manager)
    assert "Add a bonus" not in client.get(PERIOD).content.decode()
    response = client.post(url, {"trainee": personas.trainee_anna.pk, "amount": "50"}, follow=True)
    assert "The pay period of November 2026 is already approved; reopen it first." in (
        response.content.decode()
    )
    assert not Bonus.objects.exists() and not Advance.objects.exists()


@pytest.mark.parametrize(
    ("url", "code", "amount"),
    [(ADD_BONUS, "motivation_bonus", D("200.00")), (ADD_ADVANCE, "advance", D("-200.00"))],
)
def test_adding_one_makes_the_run_stale_until_it_is_run_again(
    client, personas, stipend_anna, url, code, amount
):
    period.run(NOVEMBER, personas.manager)
    client.force_login(personas.manager)
    add(client, url, personas.trainee_anna, "200.00")
    page = client.get(PERIOD).content.decode()
    assert "facts changed since the run: run the payroll again" in page
    client.post(reverse("pay:period_step", args=[2026, 11, "approve"]))
    assert PayPeriod.objects.get().state == "in_review"
    client.post(reverse("pay:period_step", args=[2026, 11, "rerun"]))
    client.post(reverse("pay:period_step", args=[2026, 11, "approve"]))
    approved = PayPeriod.objects.get()
    assert approved.state == "approved"
    lines = approved.payslips.get().lines.values_list("code", "amount")
    assert (code, amount) in list(lines)


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
@pytest.mark.parametrize("url", [ADD_BONUS, ADD_ADVANCE])
def test_nobody_but_a_manager_adds_a_bonus_or_an_advance(client, personas, stipend_anna, who, url):
    client.force_login(personas.all_users()[who])
    assert add(client, url, personas.trainee_anna, "50.00").status_code == 403
    assert not Bonus.objects.exists() and not Advance.objects.exists()


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(client, personas, stipend_anna):
    assert add(client, ADD_BONUS, personas.trainee_anna, "50.00").status_code == 302
    assert not Bonus.objects.exists()


def test_the_accountant_reads_the_month_without_the_forms(client, personas, stipend_anna):
    AdvanceFactory(trainee=personas.trainee_anna)
    client.force_login(personas.accountant)
    page = client.get(PERIOD).content.decode()
    assert "Anna Garden: PLN100.00" in page
    assert "Add a bonus" not in page and "Add an advance" not in page


def test_only_finance_opens_the_period_page(client, personas, stipend_anna):
    expected = {"manager": 200, "accountant": 200}
    for who, user in personas.all_users().items():
        client.force_login(user)
        assert client.get(PERIOD).status_code == expected.get(who, 403), who


def test_the_period_page_with_its_forms_asks_a_bounded_number_of_queries(
    client, personas, stipend_setting, django_assert_max_num_queries
):
    for index in range(30):
        trainee = TraineeFactory()
        PaySchemeFactory(trainee=trainee)
        work(trainee, personas.garden, nov(2))
        if index % 2:
            BonusFactory(trainee=trainee)
            AdvanceFactory(trainee=trainee)
    period.run(NOVEMBER, personas.manager)
    client.force_login(personas.manager)
    with django_assert_max_num_queries(45):
        page = client.get(PERIOD).content.decode()
    assert page.count("PDF</a>") == 30
