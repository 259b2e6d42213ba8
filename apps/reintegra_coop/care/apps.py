from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "reintegra_coop.care"
    label = "care"
    verbose_name = _("Care")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from reintegra_coop.core.roles import Role
        from reintegra_coop.people.facts import offer_trainee_facts
        from reintegra_coop.people.home import offer_needs
        from reintegra_coop.people.stages import offer_record_check, offer_stage_requirement
        from reintegra_coop.work import sources

        from . import needs, notices
        from .constraints import load_limits
        from .models import UnavailableBlock, WorkConstraint
        from .pauses import paused_facts, pauses_in_trial
        from .stage_rules import diagnoses_complete

        offer_needs(frozenset({Role.MANAGER, Role.CARE_WORKER}), needs.needs, order=40)
        sources.offer_limits(load_limits)
        offer_stage_requirement(diagnoses_complete)
        offer_record_check(pauses_in_trial)
        offer_trainee_facts(paused_facts)
        sources.logs_approved.connect(_recompute_milestones, dispatch_uid="care.milestones")
        notices.offer()
        for model in (WorkConstraint, UnavailableBlock):
            post_save.connect(
                notices.constraint_saved, sender=model, dispatch_uid=f"care.limits.{model.__name__}"
            )


def _recompute_milestones(sender: Any, trainee_ids: set[int], **kwargs: Any) -> None:
    from .progress import recompute

    recompute(trainee_ids)
