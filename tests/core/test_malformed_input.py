"""Bad input gets a clear answer naming the field, never a server error: every URL pattern is
requested, as every role, with malformed query parameters and form data."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]

ROLES = ["manager", "instructor", "care_worker", "accountant", "trainee", "outsider"]
MALFORMED = [
    ("date", "2026-02-30"),
    ("date", "0001-01-01"),
    ("date", "9999-12-31"),
    ("date", "yesterday"),
    ("period", "2026-13"),
    ("period", "0000-01"),
    ("period", "9999-12"),
    ("period", "1-2-3"),
    ("page", "-1"),
    ("page", "abc"),
    ("page", "99999999999999999999999"),
    ("workshop", "abc"),
    ("workshop", "99999999999999999999999"),
    ("first_day", "2026-02-30"),
    ("last_day", "0001-01-01"),
    ("due_after", "0001-01-01"),
    ("due_before", "9999-99-99"),
    ("status", "nonsense"),
    ("kind", "nonsense"),
    ("customer", "abc"),
    ("trainee", "abc"),
    ("q", "\x00"),
    ("format", "xml"),
    ("ordering", "no_such_field"),
    ("next", "https://evil.example/"),
]
# Pages that read nothing from the request (and take long to make): asked once, plainly.
READS_NO_INPUT = {"/api/schema/"}
# Values for the parts of a URL: an id of nothing, a number too large for the database, words.
PATH_VALUES = {"int": ["999999", "99999999999999999999"], "str": ["NOPE", "x" * 300]}


def url_patterns() -> list[tuple[str, list[str]]]:
    """Every non-admin URL as (route, its parameters' converters), from the resolver."""
    found: list[tuple[str, list[str]]] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith(("admin/", "i18n/")):
                    walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "format" not in route:
                found.append((route, re.findall(r"<(?:(\w+):)?\w+>|\(\?P<\w+>", route)))

    walk(get_resolver().url_patterns, "")
    return found


def concrete_urls() -> list[str]:
    urls = []
    for route, _converters in url_patterns():
        route = route.lstrip("^").rstrip("$").replace("\\.", ".")
        for value_kind in ("int", "str"):
            for value in PATH_VALUES[value_kind]:
                url = re.sub(r"\(\?P<\w+>[^)]*\)", value if value_kind == "int" else "abc", route)
                url = re.sub(
                    r"<int:\w+>", PATH_VALUES["int"][0] if value_kind == "str" else value, url
                )
                url = re.sub(r"<(?:str|slug):\w+>", value if value_kind == "str" else "x", url)
                url = re.sub(r"<\w+>", value, url)
                urls.append("/" + url)
    return sorted(set(urls))


def pages_of_real_rows() -> list[str]:
    """Pages that parse input only once they found their row: the first row of each kind."""
    from reintegra_coop.care.models import Milestone
    from reintegra_coop.orders.models import Order
    from reintegra_coop.pay.models import PayPeriod, Payslip
    from reintegra_coop.people.models import Trainee
    from reintegra_coop.work.models import WorkLog

    order, run = Order.objects.order_by("pk").first(), PayPeriod.objects.first()
    log, trainee = WorkLog.objects.order_by("pk").first(), Trainee.objects.order_by("pk").first()
    return [
        "/",
        "/work/crew/",
        "/work/week/",
        "/work/roster/",
        "/work/approvals/",
        "/housing/rent/",
        "/orders/",
        "/orders/board/",
        "/orders/tasks/",
        "/orders/stock/",
        "/orders/new/",
        "/pay/",
        "/care/caseload/",
        "/care/community-service/",
        "/portal/week/",
        "/portal/hours/",
        "/portal/rent/",
        "/api/work-logs/",
        "/api/shifts/",
        "/api/orders/",
        "/api/lots/",
        reverse("orders:detail", args=[order.pk]),
        reverse("orders:edit", args=[order.pk]),
        reverse("orders:step", args=[order.pk, "confirm"]),
        reverse("pay:period", args=[run.month.year, run.month.month]),
        reverse("pay:period_step", args=[run.month.year, run.month.month, "reopen"]),
        reverse("pay:period_step", args=[run.month.year, run.month.month, "defer"]),
        "/pay/2026-13/",
        "/pay/1999-01/",
        reverse("pay:payslip_pdf", args=[Payslip.objects.first().pk]),
        reverse("work:log_edit", args=[log.pk]),
        reverse("work:resolve_dispute", args=[log.pk]),
        reverse("people:trainee_detail", args=[trainee.pk]),
        reverse("care:trainee_record", args=[trainee.pk]),
        reverse("care:sign_off", args=[Milestone.objects.first().pk]),
        reverse("portal:dispute", args=[log.pk]),
    ]


def problems_at(client: Any, url: str) -> list[str]:
    """Requests the URL plainly, then with each malformed value; lists every server error."""
    found = []
    plain = client.get(url)
    if plain.status_code >= 500:
        found.append(f"GET {url} → {plain.status_code}")
    if plain.status_code in (302, 403, 404) or url in READS_NO_INPUT:
        return found  # not this role's page, or no such row: nothing further is parsed
    if plain.status_code != 405:  # each query parameter alone: a page may stop at the first
        for name, value in MALFORMED:
            if client.get(url, {name: value}).status_code >= 500:
                found.append(f"GET {url}?{name}={value!r}")
    for data in malformed_forms():  # a form checks every field at once
        if client.post(url, data).status_code >= 500:
            found.append(f"POST {url} {data}")
    return found


def malformed_forms() -> list[dict[str, str]]:
    """The malformed values as a few forms: the n-th value of every field in the n-th form."""
    values: dict[str, list[str]] = {}
    for name, value in MALFORMED:
        values.setdefault(name, []).append(value)
    rounds = max(len(v) for v in values.values())
    return [{name: v[n % len(v)] for name, v in values.items()} for n in range(rounds)]


@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_malformed_parameters_with_a_server_error(client, cooperative, role):
    client.force_login(cooperative.users[role])
    client.raise_request_exception = False
    errors = []
    for url in sorted(set(concrete_urls() + pages_of_real_rows())):
        errors += problems_at(client, url)
    assert errors == []


@pytest.mark.parametrize(
    ("url", "value"),
    [
        ("/work/crew/", "0001-01-01"),
        ("/work/week/", "9999-12-31"),
        ("/work/roster/", "2026-02-30"),
    ],
)
def test_a_day_outside_the_window_or_the_calendar_is_refused_naming_the_field(
    client, cooperative, url, value
):
    client.force_login(cooperative.users["instructor"])
    response = client.get(url, {"date": value})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<strong>Date</strong>" in page


def test_a_month_outside_the_window_is_refused_naming_the_field(client, cooperative):
    client.force_login(cooperative.users["manager"])
    response = client.get(reverse("housing:rent"), {"period": "1999-12"})
    assert response.status_code == 400
    assert "<strong>Month</strong>" in response.content.decode()
    assert "2000-01-01" in response.content.decode()


def test_the_api_refuses_a_log_in_year_one_and_a_shift_for_a_huge_crew(client, cooperative):
    from reintegra_coop.people.models import Trainee, Workshop

    client.force_login(cooperative.users["manager"])
    garden = Workshop.objects.get(name__icontains="garden")
    trainee = Trainee.objects.filter(workshops=garden).first()
    log = client.post(
        "/api/work-logs/",
        {
            "trainee": trainee.pk,
            "workshop": garden.pk,
            "date": "0001-01-01",
            "start": "08:00",
            "end": "12:00",
        },
        content_type="application/json",
    )
    assert log.status_code == 400 and "date" in log.json()
    shift = client.post(
        "/api/shifts/",
        {
            "workshop": garden.pk,
            "date": "2026-12-10",
            "start": "08:00",
            "end": "12:00",
            "capacity": 2**63,
        },
        content_type="application/json",
    )
    assert shift.status_code == 400 and "capacity" in shift.json()


def test_the_api_schema_needs_a_staff_login(client, cooperative):
    assert client.get("/api/schema/").status_code == 403
    client.force_login(cooperative.users["trainee"])
    assert client.get("/api/schema/").status_code == 403
    client.force_login(cooperative.users["accountant"])
    assert client.get("/api/schema/").status_code == 200
