"""Django admin (the back office) is scoped like our own pages."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_instructor_lists_only_their_own_trainees_in_the_back_office(client, personas):
    client.force_login(personas.garden_instructor)
    page = client.get("/admin/people/trainee/").content.decode()
    assert "Garden" in page
    assert "Carpenter" not in page


def test_an_instructor_cannot_open_another_workshops_trainee(client, personas):
    client.force_login(personas.garden_instructor)
    response = client.get(f"/admin/people/trainee/{personas.trainee_bartek.pk}/change/")
    assert response.status_code == 404  # outside their rows: not found, like a missing row
    assert (
        client.get(f"/admin/people/trainee/{personas.trainee_anna.pk}/change/").status_code == 200
    )


def test_the_manager_lists_every_trainee_with_filters_and_search(client, personas):
    client.force_login(personas.manager)
    page = client.get("/admin/people/trainee/?q=Carpenter").content.decode()
    assert "Bartek" in page and "Anna" not in page
    assert "By programme stage" in client.get("/admin/people/trainee/").content.decode()


def test_a_trainee_and_an_outsider_have_no_back_office(client, personas):
    for user in (personas.trainee_anna.user, personas.outsider):
        client.force_login(user)
        assert client.get("/admin/").status_code == 302


def test_a_manager_does_not_see_superusers(client, personas, django_user_model):
    django_user_model.objects.create_superuser("root", password="x-very-long-pass")
    client.force_login(personas.manager)
    page = client.get("/admin/auth/user/").content.decode()
    assert "garden.instructor" in page
    assert ">root<" not in page
