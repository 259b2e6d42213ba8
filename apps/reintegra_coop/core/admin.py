"""The back office: Django admin for staff, with the same row-level scoping as our pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import ForeignKey, ManyToManyField, Model, QuerySet
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import HttpRequest

from .models import NumberSeries, TrackedModel
from .scoping import scope

admin.site.site_header = "Reintegra Coop"
admin.site.site_title = "Reintegra Coop"


class ScopedModelAdmin(admin.ModelAdmin):
    """Lists, detail pages and choice fields show only the rows the user may see."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scope(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        kwargs.setdefault("queryset", _scoped_choices(db_field.remote_field.model, request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField[Any] | None:
        kwargs.setdefault("queryset", _scoped_choices(db_field.remote_field.model, request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        if isinstance(obj, TrackedModel):
            obj.stamp(request.user)  # type: ignore[arg-type]
        super().save_model(request, obj, form, change)


def _scoped_choices(model: Any, request: HttpRequest) -> QuerySet[Any]:
    if hasattr(model, "visibility"):
        return scope(model._default_manager.all(), request.user)
    return model._default_manager.all()


@admin.register(NumberSeries)
class NumberSeriesAdmin(admin.ModelAdmin):
    list_display = ["prefix", "year", "last_number"]
    list_filter = ["prefix", "year"]
    search_fields = ["prefix"]
    readonly_fields = ["prefix", "year", "last_number"]


class ScopedUserAdmin(UserAdmin):
    """Managers may reset passwords, but never see or change a superuser."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        # Only a superuser hands out back-office rights; roles come from the staff record.
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
