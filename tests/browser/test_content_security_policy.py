"""Chromium enforces our Content-Security-Policy and blocks nothing we serve: each staff role's
top-bar pages, the back office, the trainee's portal and the printed login card raise no
violation. The language select still switches the language on change (a static script now),
and the login card's QR code still draws and its Print button still prints."""

import datetime

import pytest
from playwright.sync_api import expect

from reintegra_coop.work.models import Shift, ShiftAssignment
from tests.factories import PASSWORD, PIN, WORK_DAY, PaySchemeFactory, TenancyFactory, work

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-11-23T10:00"),
]
ROLES = {
    "manager": "manager",
    "instructor": "garden.instructor",
    "care": "care.worker",
    "accountant": "accountant",
}
PORTAL = ["/portal/", "/portal/week/", "/portal/hours/", "/portal/pay/", "/portal/rent/"]
# Every page the browser opens reports what the policy blocked, before any of its scripts run.
LISTEN = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


class Violations:
    def __init__(self, page) -> None:
        self.page = page
        self.found: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", self.on_console)

    def on_console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.found.append(f"{self.page.url}: {message.text}")

    def visit(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.status == 200, path
        self.collect()

    def collect(self) -> None:
        self.page.wait_for_load_state("load")
        for violation in self.page.evaluate("window.cspViolations || []"):
            self.found.append(f"{self.page.url}: {violation}")


def log_in(page, username: str, secret: str = PASSWORD) -> None:
    page.goto("/login/")
    page.get_by_label("Username or card number").fill(username)
    page.get_by_label("Password or PIN").fill(secret)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login/" not in url)  # the home page, with its scripts
    page.wait_for_load_state("load")
    expect(page.locator("main h1").first).to_be_visible()


@pytest.fixture
def a_working_day(personas):
    shift = Shift.objects.create(
        workshop=personas.garden,
        date=WORK_DAY,
        start=datetime.time(8),
        end=datetime.time(14),
        capacity=4,
    )
    ShiftAssignment.objects.create(shift=shift, trainee=personas.trainee_anna)
    work(personas.trainee_anna, personas.garden, WORK_DAY - datetime.timedelta(days=7))
    TenancyFactory(trainee=personas.trainee_anna, start=datetime.date(2026, 10, 1))
    PaySchemeFactory(trainee=personas.trainee_anna)


@pytest.mark.parametrize("role", ROLES)
def test_no_page_of_a_staff_role_breaks_the_policy(page, personas, a_working_day, role):
    violations = Violations(page)
    log_in(page, ROLES[role])
    violations.collect()
    links = page.locator("nav.main-nav a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    assert links
    for href in ["/", *links]:
        if not href.startswith("/admin/"):
            violations.visit(href)
    assert violations.found == []


def test_the_back_office_breaks_no_policy(page, personas):
    log = work(personas.trainee_anna, personas.garden, WORK_DAY - datetime.timedelta(days=7))
    personas.manager.is_staff = personas.manager.is_superuser = True
    personas.manager.save()
    violations = Violations(page)
    log_in(page, "manager")
    for path in [
        "/admin/",
        "/admin/people/trainee/",
        f"/admin/people/trainee/{personas.trainee_anna.pk}/change/",
        "/admin/people/trainee/add/",
        "/admin/auth/user/",
        f"/admin/auth/user/{personas.manager.pk}/change/",
        "/admin/work/worklog/",
        f"/admin/work/worklog/{log.pk}/change/",
        f"/admin/work/worklog/{log.pk}/history/",  # django-simple-history's page
    ]:
        violations.visit(path)
    expect(page.locator("p.paginator")).to_be_visible()
    assert violations.found == []


def test_no_portal_page_breaks_the_policy(page, personas, a_working_day):
    violations = Violations(page)
    log_in(page, "C-2001", PIN)
    for path in PORTAL:
        violations.visit(path)
    assert violations.found == []


def test_the_login_card_draws_its_qr_code_and_prints_within_the_policy(page, personas):
    violations = Violations(page)
    log_in(page, "manager")
    page.goto(f"/people/trainees/{personas.trainee_anna.pk}/")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print the login card").click()
    qr = page.locator(".qr svg")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 200 and box["height"] >= 200
    # The QR's dark modules are drawn (a path with a stroke), not left blank by a blocked style.
    assert page.evaluate("getComputedStyle(document.querySelector('.qr svg path')).stroke") not in (
        "",
        "none",
    )
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print", exact=True).click()
    assert page.evaluate("window.printed === true")
    violations.collect()
    assert violations.found == []


def test_the_language_select_switches_the_language_on_change(page, personas):
    violations = Violations(page)
    log_in(page, "manager")
    page.get_by_label("Language").select_option("pl")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("button", name="Wyloguj się")).to_be_visible()
    violations.collect()
    assert violations.found == []


def test_without_javascript_the_language_form_has_its_own_button(browser, live_server, personas):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/login/")
        page.get_by_label("Language").select_option("cs")
        page.get_by_role("button", name="Change language").click()
        expect(page.locator("html")).to_have_attribute("lang", "cs")
    finally:
        context.close()
