"""The manager's customer pages: the list (accountants read it), a new customer and an edit. A
new customer added from the order form goes back to it, chosen."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from reintegra_coop.core.access import require_role
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope

from .forms import CustomerForm
from .models import Customer

PAGE_SIZE = 50


@require_role(Role.MANAGER, Role.ACCOUNTANT)
def customer_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "")
    customers = scope(Customer.objects.search(search), request.user).order_by("name", "pk")
    page = Paginator(customers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({"q": search}) if search else ""
    return render(
        request, "orders/customer_list.html", {"page": page, "search": search, "query": query}
    )


@require_role(Role.MANAGER)
def customer_form(request: HttpRequest, pk: int | None = None) -> HttpResponseBase:
    customers = scope(Customer.objects.all(), request.user)
    customer = get_object_or_404(customers, pk=pk) if pk else Customer()
    back = return_address(request)
    form = CustomerForm(request.POST or None, instance=customer)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            customer = form.save(commit=False)
            customer.stamp(request.user)
            customer.save()
        messages.success(request, _("%(name)s is saved.") % {"name": customer.name})
        return redirect(with_customer(back, customer) if back else "orders:customers")
    context = {"form": form, "customer": customer, "next": back}
    return render(request, "orders/customer_form.html", context)


def return_address(request: HttpRequest) -> str | None:
    """The page to go back to (``next``), if it is on this site; never another site's."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else None


def with_customer(address: str, customer: Customer) -> str:
    """``address`` with ``customer=<id>`` in its query, so the order form chooses the customer."""
    parts = urlsplit(address)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "customer"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("customer", customer.pk)])))
