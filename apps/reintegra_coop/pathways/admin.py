"""The pathway records in the back office: read only, scoped like their pages (partners,
referrals, openings and placements are recorded on the pathway pages, where consent, the
placement milestone and the work record's rules are kept)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from reintegra_coop.core.admin import ScopedHistoryAdmin, ScopedModelAdmin

from .models import (
    Agreement,
    CashClosing,
    CashEntry,
    Contact,
    DayJob,
    DayWork,
    DayWorker,
    DayWorkLimit,
    Exit,
    FollowUp,
    FundingProject,
    Opening,
    Organisation,
    ParticipantProfile,
    Placement,
    PlacementFeedback,
    Referral,
)


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["name", "kind", "employer_tie", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]


@admin.register(Contact)
class ContactAdmin(ReadOnly, ScopedModelAdmin):
    list_display = ["name", "organisation", "position", "phone"]
    search_fields = ["name", "organisation__name"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["title", "organisation", "starts_on", "ends_on"]
    search_fields = ["title", "organisation__name"]


@admin.register(Referral)
class ReferralAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["trainee", "organisation", "direction", "referred_on", "answer"]
    list_filter = ["direction", "answer"]


@admin.register(Opening)
class OpeningAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["title", "employer", "status", "hours_per_week"]
    list_filter = ["status"]


@admin.register(Placement)
class PlacementAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["trainee", "employer", "starts_on", "planned_end_on", "status", "pay_terms"]
    list_filter = ["status", "pay_terms"]


@admin.register(PlacementFeedback)
class PlacementFeedbackAdmin(ReadOnly, ScopedModelAdmin):
    list_display = ["placement", "point", "given_on", "punctuality", "quality", "teamwork"]


@admin.register(Exit)
class ExitAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["trainee", "exited_on", "reason", "work_status", "housing"]
    list_filter = ["reason"]


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["exit", "point", "due_on", "contacted_on", "work_status", "housing"]


@admin.register(FundingProject)
class FundingProjectAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["name", "funder", "starts_on", "ends_on"]


@admin.register(ParticipantProfile)
class ParticipantProfileAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["trainee", "consent_on"]


@admin.register(DayWorkLimit)
class DayWorkLimitAdmin(ScopedHistoryAdmin):
    """A site's setting, with its validity: how much day work one person may do a month."""

    list_display = ["valid_from", "days_a_month", "pay_a_month"]


@admin.register(DayWorker)
class DayWorkerAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["last_name", "first_name", "card_number", "became_trainee"]
    search_fields = ["last_name", "first_name", "card_number"]


@admin.register(DayJob)
class DayJobAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["date", "task", "place", "pay", "places"]
    date_hierarchy = "date"


@admin.register(DayWork)
class DayWorkAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["job", "worker", "worked", "amount", "receipt"]


@admin.register(CashEntry)
class CashEntryAdmin(ReadOnly, ScopedModelAdmin):
    list_display = ["day", "kind", "amount", "note"]
    date_hierarchy = "day"


@admin.register(CashClosing)
class CashClosingAdmin(ReadOnly, ScopedHistoryAdmin):
    list_display = ["day", "counted_total", "expected_total", "difference", "note"]
