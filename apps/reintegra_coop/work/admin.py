from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from reintegra_coop.core.admin import ScopedHistoryAdmin, ScopedModelAdmin

from .exceptions import WorkRuleError
from .models import LockedPeriod, Shift, ShiftAssignment, ShiftTemplate, WorkLog
from .validation import check_assignment, check_log


def checked_form(form_class: Any, check: Any, by: Any) -> Any:
    """A form that refuses an entry breaking a work rule, naming the rule and the time."""

    class CheckedForm(form_class):
        def _post_clean(self) -> None:
            super()._post_clean()
            if self.errors:
                return
            try:
                check(self.instance, by)
            except WorkRuleError as error:
                for violation in error.violations:
                    self.add_error(None, violation.message)

    return CheckedForm


@admin.register(ShiftTemplate)
class ShiftTemplateAdmin(ScopedModelAdmin):
    list_display = ["workshop", "name", "weekdays", "start", "end", "capacity", "active"]
    list_filter = ["workshop", "active"]
    search_fields = ["name", "workshop__name"]


class AssignmentInline(admin.TabularInline):
    model = ShiftAssignment
    extra = 0
    fields = ["trainee", "override_reason"]
    readonly_fields = ["trainee"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # assignments are checked one by one in their own form


@admin.register(Shift)
class ShiftAdmin(ScopedModelAdmin):
    list_display = ["date", "workshop", "start", "end", "capacity"]
    list_filter = ["workshop"]
    date_hierarchy = "date"
    search_fields = ["workshop__name"]
    inlines = [AssignmentInline]


@admin.register(ShiftAssignment)
class ShiftAssignmentAdmin(ScopedModelAdmin):
    list_display = ["trainee", "shift"]
    list_filter = ["shift__workshop"]
    search_fields = ["trainee__first_name", "trainee__last_name"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm]:
        return checked_form(
            super().get_form(request, obj, change, **kwargs), check_assignment, request.user
        )


@admin.register(WorkLog)
class WorkLogAdmin(ScopedHistoryAdmin):
    list_display = [
        "date",
        "trainee",
        "workshop",
        "start",
        "end",
        "attendance",
        "work_type",
        "status",
    ]
    list_filter = ["status", "attendance", "work_type", "workshop"]
    search_fields = ["trainee__first_name", "trainee__last_name", "note"]
    date_hierarchy = "date"
    readonly_fields = ["status", "amends", "superseded", "disputed_at", "dispute_comment"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm]:
        return checked_form(
            super().get_form(request, obj, change, **kwargs), check_log, request.user
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Approved logs are corrected by a new, amending log, never edited in place.
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)


@admin.register(LockedPeriod)
class LockedPeriodAdmin(ScopedModelAdmin):
    list_display = ["first_day", "last_day", "reason"]
    date_hierarchy = "first_day"
