"""The back office: consents and legal holds with their history; the disclosure log read-only
(it is written by the prints and exports, never by hand)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from reintegra_coop.core.admin import ScopedHistoryAdmin, ScopedModelAdmin

from .models import Consent, DisclosureLog, LegalHold


@admin.register(Consent)
class ConsentAdmin(ScopedHistoryAdmin):
    list_display = ["trainee", "kind", "partner", "given_on", "withdrawn_on"]
    list_filter = ["kind"]
    search_fields = ["trainee__first_name", "trainee__last_name", "partner"]


@admin.register(LegalHold)
class LegalHoldAdmin(ScopedHistoryAdmin):
    list_display = ["trainee", "reason", "created_at", "lifted_at"]
    search_fields = ["trainee__first_name", "trainee__last_name", "reason"]


@admin.register(DisclosureLog)
class DisclosureLogAdmin(ScopedModelAdmin):
    list_display = ["disclosed_at", "trainee", "document", "disclosed_by", "recipient"]
    list_filter = ["document"]
    date_hierarchy = "disclosed_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
