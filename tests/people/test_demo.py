import datetime

import pytest
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone

from reintegra_coop.orders.models import Order, OrderStatus
from reintegra_coop.people.demo import STAFF_PASSWORD, TRAINEE_PIN
from reintegra_coop.people.models import StaffMember, Trainee, Workshop
from reintegra_coop.work.models import ShiftAssignment, WorkLog

pytestmark = pytest.mark.django_db

DEMO_MODELS = [
    "auth.user",
    "auth.group",
    "people.workshop",
    "people.skill",
    "people.trainee",
    "people.stagechange",
    "people.staffmember",
    "core.numberseries",
]


def snapshot() -> str:
    from django.apps import apps

    rows = []
    for label in DEMO_MODELS:
        rows.extend(apps.get_model(label).objects.order_by("pk"))
    return serializers.serialize("json", rows)


def test_the_demo_has_the_centre_of_the_design(capsys):
    call_command("load_demo")
    assert Workshop.objects.count() == 5
    assert Trainee.objects.count() == 24
    roles = sorted(StaffMember.objects.values_list("role", flat=True))
    assert roles == [
        "accountant",
        "care_worker",
        "care_worker",
        "instructor",
        "instructor",
        "instructor",
        "instructor",
        "manager",
    ]
    assert set(Trainee.objects.values_list("stage", flat=True)) == {
        "applicant",
        "diagnosis",
        "trial",
        "participant",
        "graduate",
        "exited",
    }
    assert WorkLog.objects.filter(status="approved").count() > 200
    assert WorkLog.objects.disputed().count() == 3
    assert ShiftAssignment.objects.filter(shift__date__gt=timezone.localdate()).exists()
    from reintegra_coop.pay.models import PayScheme

    assert PayScheme.objects.filter(trainee__stage__in=["trial", "participant"]).count() == (
        Trainee.objects.filter(stage__in=["trial", "participant"]).count()
    )
    from reintegra_coop.housing.ledger import statements
    from reintegra_coop.pay.payroll import draft_payslips

    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    drafts = draft_payslips(last_month)
    assert len(drafts) > 10 and all(draft.total >= 0 for draft in drafts)
    assert {draft.scheme for draft in drafts} == {"stipend", "hourly", "piece_rate"}
    assert len(statements(last_month)) == 6
    from reintegra_coop.care.models import Milestone

    assert Milestone.objects.filter(achieved_on__isnull=False).exists()
    assert Milestone.objects.filter(achieved_on__isnull=True, progress__gt=0).exists()
    statuses = set(Order.objects.values_list("status", flat=True))
    assert statuses == set(OrderStatus.values)
    assert Order.objects.filter(customer__kind="internal").exists()
    printed = capsys.readouterr().out
    assert "manager" in printed and STAFF_PASSWORD in printed and TRAINEE_PIN in printed


def test_loading_the_demo_twice_leaves_the_same_data():
    call_command("load_demo", quiet_logins=True)
    first = snapshot()
    call_command("load_demo", quiet_logins=True)
    assert snapshot() == first
