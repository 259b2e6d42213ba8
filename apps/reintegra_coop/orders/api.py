"""REST API for customers, the catalogue, orders, order lines and production lots.

Reading needs the model's view permission, writing its add/change/delete permission (per role,
core/roles.py); every list is scoped like the pages. The schema is at /api/schema/.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import routers, serializers, viewsets

from reintegra_coop.core.api import ScopedViewSetMixin
from reintegra_coop.core.scoping import scope

from .exceptions import OrderLockedError
from .models import CatalogueItem, Customer, Order, OrderLine, ProductionLot, VatRate


def locked_message() -> str:
    return _("The order is confirmed: amend it to change it.")


def _current(instance: Any, model: Any) -> dict[str, Any]:
    """The stored field values of ``instance`` (for checks on a partial update)."""
    if instance is None:
        return {}
    return {
        field.name: getattr(instance, field.name)
        for field in model._meta.concrete_fields
        if not field.primary_key
    }


def _run_model_checks(check: Any) -> None:
    """Run a model's clean() and hand its messages to DRF, field by field."""
    try:
        check()
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.message_dict) from None


@contextmanager
def _locked_order_errors() -> Iterator[None]:
    try:
        yield
    except OrderLockedError as error:
        raise serializers.ValidationError({"order": [str(error)]}) from None


class CustomerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Customer
        fields = ["id", "kind", "name", "tax_id", "address", "email", "phone", "active"]

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        pk = self.instance.pk if self.instance else None  # its own tax id is no duplicate
        _run_model_checks(Customer(pk=pk, **{**_current(self.instance, Customer), **data}).clean)
        return data


class CatalogueItemSerializer(serializers.ModelSerializer):
    vat_percent = serializers.DecimalField(
        source="vat_rate.percent", max_digits=5, decimal_places=2, read_only=True
    )

    class Meta:
        model = CatalogueItem
        fields = [
            "id",
            "kind",
            "name",
            "workshop",
            "unit",
            "price",
            "vat_rate",
            "vat_percent",
            "tracks_stock",
            "active",
        ]


class OrderLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderLine
        fields = [
            "id",
            "order",
            "position",
            "item",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "vat_percent",
            "discount_percent",
            "net",
            "vat",
            "gross",
            "list_value",
        ]
        read_only_fields = ["net", "vat", "gross", "list_value"]

    def validate_vat_percent(self, value: Any) -> Any:
        if not VatRate.objects.filter(percent=value, active=True).exists():
            raise serializers.ValidationError(
                _("%(rate)s %% is not a VAT rate of this cooperative.") % {"rate": value}
            )
        return value

    def validate_order(self, order: Order) -> Order:
        if not order.is_editable:
            raise serializers.ValidationError(locked_message())
        if self.instance is not None and self.instance.order_id != order.pk:
            raise serializers.ValidationError(_("A line cannot move to another order."))
        return order


class OrderSerializer(serializers.ModelSerializer):
    lines = OrderLineSerializer(many=True, read_only=True)
    total_net = serializers.DecimalField(max_digits=15, decimal_places=2, read_only=True)
    total_vat = serializers.DecimalField(max_digits=15, decimal_places=2, read_only=True)
    total_gross = serializers.DecimalField(max_digits=15, decimal_places=2, read_only=True)

    class Meta:
        model = Order
        fields = [
            "id",
            "number",
            "revision",
            "kind",
            "customer",
            "ordered_on",
            "due_on",
            "status",
            "note",
            "lines",
            "total_net",
            "total_vat",
            "total_gross",
        ]
        read_only_fields = ["number", "revision", "status"]

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None and not self.instance.is_editable:
            raise serializers.ValidationError(locked_message())
        values = {**_current(self.instance, Order), **data}
        values = {
            key: value
            for key, value in values.items()
            if key not in ("number", "revision", "revision_of", "status")
        }
        _run_model_checks(Order(pk=getattr(self.instance, "pk", None), **values).clean)
        return data


class ProductionLotSerializer(serializers.ModelSerializer):
    on_hand = serializers.DecimalField(max_digits=15, decimal_places=3, read_only=True)

    class Meta:
        model = ProductionLot
        fields = [
            "id",
            "lot_number",
            "item",
            "workshop",
            "quantity",
            "produced_on",
            "best_before",
            "on_hand",
        ]
        read_only_fields = ["lot_number", "workshop"]

    def validate_item(self, item: CatalogueItem) -> CatalogueItem:
        user = self.context["request"].user
        stocked = scope(CatalogueItem.objects.filter(tracks_stock=True), user)
        if not stocked.filter(pk=item.pk).exists():
            raise serializers.ValidationError(_("Choose a stocked item of one of your workshops."))
        return item

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        _run_model_checks(ProductionLot(**data).clean)
        return data

    def create(self, validated_data: dict[str, Any]) -> ProductionLot:
        validated_data["workshop_id"] = validated_data["item"].workshop_id
        return super().create(validated_data)


class CustomerViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = Customer.objects.all()
    serializer_class = CustomerSerializer
    filterset_fields = ["kind", "active"]

    def perform_create(self, serializer: Any) -> None:
        serializer.save(created_by=self.request.user, modified_by=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        serializer.save(modified_by=self.request.user)


class CatalogueItemViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = CatalogueItem.objects.select_related("vat_rate")
    serializer_class = CatalogueItemSerializer
    filterset_fields = ["kind", "workshop", "tracks_stock", "active"]


class OrderViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = Order.objects.with_totals().prefetch_related("lines")
    serializer_class = OrderSerializer
    filterset_fields = ["status", "kind", "customer"]

    def perform_create(self, serializer: Any) -> None:
        with transaction.atomic():
            serializer.save(created_by=self.request.user, modified_by=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        # Locked, so a confirmation landing meanwhile is not turned back into a draft.
        with transaction.atomic(), _locked_order_errors():
            serializer.instance.lock_for_editing()
            serializer.save(modified_by=self.request.user)

    def perform_destroy(self, instance: Order) -> None:
        with transaction.atomic(), _locked_order_errors():
            instance.lock_for_editing()
            instance.delete()


class OrderLineViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = OrderLine.objects.select_related("order", "order__customer", "item")
    serializer_class = OrderLineSerializer
    filterset_fields = ["order"]

    def perform_create(self, serializer: Any) -> None:
        with transaction.atomic(), _locked_order_errors():
            serializer.validated_data["order"].lock_for_editing()
            serializer.save()

    def perform_update(self, serializer: Any) -> None:
        with transaction.atomic(), _locked_order_errors():
            serializer.instance.order.lock_for_editing()
            serializer.save()

    def perform_destroy(self, instance: OrderLine) -> None:
        with transaction.atomic(), _locked_order_errors():
            instance.order.lock_for_editing()
            instance.delete()


class ProductionLotViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = ProductionLot.objects.with_on_hand()
    serializer_class = ProductionLotSerializer
    filterset_fields = ["item", "workshop"]
    http_method_names = ["get", "post", "head", "options"]  # lots are corrected by movements

    def perform_create(self, serializer: Any) -> None:
        serializer.save(created_by=self.request.user, modified_by=self.request.user)


router = routers.DefaultRouter()
router.register("customers", CustomerViewSet)
router.register("items", CatalogueItemViewSet)
router.register("orders", OrderViewSet)
router.register("order-lines", OrderLineViewSet)
router.register("lots", ProductionLotViewSet)
