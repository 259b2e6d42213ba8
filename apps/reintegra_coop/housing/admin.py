from django.contrib import admin

from reintegra_coop.core.admin import ScopedModelAdmin

from .models import HousingUnit, InKindValueSetting, RentPayment, Tenancy


@admin.register(HousingUnit)
class HousingUnitAdmin(ScopedModelAdmin):
    list_display = ["name", "level", "monthly_rent", "active"]
    list_filter = ["level", "active"]
    search_fields = ["name"]


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
        "payroll_deduction",
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
