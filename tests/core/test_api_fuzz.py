"""Schemathesis fuzzes the REST API against its own schema (/api/schema/), logged in as each
role: no answer is a server error, and every answer's status, content type and body are ones the
schema documents.

The requests go to a live server, so each runs in its own transaction as in production (a
database error in one cannot spoil the next). The number of cases is bounded and the generation
derandomized, so the suite stays quick and repeatable; a failure names the operation and the
request that broke it (replay it with the curl line Schemathesis prints)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
import requests
import schemathesis
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import resolve
from django.utils.crypto import get_random_string
from hypothesis import HealthCheck, Phase, given, strategies
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from reintegra_coop.core.integrity import all_problems
from reintegra_coop.work.models import ShiftAssignment
from tests.factories import (
    CatalogueItemFactory,
    CustomerFactory,
    OrderFactory,
    ShiftFactory,
    WorkLogFactory,
    add_line,
    work,
)

pytestmark = pytest.mark.clock("2026-11-23T10:00")

ROLES = ["manager", "garden_instructor", "care_worker", "accountant", "trainee_anna"]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Cases per operation and role: ~40 operations × 5 roles keep the test near a minute.
CASES_PER_OPERATION = 6
FUZZING = hypothesis_settings(
    max_examples=CASES_PER_OPERATION,
    derandomize=True,  # the same cases on every run
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def records(personas: Any) -> None:
    """A row of each kind the API serves, in the garden (so each role sees some or none)."""
    customer = CustomerFactory(name="Green Grocer")
    item = CatalogueItemFactory(
        name="Tomatoes", workshop=personas.garden, unit="kg", tracks_stock=True
    )
    add_line(OrderFactory(customer=customer), item, "4")
    item.lots.create(workshop=personas.garden, quantity=Decimal("12"), lot_number="L-1")
    shift = ShiftFactory(workshop=personas.garden)
    ShiftAssignment.objects.create(shift=shift, trainee=personas.trainee_anna)
    WorkLogFactory(trainee=personas.trainee_anna, workshop=personas.garden, shift=shift)
    work(personas.trainee_anna, personas.garden, datetime.date(2026, 11, 20))  # approved


def logged_in(user: User) -> dict[str, str]:
    """A browser's cookies of ``user``: its session, and the CSRF cookie that Django asks of
    every request that changes something (with the same value in the X-CSRFToken header)."""
    client = Client()
    client.force_login(user)
    token = get_random_string(32)  # an unmasked secret is a valid token too
    return {
        django_settings.SESSION_COOKIE_NAME: client.cookies[
            django_settings.SESSION_COOKIE_NAME
        ].value,
        django_settings.CSRF_COOKIE_NAME: token,
    }


def existing_ids(operation: Any) -> list[int]:
    """The ids of the rows an operation's path can name (none for a list)."""
    if "{id}" not in operation.path:
        return []
    view = resolve(operation.path.replace("{id}", "1")).func
    return list(view.cls.queryset.model.objects.order_by("pk").values_list("pk", flat=True))


def cases(operation: Any, cookies: dict[str, str]) -> Any:
    """Cases for ``operation``: any ids, and (for a path with an id) those of existing rows,
    so that reading, changing and deleting them are fuzzed too, not only the 404."""
    logged_in = {
        "cookies": cookies,
        "headers": {"X-CSRFToken": cookies[django_settings.CSRF_COOKIE_NAME]},
    }
    any_id = operation.as_strategy(**logged_in)
    ids = existing_ids(operation)
    if not ids:
        return any_id
    existing = strategies.sampled_from(ids).flatmap(
        lambda pk: operation.as_strategy(path_parameters={"id": pk}, **logged_in)
    )
    return strategies.one_of(existing, any_id)


def fuzz(operation: Any, cookies: dict[str, str], base_url: str) -> None:
    @FUZZING
    @given(case=cases(operation, cookies))
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(base_url=base_url, checks=CHECKS)

    run()


@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_only_as_its_schema_says(
    role: str, personas: Any, records: None, live_server: Any
) -> None:
    served = requests.get(
        f"{live_server.url}/api/schema/?format=json",
        cookies=logged_in(personas.manager),
        timeout=30,
    )
    assert served.status_code == 200, served.text
    schema = schemathesis.openapi.from_dict(served.json())
    cookies = logged_in(personas.all_users()[role])
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        try:
            fuzz(operation, cookies, live_server.url)
        except (
            FailureGroup,
            Exception,
        ) as error:  # each operation's first failure, then the next operation
            failures.append(f"{operation.label}: {error}")
    assert failures == [], "\n\n".join(failures)
    assert all_problems() == []  # what the API let in keeps every rule check-data knows
