"""`reintegra check-data` lists the rows a site made before the rules holds that break them,
and exits non-zero; a clean site passes."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from simple_history.utils import bulk_create_with_history

from reintegra_coop.work import approval
from reintegra_coop.work.models import WorkLog
from tests.factories import WORK_DAY, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T16:00")]


def old_log(personas, day, start, end, **fields):
    """A log as an older version saved it, past today's rules (bulk, no checks)."""
    values = {
        "trainee": personas.trainee_anna,
        "workshop": personas.garden,
        "date": day,
        "start": datetime.time(*start),
        "end": datetime.time(*end),
        "minutes": (end[0] - start[0]) * 60,
        "status": "approved",
    }
    values.update(fields)
    return WorkLog(**values)


def test_a_clean_site_passes(personas, capsys):
    call_command("check_data")
    assert "No rows break the rules." in capsys.readouterr().out


def test_old_rows_that_break_the_rules_are_listed_and_the_command_fails(personas, capsys):
    monday = datetime.date(2026, 11, 16)
    bulk_create_with_history(
        [
            old_log(personas, monday, (8,), (14,)),
            old_log(personas, monday, (12,), (16,), workshop=personas.carpentry),
            old_log(personas, datetime.date(2026, 11, 21), (9,), (12,)),  # a Saturday
        ],
        WorkLog,
    )
    with pytest.raises(CommandError, match="2 rows break the rules"):
        call_command("check_data", "--format", "json")
    printed = capsys.readouterr().out
    assert printed.count('"overlapping_logs"') == 1
    assert printed.count('"day_code_not_working_day"') == 1
    anna = personas.trainee_anna.user
    type(anna).objects.filter(pk=anna.pk).update(is_staff=True)  # past the model's guard
    with pytest.raises(CommandError, match="3 rows break the rules"):
        call_command("check_data")
    assert "trainee_login_with_rights" in capsys.readouterr().out


def test_a_correction_waiting_for_approval_is_no_overlap_with_the_log_it_amends(personas, capsys):
    friday = WORK_DAY - datetime.timedelta(days=3)
    log = work(personas.trainee_anna, personas.garden, friday)
    correction = approval.correct(log, {"end": datetime.time(13)}, personas.manager)
    assert correction.amends == log  # the approved log stays in force until this is approved
    call_command("check_data")
    assert "No rows break the rules." in capsys.readouterr().out


def test_a_second_log_over_a_corrected_one_is_still_an_overlap(personas, capsys):
    friday = WORK_DAY - datetime.timedelta(days=3)
    log = work(personas.trainee_anna, personas.garden, friday)
    approval.correct(log, {"end": datetime.time(13)}, personas.manager)
    bulk_create_with_history([old_log(personas, friday, (12,), (15,))], WorkLog)
    with pytest.raises(CommandError, match="1 rows break the rules"):
        call_command("check_data", "--format", "json")
    assert capsys.readouterr().out.count('"overlapping_logs"') == 1
