from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import ngettext

from reintegra_coop.core.admin import ScopedModelAdmin
from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.work.roster import booked_over_limits

from .models import (
    ClinicalRead,
    ClinicalRecord,
    CommunityServiceOrder,
    Diagnosis,
    IndividualPlan,
    Milestone,
    ParticipationPause,
    PlanGoal,
    PlanReview,
    SocialContract,
    TherapyPlan,
    UnavailableBlock,
    WorkConstraint,
)


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

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        warn_about_booked_shifts(request, form.instance.trainee_id)


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

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        warn_about_booked_shifts(request, obj.constraint.trainee_id)


def warn_about_booked_shifts(request: HttpRequest, trainee_id: int) -> None:
    """After a constraint changes: the rostered shifts it now breaks, for whoever saved it to
    sort out with the instructor (the instructor's home page lists them too)."""
    found = booked_over_limits([trainee_id])
    if found:
        messages.warning(
            request,
            ngettext(
                "%(count)s rostered shift now breaks this trainee's limits: %(shifts)s",
                "%(count)s rostered shifts now break this trainee's limits: %(shifts)s",
                len(found),
            )
            % {
                "count": len(found),
                "shifts": "; ".join(f"{c.date.isoformat()} {c.shift} ({c.message})" for c in found),
            },
        )


@admin.register(CommunityServiceOrder)
class CommunityServiceOrderAdmin(ScopedModelAdmin):
    list_display = ["trainee", "court_reference", "total_hours", "start", "deadline"]
    search_fields = ["trainee__first_name", "trainee__last_name", "court_reference"]
    date_hierarchy = "deadline"


@admin.register(TherapyPlan)
class TherapyPlanAdmin(ScopedModelAdmin):
    """Scoped to the trainee's own care workers (care data); every page view of a plan is
    logged like a read on the trainee's page."""

    list_display = ["trainee"]
    search_fields = ["trainee__first_name", "trainee__last_name"]

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        plan = self.get_object(request, object_id)  # 404 outside the care team, or a bad id
        ClinicalRead.objects.create(reader=request.user, plan=plan)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(ClinicalRead)
class ClinicalReadAdmin(ScopedModelAdmin):
    list_display = ["trainee", "record", "reader", "read_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_view_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        member = getattr(request.user, "staff_member", None)
        return bool(member and member.care_lead) and super().has_view_permission(request, obj)


@admin.register(Diagnosis)
class DiagnosisAdmin(ScopedModelAdmin):
    list_display = ["trainee", "by_role", "assessed_on", "recommends"]
    list_filter = ["by_role", "recommends"]


class GoalInline(admin.TabularInline):
    model = PlanGoal
    extra = 0


class ReviewInline(admin.TabularInline):
    model = PlanReview
    extra = 0


@admin.register(IndividualPlan)
class IndividualPlanAdmin(ScopedModelAdmin):
    list_display = ["trainee", "opened_on"]
    inlines = [GoalInline, ReviewInline]


@admin.register(SocialContract)
class SocialContractAdmin(ScopedModelAdmin):
    list_display = ["plan", "welfare_office", "signed_on", "ends_on"]


@admin.register(ParticipationPause)
class ParticipationPauseAdmin(ScopedModelAdmin):
    """The reason is for care workers only; their reading it here is logged like on the care
    pages."""

    list_display = ["trainee", "starts_on", "ends_on"]

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if _sees_reasons(request) else ["reason"]

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        pause = self.get_object(request, object_id)  # 404 outside the person's rows
        if request.method == "GET" and pause.reason and _sees_reasons(request):
            ClinicalRead.objects.create(
                reader=request.user, trainee_id=pause.trainee_id, record=ClinicalRecord.PAUSE
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.record(request.user)  # the same rules and lock as the care worker's page


@admin.register(Milestone)
class MilestoneAdmin(ScopedModelAdmin):
    list_display = ["trainee", "title", "kind", "target", "progress", "achieved_on"]
    list_filter = ["kind"]
    search_fields = ["trainee__first_name", "trainee__last_name", "title"]
    readonly_fields = ["progress", "achieved_on", "signed_off_by"]
