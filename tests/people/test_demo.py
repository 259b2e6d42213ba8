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
    "sequences.sequence",
]


def snapshot() -> str:
    from django.apps import apps

    rows = []
    for label in DEMO_MODELS:
        rows.extend(apps.get_model(label).objects.order_by("pk"))
    return serializers.serialize("json", rows)


# The demo is made relative to the day it is loaded: load it on an ordinary Monday, on the last
# evening of a month whose previous month is in the previous year, on a leap day and on the
# night Warsaw's clocks go forward.
DEMO_MOMENTS = ["2026-11-23T10:00", "2027-01-31T23:50", "2028-02-29T12:00", "2027-03-28T01:59"]


@pytest.mark.parametrize(
    "moment", [pytest.param(moment, marks=pytest.mark.clock(moment)) for moment in DEMO_MOMENTS]
)
def test_the_demo_has_the_centre_of_the_design(capsys, moment):
    assert timezone.localtime().isoformat().startswith(moment)  # the clock is where we put it
    call_command("load_demo")
    assert Workshop.objects.exclude(kind="placement").count() == 5
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
    # work logged on the tasks of orders since delivered and paid, as well as on open ones
    on_tasks = set(WorkLog.objects.values_list("task__order__status", flat=True))
    assert {"paid", "in_production"} <= on_tasks
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
    from reintegra_coop.pathways.models import Opening, Organisation, Placement, Referral

    assert Organisation.objects.filter(kind="employer").count() == 2
    assert Opening.objects.filter(skills__isnull=False).distinct().count() == 2
    assert {r.direction for r in Referral.objects.all()} == {"to_partner", "from_partner"}
    placement = Placement.objects.get()
    placement_days = WorkLog.objects.filter(workshop=placement.employer.placement_workshop)
    assert placement_days.filter(status="approved").count() >= 10
    assert placement.milestone.progress >= 10 and placement.feedback.exists()
    from reintegra_coop.pathways.models import Exit

    assert Exit.objects.filter(employer__isnull=False, work_status="in_work").count() == 1
    assert Exit.objects.count() == 2
    from reintegra_coop.pathways.models import FundingProject
    from reintegra_coop.pathways.report import funder_report

    project = FundingProject.objects.get()
    report = funder_report(project, project.starts_on, project.ends_on)
    assert report.sections[0].rows[0].count > 0  # the demo's starters of the year
    from reintegra_coop.pathways.models import CashClosing, DayWork

    assert DayWork.objects.filter(receipt__isnull=False).count() == 2
    assert CashClosing.objects.get().difference == 0
    printed = capsys.readouterr().out
    assert "manager" in printed and STAFF_PASSWORD in printed and TRAINEE_PIN in printed
    call_command("check_data")  # no overlapping work, no day codes off the programme


@pytest.mark.clock("2026-12-24T09:00")
def test_loading_the_demo_twice_leaves_the_same_data():
    call_command("load_demo", quiet_logins=True)
    first = snapshot()
    call_command("load_demo", quiet_logins=True)
    assert snapshot() == first


@pytest.mark.clock("2026-11-23T10:00")
def test_the_demo_speaks_its_sites_language(settings):
    """A Polish site's demo has Polish workshops, skills, products, units and internal customers;
    and the month's extras of issue 17: a part payment, a correction, a part delivery."""
    from reintegra_coop.housing.models import HousingUnit
    from reintegra_coop.orders.models import CatalogueItem, CorrectionInvoice, Customer, Payment
    from reintegra_coop.people.models import Skill

    settings.LANGUAGE_CODE = "pl"
    call_command("load_demo", quiet_logins=True)
    assert "Ogród ekologiczny" in set(Workshop.objects.values_list("name", flat=True))
    assert Skill.objects.filter(name="Siew i sadzenie").exists()
    assert {"Ziemniaki", "Ławka ogrodowa"} <= set(
        CatalogueItem.objects.values_list("name", flat=True)
    )
    assert Customer.objects.filter(name="Nasza kuchnia").exists()
    assert HousingUnit.objects.filter(name="Mieszkanie treningowe A").exists()
    assert not Workshop.objects.filter(name="Organic garden").exists()
    correction = CorrectionInvoice.objects.get()
    assert correction.reason == "Zwrot jednej ławki uszkodzonej w transporcie."
    assert Payment.objects.filter(reference="WB 2026/311").exists()
    partly = Order.objects.get(status=OrderStatus.READY, deliveries__isnull=False)
    assert any(partly.still_to_deliver().values())
