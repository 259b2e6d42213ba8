import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.people.models import Trainee

pytestmark = pytest.mark.django_db


def test_it_creates_an_instructor_of_a_workshop_with_back_office_access(personas):
    call_command(
        "create_user",
        "Ola.K",
        "--role",
        "instructor",
        "--first-name",
        "Ola",
        "--workshop",
        "Organic garden",
        "--password",
        "a-sturdy-passphrase",
    )
    user = User.objects.get(username="ola.k")
    assert role_of(user) == Role.INSTRUCTOR
    assert user.is_staff and user.groups.filter(name="Instructor").exists()
    assert list(user.staff_member.workshops.values_list("name", flat=True)) == ["Organic garden"]
    assert user.check_password("a-sturdy-passphrase")


def test_it_creates_a_trainee_who_logs_in_with_card_and_pin(client, personas):
    call_command(
        "create_user",
        "jan.t",
        "--role",
        "trainee",
        "--first-name",
        "Jan",
        "--card-number",
        "C-3001",
        "--password",
        "4826",
    )
    trainee = Trainee.objects.get(card_number="C-3001")
    assert (trainee.stage, role_of(trainee.user)) == ("applicant", Role.TRAINEE)
    response = client.post("/login/", {"username": "C-3001", "password": "4826"})
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["manager", "--role", "manager", "--password", "a-sturdy-passphrase"],
            "A user named 'manager' already exists.",
        ),
        (["x.y", "--role", "trainee", "--password", "1111"], "This PIN is too easy to guess."),
        (["x.y", "--role", "accountant", "--password", "short"], "This password is too short"),
        (
            ["x.y", "--role", "instructor", "--workshop", "Bakery", "--password", "a-sturdy-pass"],
            "No workshop named 'Bakery'",
        ),
    ],
)
def test_it_refuses_bad_input_and_creates_nobody(personas, args, message):
    users_before = User.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("create_user", *args)
    assert User.objects.count() == users_before
