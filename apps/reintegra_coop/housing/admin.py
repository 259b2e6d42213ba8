from django.contrib import admin

from reintegra_coop.core.admin import ScopedModelAdmin

from .models import (
    HousingUnit,
    InKindValueSetting,
    RentChange,
    RentPayment,
    StoredStatement,
    Tenancy,
)


class RentChangeInline(admin.TabularInline):
    model = RentChange
    extra = 0
    fields = ["valid_from", "monthly_rent"]


@admin.register(HousingUnit)
class HousingUnitAdmin(ScopedModelAdmin):
    list_display = ["name", "level", "monthly_rent", "active"]
    list_filter = ["level", "active"]
    search_fields = ["name"]
    inlines = [RentChangeInline]


class PaymentInline(admin.TabularInline):
    model = RentPayment
    extra = 0
    fields = ["paid_on", "amount"]


@admin.register(Tenancy)
class TenancyAdmin(ScopedModelAdmin):
    list_display = [
        "trainee",
        "unit",
        "start",
        "end",
        "share_fixed",
        "share_percent",
        "payroll_consent_on",
    ]
    list_filter = ["unit__level", "unit"]
    search_fields = ["trainee__first_name", "trainee__last_name", "unit__name"]
    inlines = [PaymentInline]


@admin.register(RentPayment)
class RentPaymentAdmin(ScopedModelAdmin):
    list_display = ["tenancy", "paid_on", "amount"]
    date_hierarchy = "paid_on"
    search_fields = ["tenancy__trainee__first_name", "tenancy__trainee__last_name"]


@admin.register(InKindValueSetting)
class InKindValueSettingAdmin(ScopedModelAdmin):
    list_display = ["valid_from", "hourly_value"]


@admin.register(StoredStatement)
class StoredStatementAdmin(ScopedModelAdmin):
    """Read-only: stored when a pay period is approved (housing/ledger.py)."""

    list_display = ["tenancy", "month", "version", "replaced", "closing_balance"]
    list_filter = ["month", "replaced"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
