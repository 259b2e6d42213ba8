"""The people of the demo cooperative, as locust users, for the scale-out load
(benchmarks/scale_out.py with 200 of them, tests/bench/test_scale_out.py with a handful):

- trainees (most of them) log in with their PIN and look at their hours, pay and rent;
- instructors open their workshop's crew sheet and submit it;
- managers list orders and filter them by status, kind and text, and now and then export the
  invoices (a report page: it reads from the read replica).

Each simulated person waits 5–15 s between clicks: the time to read a page of hours or to fill in
a crew sheet at a tablet. Every answer other
than the page expected counts as an error (locust's failures)."""

from __future__ import annotations

import random
import re
import uuid

from locust import HttpUser, between, task

# Demo trainees in trial or participation (people/demo.py): their PIN logins are open.
ACTIVE_TRAINEES = [1, 2, 3, 4, 5, 7, 8, 9, 11, 13, 14, 15, 17, 18, 20, 21]
TRAINEE_PIN = "2468"
STAFF_PASSWORD = "reintegra-demo"  # noqa: S105 - the demo's, printed by load-demo
INSTRUCTORS = [
    "instructor.garden",
    "instructor.carpentry",
    "instructor.tailoring",
    "instructor.renovation",
]
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Person(HttpUser):
    abstract = True
    wait_time = between(5, 15)

    def log_in(self, username: str, password: str) -> None:
        page = self.client.get("/login/", name="login: page").text
        token = CSRF.search(page)
        with self.client.post(
            "/login/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="login: submit",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{username} was not logged in ({response.status_code})")

    def page(self, url: str, name: str, expected: str = "<main") -> None:
        """The page itself (not the login page it redirects to when the session is lost), in
        whatever language the person reads."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200 or "/login/" in response.url:
                response.failure(f"{url}: {response.status_code} at {response.url}")
            elif expected not in response.text:
                response.failure(f"{url}: no {expected!r}")


class Trainee(Person):
    weight = 14

    def on_start(self) -> None:
        self.log_in(f"trainee{random.choice(ACTIVE_TRAINEES):02d}", TRAINEE_PIN)  # noqa: S311

    @task(3)
    def my_hours(self) -> None:
        self.page("/portal/hours/", "portal: my hours")

    @task(2)
    def my_pay(self) -> None:
        self.page("/portal/pay/", "portal: my pay")

    @task(2)
    def my_rent(self) -> None:
        self.page("/portal/rent/", "portal: my rent")

    @task(1)
    def home(self) -> None:
        self.page("/portal/", "portal: home")


class Instructor(Person):
    weight = 4

    def on_start(self) -> None:
        self.log_in(random.choice(INSTRUCTORS), STAFF_PASSWORD)  # noqa: S311

    @task
    def crew_sheet(self) -> None:
        with self.client.get("/work/crew/", name="crew sheet: open", catch_response=True) as page:
            if page.status_code != 200 or "rows-TOTAL_FORMS" not in page.text:
                page.failure(f"crew sheet: {page.status_code}")
                return
        data = dict(HIDDEN.findall(page.text))
        rows = sum(1 for key, value in data.items() if key.endswith("-trainee") and value)
        data["rows-TOTAL_FORMS"] = str(rows)
        for n in range(rows):
            data.update(
                {
                    f"rows-{n}-start": "08:00",
                    f"rows-{n}-end": "14:00",
                    f"rows-{n}-attendance": "present",
                    f"rows-{n}-work_type": "paid_work",
                }
            )
        data["token"] = str(uuid.uuid4())
        # Saved (a redirect back to the sheet) or refused by a rule (the sheet again, saying
        # why: a trainee already has a log at that time): both are answers, not errors.
        with self.client.post(
            page.url, data, name="crew sheet: submit", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"crew sheet submit: {response.status_code}")


class Manager(Person):
    weight = 2

    def on_start(self) -> None:
        self.log_in("manager", STAFF_PASSWORD)
        self.orders()  # where a manager's day starts

    @task(4)
    def orders(self) -> None:
        self.page("/orders/", "orders: list", "<table")

    @task(3)
    def filtered(self) -> None:
        status = random.choice(["confirmed", "in_production", "delivered", "invoiced"])  # noqa: S311
        self.page(f"/orders/?status={status}", "orders: by status")

    @task(2)
    def searched(self) -> None:
        self.page("/orders/?q=ORD&kind=workshop", "orders: search")

    @task(1)
    def invoices(self) -> None:
        self.page("/orders/invoices.csv", "report: invoices csv (replica)", "number")
