"""The demo cooperative, made once per test module, for the walks over every back-office view
and every URL (tests/core/test_back_office_walk.py, test_malformed_input.py)."""

from __future__ import annotations

import datetime
from collections.abc import Generator
from dataclasses import dataclass

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from reintegra_coop.bench.pytest_plugin import parse_clock
from reintegra_coop.core.roles import COMMAND_LINE, Role
from reintegra_coop.people.models import StaffMember
from reintegra_coop.work import approval
from reintegra_coop.work.models import WorkLog
from tests.factories import UserFactory

DEMO_MOMENT = "2026-12-02T10:00"  # the tests of the walks run at this moment too
WALKERS = {
    "manager": "manager",
    "instructor": "instructor.garden",
    "care_worker": "care.psychologist",
    "accountant": "accountant",
    "trainee": "trainee03",
    "outsider": "outsider",
}


@dataclass
class Cooperative:
    users: dict[str, User]


@pytest.fixture(scope="module")
def cooperative(django_db_setup, django_db_blocker) -> Generator[Cooperative, None, None]:
    """The demo cooperative, with a closed month (pay run, payslips, locked period), a read of
    a therapy plan, a failed login, a superuser and a second manager: a row of every kind.
    Made once for the module inside a transaction rolled back at its end (each test runs in a
    savepoint within it)."""
    from reintegra_coop.care.models import ClinicalRead, TherapyPlan
    from reintegra_coop.pay import period

    with (
        django_db_blocker.unblock(),
        time_machine.travel(parse_clock(DEMO_MOMENT)),
        transaction.atomic(),
    ):
        call_command("load_demo", quiet_logins=True)
        manager = User.objects.get(username="manager")
        november = datetime.date(2026, 11, 1)
        in_november = WorkLog.objects.filter(date__range=(november, datetime.date(2026, 11, 30)))
        pending = in_november.filter(status__in=["draft", "submitted"])
        approval.approve(pending.values_list("pk", flat=True), manager)
        for log in in_november.disputed():
            log.resolve_dispute("checked", manager)
        period.run(november, manager)
        period.approve(november, manager)
        ClinicalRead.objects.create(
            reader=User.objects.get(username="care.psychologist"), plan=TherapyPlan.objects.first()
        )
        Client().post(reverse("core:login"), {"username": "trainee05", "password": "0000"})
        User.objects.create_superuser("root", password="x-very-long-pass")
        StaffMember.appoint(UserFactory(username="manager.two"), Role.MANAGER, COMMAND_LINE)
        UserFactory(username="outsider")  # a login without a role
        yield Cooperative({role: User.objects.get(username=name) for role, name in WALKERS.items()})
        transaction.set_rollback(True)
