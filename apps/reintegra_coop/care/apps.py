from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "reintegra_coop.care"
    label = "care"
    verbose_name = _("Care")

    def ready(self) -> None:
        from reintegra_coop.work import sources

        from .constraints import load_limits

        sources.offer_limits(load_limits)
        sources.logs_approved.connect(_recompute_milestones, dispatch_uid="care.milestones")


def _recompute_milestones(sender: Any, trainee_ids: set[int], **kwargs: Any) -> None:
    from .progress import recompute

    recompute(trainee_ids)
