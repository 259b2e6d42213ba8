from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from .models import Trainee  # noqa: F401 - named in the base class below


class TraineeQuerySet(models.QuerySet["Trainee"]):
    def current(self) -> TraineeQuerySet:
        """Without the records withdrawn as entered by mistake."""
        return self.filter(withdrawn_at__isnull=True)

    def in_stage(self, *stages: str) -> TraineeQuerySet:
        return self.filter(stage__in=stages)

    def in_programme(self) -> TraineeQuerySet:
        """Trainees who work with us now: on trial or participants (graduates are followed up)."""
        from .models import Stage

        return self.in_stage(Stage.TRIAL, Stage.PARTICIPANT)

    def in_workshop(self, workshop: Any) -> TraineeQuerySet:
        return self.filter(workshops=workshop)

    def by_name(self) -> TraineeQuerySet:
        return self.order_by("last_name", "first_name", "pk")
