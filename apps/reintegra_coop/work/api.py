"""REST API for shifts, roster assignments and work logs: the same rules as the pages
(validation.py), the same scoping, per-role permissions."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets

from reintegra_coop.core.api import ScopedViewSetMixin
from reintegra_coop.core.scoping import scope, visible_trainees

from .approval import correct
from .exceptions import WorkRuleError
from .models import Shift, ShiftAssignment, WorkLog
from .validation import check_assignment, check_log


def _rule_errors(error: WorkRuleError) -> serializers.ValidationError:
    return serializers.ValidationError(
        {"rules": [violation.message for violation in error.violations]}
    )


class ShiftSerializer(serializers.ModelSerializer):
    class Meta:
        model = Shift
        fields = ["id", "workshop", "date", "start", "end", "capacity", "template"]

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        user = self.context["request"].user
        workshop = data.get("workshop") or getattr(self.instance, "workshop", None)
        if (
            workshop is not None
            and not scope(type(workshop).objects.filter(pk=workshop.pk), user).exists()
        ):
            raise serializers.ValidationError({"workshop": [_("Not one of your workshops.")]})
        start = data.get("start") or getattr(self.instance, "start", None)
        end = data.get("end") or getattr(self.instance, "end", None)
        if start and end and end <= start:
            raise serializers.ValidationError({"end": [_("The end must be after the start.")]})
        return data


class ShiftAssignmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ShiftAssignment
        fields = ["id", "shift", "trainee", "override_reason"]

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        user = self.context["request"].user
        shift, trainee = data["shift"], data["trainee"]
        if not visible_trainees(user).filter(pk=trainee.pk, workshops=shift.workshop_id).exists():
            raise serializers.ValidationError(
                {"trainee": [_("Not a trainee of this shift's workshop.")]}
            )
        if shift.assignments.count() >= shift.capacity:
            raise serializers.ValidationError({"shift": [_("The shift is full.")]})
        try:
            check_assignment(
                ShiftAssignment(
                    shift=shift, trainee=trainee, override_reason=data.get("override_reason", "")
                ),
                user,
            )
        except WorkRuleError as error:
            raise _rule_errors(error) from None
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
        ]
        read_only_fields = [
            "minutes",
            "status",
            "amends",
            "superseded",
            "disputed_at",
            "dispute_comment",
        ]

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        user = self.context["request"].user
        trainee = data.get("trainee") or getattr(self.instance, "trainee", None)
        workshop = data.get("workshop") or getattr(self.instance, "workshop", None)
        if (
            trainee is not None
            and workshop is not None
            and not visible_trainees(user).filter(pk=trainee.pk, workshops=workshop).exists()
        ):
            raise serializers.ValidationError(
                {"trainee": [_("Not a trainee of this workshop you run.")]}
            )
        if self.instance is None:
            try:
                check_log(WorkLog(**data), user)
            except WorkRuleError as error:
                raise _rule_errors(error) from None
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
        with transaction.atomic():
            Shift.objects.select_for_update().get(pk=serializer.validated_data["shift"].pk)
            serializer.save(created_by=self.request.user, modified_by=self.request.user)


class WorkLogViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    queryset = WorkLog.objects.select_related("trainee")
    serializer_class = WorkLogSerializer
    filterset_fields = ["trainee", "workshop", "date", "status", "attendance", "work_type"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer: Any) -> None:
        serializer.save(created_by=self.request.user, modified_by=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        """A change goes through the same correction path as the pages (history kept;
        an approved log gets an amending log)."""
        changes = {
            name: value
            for name, value in serializer.validated_data.items()
            if name not in ("trainee", "date", "workshop")
        }
        try:
            serializer.instance = correct(serializer.instance, changes, self.request.user)
        except WorkRuleError as error:
            raise _rule_errors(error) from None
