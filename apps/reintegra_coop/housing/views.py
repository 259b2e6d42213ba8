"""Housing pages: the month's rent statements and the arrears list, and a manager's form to
record a rent payment in cash (accountants read the ledger only)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core.access import require_role
from reintegra_coop.core.disclosure import disclose_together
from reintegra_coop.core.queries import MonthQuery, read_query
from reintegra_coop.core.replica import reads_from_replica
from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.core.spreadsheet_csv import csv_response
from reintegra_coop.core.spreadsheet_xlsx import xlsx_response

from . import exports
from .forms import RentPaymentForm
from .ledger import TenancyStatement, statements


def _shown_month(request: HttpRequest) -> datetime.date:
    return read_query(request, MonthQuery)["period"] or timezone.localdate().replace(day=1)


@require_role(Role.MANAGER, Role.ACCOUNTANT)
def rent_statements(request: HttpRequest) -> HttpResponse:
    month = _shown_month(request)
    return _ledger_page(request, month, statements(month))


@require_role(Role.MANAGER, Role.ACCOUNTANT)
@reads_from_replica
def rent_csv(request: HttpRequest) -> HttpResponse:
    month, rows = _exported(request)
    return csv_response(exports.rent_csv(rows), f"rent-{month:%Y-%m}.csv")


@require_role(Role.MANAGER, Role.ACCOUNTANT)
@reads_from_replica
def rent_xlsx(request: HttpRequest) -> HttpResponse:
    month, rows = _exported(request)
    return xlsx_response(exports.rent_xlsx(rows), f"rent-{month:%Y-%m}.xlsx")


def _exported(request: HttpRequest) -> tuple[datetime.date, list[TenancyStatement]]:
    month = _shown_month(request)
    rows = statements(month)
    disclose_together(
        request.user, [row.tenancy.trainee_id for row in rows], "rent_month", f"{month:%Y-%m}"
    )
    return month, rows


def _ledger_page(
    request: HttpRequest,
    month: datetime.date,
    rows: list[TenancyStatement],
    form: RentPaymentForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    # Arrears: what had fallen due by today (a month's rent is due on the site's due day).
    arrears = [(row, row.past_due(today)) for row in rows if row.past_due(today) > 0]
    closed = bool(rows) and rows[0].stored
    if form is None and role_of(request.user) == Role.MANAGER and rows and not closed:
        initial = {"paid_on": today} if today.replace(day=1) == month else {}
        form = RentPaymentForm(initial=initial, tenancy_ids=[row.tenancy.pk for row in rows])
    return render(
        request,
        "housing/statements.html",
        {"month": month, "rows": rows, "arrears": arrears, "closed": closed, "form": form},
    )


@require_POST
@require_role(Role.MANAGER)
def record_payment(request: HttpRequest) -> HttpResponseBase:
    """A rent payment in cash, for a tenancy of the month shown (the rules: RentPayment.clean)."""
    month = _shown_month(request)
    rows = statements(month)
    form = RentPaymentForm(request.POST, tenancy_ids=[row.tenancy.pk for row in rows])
    if not form.is_valid():
        return _ledger_page(request, month, rows, form)
    payment = form.save(commit=False)
    payment.stamp(request.user)
    payment.save()
    messages.success(request, _("Saved."))
    return redirect(f"{reverse('housing:rent')}?period={payment.paid_on:%Y-%m}")
