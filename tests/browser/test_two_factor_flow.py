"""A manager on a site that asks managers for a second step, on a tablet held upright
(800×1280): the first login sets up the phone (QR code, key as text, a first code), the next
asks for the code. Screenshots in /work/brief/shots/otp-*.png."""

from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SCREENSHOTS = Path("/work/brief/shots")


def code_now(device: TOTPDevice, drift: int = 0) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


def log_in(page) -> None:
    page.goto("/login/")
    page.get_by_label("Username or card number").fill("manager")
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_manager_sets_up_a_phone_then_logs_in_with_a_code(page, personas, settings):
    settings.TWO_FACTOR_ROLES = ("manager",)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 800, "height": 1280})

    log_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor login")
    expect(page.locator(".qr-code svg")).to_be_visible()
    expect(page.get_by_role("link", name="Orders")).to_have_count(0)  # no way around the step
    page.screenshot(path=SCREENSHOTS / "otp-setup.png", full_page=True)
    device = TOTPDevice.objects.get(confirmed=False)
    page.get_by_label("Code from your authenticator app").fill(code_now(device))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Manager: the cooperative today")
    assert page.evaluate("document.documentElement.scrollWidth") <= 800

    page.get_by_role("button", name="Log out").click()
    log_in(page)
    expect(page.get_by_label("Code from your authenticator app")).to_be_visible()
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("This code is not right")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "otp-code.png", full_page=True)
    page.wait_for_timeout(1_100)  # the phone's pause after a wrong code
    # The code of the next half minute: the one of this half minute was used at the setup.
    page.get_by_label("Code from your authenticator app").fill(code_now(device, drift=1))
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Manager: the cooperative today")
