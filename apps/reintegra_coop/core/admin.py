"""The back office: Django admin for staff, with the same row-level scoping as our pages.

Every view of a scoped model — list, change, delete, history — shows a row only to those who may
see it in its list: a row outside the list is "not found" (404), never a redirect that tells it
exists, and the history of a row is read-only (changes go through the model's own door).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import ForeignKey, ManyToManyField, Model, QuerySet
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import Http404, HttpRequest, HttpResponse
from django_otp.plugins.otp_totp.models import TOTPDevice
from sequences.models import Sequence  # type: ignore[import-untyped]  # no py.typed
from simple_history.admin import SimpleHistoryAdmin

from .models import DeviceReset, TrackedModel
from .scoping import scope

admin.site.site_header = "Reintegra Coop"
admin.site.site_title = "Reintegra Coop"


class ScopedModelAdmin(admin.ModelAdmin):
    """Lists, detail pages and choice fields show only the rows the user may see."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scope(super().get_queryset(request), request.user)

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Any:
        found = super().get_object(request, object_id, from_field)
        if found is None:
            raise Http404  # outside the user's rows, or gone: the same answer
        return found

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        """Only the filters the list offers, and the model's own visible fields: a free lookup
        across a relation (?therapy_plan__isnull=False) or on a hidden field (?reason__start…)
        would answer questions about rows and fields the user may not see."""
        offered = [self.date_hierarchy or ""] + [
            entry if isinstance(entry, str) else entry[0]
            for entry in self.list_filter
            if isinstance(entry, str | tuple)
        ]
        if any(path and (lookup == path or lookup.startswith(f"{path}__")) for path in offered):
            return super().lookup_allowed(lookup, value, request)
        name = lookup.split("__")[0]
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        hidden = set(self.get_exclude(request) or []) if request is not None else set()
        if field.is_relation or name in hidden:
            return False
        return super().lookup_allowed(lookup, value, request)

    def in_scope(self, request: HttpRequest, obj: Model | None) -> bool:
        if obj is None:
            return True
        cache: dict[tuple[str, Any], bool] = request.__dict__.setdefault("_in_scope", {})
        key = (obj._meta.label, obj.pk)
        if key not in cache:
            rows = self.get_queryset(request)
            cache[key] = obj.pk is not None and rows.filter(pk=obj.pk).exists()
        return cache[key]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        return acting_form(super().get_form(request, obj, change, **kwargs), request.user)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        kwargs.setdefault("queryset", scoped_choices(db_field.remote_field.model, request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField[Any] | None:
        kwargs.setdefault("queryset", scoped_choices(db_field.remote_field.model, request))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        if isinstance(obj, TrackedModel):
            obj.stamp(request.user)
        super().save_model(request, obj, form, change)


class ScopedHistoryAdmin(ScopedModelAdmin, SimpleHistoryAdmin):
    """A scoped model with django-simple-history: its history is shown, scoped like its list,
    and never reverted from the back office (a revert would skip the model's rules)."""

    def has_change_history_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        self.get_object(request, object_id)  # 404 outside the user's rows
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        self.get_object(request, object_id)
        if not str(version_id).isdigit():
            raise Http404
        if request.method == "POST":
            raise PermissionDenied  # read-only history
        return super().history_form_view(request, object_id, version_id, extra_context)


def acting_form(form_class: Any, user: Any) -> Any:
    """The admin form, its instance knowing who acts while it is validated (rules such as who
    may grant a role depend on it)."""

    class ActingForm(form_class):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.instance._acting_user = user

    ActingForm.__name__ = form_class.__name__
    return ActingForm


def scoped_choices(model: Any, request: HttpRequest) -> QuerySet[Any]:
    if hasattr(model, "visibility"):
        return scope(model._default_manager.all(), request.user)
    if model is get_user_model() and not request.user.is_superuser:
        return model._default_manager.filter(is_superuser=False)
    return model._default_manager.all()


# The number series (django-sequences, one row per prefix and year: "ORD-2026"): shown, never
# edited, since a number changed by hand would repeat or skip a document number.
admin.site.unregister(Sequence)


@admin.register(Sequence)
class SequenceAdmin(admin.ModelAdmin):
    list_display = ["name", "last"]
    ordering = ["name"]
    search_fields = ["name"]
    readonly_fields = ["name", "last"]


# Phones for two-factor login are set up at login and reset from the staff list, where each
# reset is kept (core/two_factor.py); the back office neither shows their secrets nor edits them.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(DeviceReset)
class DeviceResetAdmin(admin.ModelAdmin):
    """Who reset whose two-factor login, and when: read only."""

    list_display = ["login", "reset_by", "reset_at"]
    date_hierarchy = "reset_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
