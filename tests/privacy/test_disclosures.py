"""Every print of a trainee's document writes a row in the disclosure log (who, whose, what,
when); managers read the log, filtered by trainee."""

import pytest
from django.urls import reverse

from reintegra_coop.care.models import IndividualPlan, SocialContract
from reintegra_coop.pay.models import Payslip
from reintegra_coop.privacy.models import DisclosureLog
from tests.factories import NOVEMBER, CommunityServiceOrderFactory, diagnosed

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]


def logged(trainee):
    return list(
        DisclosureLog.objects.filter(trainee=trainee).values_list("document", "disclosed_by")
    )


def test_a_payslip_printed_by_the_trainee_and_by_the_manager_is_logged(
    client, personas, anna_record
):
    slip = Payslip.objects.get(trainee=anna_record)
    for user in (anna_record.user, personas.manager):
        client.force_login(user)
        assert client.get(reverse("pay:payslip_pdf", args=[slip.pk])).content.startswith(b"%PDF")
    assert logged(anna_record) == [
        ("payslip", personas.manager.pk),
        ("payslip", anna_record.user.pk),
    ]
    assert DisclosureLog.objects.first().reference == "2026-11"


def test_a_login_card_is_logged(client, personas):
    client.force_login(personas.manager)
    client.post(reverse("portal:print_code", args=[personas.trainee_anna.pk]))
    assert logged(personas.trainee_anna) == [("login_card", personas.manager.pk)]


def test_a_community_service_statement_and_a_social_contract_are_logged(client, personas):
    anna = diagnosed(personas.trainee_anna)
    order = CommunityServiceOrderFactory(trainee=anna, start=NOVEMBER)
    plan = IndividualPlan.objects.create(trainee=anna, opened_on=NOVEMBER)
    contract = SocialContract.objects.create(
        plan=plan,
        welfare_office="MOPS Warszawa",
        trainee_obligations="Attend",
        office_obligations="Support",
        cooperative_obligations="Employ",
        signed_on=NOVEMBER,
        ends_on="2027-10-31",
    )
    client.force_login(personas.care_worker)
    assert client.get(reverse("care:service_statement", args=[order.pk])).status_code == 200
    assert client.get(reverse("care:social_contract_pdf", args=[contract.pk])).status_code == 200
    assert sorted(doc for doc, _by in logged(anna)) == [
        "community_service_statement",
        "social_contract",
    ]


def test_a_refused_print_is_not_logged(client, personas, anna_record):
    slip = Payslip.objects.get(trainee=anna_record)
    client.force_login(personas.garden_instructor)
    assert client.get(reverse("pay:payslip_pdf", args=[slip.pk])).status_code == 403
    assert not DisclosureLog.objects.exists()


def test_the_manager_reads_the_log_filtered_by_trainee(client, personas):
    for trainee in (personas.trainee_anna, personas.trainee_bartek):
        DisclosureLog.objects.create(
            trainee=trainee, disclosed_by=personas.manager, document="login_card"
        )
    client.force_login(personas.manager)
    url = reverse("privacy:disclosures")
    everyone = client.get(url).content.decode()
    assert "Anna Garden" in everyone and "Bartek Carpenter" in everyone and "Login card" in everyone
    only_anna = client.get(url, {"trainee": personas.trainee_anna.pk}).content.decode()
    rows = only_anna.split('id="disclosures"')[1]
    assert "Anna Garden" in rows and "Bartek Carpenter" not in rows


@pytest.mark.parametrize(
    "persona", ["care_worker", "garden_instructor", "accountant", "trainee_anna"]
)
def test_only_managers_read_the_log(client, personas, persona):
    client.force_login(personas.all_users()[persona])
    assert client.get(reverse("privacy:disclosures")).status_code == 403
