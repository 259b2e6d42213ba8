from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.admin import ScopedModelAdmin
from reintegra_coop.core.formatting import format_moment
from reintegra_coop.core.roles import grantable_roles, may_manage_login, may_set_password

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
    fields = ("on", "from_stage", "to_stage", "exit_reason", "note", "created_by", "undone")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # stages change through Trainee.move_to, which keeps the history right

    @admin.display(description=_("undone at"))
    def undone(self, change: StageChange) -> str:
        """An undone change stays in the history, marked: when, by whom and why."""
        if change.undone_at is None:
            return "—"
        when = format_moment(change.undone_at)
        return f"{gettext('Undone:')} {when}, {change.undone_by or '—'}: {change.undo_reason}"


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

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A manager may see a manager's staff record, but only a superuser changes it.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_manage_login(request.user, obj.user))

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "role":
            allowed = grantable_roles(request.user)
            kwargs["choices"] = [("", "---------")] + [
                (value, label) for value, label in db_field.choices if value in allowed
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class LoginForm(UserChangeForm):
    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.instance.pk and (cleaned.get("is_staff") or cleaned.get("is_superuser")):
            trainee = Trainee.objects.filter(user_id=self.instance.pk).first()
            if trainee is not None:
                raise forms.ValidationError(
                    _("This login belongs to a trainee; it never has back-office rights.")
                )
        return cleaned


class ScopedUserAdmin(UserAdmin):
    """Logins. A manager changes those of trainees and of the roles a manager grants, never a
    superuser's or another manager's; only a superuser hands out back-office rights."""

    form = LoginForm

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_manage_login(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_manage_login(request.user, obj))

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        user = self.get_object(request, id)
        if not may_set_password(request.user, user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        found = super().get_object(request, object_id, from_field)
        if found is None:
            raise Http404
        return found

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return (
            "is_superuser",
            "is_staff",
            "groups",
            "user_permissions",
            "last_login",
            "date_joined",
        )


admin.site.unregister(User)
admin.site.register(User, ScopedUserAdmin)
