"""What every area's REST API shares: model permissions per role, and row-level scoping."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission, DjangoModelPermissions
from rest_framework.response import Response

from .roles import STAFF_ROLES, role_of
from .scoping import scope


class StaffOnly(BasePermission):
    """The API's schema and documentation: for staff, not for the public or trainees."""

    def has_permission(self, request: Any, view: Any) -> bool:
        return role_of(request.user) in STAFF_ROLES


class ScopedModelPermissions(DjangoModelPermissions):
    """Django model permissions, with reading needing the view permission too."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }


class ScopedViewSetMixin:
    """Lists and details hold only the rows the user may see (as on our pages)."""

    request: Any
    queryset: QuerySet[Any]

    def get_queryset(self) -> QuerySet[Any]:
        return scope(super().get_queryset(), self.request.user)  # type: ignore[misc]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """A rule the model layer keeps (raised as Django's ValidationError on save) answers 400
    naming the field, as a serializer's own check would, never 500."""
    from rest_framework.views import exception_handler as drf_exception_handler  # not at import:
    # rest_framework.views reads the settings that name this module

    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = ValidationError(detail)
    return drf_exception_handler(exc, context)
