from django.contrib import admin

from reintegra_coop.core.admin import ScopedHistoryAdmin, ScopedModelAdmin

from .models import (
    Advance,
    Bonus,
    DebtRepaymentPlan,
    HourlyRate,
    PayPeriod,
    PayScheme,
    Payslip,
    PayslipLine,
    PieceWork,
    StipendSetting,
)


@admin.register(StipendSetting)
class StipendSettingAdmin(ScopedModelAdmin):
    list_display = [
        "valid_from",
        "base",
        "trial_share",
        "unexcused_limit",
        "sick_limit",
        "paid_days_off",
    ]
    date_hierarchy = "valid_from"


@admin.register(PayScheme)
class PaySchemeAdmin(ScopedModelAdmin):
    list_display = ["trainee", "kind", "valid_from", "valid_until", "hourly_rate"]
    list_filter = ["kind"]
    search_fields = ["trainee__first_name", "trainee__last_name", "trainee__card_number"]


@admin.register(HourlyRate)
class HourlyRateAdmin(ScopedModelAdmin):
    list_display = ["__str__", "workshop", "skill", "stage", "valid_from", "valid_until", "rate"]
    list_filter = ["workshop", "stage"]
    date_hierarchy = "valid_from"


@admin.register(PieceWork)
class PieceWorkAdmin(ScopedModelAdmin):
    list_display = ["trainee", "date", "units"]
    search_fields = ["trainee__first_name", "trainee__last_name"]
    date_hierarchy = "date"


@admin.register(Bonus)
class BonusAdmin(ScopedModelAdmin):
    list_display = ["trainee", "month", "amount"]
    search_fields = ["trainee__first_name", "trainee__last_name"]


@admin.register(Advance)
class AdvanceAdmin(ScopedModelAdmin):
    list_display = ["trainee", "month", "amount"]
    search_fields = ["trainee__first_name", "trainee__last_name"]


@admin.register(DebtRepaymentPlan)
class DebtRepaymentPlanAdmin(ScopedModelAdmin):
    list_display = ["trainee", "creditor", "monthly_amount", "cap", "start_month", "active"]
    list_filter = ["active"]
    search_fields = ["trainee__first_name", "trainee__last_name", "creditor"]


class PayslipLineInline(admin.TabularInline):
    model = PayslipLine
    extra = 0
    can_delete = False
    readonly_fields = ("position", "code", "quantity", "rate", "amount", "detail", "informational")
    fields = readonly_fields


@admin.register(PayPeriod)
class PayPeriodAdmin(ScopedHistoryAdmin):
    """Read-only: periods are run, approved, paid and reopened on the Pay page (period.py)."""

    list_display = ["month", "state", "approved_at", "paid_at"]
    list_filter = ["state"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Payslip)
class PayslipAdmin(ScopedModelAdmin):
    list_display = ["trainee", "period", "scheme", "total", "version", "replaced"]
    list_filter = ["period", "scheme", "replaced"]
    search_fields = ["trainee__first_name", "trainee__last_name"]
    inlines = [PayslipLineInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
