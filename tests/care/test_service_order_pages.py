"""Recording a court's community-service order in the app: managers for anyone, care workers
for their caseload; the model's rules refuse bad dates and limits, naming the field."""

import pytest
from django.urls import reverse

from reintegra_coop.care.models import CommunityServiceOrder
from tests.factories import CommunityServiceOrderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

NEW = reverse("care:new_service_order")


def order_for(trainee, **changes):
    return {
        "trainee": trainee.pk,
        "court_reference": "II K 123/26",
        "total_hours": "120",
        "monthly_minimum_hours": "20",
        "monthly_maximum_hours": "40",
        "start": "2026-12-01",
        "deadline": "2027-11-30",
        **changes,
    }


@pytest.mark.parametrize("who", ["manager", "care_worker"])
def test_a_manager_or_the_care_worker_records_a_court_order(client, personas, who):
    client.force_login(getattr(personas, who))
    response = client.post(NEW, order_for(personas.trainee_anna))
    assert response["Location"] == reverse("care:service_orders")
    order = CommunityServiceOrder.objects.get()
    assert (order.trainee, order.total_hours, order.created_by) == (
        personas.trainee_anna,
        120,
        getattr(personas, who),
    )
    assert "II K 123/26" in client.get(reverse("care:service_orders")).content.decode()


def test_a_care_worker_cannot_record_or_edit_an_order_outside_their_caseload(client, personas):
    client.force_login(personas.care_worker)
    page = client.post(NEW, order_for(personas.trainee_bartek)).content.decode()
    assert "Select a valid choice" in page
    bartek_order = CommunityServiceOrderFactory(trainee=personas.trainee_bartek)
    edit = reverse("care:edit_service_order", args=[bartek_order.pk])
    assert client.get(edit).status_code == 404
    assert CommunityServiceOrder.objects.count() == 1


@pytest.mark.parametrize("who", ["garden_instructor", "accountant", "outsider", "trainee_anna"])
def test_other_roles_cannot_record_court_orders(client, personas, who):
    user = getattr(personas, who)
    client.force_login(getattr(user, "user", user))
    assert client.post(NEW, order_for(personas.trainee_anna)).status_code == 403
    assert not CommunityServiceOrder.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"deadline": "2026-11-01"}, "The deadline cannot be before the start."),
        ({"monthly_maximum_hours": "10"}, "monthly"),
        ({"total_hours": "-5"}, "Ensure this value is greater than or equal to 0"),
        ({"court_reference": ""}, "This field is required"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(client, personas, changes, message):
    client.force_login(personas.manager)
    response = client.post(NEW, order_for(personas.trainee_anna, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CommunityServiceOrder.objects.exists()


def test_the_order_is_edited_and_a_czech_order_starts_without_monthly_limits(
    client, personas, settings
):
    order = CommunityServiceOrderFactory(trainee=personas.trainee_anna)
    client.force_login(personas.manager)
    edit = reverse("care:edit_service_order", args=[order.pk])
    client.post(edit, order_for(personas.trainee_anna, total_hours="150"))
    order.refresh_from_db()
    assert (order.total_hours, order.modified_by) == (150, personas.manager)
    settings.COUNTRY = "CZ"
    page = client.get(NEW).content.decode()
    assert 'name="monthly_minimum_hours" value="20"' not in page
