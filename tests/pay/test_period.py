"""The pay period owns the month: its states, what blocks approval, deferring logs, stale
runs, runs for some trainees, reopening, and the same from the command line."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from reintegra_coop.pay import period
from reintegra_coop.pay.models import PayError, PayPeriod, PayScheme, Payslip, StipendSetting
from reintegra_coop.work import approval
from reintegra_coop.work.models import WorkLog
from tests.factories import NOVEMBER, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]
D = Decimal


def nov(day):
    return datetime.date(2026, 11, day)


def kinds(month=NOVEMBER):
    return sorted(blocker.kind for blocker in period.status(month).blockers)


def test_the_states_follow_the_table_and_each_change_is_in_the_history(personas, hourly_anna):
    work(personas.trainee_anna, personas.garden, nov(2))
    assert period.status(NOVEMBER).period.state == "open"
    period.run(NOVEMBER, personas.manager)
    with pytest.raises(PayError, match="Only an approved pay period can be marked paid"):
        period.mark_paid(NOVEMBER, personas.manager)
    period.approve(NOVEMBER, personas.manager)
    period.reopen(NOVEMBER, personas.manager, "a wrong rate")
    period.run(NOVEMBER, personas.manager)
    period.approve(NOVEMBER, personas.manager)
    period.mark_paid(NOVEMBER, personas.manager)
    with pytest.raises(PayError, match="a paid month stays closed"):
        period.reopen(NOVEMBER, personas.manager, "too late")
    found = PayPeriod.objects.get()
    history = list(found.history.order_by("history_date").values_list("state", flat=True))
    assert history == [
        "open",
        "in_review",
        "approved",
        "reopened",
        "in_review",
        "approved",
        "paid",
    ]
    reopening = found.history.get(state="reopened")
    assert (reopening.history_user, reopening.history_change_reason) == (
        personas.manager,
        "a wrong rate",
    )


def test_approval_is_refused_while_a_log_is_draft_submitted_or_disputed(personas, hourly_anna):
    anna = personas.trainee_anna
    work(anna, personas.garden, nov(2), status="submitted")
    work(anna, personas.garden, nov(3), status="draft")
    disputed = work(anna, personas.garden, nov(4))
    disputed.dispute("I left at 12")
    period.run(NOVEMBER, personas.manager)
    assert kinds() == ["disputed_log", "log_not_approved", "log_not_approved"]
    with pytest.raises(PayError, match=r"2026-11 cannot be approved: 3 blockers, first Submitted"):
        period.approve(NOVEMBER, personas.manager)
    assert PayPeriod.objects.get().state == "in_review"
    assert not WorkLog.objects.filter(status="locked").exists()


def test_deferred_logs_leave_the_month_and_are_paid_in_the_next_one(personas, hourly_anna):
    anna = personas.trainee_anna
    work(anna, personas.garden, nov(2))
    late = work(anna, personas.garden, nov(3), status="submitted")
    period.run(NOVEMBER, personas.manager)
    assert kinds() == ["log_not_approved"]
    assert period.defer(NOVEMBER, [late.pk], personas.manager, "still checking") == 1
    assert kinds() == ["stale_run"]  # the month's facts changed under the run
    period.run(NOVEMBER, personas.manager)
    period.approve(NOVEMBER, personas.manager)
    assert Payslip.objects.get().total == D("189.00")  # 6 h: the deferred day is not in it
    late.refresh_from_db()
    assert (late.late, late.status) == (True, "submitted")
    approval.approve([late.pk], personas.manager)  # approved after the month closed
    december = datetime.date(2026, 12, 1)
    period.run(december, personas.manager)
    slip = Payslip.objects.get(period__month=december)
    [line] = slip.lines.all()
    assert (line.code, line.amount, line.for_month) == ("previous_period", D("189.00"), NOVEMBER)
    period.approve(december, personas.manager)
    late.refresh_from_db()
    assert (late.status, late.paid_in) == ("locked", december)


def test_a_run_goes_stale_when_a_fact_under_it_changes_and_a_rerun_clears_it(
    personas, hourly_anna, stipend_setting
):
    from reintegra_coop.housing.models import HousingUnit, RentPayment, Tenancy

    log = work(personas.trainee_anna, personas.garden, nov(2))
    unit = HousingUnit.objects.create(name="Room", level="shelter", monthly_rent=D("300"))
    tenancy = Tenancy.objects.create(
        trainee=personas.trainee_anna, unit=unit, start=nov(1), share_fixed=D("100")
    )

    def longer_day():
        log.end = datetime.time(13)
        log.save()

    def new_rate():
        scheme = PayScheme.objects.get()
        scheme.hourly_rate = D("32.00")
        scheme.save()

    def new_base():
        setting = StipendSetting.objects.get()
        setting.base = D("1600.00")
        setting.save()

    def consent():
        tenancy.payroll_consent_on = nov(1)
        tenancy.save()

    changes = [
        longer_day,
        new_rate,
        new_base,
        consent,
        lambda: RentPayment.objects.create(tenancy=tenancy, paid_on=nov(20), amount=D("50")),
        lambda: work(personas.trainee_anna, personas.garden, nov(5)),
        lambda: WorkLog.objects.filter(date=nov(5)).delete(),
    ]
    for change in changes:
        period.run(NOVEMBER, personas.manager)
        assert kinds() == []
        change()
        assert "stale_run" in kinds(), change
    period.run(NOVEMBER, personas.manager)
    assert kinds() == []


def test_paid_work_on_a_day_without_a_scheme_is_a_blocker_not_pay(personas):
    PayScheme.objects.create(
        trainee=personas.trainee_anna,
        kind="hourly",
        valid_from=nov(1),
        valid_until=nov(15),
        hourly_rate=D("30.00"),
    )
    work(personas.trainee_anna, personas.garden, nov(2))
    work(personas.trainee_anna, personas.garden, nov(16))  # no scheme on the 16th
    period.run(NOVEMBER, personas.manager)
    [blocker] = period.status(NOVEMBER).blockers
    assert (blocker.kind, blocker.trainee, blocker.date) == (
        "work_outside_scheme",
        "Anna Garden",
        "2026-11-16",
    )
    assert Payslip.objects.get().total == D("180.00")  # only the 2nd: 6 h × 30.00


def test_a_run_for_some_trainees_replaces_only_their_drafts(personas, hourly_anna):
    PayScheme.objects.create(
        trainee=personas.trainee_bartek, kind="hourly", valid_from=nov(1), hourly_rate=D("30")
    )
    work(personas.trainee_anna, personas.garden, nov(2))
    work(personas.trainee_bartek, personas.carpentry, nov(2))
    period.run(NOVEMBER, personas.manager)
    bartek_first = Payslip.objects.get(trainee=personas.trainee_bartek).pk
    work(personas.trainee_anna, personas.garden, nov(3))
    out = StringIO()
    call_command("payroll", "run", "--period", "2026-11", "--card", "C-2001", stdout=out)
    assert Payslip.objects.get(trainee=personas.trainee_bartek).pk == bartek_first  # kept
    assert Payslip.objects.get(trainee=personas.trainee_anna).total == D("378.00")
    call_command("payroll", "run", "--period", "2026-11", "--workshop", "Carpentry-locksmith")
    assert Payslip.objects.filter(replaced=False).count() == 2
    assert kinds() == []


def test_the_month_before_must_be_approved_first(personas, hourly_anna):
    work(personas.trainee_anna, personas.garden, datetime.date(2026, 10, 5))
    work(personas.trainee_anna, personas.garden, nov(2))
    period.run(datetime.date(2026, 10, 1), personas.manager)
    period.run(NOVEMBER, personas.manager)
    assert kinds() == ["earlier_month_open"]
    period.approve(datetime.date(2026, 10, 1), personas.manager)
    assert kinds() == []


def test_the_pay_page_shows_the_state_the_blockers_and_the_difference_after_reopening(
    client, personas, hourly_anna
):
    log = work(personas.trainee_anna, personas.garden, nov(2), status="submitted")
    client.force_login(personas.manager)
    client.post(reverse("pay:periods"), {"period": "2026-11"})
    url = reverse("pay:period", args=[2026, 11])
    page = client.get(url).content.decode()
    assert "1 thing stops the approval" in page and "In review" in page
    client.post(reverse("pay:period_step", args=[2026, 11, "defer"]), {"log": [log.pk]})
    client.post(reverse("pay:period_step", args=[2026, 11, "rerun"]))
    work(personas.trainee_anna, personas.garden, nov(4))
    client.post(reverse("pay:period_step", args=[2026, 11, "rerun"]))
    client.post(reverse("pay:period_step", args=[2026, 11, "approve"]))
    assert PayPeriod.objects.get().state == "approved"
    client.post(reverse("pay:period_step", args=[2026, 11, "reopen"]), {"reason": "rate"})
    PayScheme.objects.update(hourly_rate=D("35.00"))
    client.post(reverse("pay:period_step", args=[2026, 11, "rerun"]))
    page = client.get(url).content.decode()
    assert "210.00" in page and "before reopening" in page and "189.00" in page


def test_the_command_line_prints_status_as_json_and_refuses_in_one_line(personas, hourly_anna):
    work(personas.trainee_anna, personas.garden, nov(2), status="submitted")
    call_command("payroll", "run", "--period", "2026-11")
    out = StringIO()
    call_command("period", "status", "--period", "2026-11", "--format", "json", stdout=out)
    report = json.loads(out.getvalue())
    assert {"period", "state", "blockers", "payslips", "total"} <= set(report)
    assert (report["period"], report["state"], report["payslips"]) == ("2026-11", "in_review", 1)
    assert report["blockers"][0] | {"log_id": None} == {
        "kind": "log_not_approved",
        "trainee": "Anna Garden",
        "date": "2026-11-02",
        "detail": "Submitted, 08:00–14:00, Organic garden",
        "log_id": None,
    }
    with pytest.raises(CommandError, match="1 blockers, first Submitted") as refused:
        call_command("period", "approve", "--period", "2026-11")
    assert "\n" not in str(refused.value)
    with pytest.raises(CommandError, match="Say why"):
        call_command("period", "reopen", "--period", "2026-11", "--reason", " ")
    approval.approve(WorkLog.objects.values_list("pk", flat=True), personas.manager)
    call_command("payroll", "run", "--period", "2026-11")
    call_command("period", "approve", "--period", "2026-11")
    call_command("period", "paid", "--period", "2026-11")
    assert PayPeriod.objects.get().state == "paid"
