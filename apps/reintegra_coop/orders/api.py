"""REST API for customers, the catalogue, orders, order lines and production lots.

Reading needs the model's view permission, writing its add/change/delete permission (per role,
core/roles.py); every list is scoped like the pages. The schema is at /api/schema/.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from rest_framework import routers, serializers, viewsets

from reintegra_coop.core.api import ScopedViewSetMixin

from .exceptions import OrderLockedError
from .models import CatalogueItem, Customer, Order, OrderLine, ProductionLot, VatRate


class CustomerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Customer
        fields = ["id", "kind", "name", "tax_id", "address", "email", "phone", "active"]


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
            raise serializers.ValidationError(f"{value} % is not a VAT rate of this cooperative.")
        return value

    def validate_order(self, order: Order) -> Order:
        if not order.is_editable:
            raise serializers.ValidationError("The order is confirmed: amend it to change lines.")
        return order

    def save(self, **kwargs: Any) -> Any:
        try:
            return super().save(**kwargs)
        except OrderLockedError as error:
            raise serializers.ValidationError({"order": [str(error)]}) from None


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
            raise serializers.ValidationError("The order is confirmed: amend it to change it.")
        ordered_on = data.get("ordered_on") or getattr(self.instance, "ordered_on", None)
        if data.get("due_on") and ordered_on and data["due_on"] < ordered_on:
            raise serializers.ValidationError(
                {"due_on": "The due date cannot be before the order date."}
            )
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

    def create(self, validated_data: dict[str, Any]) -> ProductionLot:
        validated_data["workshop_id"] = validated_data["item"].workshop_id
        return super().create(validated_data)


class CustomerViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = Customer.objects.all()
    serializer_class = CustomerSerializer
    filterset_fields = ["kind", "active"]


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

    def perform_destroy(self, instance: Order) -> None:
        if not instance.is_editable:
            raise serializers.ValidationError("Only a draft order can be deleted; cancel it.")
        instance.delete()


class OrderLineViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = OrderLine.objects.select_related("order", "order__customer", "item")
    serializer_class = OrderLineSerializer
    filterset_fields = ["order"]

    def perform_destroy(self, instance: OrderLine) -> None:
        try:
            instance.delete()
        except OrderLockedError as error:
            raise serializers.ValidationError(str(error)) from None


class ProductionLotViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = ProductionLot.objects.with_on_hand()
    serializer_class = ProductionLotSerializer
    filterset_fields = ["item", "workshop"]
    http_method_names = ["get", "post", "head", "options"]  # lots are corrected by movements


router = routers.DefaultRouter()
router.register("customers", CustomerViewSet)
router.register("items", CatalogueItemViewSet)
router.register("orders", OrderViewSet)
router.register("order-lines", OrderLineViewSet)
router.register("lots", ProductionLotViewSet)
