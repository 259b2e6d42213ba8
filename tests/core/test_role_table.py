"""Who may hold and grant which role (DESIGN.md), on every path that makes or changes a login,
a staff member or a trainee: the back office, the model layer (API, imports), the command line
and the demo loader."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from reintegra_coop.core.roles import COMMAND_LINE, Role, role_of
from reintegra_coop.people.models import StaffMember, Trainee
from tests.factories import PIN, StaffMemberFactory, TraineeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(django_user_model):
    return django_user_model.objects.create_superuser("root", password="x-very-long-pass")


def admin_post(client, url, data):
    return client.post(url, data)


def test_the_back_office_offers_a_trainee_only_logins_without_rights(client, personas, root):
    spare = UserFactory(username="spare")
    client.force_login(personas.manager)
    form = client.get("/admin/people/trainee/add/").content.decode()
    assert f'value="{spare.pk}"' in form
    for taken in (root, personas.manager, personas.garden_instructor, personas.accountant):
        assert f'value="{taken.pk}"' not in form


def test_a_manager_cannot_link_a_trainee_to_the_superusers_login(client, personas, root):
    client.force_login(personas.manager)
    response = client.post(
        "/admin/people/trainee/add/",
        {"user": root.pk, "first_name": "Evil", "last_name": "Twin", "preferred_language": ""},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "Select a valid choice" in response.content.decode()
    assert not Trainee.objects.filter(user=root).exists()


def test_the_model_refuses_a_trainee_on_a_staff_or_superuser_login(personas, root):
    for login in (root, personas.manager, personas.garden_instructor):
        with pytest.raises(ValidationError):
            Trainee.objects.create(user=login, first_name="X", last_name="Y")
        trainee = Trainee(user=login, first_name="X", last_name="Y")
        with pytest.raises(ValidationError) as refused:
            trainee.full_clean()
        assert "user" in refused.value.message_dict
    assert not Trainee.objects.filter(first_name="X").exists()


def test_a_trainees_login_never_becomes_staff(client, personas, root):
    anna = personas.trainee_anna.user
    with pytest.raises(ValidationError, match="belongs to a trainee"):
        StaffMember.appoint(anna, Role.MANAGER, COMMAND_LINE)
    client.force_login(personas.manager)
    response = client.post(
        "/admin/people/staffmember/add/", {"user": anna.pk, "role": "instructor", "active": "on"}
    )
    assert response.status_code == 200
    assert not StaffMember.objects.filter(user=anna).exists()
    assert role_of(User.objects.get(pk=anna.pk)) == Role.TRAINEE


def test_a_trainees_login_never_gets_staff_or_superuser_flags(client, personas, root):
    anna = personas.trainee_anna.user
    anna.is_staff = True
    with pytest.raises(ValidationError):
        anna.save()
    client.force_login(root)
    page = client.get(f"/admin/auth/user/{anna.pk}/change/").content.decode()
    form = {
        "username": "anna",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-11-01",
        "date_joined_1": "10:00:00",
    }
    response = client.post(f"/admin/auth/user/{anna.pk}/change/", form)
    assert response.status_code == 200 and "csrfmiddlewaretoken" in page
    assert "never has back-office rights" in response.content.decode()
    anna.refresh_from_db()
    assert not anna.is_staff and not anna.is_superuser


@pytest.mark.parametrize(
    ("role", "manager_may"),
    [("instructor", True), ("care_worker", True), ("accountant", True), ("manager", False)],
)
def test_a_manager_grants_every_staff_role_but_manager(client, personas, role, manager_may):
    newcomer = UserFactory(username=f"new.{role}")
    client.force_login(personas.manager)
    form = client.get("/admin/people/staffmember/add/").content.decode()
    assert (f'<option value="{role}"' in form) == manager_may
    client.post(
        "/admin/people/staffmember/add/", {"user": newcomer.pk, "role": role, "active": "on"}
    )
    assert StaffMember.objects.filter(user=newcomer).exists() == manager_may


def test_only_a_superuser_makes_or_unmakes_a_manager(client, personas, root):
    other = UserFactory(username="second.manager")
    member = StaffMember(user=other, role=Role.MANAGER)
    member.stamp(personas.manager)
    with pytest.raises(ValidationError, match="Only a superuser"):
        member.save()
    member.stamp(root)
    member.save()
    member.refresh_from_db()
    member.role = Role.ACCOUNTANT  # a manager demoting another manager
    member.stamp(personas.manager)
    with pytest.raises(ValidationError, match="Only a superuser"):
        member.save()
    client.force_login(personas.manager)
    assert client.get(f"/admin/people/staffmember/{member.pk}/change/").status_code == 200
    client.post(
        f"/admin/people/staffmember/{member.pk}/change/",
        {"user": other.pk, "role": "accountant", "active": "on"},
    )
    assert StaffMember.objects.get(pk=member.pk).role == Role.MANAGER


def test_a_change_of_role_needs_someone_who_grants_it(personas):
    member = personas.garden_instructor.staff_member
    member.role = Role.MANAGER
    with pytest.raises(ValidationError, match="record who grants it"):
        member.save()  # no one said who grants it
    member.refresh_from_db()
    member.phone = "600 100 200"
    member.save()  # a change that grants nothing needs no one


def test_a_manager_cannot_reset_another_managers_password(client, personas):
    other = StaffMemberFactory(user__username="second.manager", role=Role.MANAGER).user
    client.force_login(personas.manager)
    assert client.get(f"/accounts/{other.pk}/password/").status_code == 404
    assert client.get(f"/admin/auth/user/{other.pk}/password/").status_code == 403
    mine = f"/accounts/{personas.garden_instructor.pk}/password/"
    assert client.get(mine).status_code == 200


def test_only_a_manager_makes_a_care_lead(personas):
    member = personas.care_worker.staff_member
    member.care_lead = True
    member.stamp(personas.garden_instructor)
    with pytest.raises(ValidationError, match="care lead"):
        member.save()
    member.stamp(personas.manager)
    member.save()
    assert StaffMember.objects.get(pk=member.pk).care_lead


def test_the_command_line_obeys_the_table(personas):
    with pytest.raises(CommandError, match="never has back-office rights"):
        call_command("create_user", "eve", "--role", "trainee", "--password", "4826", "--superuser")
    with pytest.raises(CommandError, match="already taken"):
        call_command(
            "create_user",
            "eve",
            "--role",
            "trainee",
            "--password",
            "4826",
            "--card-number",
            "c-2001",
        )
    assert not User.objects.filter(username="eve").exists()
    call_command("create_user", "boss", "--role", "manager", "--password", "x-very-long-pass")
    assert role_of(User.objects.get(username="boss")) == Role.MANAGER


def test_the_demo_loader_grants_through_the_table():
    call_command("load_demo", quiet_logins=True)
    managers = StaffMember.objects.filter(role=Role.MANAGER)
    assert managers.count() == 1
    trainee_logins = User.objects.filter(trainee__isnull=False)
    assert trainee_logins.exists()
    assert not trainee_logins.filter(is_staff=True).exists()
    assert not trainee_logins.filter(staff_member__isnull=False).exists()


def test_the_instructor_attack_chain_is_closed(client, personas, root):
    """A manager links a trainee to the superuser's login; an instructor prints a code for it and
    is logged in as the superuser. Each step is refused now."""
    client.force_login(personas.manager)
    client.post(
        "/admin/people/trainee/add/",
        {
            "user": root.pk,
            "first_name": "Evil",
            "last_name": "Twin",
            "workshops": [personas.garden.pk],
        },
    )
    assert not Trainee.objects.filter(user=root).exists()
    anna = TraineeFactory(user__username="anna2", workshops=[personas.garden])
    client.force_login(personas.garden_instructor)
    assert client.post(f"/portal/codes/{anna.pk}/").status_code == 403
    assert client.get(f"/portal/codes/{anna.pk}/").status_code == 405
    client.logout()
    assert client.post("/login/", {"username": "anna2", "password": PIN}).status_code == 302
