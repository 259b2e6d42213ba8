"""The month close at scale (`make bench`, SQLite and MariaDB): approving a period of 1,000
trainees with a month of logs each — locking the logs, storing payslips and the rent statements
(every fifth in a flat since March) — target ≤ 3 s. Printed, not asserted."""

from __future__ import annotations

import datetime
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _database import run_on_both
from pay_dry_run import MONTH, build, measure  # the same cooperative as the dry run


def main(backend: str) -> None:
    from django.contrib.auth.models import User

    from reintegra_coop.pay import period
    from reintegra_coop.pay.models import StipendSetting
    from reintegra_coop.work.models import WorkLog

    manager = User.objects.create(username="bench-manager")
    StipendSetting.objects.create(valid_from=datetime.date(2026, 1, 1), base=Decimal("1553.40"))
    build(1000, "a", MONTH)
    period.run(MONTH, manager)
    seconds, queries = measure(lambda: period.approve(MONTH, manager))
    print(
        f"[{backend:7}] approving a period of 1,000 trainees ({WorkLog.objects.count()} logs), "
        f"storing payslips and rent statements: {seconds:5.2f} s, {queries} queries "
        f"— target ≤ 3 s"
    )


if __name__ == "__main__":
    run_on_both(main)
