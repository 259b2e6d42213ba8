"""A crash in the middle of a run or an approval leaves the period as it was: each is one
transaction. Shown on MariaDB with a real process, stopped inside and killed with SIGKILL."""

import datetime
import os
import signal
import subprocess
import sys
from decimal import Decimal

import pytest
from django.db import connection

from reintegra_coop.housing.models import ClosedRentMonth, HousingUnit, StoredStatement, Tenancy
from reintegra_coop.pay import period
from reintegra_coop.pay.models import PayPeriod, PayScheme, Payslip
from reintegra_coop.work.models import LockedPeriod, WorkLog
from tests.factories import TraineeFactory

pytestmark = [
    pytest.mark.mariadb_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.clock("2026-12-02T10:00"),
]
NOVEMBER = datetime.date(2026, 11, 1)
SCRIPT = """
import datetime, django
django.setup()
from django.contrib.auth.models import User
from reintegra_coop.pay import period
step = {step!r}
manager = User.objects.get(username="manager")
getattr(period, step)(datetime.date(2026, 11, 1), manager)
"""


def crash_inside(step, checkpoint, mariadb_server_url):
    """Run ``period.<step>`` in another process, stop it at ``checkpoint`` and kill it."""
    settings = connection.settings_dict
    url = mariadb_server_url.rsplit("/", 1)[0] + f"/{settings['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "REINTEGRA_TEST_DATABASE_URL": url,
        "REINTEGRA_STOP_AT": checkpoint,
    }
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT.format(step=step)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    assert line.strip() == f"stopped at {checkpoint}", process.stderr.read()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


@pytest.fixture
def month_of_work(personas):
    anna = personas.trainee_anna
    PayScheme.objects.create(
        trainee=anna, kind="hourly", valid_from=NOVEMBER, hourly_rate=Decimal("30")
    )
    for n in range(5):
        other = TraineeFactory(user__username=f"worker{n}", workshops=[personas.garden])
        PayScheme.objects.create(
            trainee=other, kind="hourly", valid_from=NOVEMBER, hourly_rate=Decimal("30")
        )
        WorkLog.objects.create(
            trainee=other,
            workshop=personas.garden,
            date=datetime.date(2026, 11, 2),
            start=datetime.time(8),
            end=datetime.time(14),
            status="approved",
        )
    unit = HousingUnit.objects.create(name="Room", level="shelter", monthly_rent=Decimal("300"))
    Tenancy.objects.create(
        trainee=anna,
        unit=unit,
        start=NOVEMBER,
        share_fixed=Decimal("100"),
        payroll_consent_on=NOVEMBER,
    )
    WorkLog.objects.create(
        trainee=anna,
        workshop=personas.garden,
        date=datetime.date(2026, 11, 3),
        start=datetime.time(8),
        end=datetime.time(14),
        status="approved",
    )
    period.run(NOVEMBER, personas.manager)


def snapshot():
    return {
        "state": PayPeriod.objects.get(month=NOVEMBER).state,
        "payslips": sorted(Payslip.objects.values_list("pk", "total", "approved_at")),
        "statuses": sorted(WorkLog.objects.values_list("pk", "status")),
        "locked": LockedPeriod.objects.count(),
        "stored": StoredStatement.objects.count(),
        "closed": ClosedRentMonth.objects.count(),
    }


@pytest.mark.parametrize("checkpoint", ["approve:logs-locked", "approve:rent-stored"])
def test_a_crash_in_the_middle_of_an_approval_leaves_the_period_as_it_was(
    personas, month_of_work, mariadb_server_url, checkpoint
):
    before = snapshot()
    crash_inside("approve", checkpoint, mariadb_server_url)
    assert snapshot() == before
    period.approve(NOVEMBER, personas.manager)  # nothing was left half done
    assert snapshot()["state"] == "approved" and snapshot()["stored"] == 1


def test_a_crash_in_the_middle_of_a_run_keeps_the_drafts_it_was_replacing(
    personas, month_of_work, mariadb_server_url
):
    before = snapshot()
    crash_inside("run", "run:drafts-removed", mariadb_server_url)
    assert snapshot() == before
