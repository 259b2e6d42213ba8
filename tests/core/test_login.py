"""Login, logout, each role's home page, the language switch and password resets."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, PIN

pytestmark = pytest.mark.django_db

HOMES = {
    "manager": "/people/manager/",
    "garden_instructor": "/people/instructor/",
    "carpentry_instructor": "/people/instructor/",
    "care_worker": "/people/care/",
    "accountant": "/people/accountant/",
    "trainee_anna": "/portal/",
    "trainee_bartek": "/portal/",
}


def log_in(client, username, password):
    return client.post(
        reverse("core:login"), {"username": username, "password": password}, follow=True
    )


@pytest.mark.parametrize("persona", sorted(HOMES))
def test_each_role_lands_on_its_own_home_page(client, personas, persona):
    user = personas.all_users()[persona]
    secret = PIN if persona.startswith("trainee") else PASSWORD
    response = log_in(client, user.username, secret)
    assert response.redirect_chain[-1][0] == HOMES[persona]
    assert response.status_code == 200


def test_an_outsider_can_log_in_but_is_told_they_have_no_role(client, personas):
    response = log_in(client, "outsider", PASSWORD)
    assert response.status_code == 403
    assert "no role" in response.content.decode()


def test_a_trainee_logs_in_with_their_card_number_and_pin(client, personas):
    response = log_in(client, "c-2001", PIN)
    assert response.redirect_chain[-1][0] == "/portal/"
    assert "Hello, Anna!" in response.content.decode()


def test_a_wrong_pin_is_refused_with_a_message_and_no_session(client, personas):
    response = log_in(client, "anna", "9999")
    assert response.status_code == 200
    assert "Please enter a correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_login_is_locked_after_five_wrong_tries(client, personas):
    for _ in range(5):
        log_in(client, "anna", "1111")
    response = log_in(client, "anna", PIN)
    assert response.status_code == 429
    assert "Too many wrong tries" in response.content.decode()


def test_logout_ends_the_session(client, personas):
    client.force_login(personas.manager)
    response = client.post(reverse("core:logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:login")
    assert client.get("/people/manager/").status_code == 302


def test_pages_need_a_login(client, personas):
    response = client.get("/people/manager/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_a_role_cannot_open_another_roles_home(client, personas):
    client.force_login(personas.garden_instructor)
    assert client.get("/people/manager/").status_code == 403
    client.force_login(personas.trainee_anna.user)
    assert client.get("/people/instructor/").status_code == 403


def test_the_language_switch_changes_the_page_language(client, personas):
    client.force_login(personas.trainee_anna.user)
    assert "Hello, Anna!" in client.get("/portal/").content.decode()
    response = client.post(
        reverse("set_language"), {"language": "pl", "next": "/portal/"}, follow=True
    )
    assert "Cześć, Anna!" in response.content.decode()
    response = client.post(
        reverse("set_language"), {"language": "cs", "next": "/portal/"}, follow=True
    )
    assert "Ahoj, Anna!" in response.content.decode()


def test_a_trainees_preferred_language_is_used_from_login(client, personas):
    personas.trainee_anna.preferred_language = "cs"
    personas.trainee_anna.save()
    response = log_in(client, "anna", PIN)
    assert "Ahoj, Anna!" in response.content.decode()


def test_a_manager_sets_a_new_pin_for_a_trainee(client, personas):
    client.force_login(personas.manager)
    url = reverse("core:set_password", args=[personas.trainee_anna.user.pk])
    response = client.post(url, {"new_password1": "4826", "new_password2": "4826"})
    assert response.status_code == 302
    personas.trainee_anna.user.refresh_from_db()
    assert personas.trainee_anna.user.check_password("4826")


def test_an_easy_pin_is_refused_with_a_message_naming_the_field(client, personas):
    client.force_login(personas.manager)
    url = reverse("core:set_password", args=[personas.trainee_anna.user.pk])
    response = client.post(url, {"new_password1": "1234", "new_password2": "1234"})
    assert response.status_code == 200
    assert "This PIN is too easy to guess." in response.content.decode()
    personas.trainee_anna.user.refresh_from_db()
    assert personas.trainee_anna.user.check_password(PIN)


def test_only_a_manager_resets_passwords(client, personas):
    url = reverse("core:set_password", args=[personas.trainee_anna.user.pk])
    for persona in ("garden_instructor", "care_worker", "accountant", "trainee_anna", "outsider"):
        client.force_login(personas.all_users()[persona])
        assert (
            client.post(url, {"new_password1": "4826", "new_password2": "4826"}).status_code == 403
        )
    personas.trainee_anna.user.refresh_from_db()
    assert personas.trainee_anna.user.check_password(PIN)


def test_a_manager_cannot_reset_a_superusers_password(client, personas, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x-very-long-pass")
    client.force_login(personas.manager)
    url = reverse("core:set_password", args=[root.pk])
    assert client.get(url).status_code == 404
