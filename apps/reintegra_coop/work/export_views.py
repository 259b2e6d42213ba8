"""The month's approved hours by trainee and workshop as CSV and XLSX (managers and
accountants); `?period=2026-11`, this month by default. Each file is in the disclosure log."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from reintegra_coop.core.access import require_role
from reintegra_coop.core.dates import month_bounds
from reintegra_coop.core.disclosure import disclose_together
from reintegra_coop.core.queries import MonthQuery, read_query
from reintegra_coop.core.replica import reads_from_replica
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope
from reintegra_coop.core.spreadsheet_csv import Cell, csv_response
from reintegra_coop.core.spreadsheet_xlsx import xlsx_response

from . import exports
from .models import WorkLog


def _hours(request: HttpRequest) -> tuple[datetime.date, list[list[Cell]]]:
    month = read_query(request, MonthQuery)["period"] or timezone.localdate().replace(day=1)
    logs = scope(WorkLog.objects.all(), request.user)
    rows = exports.hours_rows(logs, month)
    first, last = month_bounds(month)
    trainees = logs.current().approved().between(first, last).values_list("trainee", flat=True)
    disclose_together(request.user, trainees, "hours_month", f"{month:%Y-%m}")
    return month, rows


@require_role(Role.MANAGER, Role.ACCOUNTANT)
@reads_from_replica
def hours_csv(request: HttpRequest) -> HttpResponse:
    month, rows = _hours(request)
    return csv_response(exports.hours_csv(rows), f"hours-{month:%Y-%m}.csv")


@require_role(Role.MANAGER, Role.ACCOUNTANT)
@reads_from_replica
def hours_xlsx(request: HttpRequest) -> HttpResponse:
    month, rows = _hours(request)
    return xlsx_response(exports.hours_xlsx(rows), f"hours-{month:%Y-%m}.xlsx")
