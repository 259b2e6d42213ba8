from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "reintegra_coop.pathways"
    label = "pathways"
    verbose_name = _("Pathways out")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from reintegra_coop.core.roles import Role
        from reintegra_coop.people.facts import offer_trainee_facts, offer_trainee_links
        from reintegra_coop.people.home import offer_needs
        from reintegra_coop.people.models import StageChange

        from . import needs, notices
        from .day_work import day_work_facts
        from .exits import stage_change_saved
        from .links import pathway_links

        post_save.connect(stage_change_saved, sender=StageChange, dispatch_uid="pathways.exits")
        offer_trainee_links(pathway_links)
        offer_trainee_facts(day_work_facts)
        offer_needs(frozenset({Role.MANAGER, Role.CARE_WORKER}), needs.needs, order=45)
        coaches = frozenset({Role.MANAGER, Role.CARE_WORKER, Role.INSTRUCTOR})
        offer_needs(coaches, needs.coach_needs, order=46)
        notices.offer()
