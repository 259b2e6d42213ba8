from django.contrib import admin

from reintegra_coop.core.admin import ScopedModelAdmin

from .models import Skill, StaffMember, StageChange, Trainee, Workshop


class SkillInline(admin.TabularInline):
    model = Skill
    extra = 0


@admin.register(Workshop)
class WorkshopAdmin(ScopedModelAdmin):
    list_display = ["name", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "description"]
    inlines = [SkillInline]


@admin.register(Skill)
class SkillAdmin(ScopedModelAdmin):
    list_display = ["name", "workshop"]
    list_filter = ["workshop"]
    search_fields = ["name", "workshop__name"]


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    fields = ("on", "from_stage", "to_stage", "exit_reason", "note", "created_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # stages change through Trainee.move_to, which keeps the history right


@admin.register(Trainee)
class TraineeAdmin(ScopedModelAdmin):
    list_display = ["last_name", "first_name", "stage", "stage_since", "card_number"]
    list_filter = ["stage", "workshops", "exit_reason"]
    search_fields = ["first_name", "last_name", "card_number", "user__username"]
    filter_horizontal = ["workshops"]
    # The stage moves only through the programme's steps (Trainee.move_to), never by hand.
    readonly_fields = [
        "stage",
        "stage_since",
        "participation_started_on",
        "exited_on",
        "exit_reason",
    ]
    inlines = [StageChangeInline]


@admin.register(StageChange)
class StageChangeAdmin(ScopedModelAdmin):
    list_display = ["trainee", "on", "from_stage", "to_stage", "exit_reason"]
    list_filter = ["to_stage", "exit_reason"]
    search_fields = ["trainee__first_name", "trainee__last_name"]
    date_hierarchy = "on"

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # history is not edited


@admin.register(StaffMember)
class StaffMemberAdmin(ScopedModelAdmin):
    list_display = ["__str__", "role", "care_profession", "active"]
    list_filter = ["role", "care_profession", "active", "workshops"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    filter_horizontal = ["workshops", "caseload"]
