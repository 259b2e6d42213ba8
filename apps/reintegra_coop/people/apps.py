from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "reintegra_coop.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from reintegra_coop.core import roles, scoping
        from reintegra_coop.core.integrity import register

        from . import integrity, work_list
        from .roles import current_role_of, held_role_of
        from .scoping import visible_trainees, visible_workshops

        register(integrity.trainee_logins_with_rights)
        roles.offer_role_lookups(current=current_role_of, held=held_role_of)
        scoping.offer_audiences(trainees=visible_trainees, workshops=visible_workshops)
        work_list.offer()
