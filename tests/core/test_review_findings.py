"""Holes an outside review of the security change found (each failed before its fix): care
and court records guessed through back-office filters, the API's HTML view listing unscoped
choices, a work log tied to another workshop's task, 500s on crafted ids and on huge order
lines, a manager taking over a care worker's or a deactivated manager's login."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from reintegra_coop.core.roles import COMMAND_LINE
from reintegra_coop.core.scoping import scope
from reintegra_coop.people.scoping import visible_trainees, visible_workshops

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]


def listed_pks(response: Any) -> set[int] | None:
    """The rows an admin changelist shows, or None when the page refused the query."""
    if response.status_code != 200 or "cl" not in (response.context or {}):
        return None
    return set(response.context["cl"].queryset.values_list("pk", flat=True))


def refused(response: Any) -> bool:
    """The back office refused a filter it does not offer (DisallowedModelAdminLookup: 400)."""
    return response.status_code == 400


# --- F1: a participation pause's reason (care workers only) is read by a manager, by filters ---


def test_f1_a_manager_cannot_read_a_pause_reason_through_changelist_filters(client, cooperative):
    from reintegra_coop.care.models import ParticipationPause
    from reintegra_coop.people.models import Trainee

    pause = ParticipationPause(
        trainee=Trainee.objects.order_by("pk").first(),
        starts_on=datetime.date(2026, 11, 3),
        reason="relapse: heroin, detox at St. Mary's",
    )
    pause.stamp(COMMAND_LINE)
    pause.save()
    client.force_login(cooperative.users["manager"])
    url = reverse("admin:care_participationpause_changelist")
    # The change page hides the reason from a manager ...
    page = client.get(reverse("admin:care_participationpause_change", args=[pause.pk]))
    assert "heroin" not in page.content.decode()
    # ... but a filter on it answers yes/no, one guess at a time.
    right = client.get(url, {"reason__startswith": "relapse: her"})
    wrong = client.get(url, {"reason__startswith": "relapse: alc"})
    assert refused(right) and refused(wrong), "the reason leaks through ?reason__startswith="


# --- F2: who has a therapy plan, a diagnosis, a relapse pause or a court order, by filters ---


CARE_LOOKUPS = ["therapy_plan__isnull", "diagnoses__isnull"]  # care team only
# Relapse pauses and court orders: managers and care workers only.
MANAGER_LOOKUPS = ["pauses__isnull", "service_orders__isnull"]


@pytest.mark.parametrize(
    ("role", "lookup"),
    [(role, lookup) for role in ("instructor", "accountant") for lookup in CARE_LOOKUPS]
    + [(role, lookup) for role in ("instructor", "accountant") for lookup in MANAGER_LOOKUPS]
    + [("manager", lookup) for lookup in CARE_LOOKUPS],
)
def test_f2_trainee_filters_do_not_reveal_care_or_court_records(client, cooperative, role, lookup):
    from reintegra_coop.care.models import CommunityServiceOrder, ParticipationPause
    from reintegra_coop.people.models import Trainee

    first = Trainee.objects.order_by("pk").first()
    for record in (
        ParticipationPause(trainee=first, starts_on=datetime.date(2026, 11, 3)),
        CommunityServiceOrder(
            trainee=first,
            court_reference="II K 123/26",
            total_hours=30,
            start=datetime.date(2026, 10, 1),
            deadline=datetime.date(2027, 3, 31),
        ),
    ):
        record.stamp(COMMAND_LINE)
        record.save()
    user = cooperative.users[role]
    client.force_login(user)
    url = reverse("admin:people_trainee_changelist")
    everyone = listed_pks(client.get(url))
    assert everyone, "the role lists trainees"
    assert refused(client.get(url, {lookup: "False"})), (
        f"{role} learns which trainees have {lookup.split('__')[0]}"
    )


# --- F3: the browsable API lists every trainee (and every order) in its filter and POST forms ---


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("instructor", "/api/work-logs/"),
        ("instructor", "/api/assignments/"),
        ("care_worker", "/api/assignments/"),
        ("care_worker", "/api/work-logs/"),
    ],
)
def test_f3_the_api_has_no_html_view_and_its_json_names_no_trainee_outside_the_list(
    client, cooperative, role, url
):
    from reintegra_coop.people.models import Trainee

    user = cooperative.users[role]
    client.force_login(user)
    assert client.get(url, HTTP_ACCEPT="text/html").status_code == 406  # JSON only
    page = client.get(url).content.decode()
    hidden = Trainee.objects.exclude(pk__in=visible_trainees(user).values("pk"))
    leaked = [t.full_name for t in hidden if t.full_name in page]
    assert leaked == [], f"{role} sees {len(leaked)} trainees outside their list at {url}"


def test_f3_the_api_shows_an_instructor_no_order_numbers(client, cooperative):
    from reintegra_coop.orders.models import Order

    client.force_login(cooperative.users["instructor"])
    assert client.get("/api/orders/").status_code == 403  # orders are not theirs ...
    page = client.get("/api/work-logs/", HTTP_ACCEPT="*/*").content.decode()
    leaked = [o.number for o in Order.objects.all() if o.number in page]
    assert leaked == [], f"... but the work-log API lists {len(leaked)} orders: {leaked[:3]}"


# --- F4: the work-log API links a log to another workshop's task, shift and skill ---


def test_f4_an_instructor_cannot_log_work_on_another_workshops_order_task(client, cooperative):
    from reintegra_coop.orders.models import ProductionTask
    from reintegra_coop.people.models import Skill
    from reintegra_coop.work.models import Shift, WorkLog

    user = cooperative.users["instructor"]
    mine = visible_workshops(user)
    garden = mine.first()
    trainee = visible_trainees(user).filter(workshops=garden).first()
    other_task = ProductionTask.objects.exclude(workshop__in=mine).first()
    other_skill = Skill.objects.exclude(workshop__in=mine).first()
    other_shift = Shift.objects.exclude(workshop__in=mine).first()
    client.force_login(user)
    created = client.post(
        "/api/work-logs/",
        {
            "trainee": trainee.pk,
            "workshop": garden.pk,
            "date": "2026-12-01",
            "start": "06:00",
            "end": "07:00",
            "task": other_task.pk,
            "skill": other_skill.pk,
        },
        content_type="application/json",
    )
    assert created.status_code == 400, (
        f"log on {other_task} (workshop {other_task.workshop}) accepted: {created.status_code}"
    )
    log = scope(WorkLog.objects.filter(status__in=["draft", "submitted"]), user).first()
    patched = client.patch(
        f"/api/work-logs/{log.pk}/",
        {"task": other_task.pk, "shift": other_shift.pk, "skill": other_skill.pk},
        content_type="application/json",
    )
    assert patched.status_code == 400, "a correction moved the log onto another workshop's rows"


# --- F5: crafted admin URLs answer 500 ---


@pytest.mark.parametrize("role", ["manager", "instructor", "care_worker", "accountant"])
def test_f5_a_therapy_plan_admin_url_with_a_non_numeric_id_is_not_a_server_error(
    client, cooperative, role
):
    client.raise_request_exception = False
    client.force_login(cooperative.users[role])
    for object_id in ("abc", "1.5"):
        response = client.get(f"/admin/care/therapyplan/{object_id}/change/")
        assert response.status_code < 500, f"{role} /admin/care/therapyplan/{object_id}/change/"


def test_f5_a_work_log_history_item_with_a_non_numeric_version_is_not_a_server_error(
    client, cooperative
):
    from reintegra_coop.work.models import WorkLog

    user = cooperative.users["instructor"]
    log = scope(WorkLog.objects.all(), user).first()
    client.raise_request_exception = False
    client.force_login(user)
    response = client.get(f"/admin/work/worklog/{log.pk}/history/abc/")
    assert response.status_code < 500


# --- F6: an order line too large for its columns: 500, and (SQLite) an order nobody can read ---


def test_f6_an_order_line_too_large_for_the_money_columns_is_refused(client, cooperative):
    from reintegra_coop.orders.models import Customer

    client.raise_request_exception = False
    client.force_login(cooperative.users["manager"])
    order = client.post(
        "/api/orders/",
        {
            "kind": "workshop",
            "customer": Customer.objects.first().pk,
            "ordered_on": "2026-12-01",
            "due_on": "2026-12-20",
        },
        content_type="application/json",
    ).json()
    line = client.post(
        "/api/order-lines/",
        {
            "order": order["id"],
            "description": "x",
            "quantity": "999999999.999",
            "unit": "kg",
            "unit_price": "9999999999.99",
            "vat_percent": "23.00",
            "discount_percent": "0",
        },
        content_type="application/json",
    )
    assert line.status_code == 400, f"order line answered {line.status_code}"
    for url in ("/api/orders/", f"/api/orders/{order['id']}/", f"/orders/{order['id']}/"):
        assert client.get(url).status_code == 200, f"{url} broken by the line"
    client.force_login(cooperative.users["accountant"])
    assert client.get("/api/orders/").status_code == 200, "the accountant's order list is broken"


# --- F7: a manager reads therapy plans by setting a care worker's password ---


def test_f7_a_manager_cannot_take_over_a_care_workers_login_to_read_therapy_plans(
    client, cooperative
):
    from reintegra_coop.care.models import ClinicalRead, TherapyPlan

    care = cooperative.users["care_worker"]
    client.force_login(cooperative.users["manager"])
    response = client.post(
        reverse("core:set_password", args=[care.pk]),
        {"new_password1": "taken-over-2026!", "new_password2": "taken-over-2026!"},
    )
    if response.status_code == 302:  # the password is set: log in as the care worker
        as_care = Client()
        as_care.post(
            reverse("core:login"), {"username": care.username, "password": "taken-over-2026!"}
        )
        plan = scope(TherapyPlan.objects.all(), care).exclude(clinical_notes="").first()
        page = as_care.get(reverse("care:trainee_record", args=[plan.trainee_id]))
        read_as = ClinicalRead.objects.filter(plan=plan).order_by("-read_at").first().reader
        shown = plan.clinical_notes in page.content.decode()
        pytest.fail(
            f"the manager read {plan.trainee}'s clinical notes ({plan.clinical_notes[:30]!r} "
            f"on the page: {shown}), logged as a read by {read_as}"
        )
    assert response.status_code in (403, 404)


# --- F8: a deactivated manager's login is managed by another manager ---


def test_f8_a_manager_cannot_reset_a_deactivated_managers_password(client, cooperative):
    other = User.objects.get(username="manager.two")
    member = other.staff_member
    member.active = False
    member.stamp(User.objects.get(username="root"))  # a superuser deactivates them
    member.save()
    client.force_login(cooperative.users["manager"])
    response = client.post(
        reverse("core:set_password", args=[other.pk]),
        {"new_password1": "i-know-it-now-2026", "new_password2": "i-know-it-now-2026"},
    )
    change_url = reverse("admin:auth_user_change", args=[other.pk])
    form = client.get(change_url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data = {k: v for k, v in data.items() if k != "password"}
    renamed = client.post(
        change_url, {**data, "username": "manager.two.hijacked", "is_active": "on"}
    )
    other.refresh_from_db()
    assert other.username == "manager.two", f"another manager renamed it ({renamed.status_code})"
    assert response.status_code in (403, 404) and not other.check_password("i-know-it-now-2026"), (
        "another manager set the deactivated manager's password"
    )
