"""Two-factor login for staff (core/two_factor.py): off unless the site lists roles in
``[security] two_factor_roles``; then a listed role's login owes a 6-digit code from an
authenticator app after the password and reaches nothing else until it has given it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from reintegra_coop.bench.errors import BenchError
from reintegra_coop.bench.site_config import CONFIG_FILE, load_site, write_site_folder
from reintegra_coop.core import lockout
from reintegra_coop.core.models import DeviceReset
from tests.factories import PASSWORD, PIN, StaffMemberFactory, TOTPDeviceFactory, UserFactory

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
PAGES = [
    "/",
    "/people/manager/",
    "/people/staff/",
    "/orders/",
    "/notifications/",
    "/admin/",
    "/admin/people/trainee/",
]
API = ["/api/", "/api/orders/", "/api/work-logs/"]
LOCKED = 429


@pytest.fixture
def clock():
    with time_machine.travel(MOMENT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def for_managers(settings):
    settings.TWO_FACTOR_ROLES = ("manager",)


def code_page() -> str:
    return reverse("core:two_factor")


def setup_page() -> str:
    return reverse("core:two_factor_setup")


def right_code(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


def wrong_code(device: TOTPDevice) -> str:
    accepted = {right_code(device, drift) for drift in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)


def log_in(client, username: str, secret: str = PASSWORD, **extra):
    return client.post(reverse("core:login"), {"username": username, "password": secret, **extra})


def give_code(client, code: str, page: str | None = None):
    return client.post(page or code_page(), {"code": code})


def sent_to(response, page: str) -> bool:
    return response.status_code == 302 and response["Location"].split("?")[0] == page


def test_off_by_default_a_manager_with_a_phone_logs_in_with_the_password_alone(client, personas):
    TOTPDeviceFactory(user=personas.manager)
    assert sent_to(log_in(client, "manager"), "/")
    assert client.get("/people/manager/").status_code == 200
    assert client.get("/api/orders/").status_code == 200


def test_the_password_alone_reaches_only_the_code_page(client, personas, for_managers, clock):
    TOTPDeviceFactory(user=personas.manager)
    assert sent_to(log_in(client, "manager"), code_page())
    for page in PAGES:
        assert sent_to(client.get(page), code_page()), page
    for page in API:
        assert client.get(page).status_code == 403, page
    assert client.get(code_page()).status_code == 200
    assert client.get("/static/core/reintegra.css").status_code == 200
    assert sent_to(client.post(reverse("core:logout")), reverse("core:login"))
    assert client.get("/people/manager/").status_code == 302  # to the login page


def test_the_right_code_lets_the_manager_in_everywhere(client, personas, for_managers, clock):
    device = TOTPDeviceFactory(user=personas.manager)
    log_in(client, "manager")
    assert sent_to(give_code(client, right_code(device)), "/")
    for page in ["/people/manager/", "/people/staff/", "/orders/", "/admin/", *API]:
        assert client.get(page).status_code == 200, page


def test_the_code_page_leads_on_to_the_page_first_asked_for(client, personas, for_managers, clock):
    device = TOTPDeviceFactory(user=personas.manager)
    response = log_in(client, "manager", next="/people/staff/")
    assert sent_to(response, code_page())
    assert sent_to(give_code(client, right_code(device), response["Location"]), "/people/staff/")


def test_a_code_from_the_clock_step_before_is_still_taken(client, personas, for_managers, clock):
    device = TOTPDeviceFactory(user=personas.manager)
    log_in(client, "manager")
    assert sent_to(give_code(client, right_code(device, drift=-1)), "/")


def test_wrong_codes_lock_the_account_like_wrong_passwords(client, personas, for_managers, clock):
    device = TOTPDeviceFactory(user=personas.manager)
    log_in(client, "manager")
    for _ in range(4):
        response = give_code(client, wrong_code(device))
        assert response.status_code == 200
        assert "This code is not right" in response.content.decode()
        clock.shift(datetime.timedelta(minutes=1))  # past the device's own pause
    assert give_code(client, wrong_code(device)).status_code == LOCKED
    assert client.get("/people/manager/").status_code == 302  # the session has ended
    assert log_in(client, "manager").status_code == LOCKED  # the right password is refused too


def test_logging_in_again_does_not_wipe_the_wrong_codes(client, personas, for_managers, clock):
    device = TOTPDeviceFactory(user=personas.manager)
    for _ in range(4):
        log_in(client, "manager")
        give_code(client, wrong_code(device))
        client.post(reverse("core:logout"))
        clock.shift(datetime.timedelta(minutes=1))
    assert sent_to(log_in(client, "manager"), code_page())
    assert give_code(client, wrong_code(device)).status_code == LOCKED


def test_the_right_code_clears_the_wrong_tries(client, personas, for_managers, clock):
    device = TOTPDeviceFactory(user=personas.manager)
    log_in(client, "manager")
    for _ in range(3):
        give_code(client, wrong_code(device))
        clock.shift(datetime.timedelta(minutes=1))
    assert lockout.failures("manager") == 3
    assert sent_to(give_code(client, right_code(device)), "/")
    assert lockout.failures("manager") == 0


def test_quick_guesses_are_slowed_down_by_the_device(client, personas, for_managers, clock):
    device = TOTPDeviceFactory(user=personas.manager)
    log_in(client, "manager")
    for _ in range(2):
        give_code(client, wrong_code(device))
    response = give_code(client, right_code(device))  # too soon after the last wrong one
    assert response.status_code == 200
    assert "wait a moment" in response.content.decode()
    clock.shift(datetime.timedelta(seconds=3))
    assert sent_to(give_code(client, right_code(device)), "/")


def test_a_used_code_does_not_open_a_second_session(client, personas, for_managers, clock):
    device = TOTPDeviceFactory(user=personas.manager)
    code = right_code(device)
    log_in(client, "manager")
    assert sent_to(give_code(client, code), "/")
    client.post(reverse("core:logout"))
    log_in(client, "manager")
    assert give_code(client, code).status_code == 200  # refused: a code is used once


def test_a_manager_without_a_phone_sets_one_up_right_after_the_password(
    client, personas, for_managers, clock
):
    assert sent_to(log_in(client, "manager"), setup_page())
    for page in ["/", "/people/manager/", "/admin/", code_page()]:
        assert sent_to(client.get(page), setup_page()), page
    assert client.get("/api/orders/").status_code == 403
    page = client.get(setup_page())
    device = TOTPDevice.objects.get(user=personas.manager, confirmed=False)
    html = page.content.decode()
    assert "<svg" in html
    secret = device.config_url.split("secret=")[1].split("&")[0]
    assert secret in html.replace(" ", "")  # the secret as text, in groups of four
    again = client.get(setup_page()).content.decode()  # a reload shows the same secret
    assert secret in again.replace(" ", "") and TOTPDevice.objects.count() == 1

    response = give_code(client, wrong_code(device), setup_page())
    assert response.status_code == 200 and "This code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()

    clock.shift(datetime.timedelta(minutes=1))
    assert sent_to(give_code(client, right_code(device), setup_page()), "/")
    assert TOTPDevice.objects.get(user=personas.manager).confirmed
    assert client.get("/people/manager/").status_code == 200


def test_with_a_phone_confirmed_nobody_sets_up_another_one(client, personas, for_managers, clock):
    TOTPDeviceFactory(user=personas.manager)
    log_in(client, "manager")  # someone who knows the password, not the phone
    assert sent_to(client.get(setup_page()), code_page())
    give_code(client, "123456", setup_page())
    assert TOTPDevice.objects.filter(user=personas.manager).count() == 1


def test_trainees_are_never_asked(client, personas, settings):
    settings.TWO_FACTOR_ROLES = ("manager", "instructor", "care_worker", "accountant")
    assert sent_to(log_in(client, "anna", PIN), "/")
    assert client.get("/portal/").status_code == 200


def test_care_workers_are_asked_when_the_site_lists_them(client, personas, settings):
    settings.TWO_FACTOR_ROLES = ("manager", "care_worker")
    assert sent_to(log_in(client, "care.worker"), setup_page())
    client.post(reverse("core:logout"))
    assert sent_to(log_in(client, "garden.instructor"), "/")
    assert client.get("/people/instructor/").status_code == 200


def test_care_workers_are_not_asked_when_only_managers_are_listed(client, personas, for_managers):
    assert sent_to(log_in(client, "care.worker"), "/")
    assert client.get("/people/care/").status_code == 200


def verified(client, user: User, device: TOTPDevice) -> None:
    log_in(client, user.username)
    assert sent_to(give_code(client, right_code(device)), "/")


def reset_page(user: User) -> str:
    return reverse("people:reset_two_factor", args=[user.pk])


def test_a_manager_resets_a_care_workers_lost_phone(client, personas, settings, clock):
    settings.TWO_FACTOR_ROLES = ("manager", "care_worker")
    verified(client, personas.manager, TOTPDeviceFactory(user=personas.manager))
    TOTPDeviceFactory(user=personas.care_worker)
    question = client.post(reset_page(personas.care_worker))
    assert question.status_code == 200 and TOTPDevice.objects.filter(user=personas.care_worker)
    response = client.post(reset_page(personas.care_worker), {"confirmed": "yes"})
    assert sent_to(response, reverse("people:staff_list"))
    assert not TOTPDevice.objects.filter(user=personas.care_worker).exists()
    reset = DeviceReset.objects.get()
    assert (reset.login, reset.reset_by, reset.reset_at) == (
        personas.care_worker,
        personas.manager,
        MOMENT,
    )
    client.post(reverse("core:logout"))
    assert sent_to(log_in(client, "care.worker"), setup_page())  # a new phone at once


def test_the_staff_list_offers_the_reset_only_where_a_manager_may(
    client, personas, for_managers, clock, django_assert_max_num_queries
):
    verified(client, personas.manager, TOTPDeviceFactory(user=personas.manager))
    for user in (personas.care_worker, personas.accountant, personas.garden_instructor):
        TOTPDeviceFactory(user=user)
    with django_assert_max_num_queries(12):
        html = client.get("/people/staff/").content.decode()
    for user in (personas.care_worker, personas.accountant, personas.garden_instructor):
        assert reset_page(user) in html
    assert reset_page(personas.manager) not in html
    assert reset_page(personas.carpentry_instructor) not in html  # no phone to reset


def test_a_manager_cannot_reset_their_own_a_superusers_or_another_managers_phone(
    client, personas, for_managers, clock
):
    verified(client, personas.manager, TOTPDeviceFactory(user=personas.manager))
    root = User.objects.create_superuser("root", password=PASSWORD)
    other = StaffMemberFactory(user=UserFactory(username="manager.two")).user
    for user in (personas.manager, root, other):
        TOTPDeviceFactory(user=user) if user != personas.manager else None
        response = client.post(reset_page(user), {"confirmed": "yes"})
        assert response.status_code == 404, user
        assert TOTPDevice.objects.filter(user=user).exists()
    assert not DeviceReset.objects.exists()


@pytest.mark.parametrize(
    "persona", ["garden_instructor", "care_worker", "accountant", "trainee_anna", "outsider"]
)
def test_nobody_but_a_manager_resets_a_phone(client, personas, persona):
    TOTPDeviceFactory(user=personas.accountant)
    client.force_login(personas.all_users()[persona])
    response = client.post(reset_page(personas.accountant), {"confirmed": "yes"})
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=personas.accountant).exists()


def test_a_login_made_by_create_user_sets_up_its_phone_at_the_first_login(
    client, db, for_managers, clock
):
    call_command("create_user", "new.manager", role="manager", password=PASSWORD)
    assert sent_to(log_in(client, "new.manager"), setup_page())


def test_a_site_lists_the_roles_and_a_wrong_one_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("REINTEGRA_SITES_DIR", str(tmp_path))
    assert write_site_folder("coop").two_factor_roles == ()
    config = tmp_path / "coop" / CONFIG_FILE
    original = config.read_text(encoding="utf-8")
    for listed, expected in (
        ('["manager", "care_worker"]', ("manager", "care_worker")),
        ("[]", ()),
    ):
        config.write_text(
            original.replace("[security]\n", f"[security]\ntwo_factor_roles = {listed}\n")
        )
        assert load_site("coop").two_factor_roles == expected
    for wrong in ('["trainee"]', '["boss"]', '"manager"'):
        config.write_text(
            original.replace("[security]\n", f"[security]\ntwo_factor_roles = {wrong}\n")
        )
        with pytest.raises(BenchError) as error:
            load_site("coop")
        assert "two_factor_roles" in str(error.value) and "\n" not in str(error.value)


def test_the_command_line_resets_a_superusers_phone_and_refuses_an_unknown_name(db, capsys):
    root = User.objects.create_superuser("root", password=PASSWORD)
    TOTPDeviceFactory(user=root)
    call_command("reset_two_factor", "ROOT")
    assert not TOTPDevice.objects.filter(user=root).exists()
    assert DeviceReset.objects.get().reset_by is None  # the command line
    with pytest.raises(CommandError, match="No login is named 'nobody'"):
        call_command("reset_two_factor", "nobody")
