from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from reintegra_coop.core.admin import ScopedModelAdmin
from reintegra_coop.core.roles import Role, role_of

from .models import CommunityServiceOrder, UnavailableBlock, WorkConstraint


def _sees_reasons(request: HttpRequest) -> bool:
    return role_of(request.user) == Role.CARE_WORKER


class BlockInline(admin.TabularInline):
    model = UnavailableBlock
    extra = 0

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if _sees_reasons(request) else ["reason"]


@admin.register(WorkConstraint)
class WorkConstraintAdmin(ScopedModelAdmin):
    list_display = [
        "trainee",
        "max_minutes_per_day",
        "max_minutes_per_week",
        "earliest_start",
        "latest_end",
    ]
    search_fields = ["trainee__first_name", "trainee__last_name"]
    inlines = [BlockInline]


@admin.register(UnavailableBlock)
class UnavailableBlockAdmin(ScopedModelAdmin):
    list_display = ["constraint", "weekday", "start", "end"]

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        # Filtering by the reason would reveal it, one guess at a time.
        if lookup.startswith("reason") and (request is None or not _sees_reasons(request)):
            return False
        return super().lookup_allowed(lookup, value, request)

    list_filter = ["weekday"]
    search_fields = ["constraint__trainee__first_name", "constraint__trainee__last_name"]

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if _sees_reasons(request) else ["reason"]


@admin.register(CommunityServiceOrder)
class CommunityServiceOrderAdmin(ScopedModelAdmin):
    list_display = ["trainee", "court_reference", "total_hours", "start", "deadline"]
    search_fields = ["trainee__first_name", "trainee__last_name", "court_reference"]
    date_hierarchy = "deadline"
