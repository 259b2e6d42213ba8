"""Every view of the back office is scoped like its list: the walk opens every registered admin's
change, delete and history pages (and a history item, and its revert) as every role, for a row
outside that role's rows, and expects a refusal — and the row unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import NoReverseMatch, reverse

from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]


def allowed_rows(model_admin: Any, user: User) -> Any:
    """The rows the role's list shows (what every other view must keep to)."""
    model = model_admin.model
    if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}") and not (
        user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    ):
        return model.objects.none()
    if hasattr(model, "visibility"):
        return scope(model.objects.all(), user)
    if model is User:
        return User.objects.all() if user.is_superuser else User.objects.filter(is_superuser=False)
    return model.objects.all()


def refused(response: Any) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    # Someone without the back office is sent to its login page, which shows nothing.
    return response.status_code == 302 and response["Location"].startswith("/admin/login/")


def urls_for(model_admin: Any, obj: Any) -> list[tuple[str, str]]:
    opts = model_admin.model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    urls = [
        ("GET", reverse(f"{name}_change", args=[obj.pk])),
        ("POST", reverse(f"{name}_change", args=[obj.pk])),
        ("GET", reverse(f"{name}_delete", args=[obj.pk])),
        ("POST", reverse(f"{name}_delete", args=[obj.pk])),
        ("GET", reverse(f"{name}_history", args=[obj.pk])),
    ]
    history = getattr(obj, "history", None)
    if history is not None:
        version = history.first()
        try:
            item = reverse(f"{name}_simple_history", args=[obj.pk, version.history_id])
        except NoReverseMatch:
            item = None
        if item:
            urls += [("GET", item), ("POST", item)]  # the history item, and its revert
    if opts.label == "auth.User":
        urls.append(("POST", reverse("admin:auth_user_password_change", args=[obj.pk])))
    return urls


@pytest.mark.parametrize(
    "role", ["manager", "instructor", "care_worker", "accountant", "trainee", "outsider"]
)
def test_no_back_office_view_shows_or_changes_a_row_outside_the_roles_list(
    client, cooperative, role
):
    user = cooperative.users[role]
    client.force_login(user)
    walked = 0
    for model, model_admin in admin.site._registry.items():
        outside = model.objects.exclude(pk__in=allowed_rows(model_admin, user).values("pk"))
        obj = outside.order_by("pk").first()
        if obj is None:
            continue
        before = model.objects.filter(pk=obj.pk).values().first()
        for method, url in urls_for(model_admin, obj):
            response = client.post(url, {"post": "yes"}) if method == "POST" else client.get(url)
            assert refused(response), f"{role} {method} {url} → {response.status_code}"
            walked += 1
        assert model.objects.filter(pk=obj.pk).values().first() == before, f"{role} changed {obj}"
        changelist = client.get(
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        )
        if changelist.status_code == 200:
            assert not changelist.context["cl"].queryset.filter(pk=obj.pk).exists()
    assert walked > 0


@pytest.mark.parametrize("role", ["manager", "care_worker"])
def test_no_back_office_page_answers_a_crafted_id_with_a_server_error(client, cooperative, role):
    client.force_login(cooperative.users[role])
    client.raise_request_exception = False
    errors = []
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        for crafted in ("abc", "1.5", "99999999999999999999999"):
            for view in ("change", "delete", "history"):
                url = reverse(f"{name}_{view}", args=[crafted])
                if client.get(url).status_code >= 500:
                    errors.append(url)
    assert errors == []


def test_a_manager_sees_but_cannot_change_another_managers_login_and_staff_record(
    client, cooperative
):
    client.force_login(cooperative.users["manager"])
    other = User.objects.get(username="manager.two")
    for url in (
        reverse("admin:auth_user_change", args=[other.pk]),
        reverse("admin:people_staffmember_change", args=[other.staff_member.pk]),
    ):
        assert client.get(url).status_code == 200  # read-only view
        assert client.post(url, {"username": "hijacked", "role": "accountant"}).status_code == 403
    other.refresh_from_db()
    assert other.username == "manager.two" and other.staff_member.role == Role.MANAGER


def test_the_history_of_a_log_is_read_only_even_for_its_own_instructor(client, cooperative):
    from reintegra_coop.work.models import WorkLog

    instructor = cooperative.users["instructor"]
    log = scope(WorkLog.objects.all(), instructor).filter(status="submitted").first() or (
        scope(WorkLog.objects.all(), instructor).first()
    )
    version = log.history.first()
    url = reverse("admin:work_worklog_simple_history", args=[log.pk, version.history_id])
    client.force_login(instructor)
    assert client.get(reverse("admin:work_worklog_history", args=[log.pk])).status_code == 200
    assert client.get(url).status_code == 200
    before = WorkLog.objects.filter(pk=log.pk).values().first()
    assert client.post(url, {"date": "2026-01-01", "trainee": log.trainee_id}).status_code == 403
    assert WorkLog.objects.filter(pk=log.pk).values().first() == before
