"""The retention job pseudonymises what has expired and nothing else: names, ids, contact data,
logins and notes go; amounts, dates and minutes stay; a legal hold keeps everything; a dry run
changes nothing. Runs on SQLite and MariaDB (--db-backend=mariadb)."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from reintegra_coop.care.models import Diagnosis, TherapyPlan
from reintegra_coop.core.models import Notification
from reintegra_coop.pay.models import Payslip
from reintegra_coop.people.models import Trainee
from reintegra_coop.privacy.models import LegalHold
from reintegra_coop.privacy.pseudonymise import apply_retention
from reintegra_coop.work.models import WorkLog

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.clock("2026-12-02T10:00")]
LEFT = datetime.date(2026, 11, 30)
AFTER_PAY_YEARS = datetime.date(2032, 1, 1)  # 2026 records, 5 years after the end of 2026
AFTER_CARE_YEARS = datetime.date(2037, 1, 1)


def leave(trainee, on=LEFT):
    Trainee.objects.filter(pk=trainee.pk).update(stage="exited", exited_on=on)
    trainee.refresh_from_db()


@pytest.fixture
def anna_left(personas, anna_record):
    Trainee.objects.filter(pk=anna_record.pk).update(
        national_id="92071314764",
        phone="+48 600 100 200",
        address="ul. Długa 1",
        date_of_birth=datetime.date(1992, 7, 13),
    )
    leave(anna_record)
    return anna_record


def test_nothing_expires_before_its_time(personas, anna_left):
    summary = apply_retention(datetime.date(2031, 12, 31))
    assert sum(summary.changed.values()) == 0 and summary.pseudonymised == []
    assert Trainee.objects.get(pk=anna_left.pk).last_name == "Garden"


def test_after_five_years_the_person_and_the_notes_go_and_the_amounts_stay(
    clinical_notes, personas, anna_left
):
    total_before = Payslip.objects.get(trainee=anna_left).total
    summary = apply_retention(AFTER_PAY_YEARS)
    assert summary.pseudonymised == [anna_left.pk]
    anna = Trainee.objects.get(pk=anna_left.pk)
    assert anna.full_name == f"Pseudonymised {anna.pk}"
    assert (anna.national_id, anna.phone, anna.address, anna.card_number) == ("", "", "", None)
    assert anna.date_of_birth == datetime.date(1992, 1, 1)  # the year stays, for statistics
    login = User.objects.get(pk=anna.user_id)
    assert not login.is_active and not login.has_usable_password()
    assert login.username == f"pseudonymised-{login.pk}"
    log = WorkLog.objects.get(trainee=anna)
    assert log.note == "[pseudonymised]" and log.minutes == 360
    assert set(log.history.values_list("note", flat=True)) == {"[pseudonymised]"}
    assert Payslip.objects.get(trainee=anna).total == total_before
    notice = Notification.objects.get(recipient=personas.manager)
    assert notice.params["trainee"] == f"Pseudonymised {anna.pk}"
    # Care notes follow the care organisation's rule: 10 years by default.
    assert TherapyPlan.objects.get(trainee=anna).clinical_notes == clinical_notes
    apply_retention(AFTER_CARE_YEARS)
    plan = TherapyPlan.objects.get(trainee=anna)
    assert plan.clinical_notes == "[pseudonymised]" and plan.goals == "[pseudonymised]"
    assert clinical_notes not in set(plan.history.values_list("clinical_notes", flat=True))
    assert Diagnosis.objects.get(trainee=anna).summary == "[pseudonymised]"


def test_a_second_run_changes_nothing_more(personas, anna_left):
    apply_retention(AFTER_CARE_YEARS)
    again = apply_retention(AFTER_CARE_YEARS)
    assert sum(again.changed.values()) == 0 and again.pseudonymised == []


def test_a_legal_hold_keeps_everything_until_it_is_lifted(personas, anna_left):
    hold = LegalHold.objects.create(trainee=anna_left, reason="Claim before the labour court")
    summary = apply_retention(AFTER_CARE_YEARS)
    assert summary.held == [anna_left.pk] and sum(summary.changed.values()) == 0
    assert Trainee.objects.get(pk=anna_left.pk).last_name == "Garden"
    assert WorkLog.objects.get(trainee=anna_left).note == "Planted leeks"
    hold.lift(personas.manager)
    assert apply_retention(AFTER_CARE_YEARS).pseudonymised == [anna_left.pk]


def test_a_trainee_still_with_us_is_never_touched(personas, anna_record):
    assert sum(apply_retention(datetime.date(2090, 1, 1)).changed.values()) == 0
    assert Trainee.objects.get(pk=anna_record.pk).last_name == "Garden"


def test_a_dry_run_counts_and_changes_nothing(personas, anna_left):
    summary = apply_retention(AFTER_PAY_YEARS, dry_run=True)
    assert summary.pseudonymised == [anna_left.pk] and summary.changed["work_logs"] == 1
    assert Trainee.objects.get(pk=anna_left.pk).last_name == "Garden"
    assert WorkLog.objects.get(trainee=anna_left).note == "Planted leeks"


def test_the_command_says_what_it_did(personas, anna_left):
    out = StringIO()
    call_command("apply_retention", "--today", "2032-01-01", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Retention on 2032-01-01 (dry run):" in text
    assert "work_logs: would change 1 record(s)" in text
    assert "trainees pseudonymised: 1" in text
    assert Trainee.objects.get(pk=anna_left.pk).last_name == "Garden"
    call_command("apply_retention", "--today", "2032-01-01", stdout=out)
    assert Trainee.objects.get(pk=anna_left.pk).first_name == "Pseudonymised"


def test_what_else_names_the_person_goes_with_the_name(personas, anna_left):
    """Free text that can name the person or their circumstances — to whom their data was
    given, why a (lifted) hold was placed — and the login records of django-axes (username and
    address) go with the personal details."""
    from axes.models import AccessFailureLog, AccessLog

    from reintegra_coop.core.disclosure import disclose

    disclose(personas.manager, anna_left.pk, "payslip", "2026-11", "For her lawyer, Mr Nowak")
    hold = LegalHold.objects.create(trainee=anna_left, reason="Claim of Anna G. at the court")
    hold.lift(personas.manager)
    AccessLog.objects.create(username="anna", ip_address="10.0.0.7", user_agent="tablet")
    AccessFailureLog.objects.create(username="anna", ip_address="10.0.0.7", user_agent="tablet")
    AccessLog.objects.create(username="manager", ip_address="10.0.0.1", user_agent="pc")
    apply_retention(AFTER_PAY_YEARS)
    from reintegra_coop.privacy.models import DisclosureLog

    row = DisclosureLog.objects.get(trainee=anna_left)
    assert (row.document, row.reference, row.recipient) == ("payslip", "2026-11", "[pseudonymised]")
    hold.refresh_from_db()
    assert hold.reason == "[pseudonymised]"
    assert set(hold.history.values_list("reason", flat=True)) == {"[pseudonymised]"}
    assert not AccessLog.objects.filter(username="anna").exists()
    assert not AccessFailureLog.objects.filter(username="anna").exists()
    assert AccessLog.objects.filter(username="manager").exists()
