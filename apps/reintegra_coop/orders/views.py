"""Manager pages for orders, the instructor's task list, and stock. Views stay thin: the rules
are on the models and in fulfilment.py, invoicing.py and workflow.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core.access import require_role
from reintegra_coop.core.confirm import ask_first, confirmed
from reintegra_coop.core.pdf import pdf_response
from reintegra_coop.core.replica import reads_from_replica
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope
from reintegra_coop.core.spreadsheet_csv import csv_response
from reintegra_coop.core.spreadsheet_xlsx import xlsx_response

from . import invoicing, settlement, workflow
from .costing import order_margin
from .exceptions import InsufficientStockError, InvalidTransitionError, OrderLockedError
from .filters import OrderFilter
from .forms import LotForm, OrderForm, OrderLineFormSet, PaymentForm, StockOutForm
from .fulfilment import record_spoilage_or_own_use
from .models import (
    BOARD_STATUSES,
    OPEN_FOR_WORK,
    CatalogueItem,
    Delivery,
    Invoice,
    Order,
    OrderStatus,
    ProductionLot,
    ProductionTask,
    TaskStatus,
)

FINANCE = (Role.MANAGER, Role.ACCOUNTANT)
PAGE_SIZE = 50
BOARD_CARDS = 30


def _orders(request: HttpRequest) -> Any:
    return scope(Order.objects.select_related("customer").with_totals(), request.user)


@require_role(*FINANCE)
def order_list(request: HttpRequest) -> HttpResponse:
    filters = OrderFilter(request.GET or None, queryset=_orders(request))
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "orders/order_list.html",
        {"filters": filters, "page": page, "query": query.urlencode()},
    )


@require_role(Role.MANAGER)
def order_board(request: HttpRequest) -> HttpResponse:
    """Orders by status, soonest due first; a column shows its first cards and a count."""
    orders = _orders(request).order_by("due_on", "number")
    counts = dict(
        orders.in_status(*BOARD_STATUSES).order_by().values_list("status").annotate(n=Count("pk"))
    )
    labels = dict(OrderStatus.choices)
    columns = [
        (
            status,
            labels[status],
            list(orders.in_status(status)[:BOARD_CARDS]),
            counts.get(status, 0),
        )
        for status in BOARD_STATUSES
    ]
    return render(request, "orders/order_board.html", {"columns": columns})


@require_role(Role.MANAGER)
def order_form(request: HttpRequest, pk: int | None = None) -> HttpResponseBase:
    order = get_object_or_404(_orders(request), pk=pk) if pk else Order()
    if pk and not order.is_editable:
        messages.error(
            request,
            _("Order %(number)s is confirmed: amend it to change its lines.")
            % {"number": order.number},
        )
        return redirect("orders:detail", pk=order.pk)
    form = OrderForm(request.POST or None, instance=order, customer=request.GET.get("customer"))
    lines = OrderLineFormSet(request.POST or None, instance=order)
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            order = save_order(form, lines, request.user)
        except OrderLockedError as error:
            messages.error(request, str(error))
            return redirect("orders:detail", pk=order.pk)
        messages.success(request, _("Order %(number)s is saved.") % {"number": order.number})
        return redirect("orders:detail", pk=order.pk)
    return render(request, "orders/order_form.html", {"form": form, "lines": lines, "order": order})


def save_order(form: OrderForm, lines: Any, by: Any) -> Order:
    """The order and its lines are saved together, or not at all; an order confirmed by
    someone else meanwhile is not turned back into a draft."""
    with transaction.atomic():
        order: Order = form.save(commit=False)
        order.stamp(by)
        if order.pk is None:
            order.save()
        else:
            order.lock_for_editing()
            order.save(
                update_fields=[
                    "kind",
                    "customer",
                    "ordered_on",
                    "due_on",
                    "note",
                    "modified_at",
                    "modified_by",
                ]
            )
        lines.instance = order
        lines.save()
    return order


@require_role(*FINANCE)
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(_orders(request), pk=pk)
    invoice = Invoice.objects.filter(order=order).first()
    context = {
        "order": order,
        "lines": order.lines.select_related("item"),
        "tasks": order.tasks.select_related("workshop"),
        "history": order.status_changes.select_related("created_by"),
        "deliveries": order.deliveries.prefetch_related("lines__line"),
        "still_to_deliver": order.still_to_deliver(),
        "invoice": invoice,
        "balance": settlement.balance_of(invoice) if invoice else None,
        "payments": invoice.payments.all() if invoice else [],
        "corrections": invoice.corrections.all() if invoice else [],
        "payment_form": PaymentForm(initial={"received_on": timezone.localdate()}),
        "margin": order_margin(order),
        "steps": workflow.steps_for(order) if request.user.has_perm("orders.change_order") else [],
        "revisions": order.revisions.all() if order.revision_of_id is None else [],
    }
    return render(request, "orders/order_detail.html", context)


@require_POST
@require_role(Role.MANAGER)
def order_step(request: HttpRequest, pk: int, step: str) -> HttpResponseBase:
    order = get_object_or_404(_orders(request), pk=pk)
    if step not in workflow.STEPS_BY_NAME:
        raise Http404
    asked = workflow.STEPS_BY_NAME[step]
    if asked.question and not confirmed(request):  # irreversible: ask first
        return ask_first(
            request,
            asked.question % {"number": order.number},
            _("Yes: %(step)s") % {"step": str(asked.label).lower()},
            reverse("orders:detail", args=[order.pk]),
            asked.danger,
        )
    try:
        result = workflow.perform(order, step, request.user, timezone.localdate())
    except (InvalidTransitionError, InsufficientStockError, OrderLockedError) as error:
        messages.error(request, str(error))
        return redirect("orders:detail", pk=order.pk)
    if isinstance(result, Order):  # an amendment opens its new revision
        messages.success(
            request,
            _("Order %(old)s is cancelled; edit its revision %(new)s.")
            % {"old": order.number, "new": result.number},
        )
        return redirect("orders:edit", pk=result.pk)
    order.refresh_from_db()
    messages.success(
        request,
        _("Order %(number)s: %(status)s.")
        % {"number": order.number, "status": order.get_status_display()},
    )
    return redirect("orders:detail", pk=order.pk)


@require_role(*FINANCE)
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    invoice = get_object_or_404(
        scope(Invoice.objects.select_related("order__customer"), request.user), pk=pk
    )
    return pdf_response(invoicing.invoice_pdf(invoice), f"{invoice.number}.pdf")


@require_role(*FINANCE)
def delivery_note_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(
        scope(Delivery.objects.select_related("order__customer"), request.user), pk=pk
    )
    return pdf_response(invoicing.delivery_note_pdf(delivery), f"{delivery.number}.pdf")


@require_role(*FINANCE)
@reads_from_replica
def invoices_csv(request: HttpRequest) -> HttpResponse:
    return csv_response(invoicing.invoices_csv(_exported_invoices(request)), "invoices.csv")


@require_role(*FINANCE)
@reads_from_replica
def invoices_xlsx(request: HttpRequest) -> HttpResponse:
    return xlsx_response(invoicing.invoices_xlsx(_exported_invoices(request)), "invoices.xlsx")


def _exported_invoices(request: HttpRequest) -> QuerySet[Invoice]:
    """The invoices the user may read, with what the export's VAT by rate needs."""
    invoices = Invoice.objects.select_related("order__customer").prefetch_related("order__lines")
    return scope(invoices, request.user)


@require_role(Role.MANAGER, Role.INSTRUCTOR)
def task_list(request: HttpRequest) -> HttpResponseBase:
    # Work still to do: orders confirmed, in production or ready (not delivered or cancelled).
    tasks = scope(
        ProductionTask.objects.select_related("order", "workshop", "order__customer").filter(
            order__status__in=OPEN_FOR_WORK
        ),
        request.user,
    )
    if request.method == "POST":
        task_id = request.POST.get("task", "")
        task = get_object_or_404(tasks, pk=int(task_id) if task_id.isdigit() else 0)
        if request.POST.get("status") in TaskStatus.values:
            ProductionTask.change_status([task], request.POST["status"], request.user)
        return redirect("orders:tasks")
    return render(
        request, "orders/task_list.html", {"tasks": tasks, "statuses": TaskStatus.choices}
    )


@require_role(Role.MANAGER, Role.INSTRUCTOR)
def stock(request: HttpRequest) -> HttpResponseBase:
    items = scope(
        CatalogueItem.objects.filter(tracks_stock=True).select_related("workshop"), request.user
    )
    lot_form = LotForm(items, request.POST if "add_lot" in request.POST else None)
    out_form = StockOutForm(items, request.POST if "take_out" in request.POST else None)
    if lot_form.is_bound and lot_form.is_valid():
        lot = lot_form.save(commit=False)
        lot.stamp(request.user)
        lot.save()
        messages.success(request, _("Lot %(number)s is recorded.") % {"number": lot.lot_number})
        return redirect("orders:stock")
    if out_form.is_bound and out_form.is_valid():
        data = out_form.cleaned_data
        try:
            record_spoilage_or_own_use(
                data["item"],
                data["quantity"],
                data["kind"],
                request.user,
                timezone.localdate(),
                note=data["note"],
            )
        except InsufficientStockError as error:
            out_form.add_error("quantity", str(error))
        else:
            messages.success(request, _("The stock is updated."))
            return redirect("orders:stock")
    lots = scope(ProductionLot.objects.select_related("item").with_on_hand(), request.user)[:50]
    return render(
        request,
        "orders/stock.html",
        {
            "items": items.with_stock().order_by("name"),
            "lots": lots,
            "lot_form": lot_form,
            "out_form": out_form,
        },
    )
