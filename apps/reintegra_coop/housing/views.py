"""Housing pages: the month's rent statements and the arrears list."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from reintegra_coop.core.access import require_role
from reintegra_coop.core.queries import MonthQuery, read_query
from reintegra_coop.core.roles import Role

from .ledger import statements


@require_role(Role.MANAGER, Role.ACCOUNTANT)
def rent_statements(request: HttpRequest) -> HttpResponse:
    month = read_query(request, MonthQuery)["period"] or timezone.localdate().replace(day=1)
    rows = statements(month)
    today = timezone.localdate()
    # Arrears: what had fallen due by today (a month's rent is due on the site's due day).
    arrears = [(row, row.past_due(today)) for row in rows if row.past_due(today) > 0]
    return render(
        request,
        "housing/statements.html",
        {"month": month, "rows": rows, "arrears": arrears, "closed": rows and rows[0].stored},
    )
