from django.contrib import admin

from reintegra_coop.core.admin import ScopedHistoryAdmin, ScopedModelAdmin

from .models import (
    CatalogueItem,
    CorrectionInvoice,
    Customer,
    Delivery,
    Invoice,
    Order,
    OrderStatusChange,
    Payment,
    ProductionLot,
    ProductionTask,
    StockMovement,
    VatRate,
)


@admin.register(VatRate)
class VatRateAdmin(admin.ModelAdmin):
    list_display = ["name", "percent", "active"]
    list_filter = ["active"]
    search_fields = ["name"]


@admin.register(Customer)
class CustomerAdmin(ScopedModelAdmin):
    list_display = ["name", "kind", "tax_id", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "tax_id", "email"]


@admin.register(CatalogueItem)
class CatalogueItemAdmin(ScopedModelAdmin):
    list_display = [
        "name",
        "kind",
        "workshop",
        "unit",
        "price",
        "vat_rate",
        "tracks_stock",
        "active",
    ]
    list_filter = ["kind", "workshop", "tracks_stock", "active"]
    search_fields = ["name"]


class StatusChangeInline(admin.TabularInline):
    model = OrderStatusChange
    extra = 0
    fields = ("created_at", "from_status", "to_status", "note", "created_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Order)
class OrderAdmin(ScopedModelAdmin):
    """Read-only in the back office: orders change through the order pages and their workflow."""

    list_display = ["number", "customer", "kind", "status", "ordered_on", "due_on"]
    list_filter = ["status", "kind", "customer"]
    search_fields = ["number", "customer__name", "note"]
    date_hierarchy = "due_on"
    inlines = [StatusChangeInline]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(ProductionTask)
class ProductionTaskAdmin(ScopedHistoryAdmin):
    list_display = ["order", "workshop", "description", "estimated_hours", "status"]
    list_filter = ["status", "workshop"]
    search_fields = ["order__number", "description"]
    # Tasks come from confirming an order; their status changes on the task list.
    readonly_fields = ["order", "line", "workshop", "status"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(ProductionLot)
class ProductionLotAdmin(ScopedModelAdmin):
    list_display = ["lot_number", "item", "quantity", "produced_on", "best_before", "workshop"]
    list_filter = ["workshop", "item"]
    search_fields = ["lot_number", "item__name"]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # A recorded lot is corrected by stock movements (spoiled), never by editing it.
        return ["workshop", "item", "quantity"] if obj is not None else ["workshop"]


@admin.register(StockMovement)
class StockMovementAdmin(ScopedModelAdmin):
    list_display = ["lot", "kind", "quantity", "on", "delivery"]
    list_filter = ["kind"]
    search_fields = ["lot__lot_number", "lot__item__name"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Delivery)
class DeliveryAdmin(ScopedModelAdmin):
    list_display = ["number", "order", "delivered_on"]
    search_fields = ["number", "order__number"]
    date_hierarchy = "delivered_on"

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Invoice)
class InvoiceAdmin(ScopedModelAdmin):
    list_display = ["number", "order", "issued_on", "due_on", "gross", "paid_on"]
    list_filter = ["paid_on"]
    search_fields = ["number", "order__number", "order__customer__name"]
    date_hierarchy = "issued_on"

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class RecordedOnTheOrderPage(ScopedModelAdmin):
    """Payments and corrections are recorded on the order page, where their rules run; the
    back office only reads them."""

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Payment)
class PaymentAdmin(RecordedOnTheOrderPage):
    list_display = ["invoice", "received_on", "amount", "method", "reference"]
    list_filter = ["method"]
    search_fields = ["invoice__number", "reference", "invoice__order__customer__name"]
    date_hierarchy = "received_on"


@admin.register(CorrectionInvoice)
class CorrectionInvoiceAdmin(RecordedOnTheOrderPage):
    list_display = ["number", "invoice", "issued_on", "reason", "gross_change"]
    search_fields = ["number", "invoice__number", "reason"]
    date_hierarchy = "issued_on"
