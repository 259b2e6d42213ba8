"""REST API for shifts, roster assignments and work logs: the same rules as the pages
(validation.py), the same scoping, per-role permissions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets

from reintegra_coop.core.api import ScopedViewSetMixin
from reintegra_coop.people.scoping import visible_trainees, visible_workshops

from .approval import correct
from .exceptions import WorkRuleError
from .models import Shift, ShiftAssignment, WorkLog
from .roster import assign
from .validation import check_log


def _rule_errors(error: WorkRuleError) -> serializers.ValidationError:
    return serializers.ValidationError(
        {"rules": [violation.message for violation in error.violations]}
    )


def _own_workshop(workshop: Any, user: Any) -> None:
    if workshop is not None and not visible_workshops(user).filter(pk=workshop.pk).exists():
        raise serializers.ValidationError({"workshop": [_("Not one of your workshops.")]})


class ShiftSerializer(serializers.ModelSerializer):
    class Meta:
        model = Shift
        fields = ["id", "workshop", "date", "start", "end", "capacity", "template"]

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        _own_workshop(
            data.get("workshop") or getattr(self.instance, "workshop", None),
            self.context["request"].user,
        )
        candidate = Shift(
            **{
                **{
                    f: getattr(self.instance, f)
                    for f in ("workshop", "date", "start", "end", "capacity")
                    if self.instance is not None
                },
                **data,
            }
        )
        candidate.pk = getattr(self.instance, "pk", None)
        try:
            candidate.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return data


class ShiftAssignmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ShiftAssignment
        fields = ["id", "shift", "trainee", "override_reason"]

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        _own_workshop(data["shift"].workshop, self.context["request"].user)
        return data


class WorkLogSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkLog
        fields = [
            "id",
            "trainee",
            "date",
            "start",
            "end",
            "minutes",
            "workshop",
            "shift",
            "task",
            "skill",
            "attendance",
            "work_type",
            "done_independently",
            "note",
            "status",
            "override_reason",
            "amends",
            "superseded",
            "disputed_at",
            "dispute_comment",
            "late",
            "paid_in",
        ]
        read_only_fields = [
            "minutes",
            "status",
            "amends",
            "superseded",
            "disputed_at",
            "dispute_comment",
            "paid_in",
        ]

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        user = self.context["request"].user
        if self.instance is not None:
            fixed = [
                name
                for name in ("trainee", "date", "workshop", "late")
                if name in data and data[name] != getattr(self.instance, name)
            ]
            if fixed:
                raise serializers.ValidationError(
                    {name: [_("Cannot be changed; log a new entry instead.")] for name in fixed}
                )
            return data
        _own_workshop(data.get("workshop"), user)
        if (
            not visible_trainees(user)
            .filter(pk=data["trainee"].pk, workshops=data["workshop"])
            .exists()
        ):
            raise serializers.ValidationError(
                {"trainee": [_("Not a trainee of this workshop you run.")]}
            )
        return data


class ShiftViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = Shift.objects.all()
    serializer_class = ShiftSerializer
    filterset_fields = ["workshop", "date"]


class ShiftAssignmentViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = ShiftAssignment.objects.select_related("shift")
    serializer_class = ShiftAssignmentSerializer
    filterset_fields = ["shift", "trainee", "shift__date"]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        try:
            serializer.instance = assign(
                data["shift"], data["trainee"], self.request.user, data.get("override_reason", "")
            )
        except WorkRuleError as error:
            raise _rule_errors(error) from None


class WorkLogViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = WorkLog.objects.select_related("trainee")
    serializer_class = WorkLogSerializer
    filterset_fields = ["trainee", "workshop", "date", "status", "attendance", "work_type"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer: Any) -> None:
        with transaction.atomic():  # checked and saved under the trainee's lock
            try:
                check_log(WorkLog(**serializer.validated_data), self.request.user)
            except WorkRuleError as error:
                raise _rule_errors(error) from None
            serializer.save(created_by=self.request.user, modified_by=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        """A change goes through the same correction path as the pages (history kept;
        an approved log gets an amending log)."""
        changes = {
            name: value
            for name, value in serializer.validated_data.items()
            if name not in ("trainee", "date", "workshop", "late")
        }
        try:
            serializer.instance = correct(serializer.instance, changes, self.request.user)
        except WorkRuleError as error:
            raise _rule_errors(error) from None
