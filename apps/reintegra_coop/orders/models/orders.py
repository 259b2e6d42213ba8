"""Orders: customers, the catalogue, orders and their lines, production tasks, lots and stock,
deliveries and invoices. Workflows over several models live in fulfilment.py and invoicing.py."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_update_with_history

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.money import MONEY_MAX, format_quantity, money_field, quantity_field
from reintegra_coop.core.numbering import next_number
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import Visibility

from ..exceptions import InvalidTransitionError, OrderLockedError
from ..pricing import LineAmounts, line_amounts, list_value, totals
from ..querysets import (
    CatalogueItemQuerySet,
    CustomerQuerySet,
    OrderQuerySet,
    ProductionLotQuerySet,
)
from ..tax_ids import tax_id_problem

FINANCE = (Role.MANAGER, Role.ACCOUNTANT)
PRODUCTION = (Role.MANAGER, Role.ACCOUNTANT, Role.INSTRUCTOR)


class VatRate(models.Model):
    """A VAT rate the cooperative may charge (23/8/5/0 % in Poland, 21/12/0 % in Czechia)."""

    name = models.CharField(_("name"), max_length=40)
    percent = models.DecimalField(
        _("rate (%)"),
        max_digits=5,
        decimal_places=2,
        unique=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("VAT rate")
        verbose_name_plural = _("VAT rates")
        ordering = ["-percent"]

    def __str__(self) -> str:
        return self.name


class CustomerKind(models.TextChoices):
    PERSON = "person", _("Person")
    BUSINESS = "business", _("Business")
    MUNICIPALITY = "municipality", _("Municipality")
    INTERNAL = "internal", _("Internal department")


class Customer(TrackedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=CustomerKind.choices)
    name = models.CharField(_("name"), max_length=200)
    tax_id = models.CharField(_("tax id"), max_length=30, blank=True)
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = CustomerQuerySet.as_manager()
    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(roles=FINANCE)

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_internal(self) -> bool:
        return self.kind == CustomerKind.INTERNAL

    def clean(self) -> None:
        """A business or municipality has a tax id valid in the site's country; no two customers
        share one (an invoice names its buyer by it)."""
        needs_tax_id = self.kind in (CustomerKind.BUSINESS, CustomerKind.MUNICIPALITY)
        if needs_tax_id and not self.tax_id:
            raise ValidationError({"tax_id": _("A business or municipality needs a tax id.")})
        problem = tax_id_problem(self.tax_id) if needs_tax_id else None
        if problem:
            raise ValidationError({"tax_id": problem})
        other = (
            Customer.objects.with_tax_id(self.tax_id).exclude(pk=self.pk or 0).first()
            if self.tax_id
            else None
        )
        if other is not None:
            raise ValidationError(
                {"tax_id": gettext("%(name)s already has this tax id.") % {"name": other.name}}
            )


class ItemKind(models.TextChoices):
    PRODUCT = "product", _("Product")
    SERVICE = "service", _("Service")


class Unit(models.TextChoices):
    PIECE = "pcs", _("pcs")
    KILOGRAM = "kg", _("kg")
    BUNCH = "bunch", _("bunch")
    JAR = "jar", _("jar")
    HOUR = "h", _("h")
    SQUARE_METRE = "m2", _("m²")
    METRE = "m", _("m")
    SET = "set", _("set")


class CatalogueItem(TrackedModel):
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    name = models.CharField(_("name"), max_length=200)
    workshop = models.ForeignKey(
        "people.Workshop",
        verbose_name=_("workshop"),
        on_delete=models.PROTECT,
        related_name="catalogue_items",
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    price = money_field(_("net price"), validators=[MinValueValidator(Decimal(0))])
    vat_rate = models.ForeignKey(VatRate, verbose_name=_("VAT rate"), on_delete=models.PROTECT)
    tracks_stock = models.BooleanField(
        _("kept in stock"),
        default=False,
        help_text=_("Produced in lots (harvests, batches) and delivered from stock."),
    )
    split_payment = models.BooleanField(
        _("split payment"),
        default=False,
        help_text=_(
            "Goods or services of Annex 15 to the Polish VAT act (e.g. construction and "
            "renovation work): an invoice of 15,000 zł or more with them is paid by split payment."
        ),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = CatalogueItemQuerySet.as_manager()
    visibility: ClassVar[Visibility] = Visibility(workshop="workshop", roles=PRODUCTION)

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="item_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OrderKind(models.TextChoices):
    ECO_PRODUCTION = "eco_production", _("Eco-production")
    WORKSHOP = "workshop", _("Workshop")
    SERVICE = "service", _("Service")


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONFIRMED = "confirmed", _("Confirmed")
    IN_PRODUCTION = "in_production", _("In production")
    READY = "ready", _("Ready")
    DELIVERED = "delivered", _("Delivered")
    INVOICED = "invoiced", _("Invoiced")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


#: orders whose tasks are still work to do (and work may be logged against)
OPEN_FOR_WORK = (OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.READY)


S = OrderStatus
ALLOWED_ORDER_STATUS_CHANGES: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.CONFIRMED, S.CANCELLED}),
    S.CONFIRMED: frozenset({S.IN_PRODUCTION, S.CANCELLED}),
    S.IN_PRODUCTION: frozenset({S.READY, S.CANCELLED}),
    S.READY: frozenset({S.DELIVERED, S.CANCELLED}),
    S.DELIVERED: frozenset({S.INVOICED}),  # internal orders end here: own use is not invoiced
    S.INVOICED: frozenset({S.PAID}),
    S.PAID: frozenset({S.INVOICED}),  # a correction that raises the amount reopens it
    S.CANCELLED: frozenset(),
}
AMENDABLE = frozenset({S.CONFIRMED, S.IN_PRODUCTION, S.READY})


class Order(TrackedModel):
    number = models.CharField(_("number"), max_length=30, unique=True, editable=False)
    revision = models.PositiveSmallIntegerField(_("revision"), default=1, editable=False)
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        editable=False,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrderKind.choices)
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="orders"
    )
    ordered_on = PlausibleDateField(_("ordered on"), default=timezone.localdate)
    due_on = PlausibleDateField(_("due on"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrderStatus.choices,
        default=OrderStatus.DRAFT,
        editable=False,
    )
    note = models.TextField(_("note"), blank=True)

    objects = OrderQuerySet.as_manager()
    visibility: ClassVar[Visibility] = Visibility(workshop="tasks__workshop", roles=PRODUCTION)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-ordered_on", "-number"]

    def __str__(self) -> str:
        return self.number

    @property
    def is_internal(self) -> bool:
        return self.customer.is_internal

    @property
    def is_editable(self) -> bool:
        return self.status == OrderStatus.DRAFT

    def clean(self) -> None:
        if self.due_on and self.ordered_on and self.due_on < self.ordered_on:
            raise ValidationError({"due_on": _("The due date cannot be before the order date.")})
        self.check_customer_change()

    def check_customer_change(self) -> None:
        """Lines are priced for an internal or an external customer; do not swap one for the
        other under them (own use is at zero price)."""
        if self.pk is None or self.customer_id is None:
            return
        stored = Order.objects.filter(pk=self.pk).values_list("customer__kind", flat=True).first()
        internal_now = Customer.objects.filter(pk=self.customer_id, kind=CustomerKind.INTERNAL)
        if (
            stored is not None
            and (stored == CustomerKind.INTERNAL) != internal_now.exists()
            and self.lines.exists()
        ):
            raise ValidationError(
                {
                    "customer": _(
                        "An order with lines cannot switch between an internal and an external "
                        "customer; make a new order."
                    )
                }
            )

    def lock_for_editing(self) -> Order:
        """Lock this order's row for an edit and make sure it is still a draft."""
        locked = Order.objects.select_for_update().get(pk=self.pk)
        if not locked.is_editable:
            raise OrderLockedError(
                gettext("Order %(number)s is confirmed: amend it to change its lines.")
                % {"number": locked.number}
            )
        return locked

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            if not self.number:
                self.number = next_number("ORD", self.ordered_on)
            super().save(*args, **kwargs)

    def totals(self) -> LineAmounts:
        return totals(line.amounts() for line in self.lines.all())

    def set_status(self, new: str, by: Any, note: str = "") -> OrderStatusChange:
        """Move the order along its workflow, recording who did it and when."""
        with transaction.atomic():
            current = Order.objects.select_for_update().select_related("customer").get(pk=self.pk)
            self._check_status_change(current, new)
            change = OrderStatusChange(
                order=current, from_status=current.status, to_status=new, note=note
            )
            change.stamp(by)
            change.save()
            current.status = new
            current.stamp(by)
            current.save(update_fields=["status", "modified_at", "modified_by"])
            if new == OrderStatus.CONFIRMED:
                current.create_production_tasks(by)
            if new == OrderStatus.READY:  # ready means production is finished
                ProductionTask.change_status(current.tasks.all(), TaskStatus.DONE, by)
        self.status = new
        return change

    @staticmethod
    def _check_status_change(order: Order, new: str) -> None:
        if new not in OrderStatus.values:
            raise InvalidTransitionError(
                gettext("%(status)s is not an order status.") % {"status": new}
            )
        if new not in ALLOWED_ORDER_STATUS_CHANGES[order.status]:
            raise InvalidTransitionError(
                gettext("An order cannot go from %(current)s to %(new)s.")
                % {"current": OrderStatus(order.status).label, "new": OrderStatus(new).label}
            )
        if new == OrderStatus.CONFIRMED and not order.lines.exists():
            raise InvalidTransitionError(
                gettext("An order needs at least one line to be confirmed.")
            )
        if new == OrderStatus.DELIVERED and not order.deliveries.exists():
            raise InvalidTransitionError(gettext("Record the delivery first."))
        if new == OrderStatus.DELIVERED and any(order.still_to_deliver().values()):
            raise InvalidTransitionError(gettext("Deliver the rest of the order first."))
        if new == OrderStatus.CANCELLED and order.deliveries.exists():
            raise InvalidTransitionError(order.partly_delivered_message())
        if new == OrderStatus.INVOICED:
            if order.is_internal:
                raise InvalidTransitionError(gettext("An internal order is not invoiced."))
            if not hasattr(order, "invoice"):
                raise InvalidTransitionError(gettext("Issue the invoice first."))

    def still_to_deliver(self) -> dict[int, Decimal]:
        """Order line → the quantity no delivery note has carried yet."""
        delivered = dict(
            DeliveryLine.objects.filter(line__order=self)
            .values("line")
            .annotate(total=models.Sum("quantity"))
            .values_list("line", "total")
        )
        return {
            line.pk: max(line.quantity - delivered.get(line.pk, Decimal(0)), Decimal(0))
            for line in self.lines.all()
        }

    def partly_delivered_message(self) -> str:
        return gettext(
            "Part of order %(number)s has been delivered, so it is not cancelled or amended: "
            "deliver the rest, and correct the invoice if the customer takes less."
        ) % {"number": self.number}

    def create_production_tasks(self, by: Any) -> None:
        """One task per line whose item belongs to a workshop, unless it has one already."""
        for line in self.lines.select_related("item").filter(tasks__isnull=True):
            if line.item is None:
                continue
            task = ProductionTask(
                order=self,
                line=line,
                workshop_id=line.item.workshop_id,
                description=f"{format_quantity(line.quantity)} {line.unit} {line.description}",
            )
            task.stamp(by)
            task.save()

    def amend(self, by: Any) -> Order:
        """Cancel this confirmed order and open a new draft revision with the same lines."""
        with transaction.atomic():
            current = Order.objects.select_for_update().get(pk=self.pk)
            if current.status not in AMENDABLE:
                raise InvalidTransitionError(
                    gettext("Only a confirmed order not yet delivered can be amended.")
                )
            if current.deliveries.exists():
                raise InvalidTransitionError(current.partly_delivered_message())
            root = current.revision_of or current
            revision = Order(
                number=f"{root.number}-R{current.revision + 1}",
                revision=current.revision + 1,
                revision_of=root,
                kind=current.kind,
                customer_id=current.customer_id,
                ordered_on=current.ordered_on,
                due_on=current.due_on,
                note=current.note,
            )
            revision.stamp(by)
            revision.save()
            for line in current.lines.all():
                line.pk = None
                line.order = revision
                line.save()
            current.set_status(
                OrderStatus.CANCELLED,
                by,
                note=gettext("Amended as %(number)s") % {"number": revision.number},
            )
        return revision


class OrderLine(models.Model):
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    item = models.ForeignKey(
        CatalogueItem,
        verbose_name=_("item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_lines",
    )
    description = models.CharField(_("description"), max_length=200)
    quantity = quantity_field(_("quantity"), validators=[MinValueValidator(Decimal("0.001"))])
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    unit_price = money_field(_("unit price"), validators=[MinValueValidator(Decimal(0))])
    vat_percent = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    discount_percent = models.DecimalField(
        _("discount (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    net = money_field(_("net"), editable=False, default=Decimal("0.00"))
    vat = money_field(_("VAT"), editable=False, default=Decimal("0.00"))
    gross = money_field(_("gross"), editable=False, default=Decimal("0.00"))
    list_value = money_field(_("value at list price"), editable=False, default=Decimal("0.00"))

    visibility: ClassVar[Visibility] = Visibility(roles=FINANCE)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["order", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0, unit_price__gte=0)
                & models.Q(discount_percent__gte=0, discount_percent__lte=100),
                name="order_line_amounts_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description} × {format_quantity(self.quantity)}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = OrderLine.objects.filter(pk=self.pk).values_list("order_id", flat=True).first()
            if stored is not None and stored != self.order_id:
                raise OrderLockedError(gettext("A line cannot move to another order."))
        if not self.order.is_editable:
            raise OrderLockedError(
                gettext(
                    "Order %(number)s is %(status)s: its lines are not changed in place. "
                    "Cancel it, or amend it into a new revision."
                )
                % {"number": self.order.number, "status": self.order.get_status_display()}
            )
        if self.order.is_internal:
            self.unit_price = Decimal("0.00")  # own use: zero price, valued at list price
        self._compute_amounts()
        problem = self.too_large()
        if problem:
            raise ValidationError({"quantity": problem})
        super().save(*args, **kwargs)

    def _compute_amounts(self) -> None:
        amounts = line_amounts(
            self.quantity, self.unit_price, self.vat_percent, self.discount_percent
        )
        self.net, self.vat, self.gross = amounts.net, amounts.vat, amounts.gross
        list_price = self.item.price if self.item is not None else self.unit_price
        self.list_value = list_value(self.quantity, list_price)

    def too_large(self) -> str | None:
        """Why the line (or its order with it) comes to more than an amount can hold."""
        others = OrderLine.objects.filter(order_id=self.order_id).exclude(pk=self.pk)
        sums = others.aggregate(gross=models.Sum("gross"), listed=models.Sum("list_value"))
        order_gross = (sums["gross"] or Decimal(0)) + self.gross
        order_listed = (sums["listed"] or Decimal(0)) + self.list_value
        if max(self.gross, self.list_value, order_gross, order_listed) > MONEY_MAX:
            return gettext("The order would come to more than %(most)s; split it.") % {
                "most": f"{MONEY_MAX:,.2f}"
            }
        return None

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if not self.order.is_editable:
            raise OrderLockedError(gettext("A confirmed order's lines cannot be removed."))
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        numbers = (self.quantity, self.unit_price, self.vat_percent, self.discount_percent)
        if all(value is not None for value in numbers) and self.order_id:
            self._compute_amounts()
            problem = self.too_large()
            if problem:
                raise ValidationError({"quantity": problem})
        if (
            self.vat_percent is not None
            and not VatRate.objects.filter(percent=self.vat_percent, active=True).exists()
        ):
            raise ValidationError(
                {
                    "vat_percent": _("%(rate)s %% is not a VAT rate of this cooperative.")
                    % {"rate": self.vat_percent}
                }
            )

    def amounts(self) -> LineAmounts:
        return LineAmounts(net=self.net, vat=self.vat, gross=self.gross)


class OrderStatusChange(TrackedModel):
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=OrderStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=OrderStatus.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    visibility: ClassVar[Visibility] = Visibility(roles=FINANCE)

    class Meta:
        verbose_name = _("order status change")
        verbose_name_plural = _("order status history")
        ordering = ["order", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order}: {self.from_status} → {self.to_status}"


class TaskStatus(models.TextChoices):
    TO_DO = "to_do", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ProductionTask(TrackedModel):
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="tasks"
    )
    line = models.ForeignKey(
        OrderLine,
        verbose_name=_("order line"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    workshop = models.ForeignKey(
        "people.Workshop",
        verbose_name=_("workshop"),
        on_delete=models.PROTECT,
        related_name="production_tasks",
    )
    description = models.CharField(_("description"), max_length=250)
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=7,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.TO_DO
    )

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(workshop="workshop", roles=PRODUCTION)

    class Meta:
        verbose_name = _("production task")
        verbose_name_plural = _("production tasks")
        ordering = ["order__due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.order.number}: {self.description}"

    @classmethod
    def of_workshop(cls, workshop: Any, only_open: bool = True) -> models.QuerySet[ProductionTask]:
        """The tasks of ``workshop``; ``only_open``: those work may still be logged against,
        of orders confirmed, in production or ready (offered to work, see work/sources.py)."""
        tasks = cls.objects.filter(workshop=workshop).select_related("order")
        return tasks.filter(order__status__in=OPEN_FOR_WORK) if only_open else tasks

    @staticmethod
    def change_status(tasks: Iterable[ProductionTask], new: str, by: Any) -> int:
        """The one door through which a task's status changes: to do, in progress and done, in
        any order (an instructor may reopen a task); each change is in the task's history."""
        if new not in TaskStatus.values:
            raise InvalidTransitionError(
                gettext("%(status)s is not a task status.") % {"status": new}
            )
        changed = [task for task in tasks if task.status != new]
        now = timezone.now()
        for task in changed:
            task.status, task.modified_at = new, now
            if getattr(by, "pk", None):
                task.modified_by = by
        bulk_update_with_history(
            changed,
            ProductionTask,
            ["status", "modified_at", "modified_by"],
            default_user=by if getattr(by, "pk", None) else None,
            default_change_reason=f"status → {new}",
        )
        return len(changed)


class ProductionLot(TrackedModel):
    """A harvest or a batch: what came out of eco-production, by lot number."""

    item = models.ForeignKey(
        CatalogueItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="lots"
    )
    workshop = models.ForeignKey(
        "people.Workshop", verbose_name=_("workshop"), on_delete=models.PROTECT, related_name="lots"
    )
    lot_number = models.CharField(_("lot number"), max_length=30, unique=True, editable=False)
    quantity = quantity_field(
        _("quantity produced"), validators=[MinValueValidator(Decimal("0.001"))]
    )
    produced_on = PlausibleDateField(_("produced on"), default=timezone.localdate)
    best_before = PlausibleDateField(_("best before"), null=True, blank=True)

    objects = ProductionLotQuerySet.as_manager()
    visibility: ClassVar[Visibility] = Visibility(workshop="workshop", roles=PRODUCTION)

    class Meta:
        verbose_name = _("production lot")
        verbose_name_plural = _("production lots")
        ordering = ["-produced_on", "-lot_number"]

    def __str__(self) -> str:
        return f"{self.lot_number} {self.item}"

    def clean(self) -> None:
        if self.best_before and self.produced_on and self.best_before < self.produced_on:
            raise ValidationError({"best_before": _("Best before cannot be before production.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            if not self.lot_number:
                self.lot_number = next_number("LOT", self.produced_on)
            if self.workshop_id is None:
                self.workshop_id = self.item.workshop_id
            super().save(*args, **kwargs)


class MovementKind(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    USED_INTERNALLY = "used_internally", _("Used internally")
    SPOILED = "spoiled", _("Spoiled")


class StockMovement(TrackedModel):
    """Stock leaving a lot. Stock on hand = produced − Σ movements."""

    lot = models.ForeignKey(
        ProductionLot, verbose_name=_("lot"), on_delete=models.PROTECT, related_name="movements"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MovementKind.choices)
    quantity = quantity_field(_("quantity"), validators=[MinValueValidator(Decimal("0.001"))])
    on = PlausibleDateField(_("date"), default=timezone.localdate)
    delivery = models.ForeignKey(
        "Delivery",
        verbose_name=_("delivery"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movements",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    visibility: ClassVar[Visibility] = Visibility(workshop="lot__workshop", roles=PRODUCTION)

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return (
            f"{self.lot.lot_number} −{format_quantity(self.quantity)} ({self.get_kind_display()})"
        )


class Delivery(TrackedModel):
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="deliveries"
    )
    number = models.CharField(_("number"), max_length=30, unique=True, editable=False)
    delivered_on = PlausibleDateField(_("delivered on"), default=timezone.localdate)

    visibility: ClassVar[Visibility] = Visibility(roles=FINANCE)

    class Meta:
        verbose_name = _("delivery note")
        verbose_name_plural = _("delivery notes")
        ordering = ["-delivered_on", "-number"]

    def __str__(self) -> str:
        return self.number


class DeliveryLine(models.Model):
    """How much of an order line one delivery note carried (an order may go in several)."""

    delivery = models.ForeignKey(
        Delivery, verbose_name=_("delivery note"), on_delete=models.CASCADE, related_name="lines"
    )
    line = models.ForeignKey(
        OrderLine,
        verbose_name=_("order line"),
        on_delete=models.PROTECT,
        related_name="delivered",
    )
    quantity = quantity_field(_("quantity"), validators=[MinValueValidator(Decimal("0.001"))])

    visibility: ClassVar[Visibility] = Visibility(roles=FINANCE)

    class Meta:
        verbose_name = _("delivered line")
        verbose_name_plural = _("delivered lines")
        ordering = ["delivery", "line__position", "line__pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="delivery_line_quantity_positive"
            ),
            models.UniqueConstraint(fields=["delivery", "line"], name="delivery_line_once"),
        ]

    def __str__(self) -> str:
        return f"{self.line.description} × {format_quantity(self.quantity)}"


# The order board shows the orders still moving; paid and cancelled ones are in the list.
BOARD_STATUSES = [S.DRAFT, S.CONFIRMED, S.IN_PRODUCTION, S.READY, S.DELIVERED, S.INVOICED]
